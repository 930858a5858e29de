import { type BudgetPeriodKind, EMPTY_VALUE, type UsageBudget } from '@usagekit/core'
import { type HTMLAttributes, forwardRef } from 'react'
import { KpiCard } from '../components/KpiCard.js'
import { useFormat } from '../hooks/useFormat.js'
import { useMessages } from '../i18n/useMessages.js'
import { useBudgetForecast } from './useBudgetForecast.js'

export interface ForecastKpiProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  /** The card's label; default "Forecast" or "Forecast · {budget label}". */
  label?: string
  /** The period to forecast when no budget applies (default `month`). */
  period?: BudgetPeriodKind
  /** A budget in place of the one the page's filters select from the provider's `budgets`. */
  budget?: UsageBudget | null
}

/** "Nov 30": a day in the viewer's zone. The period end is exclusive, so its last day is a millisecond before. */
function dayLabel(instant: number, locale: string | undefined, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone }).format(instant)
}

/**
 * The budget at a glance, at the card's foot: a bar of what is spent (solid) and what is expected by
 * the period end (a pale extension) on a scale to the budget or the forecast, whichever is larger, a
 * tick at the budget, and the words ("72% of budget spent · 107% forecast"), so nothing is colour alone.
 * Once spend has reached the budget the bar takes the bad colour, as the breakdown's budget share does.
 */
function BudgetMeter({ spent, expected, amount }: { spent: number; expected: number; amount: number }) {
  const t = useMessages()
  const format = useFormat()
  const scale = Math.max(amount, expected, spent)
  const width = (value: number) => `${Math.max(0, Math.min(100, (value / scale) * 100))}%`
  const percent = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 0 })
  return (
    <span className="uk-forecast-meter" data-over={expected > amount || undefined} data-reached={spent >= amount || undefined}>
      <span className="uk-forecast-meter-track" aria-hidden="true">
        <span className="uk-forecast-meter-expected" style={{ width: width(expected) }} />
        <span className="uk-forecast-meter-spent" style={{ width: width(spent) }} />
        <span className="uk-forecast-meter-budget" style={{ insetInlineStart: width(amount) }} />
      </span>
      <span className="uk-forecast-meter-text">{t('spend.meter', { spent: percent.format(spent / amount), expected: percent.format(expected / amount) })}</span>
    </span>
  )
}

/**
 * The period's expected spend: "Forecast $4,210 by Nov 30 · budget $5,000", and when spend will reach
 * the budget, "crosses budget on Nov 24" (or "budget reached on …"). Without history it says so
 * instead of guessing. Reads the provider's `budgets` (the one whose filters equal the page's).
 */
export const ForecastKpi = forwardRef<HTMLElement, ForecastKpiProps>(function ForecastKpi({ label, period, budget: ownBudget, ...props }, ref) {
  const t = useMessages()
  const format = useFormat()
  const { data, isLoading, error, refetch } = useBudgetForecast({ period, budget: ownBudget })
  const budget = data?.budget ?? null
  const title = label ?? (budget?.label ? t('spend.forecastOf', { label: budget.label }) : t('spend.forecast'))
  if (!data) {
    return <KpiCard ref={ref} label={title} loading={isLoading} error={error ?? undefined} onRetry={() => void refetch()} data-uk-forecast="loading" {...props} />
  }
  const { forecast, crossing, status } = data
  const lastDay = dayLabel(Date.parse(data.period.end) - 1, format.locale, format.timeZone)
  const tone = crossing ? 'over' : budget ? 'under' : 'none'
  if (status === 'noHistory') {
    // No forecast to show: the card's number is a dash, not what was spent under a "Forecast" label.
    return (
      <KpiCard
        ref={ref}
        label={title}
        value={<span title={t('spend.noHistory')}>{EMPTY_VALUE}</span>}
        sub={
          <>
            <span>{t('spend.noHistory')}</span>
            <span>{t('spend.legendSpent', { amount: format.money(forecast.spent) })}</span>
            {budget ? <span className="uk-forecast-budget">{t('spend.budgetOf', { amount: format.money(budget.amount) })}</span> : null}
          </>
        }
        data-uk-forecast="noHistory"
        {...props}
      />
    )
  }
  return (
    <KpiCard
      ref={ref}
      label={title}
      value={format.money(forecast.expected)}
      sub={
        <>
          <span className="uk-forecast-line">
            {t('spend.forecastBy', { date: lastDay })}
            {budget ? ` · ${t('spend.budgetOf', { amount: format.money(budget.amount) })}` : ''}
          </span>
          <span className="uk-forecast-band">{t('spend.band', { low: format.money(forecast.low), high: format.money(forecast.high), spent: format.money(forecast.spent) })}</span>
          {crossing ? (
            <span className="uk-forecast-crossing" data-projected={crossing.projected}>
              <span aria-hidden="true">▲ </span>
              {t(crossing.projected ? 'spend.crossesOn' : 'spend.crossedOn', { date: dayLabel(Date.parse(crossing.at), format.locale, format.timeZone) })}
            </span>
          ) : null}
          {status === 'justStarted' ? <span className="uk-forecast-note">{t('spend.justStarted')}</span> : null}
          {budget ? <BudgetMeter spent={forecast.spent} expected={forecast.expected} amount={budget.amount} /> : null}
        </>
      }
      data-uk-forecast={status}
      data-budget={tone}
      {...props}
    />
  )
})
ForecastKpi.displayName = 'ForecastKpi'
