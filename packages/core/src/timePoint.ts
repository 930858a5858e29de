import type { InstantInput } from './timeRange'
import type { Metric } from './metrics'
import type { TimeSeriesResult } from './types'

/**
 * One bucket of a series: when it starts and its value. The input of the spend-control functions
 * (`forecastPeriodEnd`, `budgetCrossing`, `detectAnomalies`). `null` (an empty bucket of a
 * latency metric) counts as no value; for the sums these functions are meant for, an empty bucket is 0.
 */
export interface TimePoint {
  start: InstantInput
  value: number | null
}

/**
 * The points of one series of a time-series answer, bucket by bucket: `seriesKey` is `total`
 * without `groupBy`. An unknown key or metric gives an empty list (nothing to forecast or flag).
 */
export function seriesPoints(result: Pick<TimeSeriesResult, 'buckets' | 'series'>, seriesKey: string, metric: Metric): TimePoint[] {
  const values = result.series.find((series) => series.key === seriesKey)?.values[metric]
  if (!values) return []
  return result.buckets.map((bucket, i) => ({ start: bucket.start, value: values[i] ?? null }))
}
