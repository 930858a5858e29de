import { toEpochMs, toIso } from './timeRange'
import type { TimePoint } from './timePoint'
import { assertTimeZone, offsetMinutes } from './timeZone'

/** A point well outside what its own series makes usual. */
export interface Anomaly {
  /** Position of the point in the input. */
  index: number
  /** The point's start, as an ISO instant. */
  start: string
  value: number
  /** The baseline: the median of comparable earlier points. */
  expected: number
  /** How far from the baseline, in robust standard deviations (negative below it). */
  score: number
}

/**
 * Which earlier points a point is compared with:
 * - `hourOfWeek`: the same local hour of the same weekday (Tuesday 14:00 with earlier Tuesdays 14:00);
 * - `dayOfWeek`: the same local weekday;
 * - `none`: the points just before it.
 * `auto` picks `hourOfWeek` for buckets under a day, `dayOfWeek` for daily buckets and `none` for
 * coarser ones, and falls back to `none` for a point whose slot has too little history yet.
 */
export type AnomalySeasonality = 'auto' | 'hourOfWeek' | 'dayOfWeek' | 'none'

export interface DetectAnomaliesOptions {
  /** `up` (default): spikes only, what a spend alert is for; `both`: drops too (an outage, a broken pipeline). */
  direction?: 'up' | 'both'
  /** Robust z-score a point must reach (default 6). */
  threshold?: number
  /**
   * How many times its baseline a flagged point must be (default 3; for drops, at most 1/3 of it).
   * The baseline here is the larger of the seasonal median and the series' recent mean, so a
   * weekend day at a weekday's level is not a spike because weekends are usually quiet.
   */
  minRatio?: number
  /**
   * The minimum volume: a point below this value is never flagged, nor a drop from a baseline below
   * it. In the series' unit (default 0): `1` ignores spikes under $1 in a cost series.
   */
  minValue?: number
  /** IANA zone of the local hours and weekdays. Default `UTC`. */
  timeZone?: string
  seasonality?: AnomalySeasonality
  /** Earlier same-slot points a seasonal baseline uses, most recent first (default 8). */
  seasons?: number
}

