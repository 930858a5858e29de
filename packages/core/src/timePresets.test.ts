import { describe, expect, it } from 'vitest'
import { bucketBoundaries } from './bucketBoundaries'
import { isInvalidQueryError } from './errors'
import { pickBucket, resolveTimeRange, toLocalDate } from './timePresets'
import { comparedPeriods, previousRange } from './timeRange'

const NOW = '2026-11-23T15:42:10.000Z' // Monday afternoon in Berlin

describe('resolveTimeRange', () => {
  it('rolling presets end now with their buckets', () => {
    expect(resolveTimeRange({ preset: '24h' }, { timeZone: 'Europe/Berlin', now: NOW })).toEqual({
      range: { start: '2026-11-22T15:42:10.000Z', end: NOW },
      bucket: '5m',
    })
    expect(resolveTimeRange({ preset: '7d' }, { timeZone: 'UTC', now: NOW }).bucket).toBe('1h')
    expect(resolveTimeRange({ preset: '14d' }, { timeZone: 'UTC', now: NOW }).bucket).toBe('6h')
    const month = resolveTimeRange({ preset: '30d' }, { timeZone: 'UTC', now: NOW })
    expect(month).toEqual({ range: { start: '2026-10-24T15:42:10.000Z', end: NOW }, bucket: '6h' })
  })

  it('last2Weeks is the 14 whole local days ending today, in 1d buckets', () => {
    const { range, bucket } = resolveTimeRange({ preset: 'last2Weeks' }, { timeZone: 'America/New_York', now: NOW })
    expect(bucket).toBe('1d')
    expect(range).toEqual({ start: '2026-11-10T05:00:00.000Z', end: '2026-11-24T05:00:00.000Z' })
    const buckets = bucketBoundaries(range, bucket, 'America/New_York', { now: NOW })
    expect(buckets).toHaveLength(14)
    expect(buckets.at(-1)!.partial).toBe(true) // today is still in progress
    expect(buckets.slice(0, -1).every((b) => !b.partial)).toBe(true)
  })

  it('last2Weeks across the fall-back change still has 14 days', () => {
    const { range } = resolveTimeRange({ preset: 'last2Weeks' }, { timeZone: 'America/New_York', now: '2026-11-05T12:00:00Z' })
    expect(bucketBoundaries(range, '1d', 'America/New_York')).toHaveLength(14)
    expect(range.start).toBe('2026-10-23T04:00:00.000Z') // EDT midnight
    expect(range.end).toBe('2026-11-06T05:00:00.000Z') // EST midnight
  })

  it('thisMonth starts on the first at local midnight and includes today', () => {
    const { range, bucket } = resolveTimeRange({ preset: 'thisMonth' }, { timeZone: 'Asia/Kolkata', now: NOW })
    expect(range).toEqual({ start: '2026-10-31T18:30:00.000Z', end: '2026-11-23T18:30:00.000Z' })
    expect(bucket).toBe('1d')
  })

  it('custom From–To picks local days with To inclusive, one day or several', () => {
    const one = resolveTimeRange({ from: '2026-11-01', to: '2026-11-01' }, { timeZone: 'America/New_York' })
    expect(one.range).toEqual({ start: '2026-11-01T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z' }) // 25 hours
    expect(one.bucket).toBe('15m')
    const week = resolveTimeRange({ from: '2026-11-02', to: '2026-11-08' }, { timeZone: 'Europe/Berlin' })
    expect(week.bucket).toBe('1h')
    const quarter = resolveTimeRange({ from: '2026-08-01', to: '2026-10-31' }, { timeZone: 'Europe/Berlin' })
    expect(quarter.bucket).toBe('1d')
    const year = resolveTimeRange({ from: '2025-11-01', to: '2026-10-31' }, { timeZone: 'Europe/Berlin' })
    expect(year.bucket).toBe('1w')
    for (const resolved of [one, week, quarter, year]) {
      expect(bucketBoundaries(resolved.range, resolved.bucket, 'Europe/Berlin').length).toBeLessThanOrEqual(200)
    }
  })

  it('rejects To before From, impossible days and unknown zones', () => {
    const attempt = (fn: () => unknown) => {
      try {
        fn()
        return null
      } catch (error) {
        return error
      }
    }
    expect(isInvalidQueryError(attempt(() => resolveTimeRange({ from: '2026-11-08', to: '2026-11-02' }, { timeZone: 'UTC' })))).toBe(true)
    expect(isInvalidQueryError(attempt(() => resolveTimeRange({ from: '2026-02-30', to: '2026-03-02' }, { timeZone: 'UTC' })))).toBe(true)
    expect(isInvalidQueryError(attempt(() => resolveTimeRange({ preset: '7d' }, { timeZone: 'Nowhere/Town' })))).toBe(true)
  })
})

