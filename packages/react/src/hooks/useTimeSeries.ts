import { type Bucket, type Dimension, type Metric, NOMINAL_BUCKET_MS, BUCKETS, chooseChartBucket } from '@usagekit/core'
import { useMemo } from 'react'
import { useAdapterQuery } from './useAdapterQuery.js'
import { useUsageQuery } from './useUsageQuery.js'

export interface UseTimeSeriesOptions {
  metrics: Metric[]
  /** A widget's own bucket (seed 001's active users per day is always `1d`); default the range's. */
  bucket?: Bucket
  groupBy?: Dimension
  limit?: number
  /** Charts draw at most this many bars; a finer bucket is coarsened (default 1,000). */
  maxBars?: number
  /** Set false to hold the query (no request). */
  enabled?: boolean
  /**
   * The chart's plot, to choose the bucket from pixels (docs/design.md, "Buckets from pixels"): its
   * width in CSS pixels, bars or lines, and side-by-side bars per bucket. `keepFinest` keeps a widget's
   * own bucket on long ranges (the pixel rule still applies).
   */
  plot?: { widthPx: number; kind?: 'bars' | 'lines'; barsPerBucket?: number; keepFinest?: boolean }
}

/** The finest bucket at or above `bucket` that keeps bars (buckets × series) under `maxBars`. */
export function coarsenBucket(bucket: Bucket, durationMs: number, series: number, maxBars: number): Bucket {
  for (const candidate of BUCKETS.slice(BUCKETS.indexOf(bucket))) {
    if ((durationMs / NOMINAL_BUCKET_MS[candidate]) * series <= maxBars) return candidate
  }
  return '1mo'
}

/** Buckets and series of the page's query for a chart. */
export function useTimeSeries({ metrics, bucket, groupBy, limit, maxBars = 1000, enabled = true, plot }: UseTimeSeriesOptions) {
  const resolved = useUsageQuery()
  const key = metrics.join(',')
  const params = useMemo(() => {
    if (!resolved.query || !resolved.bucket || !enabled) return null
    const { range } = resolved.query
    const duration = Date.parse(range.end) - Date.parse(range.start)
    const finest = bucket ?? resolved.bucket
    const fitted = plot
      ? chooseChartBucket({ range, timeZone: resolved.query.timeZone, widthPx: plot.widthPx, finest, kind: plot.kind, barsPerBucket: plot.barsPerBucket, keepFinest: plot.keepFinest })
      : finest
    const chosen = coarsenBucket(fitted, duration, 1, maxBars)
    return { ...resolved.query, bucket: chosen, metrics, ...(groupBy ? { groupBy } : {}), ...(limit ? { limit } : {}) }
  }, [resolved, key, bucket, groupBy, limit, maxBars, enabled, plot?.widthPx, plot?.kind, plot?.barsPerBucket, plot?.keepFinest])
  const query = useAdapterQuery('getTimeSeries', params)
  // The bucket actually asked for (after coarsening), for axis and tooltip labels; the params for a
  // companion query over the previous period (the Compare overlay).
  return { ...query, bucket: params?.bucket, range: params?.range, params }
}
