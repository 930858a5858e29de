import { type Anomaly, type TimeBucket, detectAnomalies } from '@usagekit/core'
import type { ChartAnomaly, ChartSeries } from '../charts/TimeChart.js'

/** A marked bucket must hold at least this share of the chart's busiest bucket (all series together). */
export const CHART_ANOMALY_MIN_SHARE = 0.01

/**
 * The unusual buckets of every drawn series (`detectAnomalies` per series on the chart's own data,
 * in the viewer's zone), each with the tooltip's words from `describe` ("3.4× usual spend"). A series
 * is only compared with its own past, so a short range (under a week of days, a day of hours)
 * marks nothing. The minimum volume is relative, so it holds for any metric and currency: a point
 * under 1 % of the chart's busiest bucket is never marked (a $0.05-a-day series spiking to $0.50
 * beside a team spending $500 a day is noise on this chart; alone on its own chart it is not).
 */
export function chartAnomalies(
  buckets: readonly TimeBucket[],
  series: readonly ChartSeries[],
  options: { timeZone: string; describe: (anomaly: Anomaly) => string },
): ChartAnomaly[] {
  const out: ChartAnomaly[] = []
  let busiest = 0
  buckets.forEach((_, i) => {
    busiest = Math.max(busiest, series.reduce((sum, s) => sum + Math.max(0, s.values[i] ?? 0), 0))
  })
  const minValue = CHART_ANOMALY_MIN_SHARE * busiest
  for (const s of series) {
    const points = buckets.map((bucket, i) => ({ start: bucket.start, value: s.values[i] ?? null }))
    for (const anomaly of detectAnomalies(points, { timeZone: options.timeZone, minValue })) {
      out.push({ seriesKey: s.key, index: anomaly.index, text: options.describe(anomaly) })
    }
  }
  return out
}

/** How many times the usual value a flagged one is, to one decimal ("3.4"); `null` against a usual 0. */
export function anomalyRatio(anomaly: Pick<Anomaly, 'value' | 'expected'>): number | null {
  return anomaly.expected > 0 ? anomaly.value / anomaly.expected : null
}
