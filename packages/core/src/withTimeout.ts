import { type AdapterCall, type AdapterMethod, type AdapterResult, mapAdapter } from './adapterMethods'
import { TimeoutError } from './errors'
import type { UsageAdapter } from './types'

/**
 * Every call answers or fails within `ms`: a backend that hangs fails its widget (or its HTTP
 * request) visibly instead of forever. On timeout the call's signal is aborted with the
 * `TimeoutError`, so an adapter that passes it on cancels the engine's statement; the caller's own
 * signal still aborts the call too.
 */
export function withTimeout(adapter: UsageAdapter, ms: number): UsageAdapter {
  return mapAdapter(
    <M extends AdapterMethod>(method: M): AdapterCall<M> =>
      (params) =>
        new Promise<AdapterResult<M>>((resolve, reject) => {
          const controller = new AbortController()
          const outer = (params as { signal?: AbortSignal } | undefined)?.signal
          const onAbort = () => {
            controller.abort(outer?.reason)
            reject(outer?.reason ?? new DOMException('The call was aborted.', 'AbortError'))
          }
          if (outer?.aborted) return onAbort()
          outer?.addEventListener('abort', onAbort, { once: true })
          const timer = setTimeout(() => {
            const error = new TimeoutError(method, ms)
            controller.abort(error)
            reject(error)
          }, ms)
          const call = adapter[method] as unknown as AdapterCall<M>
          let pending: Promise<AdapterResult<M>>
          try {
            pending = call.call(adapter, { ...params, signal: controller.signal } as typeof params)
          } catch (error) {
            pending = Promise.reject(error)
          }
          pending.then(resolve, reject).finally(() => {
            clearTimeout(timer)
            outer?.removeEventListener('abort', onAbort)
          })
        }),
  )
}
