import { TZDate } from '@date-fns/tz'
import { addDays, startOfDay } from 'date-fns'
import { fromNanos, toNanos } from './money'
import { type InstantInput, toEpochMs } from './timeRange'
import type { TimePoint } from './timePoint'
import { assertTimeZone } from './timeZone'

export interface ForecastOptions {
  /** End of the period (exclusive): the instant the forecast total is for. */
  periodEnd: InstantInput
  /** The reader's now: points start before it; the last one may still be running. */
  now: InstantInput
  /**
   * Start of the period. Points before it are history: they shape the weekday pattern and the daily
   * rate, but only points from here on count as spent. Default: the first point's start.
   */
  periodStart?: InstantInput
  /** The zone whose local days and weekdays the spend follows. Default `UTC`. */
  timeZone?: string
}

/** One step of the expected path: the expected spend of the period up to `at` (epoch ms). */
export interface ForecastPathPoint {
  at: number
  cumulative: number
}

export interface PeriodForecast {
  /** The expected total of the period. */
  expected: number
  /** A 90 % band around it: never below `spent`, and zero wide once the period is over. */
  low: number
  high: number
  /** What the period's points add up to so far (exact to 1e-9). */
  spent: number
  /** `weekday`: a run-rate shaped by the weekday pattern of past days; `runRate`: a flat daily rate. */
  method: 'weekday' | 'runRate'
  /** The expected daily spend of an average day (before the weekday factor). */
  dailyRate: number
  /** Expected cumulative spend from now (= spent) at each local midnight to the period end (= expected). */
  path: ForecastPathPoint[]
}

/** Complete days needed before weekday factors are used: two of every weekday. */
export const WEEKDAY_MIN_DAYS = 14
/** Days the weekday factors are measured over (whole weeks, most recent). */
const WEEKDAY_WINDOW_DAYS = 28
/** Days the daily rate is measured over (most recent, whole weeks when there are enough). */
const RATE_WINDOW_DAYS = 14
/** Complete days needed before the spread of past days sets the band. */
const SPREAD_MIN_DAYS = 3
/** The band's daily spread when fewer days are known: half a day's rate. */
const UNKNOWN_SPREAD = 0.5
/** A floor under the measured daily spread: a perfectly steady past does not promise a steady future. */
const MIN_SPREAD = 0.05
/** z of a two-sided 90 % normal band. */
const BAND_Z = 1.645
const MAD_TO_SIGMA = 1.4826
const DAY_MS = 86_400_000

