import { describe, expect, it } from 'vitest'
import { bucketBoundaries, bucketStart } from './bucketBoundaries'
import { isInvalidQueryError } from './errors'
import { formatBucketLabel } from './format'

const HOUR = 3_600_000
const PAST = { now: '2030-01-01T00:00:00Z' }

function hours(buckets: { start: string; end: string }[]): number[] {
  return buckets.map((bucket) => (Date.parse(bucket.end) - Date.parse(bucket.start)) / HOUR)
}

describe('bucketBoundaries — day buckets start at local midnight', () => {
  it('America/New_York: the spring-forward day has 23 hours, the fall-back day 25', () => {
    const march = bucketBoundaries({ start: '2026-03-07T05:00:00Z', end: '2026-03-10T04:00:00Z' }, '1d', 'America/New_York', PAST)
    expect(march.map((b) => b.start)).toEqual(['2026-03-07T05:00:00.000Z', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'])
    expect(hours(march)).toEqual([24, 23, 24])
    const november = bucketBoundaries({ start: '2026-10-31T04:00:00Z', end: '2026-11-03T05:00:00Z' }, '1d', 'America/New_York', PAST)
    expect(november.map((b) => b.start)).toEqual(['2026-10-31T04:00:00.000Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'])
    expect(hours(november)).toEqual([24, 25, 24])
    expect(november.every((b) => !b.partial)).toBe(true)
  })

  it('Europe/Berlin: 29 March 2026 has 23 hours, 25 October 2026 has 25', () => {
    const march = bucketBoundaries({ start: '2026-03-28T23:00:00Z', end: '2026-03-30T22:00:00Z' }, '1d', 'Europe/Berlin', PAST)
    expect(march.map((b) => b.start)).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'])
    expect(hours(march)).toEqual([23, 24])
    const october = bucketBoundaries({ start: '2026-10-24T22:00:00Z', end: '2026-10-26T23:00:00Z' }, '1d', 'Europe/Berlin', PAST)
    expect(hours(october)).toEqual([25, 24])
  })

  it('Asia/Kolkata: days start at 18:30 UTC and never shift', () => {
    const days = bucketBoundaries({ start: '2026-10-24T18:30:00Z', end: '2026-10-27T18:30:00Z' }, '1d', 'Asia/Kolkata', PAST)
    expect(days.map((b) => b.start)).toEqual(['2026-10-24T18:30:00.000Z', '2026-10-25T18:30:00.000Z', '2026-10-26T18:30:00.000Z'])
    expect(hours(days)).toEqual([24, 24, 24])
  })

  it('Australia/Lord_Howe: the 30-minute shifts make days of 24.5 hours (April) and 23.5 hours (October)', () => {
    // DST ends 5 April 2026 at 02:00 (+11) → 01:30 (+10:30); starts 4 October 2026 at 02:00 (+10:30) → 02:30 (+11).
    const april = bucketBoundaries({ start: '2026-04-03T13:00:00Z', end: '2026-04-06T13:30:00Z' }, '1d', 'Australia/Lord_Howe', PAST)
    expect(april.map((b) => b.start)).toEqual(['2026-04-03T13:00:00.000Z', '2026-04-04T13:00:00.000Z', '2026-04-05T13:30:00.000Z'])
    expect(hours(april)).toEqual([24, 24.5, 24])
    const october = bucketBoundaries({ start: '2026-10-02T13:30:00Z', end: '2026-10-05T13:00:00Z' }, '1d', 'Australia/Lord_Howe', PAST)
    expect(october.map((b) => b.start)).toEqual(['2026-10-02T13:30:00.000Z', '2026-10-03T13:30:00.000Z', '2026-10-04T13:00:00.000Z'])
    expect(hours(october)).toEqual([24, 23.5, 24])
  })
})

describe('bucketBoundaries — sub-day buckets are elapsed time on the local grid', () => {
  it('New York fall back: the repeated 01:00 hour is two buckets, each labelled with its offset', () => {
    const buckets = bucketBoundaries({ start: '2026-11-01T04:00:00Z', end: '2026-11-01T09:00:00Z' }, '1h', 'America/New_York', PAST)
    expect(buckets.map((b) => b.start)).toEqual([
      '2026-11-01T04:00:00.000Z', // 00:00 EDT
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T06:00:00.000Z', // 01:00 EST
      '2026-11-01T07:00:00.000Z', // 02:00 EST
      '2026-11-01T08:00:00.000Z',
    ])
    expect(hours(buckets)).toEqual([1, 1, 1, 1, 1])
    const labels = buckets.map((b) => formatBucketLabel(b, '1h', { timeZone: 'America/New_York', locale: 'en-US' }))
    expect(labels[1]).toBe('1:00 AM GMT-4')
    expect(labels[2]).toBe('1:00 AM GMT-5')
    expect(labels[1]).not.toBe(labels[2])
  })

  it('New York spring forward: there is no 02:00 bucket, and 6h buckets stay on 00/06/12/18', () => {
    const hourly = bucketBoundaries({ start: '2026-03-08T05:00:00Z', end: '2026-03-08T09:00:00Z' }, '1h', 'America/New_York', PAST)
    const local = hourly.map((b) => formatBucketLabel(b, '1h', { timeZone: 'America/New_York', locale: 'en-GB' }).replace(/ GMT.*$/, ''))
    expect(local).toEqual(['8 Mar', '1:00', '3:00', '4:00']) // midnight carries the date
    const sixHours = bucketBoundaries({ start: '2026-03-08T05:00:00Z', end: '2026-03-09T04:00:00Z' }, '6h', 'America/New_York', PAST)
    expect(sixHours.map((b) => b.start)).toEqual([
      '2026-03-08T05:00:00.000Z', // 00:00 EST
      '2026-03-08T10:00:00.000Z', // 06:00 EDT (5 elapsed hours)
      '2026-03-08T16:00:00.000Z', // 12:00 EDT
      '2026-03-08T22:00:00.000Z', // 18:00 EDT
    ])
    expect(hours(sixHours)).toEqual([5, 6, 6, 6])
  })

  it('Berlin fall back: 6h buckets hold 7 elapsed hours around the change', () => {
    const buckets = bucketBoundaries({ start: '2026-10-24T22:00:00Z', end: '2026-10-25T23:00:00Z' }, '6h', 'Europe/Berlin', PAST)
    expect(hours(buckets)).toEqual([7, 6, 6, 6])
  })

  it('Kolkata: hours sit on :30 UTC, 15-minute buckets are 15 minutes', () => {
    const buckets = bucketBoundaries({ start: '2026-10-24T18:30:00Z', end: '2026-10-24T21:30:00Z' }, '1h', 'Asia/Kolkata', PAST)
    expect(buckets.map((b) => b.start.slice(11, 16))).toEqual(['18:30', '19:30', '20:30'])
    const quarters = bucketBoundaries({ start: '2026-10-24T18:30:00Z', end: '2026-10-24T19:30:00Z' }, '15m', 'Asia/Kolkata', PAST)
    expect(quarters).toHaveLength(4)
  })

  it('Lord Howe April: the half hour repeated at the change stays inside one 1.5-hour bucket', () => {
    // 01:00 +11 = 14:00Z; the clock goes back from 02:00 +11 (15:00Z) to 01:30 +10:30.
    const buckets = bucketBoundaries({ start: '2026-04-04T13:00:00Z', end: '2026-04-04T17:30:00Z' }, '1h', 'Australia/Lord_Howe', PAST)
    expect(buckets.map((b) => b.start)).toEqual([
      '2026-04-04T13:00:00.000Z', // 00:00 +11
      '2026-04-04T14:00:00.000Z', // 01:00 +11
      '2026-04-04T15:30:00.000Z', // 02:00 +10:30
      '2026-04-04T16:30:00.000Z', // 03:00 +10:30
    ])
    expect(hours(buckets)).toEqual([1, 1.5, 1, 1])
  })

  it('Lord Howe October: the skipped half hour shortens one bucket', () => {
    // 02:00 +10:30 = 15:30Z becomes 02:30 +11.
    const buckets = bucketBoundaries({ start: '2026-10-03T14:30:00Z', end: '2026-10-03T17:00:00Z' }, '1h', 'Australia/Lord_Howe', PAST)
    expect(buckets.map((b) => b.start)).toEqual([
      '2026-10-03T14:30:00.000Z', // 01:00 +10:30
      '2026-10-03T16:00:00.000Z', // 03:00 +11
    ])
    expect(hours(buckets)).toEqual([1.5, 1])
  })
})

describe('bucketBoundaries — weeks, months, partial buckets and errors', () => {
  it('weeks start on local Monday midnight', () => {
    const weeks = bucketBoundaries({ start: '2026-10-28T00:00:00Z', end: '2026-11-10T00:00:00Z' }, '1w', 'Europe/Berlin', PAST)
    expect(weeks.map((b) => b.start)).toEqual(['2026-10-25T23:00:00.000Z', '2026-11-01T23:00:00.000Z', '2026-11-08T23:00:00.000Z'])
    expect(weeks[0]!.partial).toBe(true)
    expect(weeks[2]!.partial).toBe(true)
  })

  it('months start on the first at local midnight', () => {
    const months = bucketBoundaries({ start: '2026-09-30T22:00:00Z', end: '2026-11-30T23:00:00Z' }, '1mo', 'Europe/Berlin', PAST)
    expect(months.map((b) => b.start)).toEqual(['2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z'])
    expect(months.every((b) => !b.partial)).toBe(true)
  })

  it('flags buckets that reach outside the range or past now as partial', () => {
    const buckets = bucketBoundaries({ start: '2026-11-20T10:30:00Z', end: '2026-11-20T14:00:00Z' }, '1h', 'UTC', {
      now: '2026-11-20T12:15:00Z',
    })
    expect(buckets.map((b) => Boolean(b.partial))).toEqual([true, false, true, true])
  })

  it('bucketStart floors an instant to its bucket', () => {
    expect(new Date(bucketStart('2026-11-01T06:59:00Z', '6h', 'America/New_York')).toISOString()).toBe('2026-11-01T04:00:00.000Z')
    expect(new Date(bucketStart('2026-10-24T19:10:00Z', '15m', 'Asia/Kolkata')).toISOString()).toBe('2026-10-24T19:00:00.000Z')
  })

  it('rejects reversed ranges, unknown zones and absurd bucket counts with InvalidQueryError', () => {
    const catchError = (fn: () => unknown) => {
      try {
        fn()
      } catch (error) {
        return error
      }
      return null
    }
    const reversed = catchError(() => bucketBoundaries({ start: '2026-11-02T00:00:00Z', end: '2026-11-01T00:00:00Z' }, '1d', 'UTC'))
    expect(isInvalidQueryError(reversed)).toBe(true)
    expect((reversed as Error).message).toMatch(/must be after/)
    const zone = catchError(() => bucketBoundaries({ start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' }, '1d', 'Mars/Base'))
    expect(isInvalidQueryError(zone)).toBe(true)
    expect((zone as Error).message).toMatch(/IANA time zone/)
    const tooMany = catchError(() => bucketBoundaries({ start: '2020-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' }, '1m', 'UTC'))
    expect(isInvalidQueryError(tooMany)).toBe(true)
  })
})
