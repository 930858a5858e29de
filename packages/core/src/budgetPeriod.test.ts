import { describe, expect, it } from 'vitest'
import { budgetPeriod } from './budgetPeriod'

describe('budgetPeriod', () => {
  it('is the calendar month in the viewer’s zone, local midnight to local midnight', () => {
    // 23:30 on 31 October in New York is already November in UTC: the New York month is October.
    const now = '2026-11-01T03:30:00.000Z'
    expect(budgetPeriod({ period: 'month' }, { timeZone: 'America/New_York', now })).toEqual({
      start: '2026-10-01T04:00:00.000Z',
      end: '2026-11-01T04:00:00.000Z',
    })
    expect(budgetPeriod({ period: 'month' }, { timeZone: 'UTC', now })).toEqual({
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-12-01T00:00:00.000Z',
    })
  })

  it('keeps a month whole across a DST change (Berlin, March: 743 hours)', () => {
    const { start, end } = budgetPeriod({ period: 'month' }, { timeZone: 'Europe/Berlin', now: '2026-03-15T12:00:00.000Z' })
    expect(start).toBe('2026-02-28T23:00:00.000Z')
    expect(end).toBe('2026-03-31T22:00:00.000Z')
    expect((Date.parse(end) - Date.parse(start)) / 3_600_000).toBe(743)
  })

  it('is the ISO week, Monday 00:00 local to the next Monday', () => {
    // Sunday 6 December 2026, 20:00 in Tokyo is Monday 7 December 05:00 there: a new week.
    expect(budgetPeriod({ period: 'week' }, { timeZone: 'Asia/Tokyo', now: '2026-12-06T20:00:00.000Z' })).toEqual({
      start: '2026-12-06T15:00:00.000Z',
      end: '2026-12-13T15:00:00.000Z',
    })
    // The same instant in Los Angeles is still Sunday: the week that began Monday 30 November.
    expect(budgetPeriod({ period: 'week' }, { timeZone: 'America/Los_Angeles', now: '2026-12-06T20:00:00.000Z' })).toEqual({
      start: '2026-11-30T08:00:00.000Z',
      end: '2026-12-07T08:00:00.000Z',
    })
  })

  it('refuses an unknown period or zone with an error naming the field', () => {
    expect(() => budgetPeriod({ period: 'year' as 'month' }, { timeZone: 'UTC' })).toThrow(/period/)
    expect(() => budgetPeriod({ period: 'month' }, { timeZone: 'Mars/Olympus' })).toThrow(/timeZone/)
  })
})
