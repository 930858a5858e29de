import { type Dimension, type Metric, NONE_KEY } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, type ReactNode, forwardRef, useMemo } from 'react'
import { Card } from '../components/Card.js'
import { ErrorState, EmptyState, Skeleton } from '../components/WidgetState.js'
import { useBreakdown } from '../hooks/useBreakdown.js'
import { useSupport } from '../hooks/useCapabilities.js'
import { useFormat } from '../hooks/useFormat.js'
import { useRankedSeriesColors } from '../hooks/useSeriesColors.js'
import { own } from '../components/own.js'

export interface BarListProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title: string
  subtitle?: ReactNode
  groupBy: Dimension
  metric: Metric
  /** How many bars (default 8). */
  limit?: number
  /** Colour bars by their key's series colour (default: the accent). */
  colorByKey?: boolean
  /**
   * Include usage without a value for the dimension as a "(none)" bar (default true). "Top customers"
   * leaves it out: the requests made for no customer are not a customer, and would dwarf the real ones.
   */
  showNone?: boolean
}

/** Horizontal top-N bars: top consumers, usage by model, top agents (seed 002). Not shown when the adapter lacks its metric or dimension. */
export const BarList = forwardRef<HTMLElement, BarListProps>(function BarList({ title, subtitle, groupBy, metric, limit = 8, colorByKey = false, showNone = true, ...props }, ref) {
  const format = useFormat()
  const support = useSupport()
  const hidden = support.known && !(support.metric(metric) && support.dimension(groupBy))
  const query = useBreakdown({ groupBy, metrics: [metric], limit: showNone ? limit : limit + 1, enabled: support.known && !hidden })
  const rows = useMemo(() => {
    const all = query.data?.rows ?? []
    return showNone ? all : all.filter((row) => row.key !== NONE_KEY).slice(0, limit)
  }, [query.data, showNone, limit])
  // Rows come largest first: with colorByKey they rank the dimension's colours for the whole page.
  const rankedKeys = useMemo(() => (colorByKey ? rows.map((row) => row.key) : []), [colorByKey, rows])
  const colorOf = useRankedSeriesColors(colorByKey ? groupBy : undefined, rankedKeys)
  const max = Math.max(0, ...rows.map((row) => own(row.metrics, metric) ?? 0))
  const height = limit * 34
  const state = query.isError ? 'error' : query.isPending ? 'loading' : rows.length === 0 ? 'empty' : 'ready'
  if (hidden) return null
  return (
    <Card ref={ref} title={title} subtitle={subtitle} state={state} aria-busy={query.isPending || undefined} {...props}>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} minHeight={height} />
      ) : query.isPending ? (
        <Skeleton height={height} />
      ) : rows.length === 0 ? (
        <EmptyState minHeight={height} />
      ) : (
        <ol className="uk-bar-list" aria-label={title}>
          {rows.map((row) => {
            const value = own(row.metrics, metric) ?? 0
            const color = colorByKey ? colorOf(row.key, groupBy) : 'var(--_uk-accent)'
            return (
              <li key={row.key} data-key={row.key}>
                <div className="uk-bar-track">
                  <span className="uk-bar-fill" style={{ width: `${max > 0 ? Math.max(1, (value / max) * 100) : 0}%`, background: color }} />
                  <span className={clsx('uk-bar-label', row.key === NONE_KEY && 'uk-none')} title={row.secondary ? `${row.label} — ${row.secondary}` : row.label}>
                    {row.label}
                  </span>
                </div>
                <span className="uk-num">{format.metric(value, metric, { compact: true })}</span>
              </li>
            )
          })}
        </ol>
      )}
    </Card>
  )
})
BarList.displayName = 'BarList'
