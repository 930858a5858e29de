import {
  type BudgetCrossing,
  type BudgetPeriodKind,
  type PeriodForecast,
  type TimePoint,
  type TimeRange,
  type UsageBudget,
  budgetCrossing,
  budgetPeriod,
  forecastPeriodEnd,
  seriesPoints,
} from '@usagekit/core'
import { useMemo } from 'react'
import { useUsageSelection } from '../context/UsageProvider.js'
import { useAdapterQuery } from '../hooks/useAdapterQuery.js'
import { useUsageQuery } from '../hooks/useUsageQuery.js'
import { applicableBudget } from './applicableBudget.js'
import { useBudgets } from './budgetsContext.js'

const DAY_MS = 86_400_000
/** Days before the period that shape the weekday pattern and the first days' rate (docs/spend-control.md). */
export const FORECAST_HISTORY_DAYS = 28
/** Under this much elapsed time the forecast leans on days before the period: the card says so. */
const JUST_STARTED_MS = 2 * DAY_MS

/**
 * What the forecast can say: `ready`; `noHistory` when no complete day has any spend (nothing to
 * project from); `justStarted` when under two days of the period have passed (the rate comes from the
 * days before it).
 */
export type ForecastStatus = 'ready' | 'noHistory' | 'justStarted'

export interface BudgetForecast {
  /** The budget that applies to the page's filters, or `null` (the forecast is shown alone). */
  budget: UsageBudget | null
  /** The running period (end exclusive). */
  period: TimeRange
  /** Daily spend of the period so far. */
  points: TimePoint[]
  forecast: PeriodForecast
  /** When spend reaches the budget (already or expected), `null` without a budget or when it stays under. */
  crossing: BudgetCrossing | null
  status: ForecastStatus
  now: number
}

export interface UseBudgetForecastOptions {
  /** The period to forecast when no budget applies (default `month`). A budget's own period wins. */
  period?: BudgetPeriodKind
  /** A budget to use in place of the page's (the provider's `budgets`). */
  budget?: UsageBudget | null
}

/**
 * The running budget period's daily spend under the page's filters (with four weeks before it), its
 * forecast to the period end and the budget crossing. One `getTimeSeries` call with `1d` buckets.
 */
export function useBudgetForecast(options: UseBudgetForecastOptions = {}) {
  const budgets = useBudgets()
  const { anchor } = useUsageSelection()
  const base = useUsageQuery()
  const budget = options.budget !== undefined ? options.budget : applicableBudget(budgets, base.query?.filters)
  const kind = budget?.period ?? options.period ?? 'month'
  const timeZone = base.query?.timeZone
  const period = useMemo(() => (timeZone && anchor !== undefined ? budgetPeriod({ period: kind }, { timeZone, now: anchor }) : null), [kind, timeZone, anchor])
  const params = useMemo(() => {
    if (!period || !base.query) return null
    const history = { start: new Date(Date.parse(period.start) - FORECAST_HISTORY_DAYS * DAY_MS).toISOString(), end: period.end }
    return { ...base.query, range: history, bucket: '1d' as const, metrics: ['cost' as const] }
  }, [period, base.query])
  const query = useAdapterQuery('getTimeSeries', params, { keepPrevious: false })
  const data = useMemo<BudgetForecast | null>(() => {
    if (!query.data || !period || anchor === undefined || !timeZone) return null
    const all = seriesPoints(query.data, 'total', 'cost')
    const forecast = forecastPeriodEnd(all, { periodStart: period.start, periodEnd: period.end, now: anchor, timeZone })
    const crossing = budget ? budgetCrossing(all, forecast, { amount: budget.amount, periodStart: period.start, now: anchor }) : null
    const periodStart = Date.parse(period.start)
    const points = all.filter((point) => Date.parse(String(point.start)) >= periodStart && Date.parse(String(point.start)) < anchor)
    const completeDaysWithSpend = all.some((point) => Date.parse(String(point.start)) + DAY_MS <= anchor && (point.value ?? 0) > 0)
    const status: ForecastStatus = !completeDaysWithSpend ? 'noHistory' : anchor - periodStart < JUST_STARTED_MS ? 'justStarted' : 'ready'
    return { budget, period, points, forecast, crossing, status, now: anchor }
  }, [query.data, period, anchor, timeZone, budget])
  return { data, isLoading: !data && !query.error, error: query.error, refetch: query.refetch }
}
