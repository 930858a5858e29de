import { BUCKETS, NOMINAL_BUCKET_MS, bucketEdges } from './bucketBoundaries'
import type { Bucket, TimeRange } from './types'

/** The band padding a bar chart keeps between buckets (a share of each bucket's slot). */
export const BAR_BAND_PADDING = 0.2
/** The padding between side-by-side bars of one bucket (a share of the bar's sub-slot). */
export const BAR_GROUP_PADDING = 0.08
/** The narrowest bar a chart draws, in CSS pixels (every bar of a group counts). */
export const MIN_BAR_PX = 5
/** The closest two points of a line chart may be, in CSS pixels. */
export const MIN_POINT_PX = 3
/** From this many days on, a chart reads as a trend: buckets are at least a day (no day/night zigzag). */
export const TREND_MIN_DAYS = 6.5

export interface ChartBucketOptions {
  range: TimeRange
  timeZone: string
  /** The plot's width in CSS pixels (the chart's width without its axes). */
  widthPx: number
  /** The finest bucket allowed: the range's (preset) bucket or the widget's own. */
  finest: Bucket
  kind?: 'bars' | 'lines'
  /** Bars standing side by side in one bucket (a stack counts once). Default 1. */
  barsPerBucket?: number
  minBarPx?: number
  /** Keep the widget's bucket even on long ranges (no trend rule); the pixel rule still applies. */
  keepFinest?: boolean
}

/** The width of one bar when `count` buckets of `barsPerBucket` side-by-side bars share `widthPx`. */
export function barWidthPx(widthPx: number, count: number, barsPerBucket = 1): number {
  // The same arithmetic as d3's scaleBand: padding inner and outer on buckets, inner only on a group.
  const n = Math.max(1, count)
  const band = (widthPx / (n + BAR_BAND_PADDING)) * (1 - BAR_BAND_PADDING)
  if (barsPerBucket <= 1) return band
  return (band / (barsPerBucket - BAR_GROUP_PADDING)) * (1 - BAR_GROUP_PADDING)
}

/**
 * The bucket a chart draws, chosen from its pixels (docs/design.md, "Buckets from pixels"): the finest
 * bucket at or above `finest` such that
 * - a bar chart's every bar (each of a side-by-side group) is at least `minBarPx` (5 px) wide, and
 *   a line chart's points are at least 3 px apart;
 * - a range of a week or more is read as a trend: at least daily buckets, so spend does not zigzag
 *   day/night, and charts of one page on one range agree (By team and By user both draw days).
 * Bucket counts are exact (edges in the zone, partial buckets at both ends included).
 */
export function chooseChartBucket(options: ChartBucketOptions): Bucket {
  const { range, timeZone, widthPx, finest, kind = 'bars', barsPerBucket = 1, minBarPx = MIN_BAR_PX, keepFinest = false } = options
  const startMs = Date.parse(range.start)
  const endMs = Date.parse(range.end)
  const durationMs = Math.max(0, endMs - startMs)
  let from = Math.max(0, BUCKETS.indexOf(finest))
  if (!keepFinest && durationMs >= TREND_MIN_DAYS * 86_400_000) from = Math.max(from, BUCKETS.indexOf('1d'))
  const width = Math.max(1, widthPx)
  for (const bucket of BUCKETS.slice(from)) {
    const nominal = durationMs / NOMINAL_BUCKET_MS[bucket]
    // Far too fine: skip before counting edges exactly.
    if (nominal > width) continue
    const count = Math.max(1, bucketEdges(startMs, endMs, bucket, timeZone).length - 1)
    const fits = kind === 'lines' ? width / count >= MIN_POINT_PX : barWidthPx(width, count, barsPerBucket) >= minBarPx
    if (fits) return bucket
  }
  return '1mo'
}
