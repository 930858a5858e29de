import type { TimeBucket, TimeRange } from './types'
import { comparedPeriods } from './timeRange'

/** One bucket of the previous-period overlay, lined up with bucket `index` of the current period. */
export interface PreviousPeriodPoint {
  /** The previous period's value; `null` where nothing is compared (past the elapsed point, or no such bucket). */
  value: number | null
  /** The previous bucket it comes from, cut at the compared stretch's end; `null` when none is compared. */
  bucket: TimeBucket | null
}

/**
 * Lines the previous period's buckets up with the current one's **by position in the period**:
 * bucket `i` of the current range faces bucket `i` of the previous range (same bucket size), so the
 * 3rd day of this month faces the 3rd day of the stretch before it, whatever the dates.
 *
 * Comparisons are of **equal elapsed time** (docs/time.md): while the current range is running
 * (`now` inside it), a current bucket that starts at or after `now` faces nothing, and a previous
 * bucket that starts at or after the same elapsed point of the previous period is not compared. The
 * previous bucket that holds that point is compared only up to it: `previousValues` should come from
 * a query over `previousRange(range, { now })`, which ends there, and its bucket is returned cut
 * (`end` at the elapsed point, `partial: true`).
 *
 * Pure: `previousBuckets` and `previousValues` are the previous query's answer (its buckets and one
 * series' values); the result has one point per current bucket.
 */
export function alignPreviousPeriod(
  currentBuckets: readonly TimeBucket[],
  previousBuckets: readonly TimeBucket[],
  previousValues: readonly (number | null | undefined)[],
  options: { range: TimeRange; now?: number },
): PreviousPeriodPoint[] {
  const { current, previous } = comparedPeriods(options.range, options.now)
  return currentBuckets.map((bucket, i) => {
    const before = previousBuckets[i]
    if (!before || Date.parse(bucket.start) >= current.endMs || Date.parse(before.start) >= previous.endMs) return { value: null, bucket: null }
    const cut = Date.parse(before.end) > previous.endMs
    return {
      value: previousValues[i] ?? null,
      bucket: cut ? { start: before.start, end: new Date(previous.endMs).toISOString(), partial: true } : before,
    }
  })
}

/** The change from `previous` to `current` as a fraction (0.25 = +25 %); `null` when there is nothing to compare with. */
export function periodChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null
  return (current - previous) / previous
}
