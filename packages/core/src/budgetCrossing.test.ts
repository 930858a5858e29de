import { describe, expect, it } from 'vitest'
import { budgetCrossing } from './budgetCrossing'
import { forecastPeriodEnd } from './forecastPeriodEnd'
import type { TimePoint } from './timePoint'

const DAY = 86_400_000
const november = { periodStart: '2026-11-01T00:00:00.000Z', periodEnd: '2026-12-01T00:00:00.000Z' }
const tenADay: TimePoint[] = Array.from({ length: 15 }, (_, i) => ({ start: Date.parse(november.periodStart) + i * DAY, value: 10 }))
const now = '2026-11-16T00:00:00.000Z'
const forecast = forecastPeriodEnd(tenADay, { ...november, now })

describe('budgetCrossing', () => {
  it('finds a crossing that already happened inside its bucket, spend taken as even', () => {
    // $95: $90 by the end of 9 November, the tenth day reaches it halfway.
    expect(budgetCrossing(tenADay, forecast, { amount: 95, now })).toEqual({ at: '2026-11-10T12:00:00.000Z', projected: false })
    expect(budgetCrossing(tenADay, forecast, { amount: 150, now })).toEqual({ at: '2026-11-16T00:00:00.000Z', projected: false })
  })

  it('projects a crossing along the expected path', () => {
    expect(budgetCrossing(tenADay, forecast, { amount: 250, now })).toEqual({ at: '2026-11-26T00:00:00.000Z', projected: true })
    expect(budgetCrossing(tenADay, forecast, { amount: 255, now })).toEqual({ at: '2026-11-26T12:00:00.000Z', projected: true })
    expect(budgetCrossing(tenADay, forecast, { amount: 300, now })).toEqual({ at: '2026-12-01T00:00:00.000Z', projected: true })
  })

  it('is null when the expected total stays under the budget', () => {
    expect(budgetCrossing(tenADay, forecast, { amount: 300.000000001, now })).toBeNull()
    expect(budgetCrossing([], forecastPeriodEnd([], { ...november, now }), { amount: 1, now })).toBeNull()
  })

  it('counts only the period’s points when history comes before it', () => {
    const history: TimePoint[] = [{ start: '2026-10-31T00:00:00.000Z', value: 1000 }]
    const withHistory = [...history, ...tenADay]
    const ahead = forecastPeriodEnd(withHistory, { ...november, now })
    expect(budgetCrossing(withHistory, ahead, { amount: 95, now, periodStart: november.periodStart })).toEqual({
      at: '2026-11-10T12:00:00.000Z',
      projected: false,
    })
  })

  it('refuses a budget that is not a positive amount', () => {
    expect(() => budgetCrossing(tenADay, forecast, { amount: 0, now })).toThrow(RangeError)
  })
})
