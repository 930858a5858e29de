import { describe, expect, it } from 'vitest'
import { forecastPeriodEnd } from './forecastPeriodEnd'
import type { TimePoint } from './timePoint'

const DAY = 86_400_000
const HOUR = 3_600_000

/** Daily points from `first` (UTC midnight), one per day, valued by `valueOf(dayIndex, date)`. */
function daily(first: string, count: number, valueOf: (index: number, date: Date) => number): TimePoint[] {
  const start = Date.parse(first)
  return Array.from({ length: count }, (_, i) => ({ start: new Date(start + i * DAY).toISOString(), value: valueOf(i, new Date(start + i * DAY)) }))
}

const november = { periodStart: '2026-11-01T00:00:00.000Z', periodEnd: '2026-12-01T00:00:00.000Z' }

describe('forecastPeriodEnd', () => {
  it('forecasts a flat $10/day over 15 days of a 30-day month at $300', () => {
    const forecast = forecastPeriodEnd(daily('2026-11-01', 15, () => 10), { ...november, now: '2026-11-16T00:00:00.000Z' })
    expect(forecast.spent).toBe(150)
    expect(Math.abs(forecast.expected - 300) / 300).toBeLessThan(0.05)
    expect(forecast.expected).toBe(300)
    expect(forecast.dailyRate).toBe(10)
    expect(forecast.low).toBeGreaterThanOrEqual(150)
    expect(forecast.low).toBeLessThan(300)
    expect(forecast.high).toBeGreaterThan(300)
    expect(forecast.path[0]).toEqual({ at: Date.parse('2026-11-16T00:00:00.000Z'), cumulative: 150 })
    expect(forecast.path.at(-1)).toEqual({ at: Date.parse(november.periodEnd), cumulative: 300 })
    expect(forecast.path).toHaveLength(16)
  })

  it('counts the bucket in progress and expects only the rest of today (hourly points give the same answer)', () => {
    const hourly: TimePoint[] = Array.from({ length: 15 * 24 + 12 }, (_, h) => ({
      start: new Date(Date.parse(november.periodStart) + h * HOUR).toISOString(),
      value: 10 / 24,
    }))
    const forecast = forecastPeriodEnd(hourly, { ...november, now: '2026-11-16T12:00:00.000Z' })
    expect(forecast.spent).toBeCloseTo(155, 6)
    expect(forecast.expected).toBeCloseTo(300, 6)
    expect(forecast.path[1]).toEqual({ at: Date.parse('2026-11-17T00:00:00.000Z'), cumulative: expect.closeTo(160, 6) })
  })

  it('shapes the remaining days by weekday once two weeks are known', () => {
    // $10 on weekdays, $2 at weekends, from 2 November (a Monday). December 26 is a Saturday:
    // the rest of December is Sat, Sun, Mon–Thu = 2 + 2 + 4 × 10 = $44; a flat run-rate would say $46.29.
    const points = daily('2026-11-02', 54, (_, date) => (date.getUTCDay() % 6 === 0 ? 2 : 10))
    const forecast = forecastPeriodEnd(points, {
      periodStart: '2026-12-01T00:00:00.000Z',
      periodEnd: '2027-01-01T00:00:00.000Z',
      now: '2026-12-26T00:00:00.000Z',
    })
    expect(forecast.method).toBe('weekday')
    expect(forecast.spent).toBe(19 * 10 + 6 * 2) // 1–25 December: 19 weekdays, 6 weekend days
    expect(forecast.expected).toBeCloseTo(forecast.spent + 44, 6)
    expect(forecast.dailyRate).toBeCloseTo(54 / 7, 6)
  })

  it('uses a flat run-rate with less than two weeks of days', () => {
    const points = daily('2026-11-02', 10, (_, date) => (date.getUTCDay() % 6 === 0 ? 2 : 10))
    const forecast = forecastPeriodEnd(points, { periodStart: '2026-11-02T00:00:00.000Z', periodEnd: '2026-11-30T00:00:00.000Z', now: '2026-11-12T00:00:00.000Z' })
    expect(forecast.method).toBe('runRate')
    expect(forecast.dailyRate).toBeCloseTo(84 / 10, 6)
    expect(forecast.expected).toBeCloseTo(84 + 18 * 8.4, 6)
  })

  it('takes the rate from history before the period when the period has just begun', () => {
    const history = daily('2026-10-18', 14, () => 20)
    const firstDay = daily('2026-11-01', 1, () => 8) // 8 of today's 20, at 09:36
    const forecast = forecastPeriodEnd([...history, ...firstDay], { ...november, now: '2026-11-01T09:36:00.000Z' })
    expect(forecast.spent).toBe(8)
    expect(forecast.dailyRate).toBe(20)
    // The rest of today (0.6 of a day) and 29 whole days at $20.
    expect(forecast.expected).toBeCloseTo(8 + 0.6 * 20 + 29 * 20, 6)
  })

  it('narrows its band as the period elapses, to nothing at its end, never below what is spent', () => {
    const noisy = daily('2026-11-01', 30, (i) => 10 + ((i * 7) % 5) - 2)
    const widths = [5, 10, 20, 29, 30].map((elapsed) => {
      const forecast = forecastPeriodEnd(noisy.slice(0, elapsed), { ...november, now: new Date(Date.parse(november.periodStart) + elapsed * DAY).toISOString() })
      expect(forecast.low).toBeGreaterThanOrEqual(forecast.spent)
      expect(forecast.low).toBeLessThanOrEqual(forecast.expected)
      expect(forecast.high).toBeGreaterThanOrEqual(forecast.expected)
      return forecast.high - forecast.low
    })
    for (let i = 1; i < widths.length; i++) expect(widths[i]!).toBeLessThan(widths[i - 1]!)
    expect(widths.at(-1)).toBe(0)
  })

  it('never forecasts below what is spent: stopped spend, refunds and an empty period', () => {
    const stopped = [...daily('2026-11-01', 5, () => 50), ...daily('2026-11-06', 10, () => 0)]
    const afterStop = forecastPeriodEnd(stopped, { ...november, now: '2026-11-16T00:00:00.000Z' })
    expect(afterStop.expected).toBeGreaterThanOrEqual(250)
    expect(afterStop.low).toBeGreaterThanOrEqual(250)

    const refunds = daily('2026-11-01', 4, () => -5)
    const refunded = forecastPeriodEnd(refunds, { ...november, now: '2026-11-05T00:00:00.000Z' })
    expect(refunded.dailyRate).toBe(0)
    expect(refunded.expected).toBe(-20)
    expect(refunded.low).toBe(-20)

    expect(forecastPeriodEnd([], { ...november, now: '2026-11-10T00:00:00.000Z' })).toMatchObject({ expected: 0, low: 0, high: 0, spent: 0 })
  })

  it('adds money exactly and answers to 1e-9', () => {
    const cents = daily('2026-11-01', 10, () => 0.1)
    const forecast = forecastPeriodEnd(cents, { ...november, now: '2026-11-11T00:00:00.000Z' })
    expect(forecast.spent).toBe(1)
    expect(forecast.expected).toBe(3)
  })

  it('follows local days in the zone it is given (a 23-hour day counts as one day)', () => {
    // Berlin, March 2026: clocks go forward on the 29th. $24 a local day, points hourly.
    const start = Date.parse('2026-02-28T23:00:00.000Z')
    const now = Date.parse('2026-03-30T22:00:00.000Z') // local midnight starting 31 March
    const hourly: TimePoint[] = []
    for (let t = start; t < now; t += HOUR) hourly.push({ start: t, value: 1 })
    const forecast = forecastPeriodEnd(hourly, { periodStart: start, periodEnd: '2026-03-31T22:00:00.000Z', now, timeZone: 'Europe/Berlin' })
    expect(forecast.spent).toBe(743 - 24)
    // The 23-hour Sunday makes Sundays a little lighter; the last day (a Tuesday) is a full $24 day.
    expect(forecast.method).toBe('weekday')
    expect(forecast.path.map((step) => step.at)).toEqual([now, Date.parse('2026-03-31T22:00:00.000Z')])
    expect(forecast.expected).toBeCloseTo(743, 1)
  })
})

