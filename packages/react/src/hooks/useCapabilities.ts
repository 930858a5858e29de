import { useAdapterQuery } from './useAdapterQuery.js'

/** The adapter's metrics, dimensions, currency and limits (the UI hides what it does not support). */
export function useCapabilities() {
  return useAdapterQuery('getCapabilities', {})
}
