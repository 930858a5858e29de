import type { Bucket, Dimension, Metric, SortDirection } from '@usagekit/core'
import { useMemo } from 'react'
import { useAdapterQuery } from './useAdapterQuery.js'
import { useUsageQuery } from './useUsageQuery.js'

export interface UseBreakdownOptions {
  groupBy: Dimension
  metrics: Metric[]
  sort?: { metric: Metric; direction: SortDirection }
  search?: string
  limit?: number
  offset?: number
  /** Sparkline: a metric per bucket (default the range's bucket). */
  trend?: { metric: Metric; bucket?: Bucket }
  /** Set false to hold the query (no request). */
  enabled?: boolean
}

/** Rows of a breakdown (users, teams, models…) for tables and bar lists. */
export function useBreakdown({ groupBy, metrics, sort, search, limit, offset, trend, enabled = true }: UseBreakdownOptions) {
  const { query, bucket } = useUsageQuery()
  const key = metrics.join(',')
  const params = useMemo(() => {
    if (!query || !bucket || !enabled) return null
    return {
      ...query,
      groupBy,
      metrics,
      ...(sort ? { sort } : {}),
      ...(search ? { search } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(offset ? { offset } : {}),
      ...(trend ? { trend: { metric: trend.metric, bucket: trend.bucket ?? bucket } } : {}),
    }
  }, [query, bucket, groupBy, key, sort?.metric, sort?.direction, search, limit, offset, trend?.metric, trend?.bucket, enabled])
  return useAdapterQuery('getBreakdown', params)
}
