import { type BudgetPeriodKind, type UsageBudget, bucketStart } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, type KeyboardEvent, type MouseEvent, forwardRef, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { ChartSkeleton } from '../charts/ChartSkeleton.js'
import { tooltipPlacement } from '../charts/tooltipPlacement.js'
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
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/**
 * One local day of the period as the tooltip reads it: a finished day (`spent`: the cumulative spend
 * at its end), today (`today`: spent so far, and what the day is expected to end at) or a day to come
 * (`forecast`: the expected cumulative spend at its end and the band around it).
 */
interface BudgetDay {
  kind: 'spent' | 'today' | 'forecast'
  /** The day's local start and end (epoch ms): the span the pointer picks it in. */
  start: number
  end: number
  /** Where its mark is drawn: the end of the day, or now for today. */
  at: number
  spent: number | null
  expected: number | null
  low: number | null
  high: number | null
}

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
    // The tooltip's days: those spent so far from the points, then the forecast path's days.
    const tipDays: BudgetDay[] = []
    let cumulative = 0
    points.forEach((point, i) => {
      cumulative += point.value ?? 0
      const dayStart = Date.parse(String(point.start))
      // The next local midnight (a day of 23 or 25 hours included): 36 hours on is inside the next day.
      const dayEnd = i + 1 < points.length ? Date.parse(String(points[i + 1]!.start)) : bucketStart(dayStart + 1.5 * DAY_MS, '1d', format.timeZone)
      const today = dayEnd > now
      tipDays.push({ kind: today ? 'today' : 'spent', start: dayStart, end: dayEnd, at: today ? now : dayEnd, spent: cumulative, expected: null, low: null, high: null })
    })
    path.slice(1).forEach((step, i) => {
      const last = tipDays.at(-1)
      if (i === 0 && last?.kind === 'today') Object.assign(last, { expected: step.mid, low: step.low, high: step.high })
      else tipDays.push({ kind: 'forecast', start: path[i]!.at, end: step.at, at: step.at, spent: null, expected: step.mid, low: step.low, high: step.high })
    })
    return { x, y, spentPath: line(spent), expectedPath: path.length > 1 ? line(path.map((p) => [p.at, p.mid])) : null, band, ticks, dayTicks, budget, now, innerW, innerH, start, end, tipDays }
  }, [data, width, height, format.timeZone])

  const dayLabel = (ms: number) => new Intl.DateTimeFormat(format.locale, { month: 'short', day: 'numeric', timeZone: format.timeZone }).format(ms)
  const fullDayLabel = (ms: number) => new Intl.DateTimeFormat(format.locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: format.timeZone }).format(ms)

  // The day under the pointer or the keyboard's (← → Home End), and where its tooltip sits.
  const [active, setActive] = useState<{ index: number; mode: 'hover' | 'keyboard' } | null>(null)
  const [tip, setTip] = useState<{ left: number; top: number } | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const frameRef = useRef<HTMLDivElement>(null)
  const tipRef = useRef<HTMLDivElement>(null)
  const hintId = `${useId()}-hint`
  const tipDays = plot?.tipDays ?? []
  const day = active ? tipDays[Math.min(active.index, tipDays.length - 1)] : undefined
  const tipRows = (entry: BudgetDay) => {
    const rows: { key: string; label: string; value: string }[] = []
    if (entry.spent !== null) rows.push({ key: 'spent', label: t('spend.tipSpent'), value: format.money(entry.spent) })
    if (entry.expected !== null) rows.push({ key: 'forecast', label: t('spend.forecast'), value: format.money(entry.expected) })
    if (entry.low !== null && entry.high !== null) rows.push({ key: 'range', label: t('spend.tipRange'), value: t('spend.range', { low: format.money(entry.low), high: format.money(entry.high) }) })
    if (data?.budget) rows.push({ key: 'budget', label: t('spend.tipBudget'), value: format.money(data.budget.amount) })
    return rows
  }
  const since = data ? t('spend.tipSince', { date: dayLabel(Date.parse(data.period.start)) }) : ''
  const moveTo = (index: number) => {
    const entry = tipDays[index]
    if (!entry) return
    setActive({ index, mode: 'keyboard' })
    setAnnouncement([fullDayLabel(entry.start), entry.kind === 'today' ? t('chart.inProgress') : null, ...tipRows(entry).map((row) => `${row.label}: ${row.value}`)].filter(Boolean).join('. '))
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = tipDays.length - 1
    if (last < 0) return
    const index = active?.index
    switch (event.key) {
      case 'ArrowRight':
        moveTo(index === undefined ? 0 : Math.min(last, index + 1))
        break
      case 'ArrowLeft':
        moveTo(index === undefined ? last : Math.max(0, index - 1))
        break
      case 'Home':
        moveTo(0)
        break
      case 'End':
        moveTo(last)
        break
      case 'Escape':
        if (!active) return
        setActive(null)
        setAnnouncement('')
        break
      default:
        return
    }
    event.preventDefault()
  }
  const onMove = (event: MouseEvent<SVGRectElement>) => {
    if (!plot || tipDays.length === 0) return
    const box = event.currentTarget.ownerSVGElement!.getBoundingClientRect()
    const px = ((event.clientX - box.left) / box.width) * width
    const ms = plot.start + ((px - PAD.left) / plot.innerW) * (plot.end - plot.start)
    const found = tipDays.findIndex((entry) => ms >= entry.start && ms < entry.end)
    const index = found >= 0 ? found : ms < tipDays[0]!.start ? 0 : tipDays.length - 1
    setActive((current) => (current?.index === index && current.mode === 'hover' ? current : { index, mode: 'hover' }))
  }
  const markX = day && plot ? plot.x(day.at) : null
  const markY = day && plot ? plot.y(day.spent !== null && day.kind !== 'forecast' ? day.spent : (day.expected ?? 0)) : null
  // Placed from its measured size before paint (docs/design.md, "Tooltips"), like the time charts'.
  useIsomorphicLayoutEffect(() => {
    const frame = frameRef.current
    const tooltip = tipRef.current
    if (markX === null || !frame || !tooltip) {
      setTip(null)
      return
    }
    // The plot is drawn in a viewBox as wide as the card; the frame inside the card's padding is narrower.
    const frameBox = frame.getBoundingClientRect()
    const scale = frameBox.width > 0 ? frameBox.width / width : 1
    const placed = tooltipPlacement({ x: markX * scale, top: PAD.top * scale, chartWidth: frameBox.width, tip: { width: tooltip.offsetWidth, height: tooltip.offsetHeight }, frame: frameBox })
    setTip((current) => (current && current.left === placed.left && current.top === placed.top ? current : placed))
  }, [markX, width, active?.index])
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
          <div
            ref={frameRef}
            className="uk-chart-frame"
            // Time runs left to right in every language, as in TimeChart (docs/i18n.md).
            style={{ position: 'relative', width: '100%', direction: 'ltr' }}
            tabIndex={0}
            role="application"
            aria-label={heading}
            aria-describedby={hintId}
            data-active={active ? active.mode : undefined}
            onKeyDown={onKeyDown}
            onBlur={() => {
              if (active?.mode === 'keyboard') setActive(null)
            }}
          >
            <span id={hintId} className="uk-visually-hidden">
              {t('spend.chartKeyboardHint')}
            </span>
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
              {day && markX !== null && markY !== null ? (
                <g aria-hidden="true" data-uk-mark="active-day">
                  <line x1={markX} x2={markX} y1={PAD.top} y2={PAD.top + plot.innerH} className="uk-budget-guide" />
                  <circle cx={markX} cy={markY} r={3.5} className={day.kind === 'forecast' ? 'uk-budget-active-forecast' : 'uk-spent-now'} />
                </g>
              ) : null}
              <rect
                x={PAD.left}
                y={PAD.top}
                width={plot.innerW}
                height={plot.innerH}
                fill="transparent"
                className="uk-chart-hit"
                onMouseMove={onMove}
                onMouseLeave={() => setActive((current) => (current?.mode === 'hover' ? null : current))}
              />
            </svg>
            {day ? (
              <div
                ref={tipRef}
                className="uk-tooltip uk-budget-tooltip"
                role="presentation"
                data-day={new Date(day.start).toISOString()}
                data-kind={day.kind}
                style={{ left: tip?.left ?? 0, top: tip?.top ?? PAD.top, visibility: tip ? 'visible' : 'hidden' }}
              >
                <div className="uk-tooltip-title">{fullDayLabel(day.start)}</div>
                <div className="uk-tooltip-note">{day.kind === 'today' ? `${t('chart.inProgress')} · ${since}` : since}</div>
                {tipRows(day).map((row) => (
                  <div key={row.key} className="uk-tooltip-row" data-row={row.key}>
                    <span className={clsx('uk-swatch', `uk-swatch-${row.key}`)} aria-hidden="true" />
                    <span>{row.label}</span>
                    <span className="uk-num">{row.value}</span>
                  </div>
                ))}
              </div>
            ) : null}
            <div className="uk-visually-hidden" aria-live="polite">
              {announcement}
            </div>
          </div>
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