describe('pickBucket', () => {
  it('picks the finest bucket with at most 200 buckets', () => {
    expect(pickBucket({ start: '2026-11-23T10:00:00Z', end: '2026-11-23T12:00:00Z' }, 'UTC')).toBe('1m')
    expect(pickBucket({ start: '2026-11-23T00:00:00Z', end: '2026-11-23T12:00:00Z' }, 'UTC')).toBe('5m')
    expect(pickBucket({ start: '2026-09-01T00:00:00Z', end: '2026-10-01T00:00:00Z' }, 'UTC')).toBe('6h')
    expect(pickBucket({ start: '2016-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' }, 'UTC')).toBe('1mo')
  })
})

describe('previousRange and toLocalDate', () => {
  it('the previous period is as long and ends where the range starts', () => {
    expect(previousRange({ start: '2026-11-10T00:00:00.000Z', end: '2026-11-24T00:00:00.000Z' })).toEqual({
      start: '2026-10-27T00:00:00.000Z',
      end: '2026-11-10T00:00:00.000Z',
    })
  })

  it('compares equal elapsed time while the range is running: seed 004\'s last two weeks at 13.7 days', () => {
    // Last two weeks in New York, today (Nov 19) running until 17:00 local.
    const range = { start: '2026-11-06T05:00:00.000Z', end: '2026-11-20T05:00:00.000Z' }
    const now = '2026-11-19T22:00:00.000Z'
    const { current, previous } = comparedPeriods(range, Date.parse(now))
    expect(new Date(current.startMs).toISOString()).toBe(range.start)
    expect(new Date(current.endMs).toISOString()).toBe(now)
    // The previous period starts one whole period earlier and stops after the same elapsed time.
    expect(current.endMs - current.startMs).toBe(previous.endMs - previous.startMs)
    // Elapsed time: Oct 23 01:00 EDT (the DST change moves the wall clock an hour) to Nov 5 17:00 EST.
    expect(previousRange(range, { now })).toEqual({ start: '2026-10-23T05:00:00.000Z', end: '2026-11-05T22:00:00.000Z' })
  })

  it('compares whole periods when now is at or past the end, or not given; nothing when the range has not begun', () => {
    const range = { start: '2026-11-10T00:00:00.000Z', end: '2026-11-24T00:00:00.000Z' }
    const whole = { current: { startMs: Date.parse(range.start), endMs: Date.parse(range.end) }, previous: { startMs: Date.parse('2026-10-27T00:00:00.000Z'), endMs: Date.parse(range.start) } }
    expect(comparedPeriods(range)).toEqual(whole)
    expect(comparedPeriods(range, Date.parse(range.end))).toEqual(whole)
    expect(comparedPeriods(range, Date.parse('2027-01-01T00:00:00.000Z'))).toEqual(whole)
    const early = comparedPeriods(range, Date.parse('2026-11-01T00:00:00.000Z'))
    expect(early.current.endMs - early.current.startMs).toBe(0)
    expect(early.previous.endMs - early.previous.startMs).toBe(0)
  })

  it('gives the calendar day in the zone', () => {
    expect(toLocalDate('2026-11-23T23:30:00Z', 'Asia/Kolkata')).toBe('2026-11-24')
    expect(toLocalDate('2026-11-23T03:30:00Z', 'America/New_York')).toBe('2026-11-22')
  })
})
