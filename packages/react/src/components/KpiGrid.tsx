import { type MetricValues, metricDelta } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, forwardRef, useMemo } from 'react'
import { useUsageConfig, useUsageSelection } from '../context/UsageProvider.js'
import { comparedPeriodLabel } from './comparedPeriod.js'
import { useSupport } from '../hooks/useCapabilities.js'
import { useFormat } from '../hooks/useFormat.js'
import { useSummary } from '../hooks/useSummary.js'
import { useUsageQuery } from '../hooks/useUsageQuery.js'
import { useMessages } from '../i18n/useMessages.js'
import { KpiCard } from './KpiCard.js'
import { type KpiPreset, type KpiSpec, kpiPresets } from './kpiPresets.js'
import { own } from './own.js'

export interface KpiGridProps extends HTMLAttributes<HTMLDivElement> {
  /** A seed's card set, or your own `cards`. */
  preset?: KpiPreset
  cards?: KpiSpec[]
  /** Show deltas against the previous period (default true). */
  compare?: boolean
}

const ROLLING = new Set(['24h', '7d', '14d', '30d'])

/**
 * KPI cards from one summary query (one request for the whole row, previous period included). A card
 * whose metric the adapter does not offer is not shown (no "0" or "—" for what it cannot answer), and a
 * sub-line that needs such a metric is left out; until the capabilities arrive every card is a skeleton.
 */
export const KpiGrid = forwardRef<HTMLDivElement, KpiGridProps>(function KpiGrid({ preset = 'teamUsage', cards, compare = true, className, ...props }, ref) {
  const { permissions } = useUsageConfig()
  const { range: selection, anchor } = useUsageSelection()
  const format = useFormat()
  const t = useMessages()
  const { query } = useUsageQuery()
  const support = useSupport()
  const specs = useMemo(
    () =>
      (cards ?? (kpiPresets[preset] as KpiSpec[]))
        .filter((spec) => (permissions.cost || format.definition(spec.metric).unit !== 'money') && support.metric(spec.metric))
        .map((spec) => (spec.needs?.every(support.metric) === false ? { ...spec, needs: undefined, sub: undefined } : spec)),
    [cards, preset, permissions.cost, format, support],
  )
  const metrics = useMemo(() => [...new Set(specs.flatMap((spec) => [spec.metric, ...(spec.needs ?? [])]))], [specs])
  const summary = useSummary({ metrics, compareToPrevious: compare, enabled: support.known && metrics.length > 0 })
  const totals: MetricValues | undefined = summary.data?.totals
  const previous = summary.data?.previous
  // The compared stretch, named by the equal-elapsed rule the adapter applied (docs/time.md).
  const period = useMemo(
    () =>
      query
        ? comparedPeriodLabel(query.range, { now: anchor, rolling: 'preset' in selection && ROLLING.has(selection.preset), locale: format.locale, timeZone: format.timeZone, t })
        : { short: '', detail: '' },
    [query, anchor, selection, format.locale, format.timeZone, t],
  )
  return (
    <div ref={ref} className={clsx('uk-kpi-grid', className)} data-count={specs.length} data-state={summary.isError ? 'error' : summary.isPending ? 'loading' : 'ready'} {...props}>
      {specs.map((spec) => {
        const definition = format.definition(spec.metric)
        const value = own(totals, spec.metric)
        const delta = compare && spec.delta !== false && totals && previous ? metricDelta(definition, value, own(previous, spec.metric)) : null
        return (
          <KpiCard
            key={spec.metric}
            label={spec.label ?? (spec.labelKey ? t(spec.labelKey) : definition.label)}
            loading={summary.isPending || !support.known}
            error={summary.isError ? summary.error : undefined}
            onRetry={() => void summary.refetch()}
            value={totals ? format.metric(value, spec.metric, { tokenNotation: spec.tokenNotation }) : undefined}
            unit={spec.unit ?? (spec.unitKey ? t(spec.unitKey) : undefined)}
            sub={totals && spec.sub ? spec.sub(totals, format, t) : undefined}
            delta={delta ? { ...delta, period: period.short, periodDetail: period.detail } : null}
            locale={format.locale}
            data-metric={spec.metric}
          />
        )
      })}
    </div>
  )
})
KpiGrid.displayName = 'KpiGrid'
