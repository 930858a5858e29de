import { type Dimension, type Metric, type UsageLimits, expandMetrics, resolveLimits } from '@usagekit/core'
import { useMemo } from 'react'
import { useAdapterQuery } from './useAdapterQuery.js'

/** The adapter's metrics, dimensions, currency and limits (the UI hides what it does not support). */
export function useCapabilities() {
  return useAdapterQuery('getCapabilities', {})
}

/** The adapter's limits (the defaults until its capabilities arrive): controls never offer what it would refuse. */
export function useLimits(): UsageLimits {
  return resolveLimits(useCapabilities().data?.limits)
}

/** What the adapter can answer, from its capabilities: widgets show only that (capabilities follow the data). */
export interface UsageSupport {
  /**
   * False until the capabilities arrive: a widget waits (skeleton) rather than ask for a metric the
   * adapter may not have. When they fail to load, everything counts as offered and each widget's own
   * query shows the adapter's answer.
   */
  known: boolean
  /** A metric the adapter offers; a ratio when it offers both of its sums. */
  metric: (metric: Metric) => boolean
  /** A dimension the adapter can group and filter by. */
  dimension: (dimension: Dimension) => boolean
}

/** Which metrics and dimensions the adapter offers (see `UsageSupport`). */
export function useSupport(): UsageSupport {
  const { data, isError } = useCapabilities()
  return useMemo<UsageSupport>(() => {
    if (!data) return { known: isError, metric: () => true, dimension: () => true }
    const metrics = new Set(data.metrics.map((definition) => definition.id))
    const dimensions = new Set(data.dimensions)
    return {
      known: true,
      metric: (metric) => expandMetrics([metric]).every((base) => metrics.has(base)),
      dimension: (dimension) => dimensions.has(dimension),
    }
  }, [data, isError])
}
