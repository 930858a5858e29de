import { describe, expect, it } from 'vitest'
import { bucketBoundaries } from './bucketBoundaries'
import { alignPreviousPeriod, periodChange } from './previousPeriod'
import { previousRange } from './timeRange'
import { resolveTimeRange } from './timePresets'

const zone = 'Europe/Berlin'

describe('alignPreviousPeriod', () => {
  it('faces bucket i of this month with bucket i of the stretch before, and stops at the same elapsed point', () => {
    // This month in Berlin, on Nov 20 at 16:00 local: Nov 1 → Nov 21 (20 days), today in progress.
    const now = Date.parse('2026-11-20T15:00:00.000Z')
    const { range } = resolveTimeRange({ preset: 'thisMonth' }, { timeZone: zone, now })
    expect(range).toEqual({ start: '2026-10-31T23:00:00.000Z', end: '2026-11-20T23:00:00.000Z' })
    const current = bucketBoundaries(range, '1d', zone, { now })
    // The previous period is the 20 days before Nov 1, cut at the same elapsed point: 19 days and 16 hours.
    const previous = previousRange(range, { now })
    expect(previous).toEqual({ start: '2026-10-11T23:00:00.000Z', end: '2026-10-31T15:00:00.000Z' })
    const previousBuckets = bucketBoundaries(previous, '1d', zone)
    const values = previousBuckets.map((_, i) => i + 1)
    const points = alignPreviousPeriod(current, previousBuckets, values, { range, now })
    expect(points).toHaveLength(20)
    // Nov 1 faces Oct 12, Nov 20 (today) faces Oct 31 up to 16:00 local.
    expect(points[0]).toEqual({ value: 1, bucket: previousBuckets[0] })
    expect(points[0]!.bucket!.start).toBe('2026-10-11T22:00:00.000Z')
    expect(points[19]!.value).toBe(20)
    expect(points[19]!.bucket).toEqual({ start: '2026-10-30T23:00:00.000Z', end: '2026-10-31T15:00:00.000Z', partial: true })
  })

  it('compares whole periods once the range has ended', () => {
    const range = { start: '2026-11-01T00:00:00.000Z', end: '2026-11-04T00:00:00.000Z' }
    const current = bucketBoundaries(range, '1d', 'UTC')
    const previousBuckets = bucketBoundaries(previousRange(range), '1d', 'UTC')
    expect(previousBuckets.map((b) => b.start.slice(0, 10))).toEqual(['2026-10-29', '2026-10-30', '2026-10-31'])
    const points = alignPreviousPeriod(current, previousBuckets, [4, null, 6], { range, now: Date.parse('2026-12-01T00:00:00.000Z') })
    expect(points.map((p) => p.value)).toEqual([4, null, 6])
    expect(points.map((p) => p.bucket?.partial ?? false)).toEqual([false, false, false])
  })

  it('leaves current buckets after now, and previous buckets past the elapsed point, uncompared', () => {
    // A custom range of four days that is half over: two days compared, the next two face nothing.
    const range = { start: '2026-11-01T00:00:00.000Z', end: '2026-11-05T00:00:00.000Z' }
    const now = Date.parse('2026-11-03T00:00:00.000Z')
    const current = bucketBoundaries(range, '1d', 'UTC', { now })
    // Even if an adapter answered the whole previous period, only its first two days are compared.
    const previousBuckets = bucketBoundaries(previousRange(range), '1d', 'UTC')
    const points = alignPreviousPeriod(current, previousBuckets, [1, 2, 3, 4], { range, now })
    expect(points.map((p) => p.value)).toEqual([1, 2, null, null])
    expect(points[1]!.bucket).toEqual({ start: '2026-10-29T00:00:00.000Z', end: '2026-10-30T00:00:00.000Z' })
  })

  it('lines up by position when the previous period has fewer buckets', () => {
    const range = { start: '2026-11-01T00:00:00.000Z', end: '2026-11-03T00:00:00.000Z' }
    const current = bucketBoundaries(range, '1d', 'UTC')
    const points = alignPreviousPeriod(current, current.slice(0, 1).map((b) => ({ start: '2026-10-30T00:00:00.000Z', end: '2026-10-31T00:00:00.000Z' })), [9], { range })
    expect(points.map((p) => p.value)).toEqual([9, null])
  })
})

describe('periodChange', () => {
  it('is the relative change, and null without a previous value or from zero', () => {
    expect(periodChange(125, 100)).toBeCloseTo(0.25, 12)
    expect(periodChange(50, 100)).toBeCloseTo(-0.5, 12)
    expect(periodChange(5, 0)).toBeNull()
    expect(periodChange(null, 4)).toBeNull()
    expect(periodChange(4, null)).toBeNull()
  })
})
