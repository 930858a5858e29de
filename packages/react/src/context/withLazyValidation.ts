import { type AdapterCall, type AdapterMethod, type UsageAdapter, mapAdapter } from '@usagekit/core'

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
  return mapAdapter(
    <M extends AdapterMethod>(method: M): AdapterCall<M> =>
      async (params) =>
        ((await load())[method] as unknown as AdapterCall<M>)(params),
  )
}
