import { TZDate } from '@date-fns/tz'
import { addDays, startOfDay, startOfMonth } from 'date-fns'
import { BUCKETS, NOMINAL_BUCKET_MS, bucketEdges } from './bucketBoundaries'
import { InvalidQueryError } from './errors'
import { type InstantInput, parseRange, toEpochMs, toIso } from './timeRange'
import { assertTimeZone } from './timeZone'
import type { Bucket, TimeRange } from './types'

/**
 * `24h`, `7d`, `14d`, `30d`: rolling windows that end now.
 * `last2Weeks`: the 14 whole local days ending today (seed 004's default).
 * `thisMonth`: the calendar month so far, today included.
 */
export type TimeRangePreset = '24h' | '7d' | '14d' | '30d' | 'last2Weeks' | 'thisMonth'

export const TIME_RANGE_PRESETS: readonly TimeRangePreset[] = ['24h', '7d', '14d', '30d', 'last2Weeks', 'thisMonth']

export const PRESET_LABELS: Readonly<Record<TimeRangePreset, string>> = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '14d': 'Last 14 days',
  '30d': 'Last 30 days',
  last2Weeks: 'Last 2 weeks',
  thisMonth: 'This month',
}

export const PRESET_BUCKETS: Readonly<Record<TimeRangePreset, Bucket>> = {
  '24h': '5m',
  '7d': '1h',
  '14d': '6h',
  '30d': '6h',
  last2Weeks: '1d',
  thisMonth: '1d',
}

/** A calendar day in the chosen zone, `YYYY-MM-DD`. */
export type LocalDate = string

/** What a time picker holds: a preset, or local calendar days From–To (To inclusive). */
export type TimeRangeSelection = { preset: TimeRangePreset } | { from: LocalDate; to: LocalDate }

export interface ResolvedTimeRange {
  range: TimeRange
  bucket: Bucket
}

/** Charts show at most this many buckets for a custom range. */
export const MAX_CHART_BUCKETS = 200

const HOUR = 3_600_000
const ROLLING_HOURS: Partial<Record<TimeRangePreset, number>> = { '24h': 24, '7d': 7 * 24, '14d': 14 * 24, '30d': 30 * 24 }

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Local midnight of a `YYYY-MM-DD` day in the zone. */
export function localDateStart(date: LocalDate, timeZone: string, field = 'date'): number {
  const match = LOCAL_DATE.exec(date)
  if (!match) throw new InvalidQueryError(`${field} must be a calendar day YYYY-MM-DD (got ${JSON.stringify(date)}).`, { field })
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])]
  const local = new TZDate(year, month, day, 0, 0, 0, 0, timeZone)
  if (local.getFullYear() !== year || local.getMonth() !== month || local.getDate() !== day) {
    throw new InvalidQueryError(`${field} is not a calendar day: ${date}.`, { field })
  }
  return startOfDay(local).getTime()
}

/** The local calendar day of an instant, `YYYY-MM-DD`. */
export function toLocalDate(instant: InstantInput, timeZone: string): LocalDate {
  const local = new TZDate(toEpochMs(instant), timeZone)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`
}

/**
 * The finest bucket that splits the range into at most `maxBuckets` (200) buckets, as charts of a
 * custom range use. One day → 15m, a week → 1h, a month → 6h, a quarter → 1d, a year → 1w.
 */
export function pickBucket(range: TimeRange, timeZone: string, maxBuckets = MAX_CHART_BUCKETS): Bucket {
  const { startMs, endMs } = parseRange(range)
  assertTimeZone(timeZone)
  for (const bucket of BUCKETS) {
    // Skip candidates that are clearly too fine before counting exactly.
    if ((endMs - startMs) / NOMINAL_BUCKET_MS[bucket] > maxBuckets * 2) continue
    if (bucketEdges(startMs, endMs, bucket, timeZone).length - 1 <= maxBuckets) return bucket
  }
  return '1mo'
}

/** The range and default bucket of a preset or a custom From–To selection, in the chosen zone. */
export function resolveTimeRange(
  selection: TimeRangeSelection,
  options: { timeZone: string; now?: InstantInput },
): ResolvedTimeRange {
  const { timeZone } = options
  assertTimeZone(timeZone)
  const nowMs = options.now === undefined ? Date.now() : toEpochMs(options.now)
  if ('preset' in selection) {
    const { preset } = selection
    const hours = ROLLING_HOURS[preset]
    if (hours !== undefined) {
      return { range: { start: toIso(nowMs - hours * HOUR), end: toIso(nowMs) }, bucket: PRESET_BUCKETS[preset] }
    }
    const today = startOfDay(new TZDate(nowMs, timeZone))
    const tomorrow = startOfDay(addDays(today, 1)).getTime()
    if (preset === 'last2Weeks') {
      return { range: { start: toIso(startOfDay(addDays(today, -13)).getTime()), end: toIso(tomorrow) }, bucket: '1d' }
    }
    if (preset === 'thisMonth') {
      return { range: { start: toIso(startOfMonth(today).getTime()), end: toIso(tomorrow) }, bucket: '1d' }
    }
    throw new InvalidQueryError(`Unknown time range preset ${JSON.stringify(preset)}; use one of ${TIME_RANGE_PRESETS.join(', ')}.`, {
      field: 'preset',
    })
  }
  const startMs = localDateStart(selection.from, timeZone, 'from')
  const toStart = localDateStart(selection.to, timeZone, 'to')
  if (toStart < startMs) {
    throw new InvalidQueryError(`to (${selection.to}) must not be before from (${selection.from}).`, { field: 'to' })
  }
  const endMs = startOfDay(addDays(new TZDate(toStart, timeZone), 1)).getTime()
  const range = { start: toIso(startMs), end: toIso(endMs) }
  return { range, bucket: pickBucket(range, timeZone) }
}
