import type { Filters, Metric } from '@usagekit/core'
import { useMemo } from 'react'
import { useAdapterQuery } from './useAdapterQuery.js'
import { useUsageQuery } from './useUsageQuery.js'

export interface UseSummaryOptions {
  metrics: Metric[]
  compareToPrevious?: boolean
  filters?: Filters
}

/** Totals of the page's query (and the previous period) for KPI cards. */
export function useSummary({ metrics, compareToPrevious = false, filters }: UseSummaryOptions) {
  const { query } = useUsageQuery({ filters })
  const key = metrics.join(',')
  const params = useMemo(() => (query ? { ...query, metrics, compareToPrevious } : null), [query, key, compareToPrevious])
  return useAdapterQuery('getSummary', params)
}
