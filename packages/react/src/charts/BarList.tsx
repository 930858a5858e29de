import { type Dimension, type Metric, NONE_KEY } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, type ReactNode, forwardRef, useMemo } from 'react'
import { Card } from '../components/Card.js'
import { ErrorState, EmptyState, Skeleton } from '../components/WidgetState.js'
import { useBreakdown } from '../hooks/useBreakdown.js'
import { useSupport } from '../hooks/useCapabilities.js'
import { useMetricAmount } from '../hooks/useMetricAmount.js'
import { useRankedSeriesColors } from '../hooks/useSeriesColors.js'
import { AgentIcon, UserIcon } from '../components/icons.js'
import { own } from '../components/own.js'
import { CheckIcon } from '../components/icons.js'
import { type UsageSelectHandler, useCrossFilter } from '../context/crossFilter.js'
import { groupLabel } from '../i18n/coreLabels.js'
import { useMessages } from '../i18n/useMessages.js'
import { consumerKind } from './consumerKind.js'

/** One row: a 20 px line (name, value) over a 6 px bar, 4 px apart; rows 8 px apart (styles.css, "bar list"). */
const ROW_HEIGHT = 30
const ROW_GAP = 8

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
  /** A bar was picked to filter the page by its key; runs before the provider's `onSelectKey`. Cancel with `event.preventDefault()` or `false`. */
  onSelectKey?: UsageSelectHandler
}

/**
 * Horizontal top-N bars: top consumers, usage by model, top agents (seed 002). Each row is the name
 * and the value with its unit ("1.2M tokens") over a solid bar: the bar is a graphic that has to reach
 * 3:1 against the card, so it is never a pale fill with the text on top. Consumers say whether they are
 * an agent or a user with an icon and a word. Not shown when the adapter lacks its metric or dimension.
 */
export const BarList = forwardRef<HTMLElement, BarListProps>(function BarList({ title, subtitle, groupBy, metric, limit = 8, colorByKey = false, showNone = true, onSelectKey, ...props }, ref) {
  const amount = useMetricAmount()
  const t = useMessages()
  const crossFilter = useCrossFilter()
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
  const height = limit * (ROW_HEIGHT + ROW_GAP) - ROW_GAP
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
            const kind = groupBy === 'consumer' && row.key !== NONE_KEY ? consumerKind(row) : undefined
            const secondary = kind === 'agent' ? undefined : row.secondary
            const label = groupLabel(row, t)
            const pickable = crossFilter.canSelect(groupBy, row.key)
            const chosen = crossFilter.isSelected(groupBy, row.key)
            const body = (
              <>
                <div className="uk-bar-head">
                  <span className={clsx('uk-bar-label', row.key === NONE_KEY && 'uk-none')} title={secondary ? `${label} — ${secondary}` : label}>
                    {chosen ? <CheckIcon /> : null}
                    {label}
                  </span>
                  {kind ? (
                    <span className="uk-bar-kind uk-muted">
                      {kind === 'agent' ? <AgentIcon /> : <UserIcon />}
                      {t(kind === 'agent' ? 'design.consumer.agent' : 'design.consumer.user')}
                    </span>
                  ) : null}
                  <span className="uk-num">{amount(value, metric, { compact: true })}</span>
                </div>
                <div className="uk-bar-track" aria-hidden="true">
                  <span className="uk-bar-fill" style={{ width: `${max > 0 ? Math.max(1, (value / max) * 100) : 0}%`, background: color }} />
                </div>
              </>
            )
            // A bar filters the page by its key (cross-filter); a second click removes the filter.
            return (
              <li key={row.key} data-key={row.key} data-kind={kind} data-pickable={pickable || undefined}>
                {pickable ? (
                  <button
                    type="button"
                    className="uk-bar-row"
                    aria-pressed={chosen}
                    title={chosen ? t('crossFilter.removeFilter', { label }) : t('crossFilter.filterBy', { label })}
                    onClick={() => crossFilter.select({ dimension: groupBy, key: row.key, label: row.label, source: 'barList' }, onSelectKey)}
                  >
                    {body}
                  </button>
                ) : (
                  body
                )}
              </li>
            )
          })}
        </ol>
      )}
    </Card>
  )
})
BarList.displayName = 'BarList'
