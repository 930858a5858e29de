import type { Filters, Metric } from '@usagekit/core'
import { useMemo } from 'react'
import { useUsageSelection } from '../context/UsageProvider.js'
import { useAdapterQuery } from './useAdapterQuery.js'
import { useUsageQuery } from './useUsageQuery.js'

export interface UseSummaryOptions {
  metrics: Metric[]
  compareToPrevious?: boolean
  filters?: Filters
  /** Set false to hold the query (no request), e.g. until the capabilities say which metrics exist. */
  enabled?: boolean
}

/**
 * Totals of the page's query (and the previous period) for KPI cards. A comparison carries the
 * page's "now", so a running period (this month, the last two weeks with today) is compared with
 * the same elapsed part of the period before: equal elapsed time (docs/time.md).
 */
export function useSummary({ metrics, compareToPrevious = false, filters, enabled = true }: UseSummaryOptions) {
  const { query } = useUsageQuery({ filters })
  const { anchor } = useUsageSelection()
  const key = metrics.join(',')
  const params = useMemo(() => {
    if (!query || !enabled) return null
    if (!compareToPrevious || anchor === undefined) return { ...query, metrics, compareToPrevious }
    return { ...query, metrics, compareToPrevious, now: new Date(anchor).toISOString() }
  }, [query, key, compareToPrevious, enabled, anchor])
  return useAdapterQuery('getSummary', params)
}
