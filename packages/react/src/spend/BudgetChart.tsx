import type { BudgetPeriodKind, UsageBudget } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, forwardRef, useMemo, useRef } from 'react'
import { ChartSkeleton } from '../charts/ChartSkeleton.js'
import { useElementWidth } from '../charts/useElementWidth.js'
import { ErrorState } from '../components/WidgetState.js'
import { useMergedRef } from '../components/useMergedRef.js'
import { useFormat } from '../hooks/useFormat.js'
import { useMessages } from '../i18n/useMessages.js'
import { useBudgetForecast } from './useBudgetForecast.js'

export interface BudgetChartProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: string
  /** The period to draw when no budget applies (default `month`). */
  period?: BudgetPeriodKind
  /** A budget in place of the one the page's filters select from the provider's `budgets`. */
  budget?: UsageBudget | null
  height?: number
}

const DAY_MS = 86_400_000

/** Axis ticks from 0 past `value`: at most 5 steps of 1, 2, 2.5 or 5 × 10ⁿ ($0, $25 … $125). */
function niceTicks(value: number): number[] {
  const power = 10 ** Math.floor(Math.log10(value / 5))
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((candidate) => Math.ceil(value / candidate) <= 5)!
  return Array.from({ length: Math.ceil(value / step) + 1 }, (_, i) => i * step)
}
const PAD = { top: 12, right: 12, bottom: 24, left: 56 }

/**
 * Spend so far in the budget period, cumulative by day, against the budget (a dashed line) with the
 * forecast to the period end: the expected path as a dotted line inside a quiet 90 % band. The data
 * line is the only strong mark; the band and the budget stay behind it (docs/design.md, "Visual language").
 */
