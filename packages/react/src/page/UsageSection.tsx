import type { Metric } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, type ReactNode, forwardRef, useId } from 'react'
import { ActivityChart } from '../charts/ActivityChart.js'
import { BarList } from '../charts/BarList.js'
import { SpendChart } from '../charts/SpendChart.js'
import { TokensChart } from '../charts/TokensChart.js'
import { TrendChart } from '../charts/TrendChart.js'
import { UsageChart } from '../charts/UsageChart.js'
import { KpiGrid } from '../components/KpiGrid.js'
import { useCapabilities, useSupport } from '../hooks/useCapabilities.js'
import { RequestLog } from '../requests/RequestLog.js'
import { type RequestLogColumn, type RequestLogColumnDef, requestLogColumns } from '../requests/requestLogColumns.js'
import { BreakdownTable } from '../table/BreakdownTable.js'
import type { UsageMessageKey } from '../i18n/enMessages.js'
import { useMessages } from '../i18n/useMessages.js'
import { PageBoundary } from './PageBoundary.js'

/**
 * The page's building blocks, each a seed's layout:
 * `team` (seed 001), `spend` (seed 000's charts), `llm` `compute` `storage` `platform` (seed 002),
 * `model` (seed 003's cards), `statistics` (seed 004), `requests` (the request log with export);
 * and `gateway`, for a gateway's own request log (LiteLLM's spend logs): its cards, spend and tokens
 * over time, and a breakdown by the page's view (users, teams or end customers) with cache hits.
 */
export type UsageSectionId = 'team' | 'spend' | 'llm' | 'compute' | 'storage' | 'platform' | 'model' | 'statistics' | 'requests' | 'gateway'

const TITLES = {
  team: 'section.team',
  spend: 'section.spend',
  llm: 'section.llm',
  compute: 'section.compute',
  storage: 'section.storage',
  platform: 'section.platform',
  model: 'section.model',
  statistics: 'section.statistics',
  requests: 'section.requests',
  gateway: 'section.gateway',
} as const satisfies Record<UsageSectionId, UsageMessageKey>

/** A short note under a section's title where the numbers need one (seed 002: meters are allocations). */
const NOTES: Partial<Record<UsageSectionId, UsageMessageKey>> = {
  compute: 'section.compute.note',
  storage: 'section.storage.note',
}

/** Metrics a section needs; it hides itself when the adapter does not answer them. */
const NEEDS: Partial<Record<UsageSectionId, Metric[]>> = {
  compute: ['cpuCoreHours', 'ramGbHours'],
  storage: ['storageGbHours'],
  platform: ['threadsCreated', 'messagesSent'],
}

export interface UsageSectionProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  /** A built-in section's widgets (seed layouts); without it the section holds only its children. */
  section?: UsageSectionId
  /** The section's heading (default the built-in section's; a section without a title has no heading). */
  title?: ReactNode
  /** A muted note under the title. */
  description?: ReactNode
  /** Request log columns (the `requests` section). */
  requestColumns?: readonly (RequestLogColumn | RequestLogColumnDef)[]
}

/**
 * A gateway's log: cards, spend beside its top end customers (by model when the log names no
 * customers), input beside output tokens over the full width, and the breakdown by the page's view.
 */
function GatewayBody(): ReactNode {
  const support = useSupport()
  const t = useMessages()
  return (
    <>
      <WidgetBoundary><KpiGrid preset="gateway" /></WidgetBoundary>
      <div className="uk-grid" data-columns="2">
        <WidgetBoundary><SpendChart /></WidgetBoundary>
        <WidgetBoundary>
          {support.dimension('customer') ? (
            <BarList title={t('widget.topCustomersBySpend')} groupBy="customer" metric="cost" showNone={false} />
          ) : (
            <BarList title={t('widget.spendByModel')} groupBy="model" metric="cost" colorByKey />
          )}
        </WidgetBoundary>
      </div>
      <WidgetBoundary><TokensChart variant="split" /></WidgetBoundary>
      <WidgetBoundary><BreakdownTable metrics={['requests', 'totalTokens', 'cacheHits', 'cost']} exportable /></WidgetBoundary>
    </>
  )
}

/** A widget that throws while rendering fails alone, with a Retry. */
function WidgetBoundary({ children }: { children: ReactNode }): ReactNode {
  const t = useMessages()
  return <PageBoundary title={t('boundary.widget')}>{children}</PageBoundary>
}

