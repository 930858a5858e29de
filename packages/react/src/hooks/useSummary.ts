import type { Filters, Metric } from '@usagekit/core'
import { useMemo } from 'react'
import { useAdapterQuery } from './useAdapterQuery.js'
import { useUsageQuery } from './useUsageQuery.js'

export interface UseSummaryOptions {
  metrics: Metric[]
  compareToPrevious?: boolean
  filters?: Filters
  /** Set false to hold the query (no request), e.g. until the capabilities say which metrics exist. */
  enabled?: boolean
}

/** Totals of the page's query (and the previous period) for KPI cards. */
export function useSummary({ metrics, compareToPrevious = false, filters, enabled = true }: UseSummaryOptions) {
  const { query } = useUsageQuery({ filters })
  const key = metrics.join(',')
  const params = useMemo(() => (query && enabled ? { ...query, metrics, compareToPrevious } : null), [query, key, compareToPrevious, enabled])
  return useAdapterQuery('getSummary', params)
}
