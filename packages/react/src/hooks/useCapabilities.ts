import { type UsageLimits, resolveLimits } from '@usagekit/core'
import { useAdapterQuery } from './useAdapterQuery.js'

/** The adapter's metrics, dimensions, currency and limits (the UI hides what it does not support). */
export function useCapabilities() {
  return useAdapterQuery('getCapabilities', {})
}

/** The adapter's limits (the defaults until its capabilities arrive): controls never offer what it would refuse. */
export function useLimits(): UsageLimits {
  return resolveLimits(useCapabilities().data?.limits)
}
