import { ADAPTER_METHODS } from '../adapterMethods'
import type { AdapterMethod, UsageAdapter } from '../types'

/**
 * An adapter for unit tests and stories: the methods you pass, and for every other method one
 * that rejects with a clear "not implemented" error (so a widget shows its error state).
 */
export function testAdapter(overrides: Partial<UsageAdapter> = {}): UsageAdapter {
  const adapter = {} as Record<AdapterMethod, (...args: never[]) => Promise<unknown>>
  for (const method of ADAPTER_METHODS) {
    const own = overrides[method] as ((...args: never[]) => Promise<unknown>) | undefined
    adapter[method] =
      own?.bind(overrides) ??
      (async () => {
        throw new Error(`testAdapter: ${method} is not implemented in this test adapter; pass it in testAdapter({ ${method}: async (params) => … }).`)
      })
  }
  return adapter as unknown as UsageAdapter
}