describe('forecastPeriodEnd: the inputs its signature allows', () => {
  const flat = daily('2026-11-01', 15, () => 10)
  const options = { periodEnd: '2026-12-01T00:00:00.000Z', now: '2026-11-16T00:00:00.000Z' }
  const answer = forecastPeriodEnd(flat, options)

  it('gives the same answer for ISO strings, Dates and epoch milliseconds, in any order', () => {
    expect(answer).toMatchObject({ expected: 300, spent: 150 })
    const asDates = flat.map((point) => ({ start: new Date(point.start as string), value: point.value }))
    expect(forecastPeriodEnd(asDates, { periodEnd: new Date(options.periodEnd), now: new Date(options.now) })).toEqual(answer)
    const asMs = flat.map((point) => ({ start: Date.parse(point.start as string), value: point.value }))
    expect(forecastPeriodEnd(asMs, { periodEnd: Date.parse(options.periodEnd), now: Date.parse(options.now) })).toEqual(answer)
    expect(forecastPeriodEnd([...flat].reverse(), options)).toEqual(answer)
    expect(forecastPeriodEnd([flat[7]!, ...flat.slice(0, 7), ...flat.slice(8)], options)).toEqual(answer)
  })

  it('answers for one point, all zeros and no points, the band never below what is spent', () => {
    const one = forecastPeriodEnd([{ start: '2026-11-01T00:00:00.000Z', value: 12 }], { periodEnd: '2026-12-01T00:00:00.000Z', now: '2026-11-02T00:00:00.000Z' })
    expect(one.spent).toBe(12)
    expect(one.expected).toBe(360)
    expect(one.low).toBeGreaterThanOrEqual(12)
    expect(one.high).toBeGreaterThan(one.expected)

    const zeros = forecastPeriodEnd(daily('2026-11-01', 15, () => 0), options)
    expect(zeros).toMatchObject({ expected: 0, low: 0, high: 0, spent: 0 })

    const none = forecastPeriodEnd([], options)
    expect(none).toMatchObject({ expected: 0, low: 0, high: 0, spent: 0 })
  })

  it('counts null values as nothing spent and ignores points from now on', () => {
    const withGaps = flat.map((point, i) => (i === 3 ? { start: point.start, value: null } : point))
    expect(forecastPeriodEnd(withGaps, options).spent).toBe(140)
    const future = [...flat, ...daily('2026-11-16', 5, () => 1000)]
    expect(forecastPeriodEnd(future, options)).toEqual(answer)
  })

  it('of a finished period is what was spent in it, with no band (points after its end are not its spend)', () => {
    const month = daily('2026-11-01', 35, (i) => (i < 30 ? 10 : 999))
    const done = forecastPeriodEnd(month, { periodEnd: '2026-12-01T00:00:00.000Z', now: '2026-12-05T00:00:00.000Z' })
    expect(done).toMatchObject({ expected: 300, low: 300, high: 300, spent: 300 })
  })

  it('narrows its band day by day through the month, and always contains the expected total', () => {
    // A $8–12 cycle that the spread, measured on a few more days, sometimes reads as wider (days 6, 8 and 21).
    const noisy = daily('2026-11-01', 30, (i) => 10 + ((i * 7) % 5) - 2)
    let width = Infinity
    for (let elapsed = 1; elapsed <= 30; elapsed++) {
      const forecast = forecastPeriodEnd(noisy.slice(0, elapsed), { periodEnd: november.periodEnd, now: new Date(Date.parse(november.periodStart) + elapsed * DAY) })
      expect(forecast.low).toBeGreaterThanOrEqual(forecast.spent)
      expect(forecast.expected).toBeGreaterThanOrEqual(forecast.spent)
      expect(forecast.low).toBeLessThanOrEqual(forecast.expected)
      expect(forecast.high).toBeGreaterThanOrEqual(forecast.expected)
      expect(forecast.high - forecast.low).toBeLessThan(width)
      width = forecast.high - forecast.low
    }
    expect(width).toBe(0)
  })
})
