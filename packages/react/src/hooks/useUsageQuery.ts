import { type Bucket, type Filters, type TimeRange, type UsageQuery, resolveTimeRange } from '@usagekit/core'
import { useMemo } from 'react'
import { useUsageConfig, useUsageSelection } from '../context/UsageProvider.js'
import { useSupport } from './useCapabilities.js'

export interface ResolvedUsageQuery {
  /** The query every widget shares; `null` until the time zone and clock are known (server render). */
  query: UsageQuery | null
  /** The bucket of the range's preset or the automatic pick for a custom range. */
  bucket: Bucket | null
}

function mergeFilters(chosen: Filters, fixed: Filters, offered: (dimension: keyof Filters) => boolean): Filters {
  const out: Filters = {}
  // A choice on a dimension the adapter does not offer (an old link, a host default) is ignored.
  for (const [dimension, values] of Object.entries(chosen) as [keyof Filters, string[] | undefined][]) {
    if (values && values.length && offered(dimension)) out[dimension] = [...values].sort()
  }
  // Fixed filters win: a viewer cannot widen what the host pinned.
  for (const [dimension, values] of Object.entries(fixed) as [keyof Filters, string[] | undefined][]) {
    if (values && values.length) out[dimension] = [...values].sort()
  }
  return out
}

/**
 * The shared query (range, zone, filters) of the page, resolved from the selection. `overrides`
 * narrow it for one widget: filters per dimension, and a span in place of the range (a drill-down).
 */
export function useUsageQuery(overrides: { filters?: Filters; range?: TimeRange } = {}): ResolvedUsageQuery {
  const { timeZone } = useUsageConfig()
  const { range, filters, fixedFilters, anchor } = useUsageSelection()
  const support = useSupport()
  return useMemo(() => {
    if (timeZone === undefined || anchor === undefined) return { query: null, bucket: null }
    const resolved = resolveTimeRange(range, { timeZone, now: anchor })
    const merged = mergeFilters({ ...filters, ...overrides.filters }, fixedFilters, support.dimension)
    const query: UsageQuery = { range: overrides.range ?? resolved.range, timeZone }
    if (Object.keys(merged).length) query.filters = merged
    return { query, bucket: resolved.bucket }
  }, [timeZone, anchor, range, filters, fixedFilters, overrides.filters, overrides.range, support])
}
