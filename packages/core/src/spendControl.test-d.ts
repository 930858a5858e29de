import { describe, expectTypeOf, it } from 'vitest'
import type { Anomaly, BudgetCrossing, Filters, Metric, PeriodForecast, PriceTable, PricedMetric, TimePoint, TimeRange, UsageBudget } from './index'
import { budgetCrossing, budgetPeriod, cacheSavings, detectAnomalies, forecastPeriodEnd, seriesPoints } from './index'
import type { MemoryAdapterOptions } from './memory'

describe('the spend-control types', () => {
  it('describes a budget as an amount per month or ISO week over filtered usage', () => {
    expectTypeOf<UsageBudget>().toEqualTypeOf<{ amount: number; period: 'month' | 'week'; filters?: Filters; label?: string }>()
    expectTypeOf(budgetPeriod).returns.toEqualTypeOf<TimeRange>()
    // @ts-expect-error budgets run per month or per week, nothing else
    const yearly: UsageBudget = { amount: 1000, period: 'year' }
    void yearly
  })

  it('forecasts from points a time series answer gives, and crosses a budget at an ISO instant or never', () => {
    expectTypeOf(seriesPoints).returns.toEqualTypeOf<TimePoint[]>()
    expectTypeOf(forecastPeriodEnd).parameter(0).toEqualTypeOf<readonly TimePoint[]>()
    expectTypeOf(forecastPeriodEnd).returns.toMatchTypeOf<{ expected: number; low: number; high: number }>()
    expectTypeOf(budgetCrossing).parameter(1).toMatchTypeOf<Pick<PeriodForecast, 'path'>>()
    expectTypeOf(budgetCrossing).returns.toEqualTypeOf<BudgetCrossing | null>()
    expectTypeOf<BudgetCrossing['at']>().toEqualTypeOf<string>()
  })

  it('returns anomalies with index, start, value, expected and score', () => {
    expectTypeOf(detectAnomalies).returns.toEqualTypeOf<Anomaly[]>()
    expectTypeOf<Anomaly>().toEqualTypeOf<{ index: number; start: string; value: number; expected: number; score: number }>()
  })

  it('prices by model with decimal strings or numbers, and names cacheSavings as a metric', () => {
    expectTypeOf<{ 'gpt-4.1': { input: '2'; cachedInput: 0.5 } }>().toMatchTypeOf<PriceTable>()
    expectTypeOf<MemoryAdapterOptions['prices']>().toEqualTypeOf<PriceTable | undefined>()
    expectTypeOf(cacheSavings).returns.toEqualTypeOf<number>()
    expectTypeOf<PricedMetric>().toEqualTypeOf<'cacheSavings'>()
    expectTypeOf<'cacheSavings'>().toMatchTypeOf<Metric>()
    // @ts-expect-error a price needs both input and cachedInput
    const half: PriceTable = { 'gpt-4.1': { input: '2' } }
    void half
  })
})
