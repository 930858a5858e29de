import { type DeltaTone, formatDeltaPercent } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, type ReactNode, forwardRef } from 'react'
import { useMessages } from '../i18n/useMessages.js'
import type { Translate } from '../i18n/translate.js'
import { ErrorState, Skeleton } from './WidgetState.js'
import { ArrowDownIcon, ArrowUpIcon } from './icons.js'

export interface KpiDelta {
  /** Relative change, 0.12 = +12%; `null` when the previous period was 0. */
  relative: number | null
  direction: 'up' | 'down' | 'flat'
  /** Colour by meaning: more cost is bad, more requests is neutral. */
  tone: DeltaTone
  /** Names the period compared with, shown beside the chip: "vs previous 7 days", "vs Oct 23 – Nov 5, 17:00". */
  period: string
  /**
   * The compared period in full, for the tooltip and screen readers: "vs same time last period:
   * Oct 23, 01:00 – Nov 5, 17:00". Defaults to `period`.
   */
  periodDetail?: string
}

export interface KpiCardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  label: ReactNode
  /** The formatted value. */
  value?: ReactNode
  /** A unit shown muted beside the value ("K tokens"). */
  unit?: ReactNode
  /** A muted line under the value: success rate, p95, "X of Y cached", input/output split. */
  sub?: ReactNode
  delta?: KpiDelta | null
  loading?: boolean
  error?: unknown
  onRetry?: () => void
  locale?: string
}

/**
 * Changes smaller than this (|Δ| < 1 %) are painted neutral whatever the metric's sentiment: a
 * +0.2 % latency wobble is noise, not bad news. The number and arrow still show (docs/design.md).
 */
export const KPI_NEUTRAL_BAND = 0.01

const TONE_WORD = { good: 'kpi.tone.good', bad: 'kpi.tone.bad', neutral: 'kpi.tone.neutral' } as const satisfies Record<DeltaTone, string>

/** "−12.3%": a true minus sign (U+2212), never a hyphen, beside the down arrow. */
function deltaText(relative: number, locale?: string): string {
  return formatDeltaPercent(relative, { locale }).replace(/-/g, '\u2212')
}

/** What the chip says and how it is painted: "No change" for 0 vs 0, "New" after a zero, neutral in the band. */
export function describeDelta(delta: Pick<KpiDelta, 'relative' | 'direction' | 'tone'>, t: Translate, locale?: string): { text: string; tone: DeltaTone; direction: KpiDelta['direction'] } {
  if (delta.direction === 'flat' || delta.relative === 0) return { text: t('kpi.delta.noChange'), tone: 'neutral', direction: 'flat' }
  if (delta.relative === null) return { text: t('kpi.delta.new'), tone: 'neutral', direction: delta.direction }
  const tone = Math.abs(delta.relative) < KPI_NEUTRAL_BAND ? 'neutral' : delta.tone
  return { text: deltaText(delta.relative, locale), tone, direction: delta.direction }
}

/**
 * One number with its label, a muted sub-line and a delta chip against the previous period. The chip
 * sits at the card's foot, so in a row of cards (which share their height) every chip is at the same
 * height whatever the sub-lines above it.
 */
export const KpiCard = forwardRef<HTMLElement, KpiCardProps>(function KpiCard(
  { label, value, unit, sub, delta, loading, error, onRetry, locale, className, ...props },
  ref,
) {
  const t = useMessages()
  const state = error ? 'error' : loading ? 'loading' : 'ready'
  const shown = delta ? describeDelta(delta, t, locale) : null
  const detail = delta ? (delta.periodDetail ?? delta.period) : ''
  return (
    <section ref={ref} data-state={state} aria-busy={loading || undefined} className={clsx('uk-card uk-kpi', className)} {...props}>
      <div className="uk-kpi-label">{label}</div>
      {error ? (
        <ErrorState error={error} onRetry={onRetry} compact />
      ) : loading ? (
        <>
          <Skeleton className="uk-kpi-value-skeleton" height={31} width="60%" />
          <Skeleton height={16} width="80%" />
        </>
      ) : (
        <>
          <div className="uk-kpi-value">
            {value}
            {unit ? <span className="uk-kpi-unit">{unit}</span> : null}
          </div>
          {sub ? <div className="uk-kpi-sub">{sub}</div> : null}
          {delta && shown ? (
            <div className="uk-kpi-foot" title={detail}>
              <span className="uk-delta" data-tone={shown.tone} data-direction={shown.direction}>
                {shown.direction === 'up' ? <ArrowUpIcon /> : shown.direction === 'down' ? <ArrowDownIcon /> : null}
                <span>{shown.text}</span>
                <span className="uk-visually-hidden">({t(TONE_WORD[shown.tone])})</span>
              </span>
              <span className="uk-kpi-period" aria-hidden={detail !== delta.period || undefined}>
                {delta.period}
              </span>
              {detail !== delta.period ? <span className="uk-visually-hidden">{detail}</span> : null}
            </div>
          ) : null}
        </>
      )}
    </section>
  )
})
KpiCard.displayName = 'KpiCard'