export const BudgetChart = forwardRef<HTMLElement, BudgetChartProps>(function BudgetChart({ title, period, budget: ownBudget, height = 220, className, ...props }, ref) {
  const t = useMessages()
  const format = useFormat()
  const own = useRef<HTMLElement>(null)
  const merged = useMergedRef(ref, own)
  const width = useElementWidth(own, 600)
  const { data, isLoading, error, refetch } = useBudgetForecast({ period, budget: ownBudget })
  const heading = title ?? t('spend.chartTitle')

  const plot = useMemo(() => {
    if (!data) return null
    const { forecast, budget, points, now } = data
    const start = Date.parse(data.period.start)
    const end = Date.parse(data.period.end)
    const innerW = Math.max(40, width - PAD.left - PAD.right)
    const innerH = height - PAD.top - PAD.bottom
    const ticks = niceTicks(Math.max(forecast.high, forecast.spent, budget ? budget.amount * 1.08 : 0) || 1)
    const max = ticks[ticks.length - 1]!
    const x = (ms: number) => PAD.left + ((ms - start) / (end - start)) * innerW
    const y = (value: number) => PAD.top + innerH - (value / max) * innerH
    // Cumulative spend at the end of each day so far, and at now for the running day.
    let running = 0
    const spent: [number, number][] = [[start, 0]]
    for (const point of points) {
      running += point.value ?? 0
      spent.push([Math.min(Date.parse(String(point.start)) + DAY_MS, now), running])
    }
    const remaining = forecast.expected - forecast.spent
    const share = (cumulative: number) => (remaining > 0 ? (cumulative - forecast.spent) / remaining : 0)
    // Without history there is nothing to project: the chart shows the spend so far and the budget only.
    const steps = data.status === 'noHistory' ? [] : forecast.path
    const path = steps.map((step) => ({ at: step.at, mid: step.cumulative, low: forecast.spent + share(step.cumulative) * (forecast.low - forecast.spent), high: forecast.spent + share(step.cumulative) * (forecast.high - forecast.spent) }))
    const line = (pairs: [number, number][]) => pairs.map(([ms, v], i) => `${i ? 'L' : 'M'}${x(ms).toFixed(1)},${y(v).toFixed(1)}`).join('')
    const band = path.length > 1 ? `${line(path.map((p) => [p.at, p.high]))}${path.slice().reverse().map((p) => `L${x(p.at).toFixed(1)},${y(p.low).toFixed(1)}`).join('')}Z` : null
    const days = Math.round((end - start) / DAY_MS)
    const dayTicks = [0, Math.floor(days / 2), days - 1].map((d) => start + d * DAY_MS + DAY_MS / 2)
    return { x, y, spentPath: line(spent), expectedPath: path.length > 1 ? line(path.map((p) => [p.at, p.mid])) : null, band, ticks, dayTicks, budget, now, innerW, start, end }
  }, [data, width, height])

  const dayLabel = (ms: number) => new Intl.DateTimeFormat(format.locale, { month: 'short', day: 'numeric', timeZone: format.timeZone }).format(ms)
  const compactMoney = (value: number) => new Intl.NumberFormat(format.locale, { style: 'currency', currency: format.currency, notation: 'compact', maximumFractionDigits: 1 }).format(value)
  const state = error ? 'error' : !data ? 'loading' : 'ready'
  return (
    <section ref={merged} className={clsx('uk-card uk-chart uk-budget-chart', className)} data-state={state} aria-busy={isLoading || undefined} {...props}>
      <header className="uk-card-header">
        <h3 className="uk-card-title">{heading}</h3>
      </header>
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data || !plot ? (
        <ChartSkeleton height={height} />
      ) : (
        <>
          <svg
            width="100%"
            height={height}
            viewBox={`0 0 ${width} ${height}`}
            role="img"
            aria-label={t('spend.chartImage', {
              spent: format.money(data.forecast.spent),
              expected: format.money(data.forecast.expected),
              budget: data.budget ? format.money(data.budget.amount) : t('spend.noBudget'),
            })}
          >
            <g className="uk-chart-grid" aria-hidden="true">
              {plot.ticks.map((tick) => (
                <line key={tick} x1={PAD.left} x2={PAD.left + plot.innerW} y1={plot.y(tick)} y2={plot.y(tick)} />
              ))}
            </g>
            <g className="uk-chart-axis" aria-hidden="true">
              {plot.ticks.map((tick) => (
                <text key={tick} x={PAD.left - 6} y={plot.y(tick)} dy="0.32em" textAnchor="end">
                  {compactMoney(tick)}
                </text>
              ))}
              {plot.dayTicks.map((ms, i) => (
                <text key={ms} x={plot.x(ms)} y={height - 6} textAnchor={i === 0 ? 'start' : i === plot.dayTicks.length - 1 ? 'end' : 'middle'}>
                  {dayLabel(ms)}
                </text>
              ))}
            </g>
            {plot.band ? <path d={plot.band} className="uk-forecast-band-area" data-uk-mark="forecast-band" /> : null}
            {plot.expectedPath ? <path d={plot.expectedPath} className="uk-forecast-expected" fill="none" data-uk-mark="forecast" /> : null}
            {plot.budget ? (
              <g data-uk-mark="budget-line">
                <line x1={PAD.left} x2={PAD.left + plot.innerW} y1={plot.y(plot.budget.amount)} y2={plot.y(plot.budget.amount)} className="uk-budget-line" />
                <text x={PAD.left + 4} y={plot.y(plot.budget.amount) - 4} textAnchor="start" className="uk-budget-label" aria-hidden="true">
                  {t('spend.budgetOf', { amount: format.money(plot.budget.amount) })}
                </text>
              </g>
            ) : null}
            <path d={plot.spentPath} className="uk-spent-line" fill="none" data-uk-mark="spent" />
            <circle cx={plot.x(plot.now)} cy={plot.y(data.forecast.spent)} r={3} className="uk-spent-now" />
          </svg>
          <ul className="uk-legend uk-budget-legend" aria-label={t('spend.legend')}>
            <li>
              <span className="uk-swatch uk-swatch-spent" aria-hidden="true" />
              {t('spend.legendSpent', { amount: format.money(data.forecast.spent) })}
            </li>
            {data.status === 'noHistory' ? (
              <li>{t('spend.noHistory')}</li>
            ) : (
              <li>
                <span className="uk-swatch uk-swatch-forecast" aria-hidden="true" />
                {t('spend.legendForecast', { low: format.money(data.forecast.low), high: format.money(data.forecast.high) })}
              </li>
            )}
            {data.budget ? (
              <li>
                <span className="uk-swatch uk-swatch-budget" aria-hidden="true" />
                {t('spend.legendBudget', { amount: format.money(data.budget.amount) })}
              </li>
            ) : null}
          </ul>
        </>
      )}
    </section>
  )
})
BudgetChart.displayName = 'BudgetChart'
