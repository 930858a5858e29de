import { type GetTimeSeriesParams, previousRange } from '@usagekit/core'
import { useMemo } from 'react'
import { useUsageSelection } from '../context/UsageProvider.js'
import { useAdapterQuery } from './useAdapterQuery.js'

/**
 * The previous period of a chart's query, for the Compare overlay: the same bucket, metrics and
 * filters over `previousRange(range, { now })` — the equally long period before, cut at the same
 * elapsed point while the range is running (docs/time.md). One request, and only while `enabled`.
 * `total` asks without the grouping (one series): a stacked chart compares its total.
 */
export function usePreviousTimeSeries(params: Omit<GetTimeSeriesParams, 'signal'> | null | undefined, { enabled, total }: { enabled: boolean; total: boolean }) {
  const { anchor } = useUsageSelection()
  const previousParams = useMemo(() => {
    if (!params || !enabled) return null
    const { groupBy: _groupBy, limit: _limit, ...rest } = params
    const base = total ? rest : params
    return { ...base, range: previousRange(params.range, { now: anchor }) }
  }, [params, enabled, total, anchor])
  // No placeholder: another period's values would be drawn against this one's buckets.
  return useAdapterQuery('getTimeSeries', previousParams, { keepPrevious: false })
}
