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
import { type RequestLogColumn, RequestLog, requestLogColumns } from '../requests/RequestLog.js'
import { BreakdownTable } from '../table/BreakdownTable.js'
import { PageBoundary } from './PageBoundary.js'

/**
 * The page's building blocks, each a seed's layout:
 * `team` (seed 001), `spend` (seed 000's charts), `llm` `compute` `storage` `platform` (seed 002),
 * `model` (seed 003's cards), `statistics` (seed 004), `requests` (the request log with export);
 * and `gateway`, for a gateway's own request log (LiteLLM's spend logs): its cards, spend and tokens
 * over time, and a breakdown by the page's view (users, teams or end customers) with cache hits.
 */
export type UsageSectionId = 'team' | 'spend' | 'llm' | 'compute' | 'storage' | 'platform' | 'model' | 'statistics' | 'requests' | 'gateway'

const TITLES: Record<UsageSectionId, string> = {
  team: 'Overview',
  spend: 'Spend and tokens',
  llm: 'LLM',
  compute: 'Compute',
  storage: 'Storage',
  platform: 'Platform activity',
  model: 'Summary',
  statistics: 'Usage overview',
  requests: 'Requests',
  gateway: 'Overview',
}

/** A short note under a section's title where the numbers need one (seed 002: meters are allocations). */
const NOTES: Partial<Record<UsageSectionId, string>> = {
  compute: 'Allocation-based: the CPU and RAM each workload reserved, not what it used.',
  storage: 'Allocation-based: provisioned volume size × lifetime, not bytes written.',
}

/** Metrics a section needs; it hides itself when the adapter does not answer them. */
const NEEDS: Partial<Record<UsageSectionId, Metric[]>> = {
  compute: ['cpuCoreHours', 'ramGbHours'],
  storage: ['storageGbHours'],
  platform: ['threadsCreated', 'messagesSent'],
}

export interface UsageSectionProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  section: UsageSectionId
  title?: ReactNode
  /** Request log columns (the `requests` section). */
  requestColumns?: RequestLogColumn[]
}

/**
 * A gateway's log: cards, spend beside its top end customers (by model when the log names no
 * customers), input beside output tokens over the full width, and the breakdown by the page's view.
 */
function GatewayBody(): ReactNode {
  const support = useSupport()
  return (
    <>
      <WidgetBoundary><KpiGrid preset="gateway" /></WidgetBoundary>
      <div className="uk-grid" data-columns="2">
        <WidgetBoundary><SpendChart /></WidgetBoundary>
        <WidgetBoundary>
          {support.dimension('customer') ? (
            <BarList title="Top customers by spend" groupBy="customer" metric="cost" showNone={false} />
          ) : (
            <BarList title="Spend by model" groupBy="model" metric="cost" colorByKey />
          )}
        </WidgetBoundary>
      </div>
      <WidgetBoundary><TokensChart variant="split" /></WidgetBoundary>
      <WidgetBoundary><BreakdownTable title="Breakdown" metrics={['requests', 'totalTokens', 'cacheHits', 'cost']} exportable /></WidgetBoundary>
    </>
  )
}

/** A widget that throws while rendering fails alone, with a Retry. */
function WidgetBoundary({ children }: { children: ReactNode }): ReactNode {
  return <PageBoundary title="This widget could not be shown">{children}</PageBoundary>
}