function SectionBody({ section, requestColumns }: { section: UsageSectionId; requestColumns?: readonly (RequestLogColumn | RequestLogColumnDef)[] }): ReactNode {
  const t = useMessages()
  switch (section) {
    case 'team':
      return (
        <>
          <WidgetBoundary><KpiGrid preset="teamUsage" /></WidgetBoundary>
          <WidgetBoundary><ActivityChart /></WidgetBoundary>
          <WidgetBoundary><BreakdownTable exportable /></WidgetBoundary>
        </>
      )
    case 'spend':
      return (
        <>
          <WidgetBoundary><KpiGrid preset="orgUsage" /></WidgetBoundary>
          <div className="uk-grid" data-columns="2">
            <WidgetBoundary><SpendChart /></WidgetBoundary>
            <WidgetBoundary><TokensChart variant="byModel" /></WidgetBoundary>
            <WidgetBoundary><BarList title={t('widget.requestsByUser')} subtitle={t('metric.requests')} groupBy="user" metric="requests" /></WidgetBoundary>
          </div>
        </>
      )
    case 'llm':
      return (
        <>
          <WidgetBoundary><KpiGrid preset="llm" /></WidgetBoundary>
          <WidgetBoundary><TokensChart variant="split" /></WidgetBoundary>
          <div className="uk-grid" data-columns="2">
            <WidgetBoundary><BarList title={t('widget.topConsumers')} subtitle={t('widget.topConsumers.subtitle')} groupBy="consumer" metric="totalTokens" /></WidgetBoundary>
            {/* Each model in its page colour (the same as in any model chart); solid bars reach 3:1 on the card. */}
            <WidgetBoundary><BarList title={t('chart.tokensByModel')} subtitle={t('metric.totalTokens')} groupBy="model" metric="totalTokens" colorByKey /></WidgetBoundary>
          </div>
        </>
      )
    case 'compute':
      return (
        <>
          <WidgetBoundary><KpiGrid preset="compute" /></WidgetBoundary>
          <div className="uk-grid" data-columns="2">
            <WidgetBoundary><UsageChart title={t('metric.cpuCoreHours')} metrics={['cpuCoreHours']} height={180} /></WidgetBoundary>
            <WidgetBoundary><UsageChart title={t('metric.ramGbHours')} metrics={['ramGbHours']} height={180} /></WidgetBoundary>
          </div>
          <WidgetBoundary><BarList title={t('widget.topAgentsByCpu')} subtitle={t('widget.topAgentsByCpu.subtitle')} groupBy="agent" metric="cpuCoreHours" /></WidgetBoundary>
        </>
      )
    case 'storage':
      return (
        <>
          <WidgetBoundary><KpiGrid preset="storage" /></WidgetBoundary>
          <div className="uk-grid" data-columns="2">
            <WidgetBoundary><UsageChart title={t('metric.storageGbHours')} metrics={['storageGbHours']} height={180} /></WidgetBoundary>
            <WidgetBoundary><BarList title={t('widget.topAgentsByStorage')} subtitle={t('widget.topAgentsByStorage.subtitle')} groupBy="agent" metric="storageGbHours" /></WidgetBoundary>
          </div>
        </>
      )
    case 'platform':
      return (
        <>
          <WidgetBoundary><KpiGrid preset="platform" /></WidgetBoundary>
          <WidgetBoundary><ActivityChart variant="sideBySide" metrics={['threadsCreated', 'messagesSent']} /></WidgetBoundary>
        </>
      )
    case 'model':
      return <WidgetBoundary><KpiGrid preset="modelUsage" /></WidgetBoundary>
    case 'statistics':
      return (
        <>
          <WidgetBoundary><KpiGrid preset="tokenOverview" /></WidgetBoundary>
          <WidgetBoundary><TrendChart tokenNotation="thousands" /></WidgetBoundary>
        </>
      )
    case 'gateway':
      return <GatewayBody />
    case 'requests':
      return <WidgetBoundary><RequestLog columns={requestColumns ?? requestLogColumns.modelUsage} exportable /></WidgetBoundary>
  }
}

/**
 * One titled section of the page: a built-in one (`section="llm"`: its widgets, hidden when the
 * adapter lacks its metrics), your own (`title` and children), or a built-in one with your widgets
 * after its own. Your children fail alone, like every widget: a throw shows that part's error.
 */
export const UsageSection = forwardRef<HTMLElement, UsageSectionProps>(function UsageSection({ section, title, description, requestColumns, className, children, ...props }, ref) {
  const headingId = useId()
  const t = useMessages()
  const capabilities = useCapabilities()
  const needs = section ? NEEDS[section] : undefined
  if (needs && capabilities.data && !needs.every((metric) => capabilities.data.metrics.some((definition) => definition.id === metric))) return null
  const heading = title ?? (section ? t(TITLES[section]) : undefined)
  const builtInNote = section ? NOTES[section] : undefined
  const note = description ?? (builtInNote ? t(builtInNote) : undefined)
  // The request log is one titled card (its own "Requests" region): the section's heading stays for
  // screen readers' outline only, and the section is no second landmark of the same name.
  const cardTitled = section === 'requests' && !children
  return (
    <section
      ref={ref}
      aria-labelledby={heading && !cardTitled ? headingId : undefined}
      {...props}
      className={clsx('uk-section', className)}
      data-section={section ?? 'custom'}
    >
      {heading == null ? null : cardTitled ? (
        <h2 id={headingId} className="uk-visually-hidden">
          {heading}
        </h2>
      ) : (
        <div className="uk-section-header">
          <h2 id={headingId} className="uk-section-title">
            {heading}
          </h2>
          {note ? <p className="uk-section-note">{note}</p> : null}
        </div>
      )}
      {section ? <SectionBody section={section} requestColumns={requestColumns} /> : null}
      {children == null ? null : <WidgetBoundary>{children}</WidgetBoundary>}
    </section>
  )
})
UsageSection.displayName = 'UsageSection'