function median(values: readonly number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function roundMoney(amount: number): number {
  return fromNanos(toNanos(amount))
}

/** Monday 0 … Sunday 6 of a local day. */
function weekdayOf(dayStartMs: number, timeZone: string): number {
  return (new TZDate(dayStartMs, timeZone).getDay() + 6) % 7
}

function nextDay(dayStartMs: number, timeZone: string): number {
  return startOfDay(addDays(new TZDate(dayStartMs, timeZone), 1)).getTime()
}

/**
 * The expected total of a spending period (a month, a week) and a 90 % band, from the buckets of
 * the period so far. Pure: the same points and `now` give the same forecast.
 *
 * - Spent: the points from `periodStart` up to `now`, added exactly (nano-units).
 * - Daily rate: the average of the last 14 complete local days (history before the period included);
 *   before a day is complete, what was spent divided by the days elapsed.
 * - Weekday pattern: with at least 14 complete days, each weekday's factor is its mean over the last
 *   whole weeks (up to four) divided by the mean of all those days, and the rate is measured on
 *   values divided by their factor. The remaining days are then expected at rate × factor, so a
 *   month that ends on a weekend is not forecast like one that ends on weekdays.
 * - Remaining: each remaining local day (and the rest of today) at rate × factor × the share of that
 *   day still to come; expected = spent + remaining.
 * - Band: the daily spread σ is 1.4826 × the median absolute deviation of the rate window's
 *   (weekday-adjusted) days, at least 5 % of the rate (50 % before three days are known). The
 *   remaining sum varies by day (σ per remaining day) and by the rate being an estimate (σ/√n over
 *   all remaining days); the band is expected ± 1.645 of that, low never below spent. As the period
 *   elapses fewer days remain and the band narrows to nothing at its end: it is never wider than the
 *   band of the forecast made at an earlier local midnight of the period times √(the share of that
 *   forecast's remaining time still to come) — a spread measured on a few more days can come out
 *   larger — narrowed around the expected total when it would be.
 * - Points after `periodEnd` are not the period's spend (a forecast of a finished period is its total).
 *
 * Points are buckets of at most a day (hours or days); their values are money (or any sum).
 * Within a day spend is taken as even (no diurnal shape), so a forecast made mid-afternoon
 * expects a little more for the rest of the day than a quiet evening brings.
 */
export function forecastPeriodEnd(points: readonly TimePoint[], options: ForecastOptions): PeriodForecast {
  const timeZone = options.timeZone ?? 'UTC'
  assertTimeZone(timeZone)
  const nowMs = toEpochMs(options.now)
  const endMs = toEpochMs(options.periodEnd)
  if (!Number.isFinite(nowMs) || !Number.isFinite(endMs)) throw new RangeError('forecastPeriodEnd: now and periodEnd must be instants.')
  const all = points
    .map((point) => ({ start: toEpochMs(point.start), value: point.value ?? 0 }))
    .filter((point) => Number.isFinite(point.start) && Number.isFinite(point.value))
    .sort((a, b) => a.start - b.start)
  const known = all.filter((point) => point.start < nowMs)
  const startMs = options.periodStart === undefined ? (known[0]?.start ?? nowMs) : toEpochMs(options.periodStart)
  const forecast = forecastAt(known, { startMs, endMs, nowMs, timeZone })

  // The band narrows as the period elapses: it is at most the band of the forecast made at any
  // earlier local midnight of the period, shrunk by the square root of the share of that forecast's
  // remaining time still to come (day-to-day noise adds up as √days). A spread measured on a few
  // more days can come out larger than the last; the reader would see the band grow for no reason.
  const remainingMs = (at: number) => Math.max(0, endMs - Math.max(at, startMs))
  let width = forecast.high - forecast.low
  for (let day = nextDay(startOfDay(new TZDate(startMs, timeZone)).getTime(), timeZone); day < Math.min(nowMs, endMs); day = nextDay(day, timeZone)) {
    const earlier = forecastAt(
      known.filter((point) => point.start < day),
      { startMs, endMs, nowMs: day, timeZone },
    )
    width = Math.min(width, (earlier.high - earlier.low) * Math.sqrt(remainingMs(nowMs) / remainingMs(day)))
  }
  if (forecast.high - forecast.low <= width) return forecast
  // Narrowed around the expected total, still never below what is spent.
  const low = Math.max(forecast.spent, forecast.expected - width / 2)
  return { ...forecast, low: roundMoney(low), high: roundMoney(low + width) }
}

/** The forecast from the points before `nowMs` (sorted), with the band as measured at that instant. */
function forecastAt(
  sorted: readonly { start: number; value: number }[],
  { startMs, endMs, nowMs, timeZone }: { startMs: number; endMs: number; nowMs: number; timeZone: string },
): PeriodForecast {
  // What the period spent: its points up to now, none after its end.
  let spentNanos = 0n
  for (const point of sorted) if (point.start >= startMs && point.start < endMs) spentNanos += BigInt(toNanos(point.value))
  const spent = fromNanos(spentNanos)

  // Complete local days before today, from the first point's day (a day without points spent 0).
  const todayStart = startOfDay(new TZDate(nowMs, timeZone)).getTime()
  const dayTotals = new Map<number, number>()
  for (const point of sorted) {
    const day = startOfDay(new TZDate(point.start, timeZone)).getTime()
    if (day < todayStart) dayTotals.set(day, (dayTotals.get(day) ?? 0) + point.value)
  }
  const days: { start: number; value: number; weekday: number }[] = []
  if (sorted.length > 0) {
    for (let day = startOfDay(new TZDate(sorted[0]!.start, timeZone)).getTime(); day < todayStart; day = nextDay(day, timeZone)) {
      days.push({ start: day, value: dayTotals.get(day) ?? 0, weekday: weekdayOf(day, timeZone) })
    }
  }

  const factors = weekdayFactors(days)
  const method: PeriodForecast['method'] = factors ? 'weekday' : 'runRate'
  const factorOf = (weekday: number) => (factors ? factors[weekday]! : 1)
  // A weekday that never spends says nothing about the rate (and expects nothing itself).
  const rateDays = days
    .slice(-RATE_WINDOW_DAYS)
    .filter((day) => factorOf(day.weekday) > 0)
    .map((day) => day.value / factorOf(day.weekday))
  let dailyRate: number
  if (rateDays.length > 0) dailyRate = rateDays.reduce((sum, value) => sum + value, 0) / rateDays.length
  else {
    const elapsedDays = (nowMs - startMs) / DAY_MS
    dailyRate = elapsedDays > 0 ? spent / elapsedDays : 0
  }
  // Credits can make a day negative; a forecast never expects money back.
  dailyRate = Math.max(0, dailyRate)
  const spread =
    rateDays.length >= SPREAD_MIN_DAYS
      ? Math.max(MAD_TO_SIGMA * median(rateDays.map((value) => Math.abs(value - median(rateDays)))), MIN_SPREAD * dailyRate)
      : UNKNOWN_SPREAD * dailyRate
  const rateSamples = Math.max(1, rateDays.length)

  // The remaining days: the rest of today, then whole days, the last one cut at the period end.
  const path: ForecastPathPoint[] = []
  let remaining = 0
  let weightSum = 0
  let dayVariance = 0
  const from = Math.max(nowMs, startMs)
  if (from < endMs) path.push({ at: from, cumulative: spent })
  for (let day = startOfDay(new TZDate(from, timeZone)).getTime(); day < endMs; ) {
    const next = nextDay(day, timeZone)
    const share = (Math.min(next, endMs) - Math.max(day, from)) / (next - day)
    const weight = factorOf(weekdayOf(day, timeZone)) * Math.max(0, share)
    remaining += dailyRate * weight
    weightSum += weight
    dayVariance += (spread * weight) ** 2
    path.push({ at: Math.min(next, endMs), cumulative: roundMoney(spent + remaining) })
    day = next
  }
  const deviation = BAND_Z * Math.sqrt(dayVariance + (spread * weightSum) ** 2 / rateSamples)
  const expected = roundMoney(spent + remaining)
  return {
    expected,
    low: roundMoney(Math.max(spent, expected - deviation)),
    high: roundMoney(expected + deviation),
    spent,
    method,
    dailyRate: roundMoney(dailyRate),
    path,
  }
}

/**
 * Weekday factors (Monday first) from the last whole weeks of complete days, or `null` when fewer
 * than 14 days are known or nothing was spent. A weekday that never spent gets factor 0.
 */
function weekdayFactors(days: readonly { value: number; weekday: number }[]): number[] | null {
  if (days.length < WEEKDAY_MIN_DAYS) return null
  const window = days.slice(-Math.min(WEEKDAY_WINDOW_DAYS, Math.floor(days.length / 7) * 7))
  const sums = new Array<number>(7).fill(0)
  const counts = new Array<number>(7).fill(0)
  for (const day of window) {
    sums[day.weekday]! += day.value
    counts[day.weekday]! += 1
  }
  const mean = window.reduce((sum, day) => sum + day.value, 0) / window.length
  if (!(mean > 0)) return null
  return sums.map((sum, weekday) => Math.max(0, sum / counts[weekday]! / mean))
}
