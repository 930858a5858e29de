import { type DeltaTone, formatDeltaPercent } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, type ReactNode, forwardRef } from 'react'
import { ErrorState, Skeleton } from './WidgetState.js'
import { ArrowDownIcon, ArrowUpIcon } from './icons.js'

export interface KpiDelta {
  /** Relative change, 0.12 = +12%; `null` when the previous period was 0. */
  relative: number | null
  direction: 'up' | 'down' | 'flat'
  /** Colour by meaning: more cost is bad, more requests is neutral. */
  tone: DeltaTone
  /** Names the period compared with, e.g. "vs previous 7 days". */
  period: string
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

const TONE_WORD: Record<DeltaTone, string> = { good: 'better', bad: 'worse', neutral: 'change' }

/** One number with its label, a muted sub-line and a delta chip against the previous period. */
export const KpiCard = forwardRef<HTMLElement, KpiCardProps>(function KpiCard(
  { label, value, unit, sub, delta, loading, error, onRetry, locale, className, ...props },
  ref,
) {
  const state = error ? 'error' : loading ? 'loading' : 'ready'
  return (
    <section ref={ref} data-state={state} aria-busy={loading || undefined} className={clsx('uk-card uk-kpi', className)} {...props}>
      <div className="uk-kpi-label">{label}</div>
      {error ? (
        <ErrorState error={error} onRetry={onRetry} title="Could not load" />
      ) : loading ? (
        <>
          <Skeleton height={31} width="60%" />
          <Skeleton height={16} width="80%" />
        </>
      ) : (
        <>
          <div className="uk-kpi-value">
            {value}
            {unit ? <span className="uk-kpi-unit">{unit}</span> : null}
          </div>
          {sub ? <div className="uk-kpi-sub">{sub}</div> : null}
          {delta ? (
            <span className="uk-delta" data-tone={delta.tone} data-direction={delta.direction}>
              {delta.direction === 'up' ? <ArrowUpIcon /> : delta.direction === 'down' ? <ArrowDownIcon /> : null}
              <span>{delta.relative === null ? 'new' : formatDeltaPercent(delta.relative, { locale })}</span>
              <span className="uk-visually-hidden">({TONE_WORD[delta.tone]})</span>
              <span className="uk-muted">{delta.period}</span>
            </span>
          ) : null}
        </>
      )}
    </section>
  )
})
KpiCard.displayName = 'KpiCard'
