import type { UsageAdapter } from '@usagekit/core'

/**
 * `withValidation` from core, loaded with the schema library on the first call instead of in every
 * widget's bundle. Every answer is still validated before a widget sees it.
 */
export function withLazyValidation(adapter: UsageAdapter): UsageAdapter {
  let validated: Promise<UsageAdapter> | null = null
  const load = () => {
    validated ??= import('@usagekit/core/validation').then((module) => module.withValidation(adapter))
    return validated
  }
  return {
    getCapabilities: async (params) => (await load()).getCapabilities(params),
    getSummary: async (params) => (await load()).getSummary(params),
    getTimeSeries: async (params) => (await load()).getTimeSeries(params),
    getBreakdown: async (params) => (await load()).getBreakdown(params),
    listRequests: async (params) => (await load()).listRequests(params),
    getRequest: async (params) => (await load()).getRequest(params),
    getDimensionValues: async (params) => (await load()).getDimensionValues(params),
  }
}
