import { describe, expect, it } from 'vitest'
import { comparedPeriodLabel as raw } from './comparedPeriod.js'

// Intl puts thin and narrow no-break spaces around the dash and before AM/PM.
const comparedPeriodLabel = (...args: Parameters<typeof raw>) => {
  const { short, detail } = raw(...args)
  return { short: short.replace(/\s/g, ' '), detail: detail.replace(/\s/g, ' ') }
}

const ny = { locale: 'en-US', timeZone: 'America/New_York' }

describe('comparedPeriodLabel', () => {
  it('names the same elapsed part of the previous period while the range runs (docs/time.md example)', () => {
    // Last 2 weeks, Nov 6 – Nov 19 (ends Nov 20 00:00 New York), now Nov 19 17:00.
    const range = { start: '2026-11-06T05:00:00.000Z', end: '2026-11-20T05:00:00.000Z' }
    const label = comparedPeriodLabel(range, { ...ny, now: Date.parse('2026-11-19T22:00:00.000Z') })
    expect(label.short).toBe('vs Oct 23 – Nov 5, 5:00 PM')
    expect(label.detail).toBe('vs same time last period: Oct 23, 1:00 AM – Nov 5, 5:00 PM')
  })

  it('names a rolling window by its length', () => {
    const range = { start: '2026-11-12T22:00:00.000Z', end: '2026-11-19T22:00:00.000Z' }
    expect(comparedPeriodLabel(range, { ...ny, now: Date.parse(range.end), rolling: true }).short).toBe('vs previous 7 days')
    const day = { start: '2026-11-18T22:00:00.000Z', end: '2026-11-19T22:00:00.000Z' }
    expect(comparedPeriodLabel(day, { ...ny, now: Date.parse(day.end), rolling: true }).short).toBe('vs previous 24 hours')
  })

  it('names the previous days of a finished range, its last day inclusive', () => {
    const range = { start: '2026-10-01T04:00:00.000Z', end: '2026-11-01T04:00:00.000Z' }
    const label = comparedPeriodLabel(range, { ...ny, now: Date.parse('2026-11-19T22:00:00.000Z') })
    expect(label.short).toBe('vs Aug 31 – Sep 30')
    expect(label.detail).toBe('vs previous period: Aug 31 – Sep 30')
  })
})
