import type { AdapterMethod, UsageAdapter } from '@usagekit/core'

/** An adapter call that did not answer in time: the widget shows it with a Retry. */
export class AdapterTimeoutError extends Error {
  readonly method: AdapterMethod
  constructor(method: AdapterMethod, ms: number) {
    super(`${method} did not answer within ${ms >= 1000 ? `${Math.round(ms / 1000)} seconds` : `${ms} ms`}.`)
    this.name = 'AdapterTimeoutError'
    this.method = method
  }
}

/**
 * Every call answers or fails within `ms`: a backend that hangs fails its widget visibly instead of
 * leaving a skeleton forever. The adapter's signal is aborted on timeout too, so it can stop work.
 */
export function withTimeout(adapter: UsageAdapter, ms: number): UsageAdapter {
  const wrap =
    <M extends AdapterMethod>(method: M) =>
    (params?: { signal?: AbortSignal }) =>
      new Promise((resolve, reject) => {
        const controller = new AbortController()
        const outer = params?.signal
        const onAbort = () => controller.abort(outer?.reason)
        if (outer?.aborted) onAbort()
        else outer?.addEventListener('abort', onAbort, { once: true })
        const timer = setTimeout(() => {
          const error = new AdapterTimeoutError(method, ms)
          controller.abort(error)
          reject(error)
        }, ms)
        ;(adapter[method] as (p: unknown) => Promise<unknown>)({ ...params, signal: controller.signal })
          .then(resolve, reject)
          .finally(() => {
            clearTimeout(timer)
            outer?.removeEventListener('abort', onAbort)
          })
      })
  return {
    getCapabilities: wrap('getCapabilities'),
    getSummary: wrap('getSummary'),
    getTimeSeries: wrap('getTimeSeries'),
    getBreakdown: wrap('getBreakdown'),
    listRequests: wrap('listRequests'),
    getRequest: wrap('getRequest'),
    getDimensionValues: wrap('getDimensionValues'),
  } as UsageAdapter
}
