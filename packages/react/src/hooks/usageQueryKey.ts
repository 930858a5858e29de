import type { AdapterMethod } from '@usagekit/core'

/** Every usagekit query key: `['usagekit', method, params]` (params without the signal). */
export function usageQueryKey(method: AdapterMethod, params: object | null): readonly ['usagekit', AdapterMethod, object | null] {
  return ['usagekit', method, params]
}
