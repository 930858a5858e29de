import { type Anomaly, type TimeBucket, detectAnomalies } from '@usagekit/core'
import type { ChartAnomaly, ChartSeries } from '../charts/TimeChart.js'

/**
 * The unusual buckets of every drawn series (`detectAnomalies` per series on the chart's own data,
 * in the viewer's zone), each with the tooltip's words from `describe` ("3.4× usual spend"). A series
 * is only compared with its own past, so a short range (under a week of days, a day of hours)
 * marks nothing.
 */
export function chartAnomalies(
  buckets: readonly TimeBucket[],
  series: readonly ChartSeries[],
  options: { timeZone: string; describe: (anomaly: Anomaly) => string },
): ChartAnomaly[] {
  const out: ChartAnomaly[] = []
  for (const s of series) {
    const points = buckets.map((bucket, i) => ({ start: bucket.start, value: s.values[i] ?? null }))
    for (const anomaly of detectAnomalies(points, { timeZone: options.timeZone })) {
      out.push({ seriesKey: s.key, index: anomaly.index, text: options.describe(anomaly) })
    }
  }
  return out
}

/** How many times the usual value a flagged one is, to one decimal ("3.4"); `null` against a usual 0. */
export function anomalyRatio(anomaly: Pick<Anomaly, 'value' | 'expected'>): number | null {
  return anomaly.expected > 0 ? anomaly.value / anomaly.expected : null
}