function SectionBody({ section, requestColumns }: { section: UsageSectionId; requestColumns?: RequestLogColumn[] }): ReactNode {
  switch (section) {
    case 'team':
      return (
        <>
          <WidgetBoundary><KpiGrid preset="teamUsage" /></WidgetBoundary>
          <WidgetBoundary><ActivityChart /></WidgetBoundary>
          <WidgetBoundary><BreakdownTable title="Breakdown" exportable /></WidgetBoundary>
        </>
      )
    case 'spend':
      return (
        <>
          <WidgetBoundary><KpiGrid preset="orgUsage" /></WidgetBoundary>
          <div className="uk-grid" data-columns="2">
            <WidgetBoundary><SpendChart /></WidgetBoundary>
            <WidgetBoundary><TokensChart variant="byModel" /></WidgetBoundary>
            <WidgetBoundary><BarList title="Requests by user" subtitle="Requests" groupBy="user" metric="requests" /></WidgetBoundary>
          </div>
        </>
      )
    case 'llm':
      return (
        <>
          <WidgetBoundary><KpiGrid preset="llm" /></WidgetBoundary>
          <WidgetBoundary><TokensChart variant="split" /></WidgetBoundary>
          <div className="uk-grid" data-columns="2">
            <WidgetBoundary><BarList title="Top consumers" subtitle="Total tokens, by the agent or user that made the calls" groupBy="consumer" metric="totalTokens" /></WidgetBoundary>
            {/* Each model in its page colour (the same as in any model chart); solid bars reach 3:1 on the card. */}
            <WidgetBoundary><BarList title="Tokens by model" subtitle="Total tokens" groupBy="model" metric="totalTokens" colorByKey /></WidgetBoundary>
          </div>
        </>
      )
    case 'compute':
      return (
        <>
          <WidgetBoundary><KpiGrid preset="compute" /></WidgetBoundary>
          <div className="uk-grid" data-columns="2">
            <WidgetBoundary><UsageChart title="CPU core-hours" metrics={['cpuCoreHours']} height={180} /></WidgetBoundary>
            <WidgetBoundary><UsageChart title="RAM GB-hours" metrics={['ramGbHours']} height={180} /></WidgetBoundary>
          </div>
          <WidgetBoundary><BarList title="Top agents by CPU" subtitle="CPU core-hours allocated" groupBy="agent" metric="cpuCoreHours" /></WidgetBoundary>
        </>
      )
    case 'storage':
      return (
        <>
          <WidgetBoundary><KpiGrid preset="storage" /></WidgetBoundary>
          <div className="uk-grid" data-columns="2">
            <WidgetBoundary><UsageChart title="Storage GB-hours" metrics={['storageGbHours']} height={180} /></WidgetBoundary>
            <WidgetBoundary><BarList title="Top agents by storage" subtitle="Storage GB-hours allocated" groupBy="agent" metric="storageGbHours" /></WidgetBoundary>
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
      return <WidgetBoundary><RequestLog title="Requests" columns={requestColumns ?? requestLogColumns.modelUsage} exportable /></WidgetBoundary>
  }
}

/** One titled section of the page (LLM, Compute, Storage, Platform, …); hidden when the adapter lacks its metrics. */
export const UsageSection = forwardRef<HTMLElement, UsageSectionProps>(function UsageSection({ section, title, requestColumns, className, ...props }, ref) {
  const headingId = useId()
  const capabilities = useCapabilities()
  const needs = NEEDS[section]
  if (needs && capabilities.data && !needs.every((metric) => capabilities.data.metrics.some((definition) => definition.id === metric))) return null
  return (
    <section ref={ref} aria-labelledby={section === 'requests' ? undefined : headingId} className={clsx('uk-section', className)} data-section={section} {...props}>
      {/* The request log is one titled card (its own "Requests" region): the section's heading stays for
          screen readers' outline only, and the section is no second landmark of the same name. */}
      {section === 'requests' ? (
        <h2 id={headingId} className="uk-visually-hidden">
          {title ?? TITLES[section]}
        </h2>
      ) : (
        <div className="uk-section-header">
          <h2 id={headingId} className="uk-section-title">
            {title ?? TITLES[section]}
          </h2>
          {NOTES[section] ? <p className="uk-section-note">{NOTES[section]}</p> : null}
        </div>
      )}
      <SectionBody section={section} requestColumns={requestColumns} />
    </section>
  )
})
UsageSection.displayName = 'UsageSection'
