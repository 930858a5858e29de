import { TZDate } from '@date-fns/tz'
import { addDays, addMonths, addWeeks, startOfDay, startOfMonth, startOfWeek } from 'date-fns'
import { InvalidQueryError } from './errors'
import { type InstantInput, parseRange, toEpochMs, toIso } from './timeRange'
import { assertTimeZone, offsetMinutes } from './timeZone'
import type { Bucket, TimeBucket, TimeRange } from './types'

export const BUCKETS: readonly Bucket[] = ['1m', '5m', '15m', '1h', '6h', '1d', '1w', '1mo']

const MINUTE = 60_000
const SUB_DAY_MINUTES: Partial<Record<Bucket, number>> = { '1m': 1, '5m': 5, '15m': 15, '1h': 60, '6h': 360 }

/** Nominal length of a bucket in milliseconds (a local day may be 23, 24.5 or 25 hours). */
export const NOMINAL_BUCKET_MS: Readonly<Record<Bucket, number>> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '1h': 60 * MINUTE,
  '6h': 360 * MINUTE,
  '1d': 1440 * MINUTE,
  '1w': 7 * 1440 * MINUTE,
  '1mo': 30.436875 * 1440 * MINUTE,
}

/** Refuse to build more buckets than this in one call (1m buckets over a year would be 525,600). */
export const MAX_BUCKETS = 10_000

export function isBucket(value: unknown): value is Bucket {
  return typeof value === 'string' && (BUCKETS as readonly string[]).includes(value)
}

/** Minutes since local midnight of an instant in the zone (0 ≤ m < 1440, fractional). */
function localMinuteOfDay(instantMs: number, timeZone: string): number {
  const wall = instantMs + offsetMinutes(timeZone, instantMs) * MINUTE
  const ofDay = wall % (1440 * MINUTE)
  return (ofDay < 0 ? ofDay + 1440 * MINUTE : ofDay) / MINUTE
}

function isAligned(instantMs: number, sizeMinutes: number, timeZone: string): boolean {
  return localMinuteOfDay(instantMs, timeZone) % sizeMinutes === 0
}

/**
 * The start of the bucket that contains an instant. Sub-day buckets sit on the local clock's
 * grid counted from local midnight (6h: 00, 06, 12, 18 local); days, weeks (Monday) and months
 * start at local midnight.
 */
export function bucketStart(instant: InstantInput, bucket: Bucket, timeZone: string): number {
  const ms = toEpochMs(instant)
  const size = SUB_DAY_MINUTES[bucket]
  if (size !== undefined) {
    let candidate = ms
    // A DST change between the instant and the grid line can leave the first guess off the grid.
    for (let attempt = 0; attempt < 4; attempt++) {
      const into = localMinuteOfDay(candidate, timeZone) % size
      if (into === 0) return candidate
      candidate -= Math.round(into * MINUTE)
    }
    return candidate
  }
  const local = new TZDate(ms, timeZone)
  if (bucket === '1d') return startOfDay(local).getTime()
  if (bucket === '1w') return startOfWeek(local, { weekStartsOn: 1 }).getTime()
  return startOfMonth(local).getTime()
}

/**
 * The start of the bucket after the one starting at `startMs`. Sub-day buckets step in elapsed
 * time, so the hour repeated when DST ends is two buckets; where a DST change moves the clock off
 * the grid (6h buckets, or Lord Howe's 30-minute shift) the bucket ends at the next grid line.
 */
export function nextBucketStart(startMs: number, bucket: Bucket, timeZone: string): number {
  const size = SUB_DAY_MINUTES[bucket]
  if (size !== undefined) {
    const next = startMs + size * MINUTE
    const into = localMinuteOfDay(next, timeZone) % size
    if (into === 0) return next
    const down = next - Math.round(into * MINUTE)
    if (down > startMs && isAligned(down, size, timeZone)) return down
    const up = next + Math.round((size - into) * MINUTE)
    if (isAligned(up, size, timeZone)) return up
    return next
  }
  const local = new TZDate(startMs, timeZone)
  if (bucket === '1d') return startOfDay(addDays(local, 1)).getTime()
  if (bucket === '1w') return startOfWeek(addWeeks(local, 1), { weekStartsOn: 1 }).getTime()
  return startOfMonth(addMonths(local, 1)).getTime()
}

export interface BucketBoundaryOptions {
  /** What "now" is, for flagging in-progress buckets as partial. Default: the current time. */
  now?: InstantInput
  /** Refuse ranges that would need more buckets than this (default 10,000). */
  maxBuckets?: number
}

/** Bucket starts (epoch ms) covering the range, plus the end of the last bucket. */
export function bucketEdges(startMs: number, endMs: number, bucket: Bucket, timeZone: string, maxBuckets = MAX_BUCKETS): number[] {
  const edges: number[] = []
  let cursor = bucketStart(startMs, bucket, timeZone)
  while (cursor < endMs) {
    edges.push(cursor)
    if (edges.length > maxBuckets) {
      throw new InvalidQueryError(
        `bucket "${bucket}" would split this range into more than ${maxBuckets} buckets; choose a coarser bucket.`,
        { field: 'bucket', tooLarge: true },
      )
    }
    const next = nextBucketStart(cursor, bucket, timeZone)
    cursor = next > cursor ? next : cursor + (SUB_DAY_MINUTES[bucket] ?? 1440) * MINUTE
  }
  edges.push(cursor)
  return edges
}

/**
 * The buckets of a chart: aligned in the IANA zone, covering `[range.start, range.end)`.
 * A bucket is `partial` when it reaches outside the range or past now (still in progress).
 * `values[metric][i]` and `trend[i]` of every adapter answer line up with element `i`.
 */
export function bucketBoundaries(
  range: TimeRange,
  bucket: Bucket,
  timeZone: string,
  options: BucketBoundaryOptions = {},
): TimeBucket[] {
  const { startMs, endMs } = parseRange(range)
  assertTimeZone(timeZone)
  if (!isBucket(bucket)) {
    throw new InvalidQueryError(`bucket must be one of ${BUCKETS.join(', ')} (got ${JSON.stringify(bucket)}).`, {
      field: 'bucket',
    })
  }
  const nowMs = options.now === undefined ? Date.now() : toEpochMs(options.now)
  const edges = bucketEdges(startMs, endMs, bucket, timeZone, options.maxBuckets)
  const buckets: TimeBucket[] = []
  for (let i = 0; i + 1 < edges.length; i++) {
    const start = edges[i]!
    const end = edges[i + 1]!
    const bucketOut: TimeBucket = { start: toIso(start), end: toIso(end) }
    if (start < startMs || end > endMs || end > nowMs) bucketOut.partial = true
    buckets.push(bucketOut)
  }
  return buckets
}