/** Same-slot points needed before a seasonal baseline is used. */
const MIN_SEASONS = 3
/** Points of the recent window (mean, spread floor) by bucket kind: a week of hours, four weeks of days. */
const RECENT_POINTS = { hourly: 168, daily: 28, coarse: 12 }
/** Earlier points needed before anything is flagged: a day of hours, a week of days, four longer buckets. */
const MIN_HISTORY = { hourly: 24, daily: 7, coarse: 4 }
/** The spread is at least this share of the baseline: steady data has a MAD of 0. */
const MIN_RELATIVE_SPREAD = 0.1
const MAD_TO_SIGMA = 1.4826
const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Points of a series that stand out from a robust baseline of the same series. Pure: it reads only
 * the points, and compares each with the points before it, never after, so a marker does not move
 * as data arrives.
 *
 * For each point:
 * - baseline (`expected`): the median of its last `seasons` (8) same-slot points (see
 *   `AnomalySeasonality`); for hourly points with fewer than 3 of them, of the same hour on earlier
 *   days; otherwise of the recent window (a week of hours, four weeks of days). Nothing is flagged
 *   before a day of hourly, a week of daily or four coarser points exist;
 * - spread: 1.4826 × the median absolute deviation of the baseline points, but at least the
 *   standard deviation of the recent window and at least 10 % of the baseline — a slot that happened
 *   to be steady does not turn ordinary noise into a spike;
 * - score: (value − baseline) / spread.
 *
 * A point is flagged as a spike when all hold:
 * - score ≥ `threshold` (6);
 * - value ≥ `minRatio` (3) × the larger of baseline and recent mean (a spike, not a busy hour);
 * - value − baseline ≥ (`minRatio` − 1) × the recent mean × a span from one bucket (a steady
 *   series) to a day's buckets (a bursty one: squared coefficient of variation of the recent window
 *   ≥ 1): a bursty series' hour is marked only when it adds as much as would mark its whole day, so
 *   its odd busy hour is not a spike and an hour that costs days is; a steady series' hour at ten
 *   times its usual is;
 * - value ≥ `minValue` (the minimum volume, in the series' unit).
 * Drops (`direction: 'both'`) mirror the first two: score ≤ −threshold and value ≤ baseline / minRatio,
 * from a baseline of at least `minValue`. A flagged point counts at its baseline for the points after
 * it, so every hour of a three-hour runaway is flagged, not only the first.
 *
 * Empty buckets (`null`) count as 0. Points are read in time order; `index` is the input position.
 */
export function detectAnomalies(points: readonly TimePoint[], options: DetectAnomaliesOptions = {}): Anomaly[] {
  const timeZone = options.timeZone ?? 'UTC'
  assertTimeZone(timeZone)
  const threshold = options.threshold ?? 6
  const minRatio = options.minRatio ?? 3
  const minValue = options.minValue ?? 0
  const seasons = options.seasons ?? 8
  const both = options.direction === 'both'

  const sorted = points
    .map((point, index) => ({ index, ms: toEpochMs(point.start), value: point.value ?? 0 }))
    .filter((point) => Number.isFinite(point.ms) && Number.isFinite(point.value))
    .sort((a, b) => a.ms - b.ms)
  if (sorted.length < 2) return []

  const steps = sorted.slice(1).map((point, i) => point.ms - sorted[i]!.ms)
  const step = median(steps)
  const kind = step < DAY_MS - 2 * HOUR_MS ? 'hourly' : step <= DAY_MS + 2 * HOUR_MS ? 'daily' : 'coarse'
  const seasonality = options.seasonality ?? 'auto'
  const slotKind = seasonality === 'auto' ? (kind === 'hourly' ? 'hourOfWeek' : kind === 'daily' ? 'dayOfWeek' : 'none') : seasonality
  const slots = sorted.map((point) => slotOf(point.ms, slotKind, timeZone))
  const recentPoints = RECENT_POINTS[kind]
  const minHistory = MIN_HISTORY[kind]
  const pointsPerDay = Math.max(1, Math.round(DAY_MS / step))
  // Hourly points without enough same-weekday history fall back to the same hour of earlier days.
  const hourOfDay = slotKind === 'hourOfWeek' ? sorted.map((point) => slotOf(point.ms, 'hourOfDay', timeZone)) : null

  const anomalies: Anomaly[] = []
  // Values as later points see them: a flagged point stands at its baseline, so a runaway's first
  // hour does not make its second look usual.
  const usual: number[] = []
  const bySlot = new Map<number, number[]>()
  const byHour = new Map<number, number[]>()
  for (let i = 0; i < sorted.length; i++) {
    const point = sorted[i]!
    const history = bySlot.get(slots[i]!) ?? []
    const hourHistory = hourOfDay ? (byHour.get(hourOfDay[i]!) ?? []) : []
    let seen = point.value
    if (i >= minHistory) {
      const recent = usual.slice(Math.max(0, i - recentPoints), i)
      let baseline = recent
      if (slotKind !== 'none' && history.length >= MIN_SEASONS) baseline = history.slice(-seasons)
      else if (hourHistory.length >= MIN_SEASONS) baseline = hourHistory.slice(-seasons)
      const expected = median(baseline)
      const recentMean = recent.reduce((sum, value) => sum + value, 0) / recent.length
      const recentDeviation = Math.sqrt(recent.reduce((sum, value) => sum + (value - recentMean) ** 2, 0) / recent.length)
      const spread = Math.max(
        MAD_TO_SIGMA * median(baseline.map((value) => Math.abs(value - expected))),
        recentDeviation,
        MIN_RELATIVE_SPREAD * Math.abs(expected),
      )
      const score = spread > 0 ? (point.value - expected) / spread : 0
      // How many buckets' worth of usual spend the extra must be: in a bursty series (sparse hours,
      // a few costly requests) as much as would flag its whole day, so its odd busy hour is not a
      // spike and an hour that costs days is; in a steady one a single bucket's, so an hour at ten
      // times its steady usual is. Burstiness is the squared coefficient of variation (1 or more
      // for sparse or heavy-tailed buckets, near 0 for steady ones).
      const burstiness = recentMean > 0 ? Math.min(1, (recentDeviation / recentMean) ** 2) : 1
      const span = 1 + (pointsPerDay - 1) * burstiness
      const spike =
        score >= threshold &&
        point.value >= minRatio * Math.max(expected, recentMean) &&
        point.value - expected >= (minRatio - 1) * recentMean * span &&
        point.value >= minValue &&
        point.value > 0
      const drop = both && score <= -threshold && point.value * minRatio <= expected && expected >= minValue
      if (spike || drop) {
        anomalies.push({ index: point.index, start: toIso(point.ms), value: point.value, expected, score })
        seen = expected
      }
    }
    usual.push(seen)
    history.push(seen)
    bySlot.set(slots[i]!, history)
    if (hourOfDay) {
      hourHistory.push(seen)
      byHour.set(hourOfDay[i]!, hourHistory)
    }
  }
  return anomalies
}

/** The seasonal slot of an instant: local weekday × 24 + local hour, local weekday, local hour, or 0. */
function slotOf(ms: number, kind: Exclude<AnomalySeasonality, 'auto'> | 'hourOfDay', timeZone: string): number {
  if (kind === 'none') return 0
  // The wall clock as a UTC date: cheaper than a zoned date object, and hours and weekdays are all we need.
  const wall = new Date(ms + offsetMinutes(timeZone, ms) * 60_000)
  if (kind === 'hourOfDay') return wall.getUTCHours()
  return kind === 'dayOfWeek' ? wall.getUTCDay() : wall.getUTCDay() * 24 + wall.getUTCHours()
}
