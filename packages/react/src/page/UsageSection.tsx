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
import { useCapabilities } from '../hooks/useCapabilities.js'
import { type RequestLogColumn, RequestLog, requestLogColumns } from '../requests/RequestLog.js'
import { BreakdownTable } from '../table/BreakdownTable.js'

/**
 * The page's building blocks, each a seed's layout:
 * `team` (seed 001), `spend` (seed 000's charts), `llm` `compute` `storage` `platform` (seed 002),
 * `model` (seed 003's cards), `statistics` (seed 004), `requests` (the request log with export).
 */
export type UsageSectionId = 'team' | 'spend' | 'llm' | 'compute' | 'storage' | 'platform' | 'model' | 'statistics' | 'requests'

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

function SectionBody({ section, requestColumns }: { section: UsageSectionId; requestColumns?: RequestLogColumn[] }): ReactNode {
  switch (section) {
    case 'team':
      return (
        <>
          <KpiGrid preset="teamUsage" />
          <ActivityChart />
          <BreakdownTable title="Breakdown" exportable />
        </>
      )
    case 'spend':
      return (
        <div className="uk-grid" data-columns="2">
          <SpendChart />
          <TokensChart variant="byModel" />
          <BarList title="Requests by user" groupBy="user" metric="requests" />
        </div>
      )
    case 'llm':
      return (
        <>
          <KpiGrid preset="llm" />
          <TokensChart variant="split" />
          <div className="uk-grid" data-columns="2">
            <BarList title="Top consumers" groupBy="consumer" metric="totalTokens" />
            <BarList title="By model" groupBy="model" metric="totalTokens" colorByKey />
          </div>
        </>
      )
    case 'compute':
      return (
        <>
          <KpiGrid preset="compute" />
          <div className="uk-grid" data-columns="2">
            <UsageChart title="CPU core-hours" metrics={['cpuCoreHours']} height={180} />
            <UsageChart title="RAM GB-hours" metrics={['ramGbHours']} height={180} />
          </div>
          <BarList title="Top agents" groupBy="agent" metric="cpuCoreHours" />
        </>
      )
    case 'storage':
      return (
        <>
          <KpiGrid preset="storage" />
          <div className="uk-grid" data-columns="2">
            <UsageChart title="Storage GB-hours" metrics={['storageGbHours']} height={180} />
            <BarList title="Top agents" groupBy="agent" metric="storageGbHours" />
          </div>
        </>
      )
    case 'platform':
      return (
        <>
          <KpiGrid preset="platform" />
          <ActivityChart variant="sideBySide" metrics={['threadsCreated', 'messagesSent']} />
        </>
      )
    case 'model':
      return <KpiGrid preset="modelUsage" />
    case 'statistics':
      return (
        <>
          <KpiGrid preset="tokenOverview" />
          <TrendChart />
        </>
      )
    case 'requests':
      return <RequestLog title="Requests" columns={requestColumns ?? requestLogColumns.modelUsage} exportable />
  }
}

/** One titled section of the page (LLM, Compute, Storage, Platform, …); hidden when the adapter lacks its metrics. */
export const UsageSection = forwardRef<HTMLElement, UsageSectionProps>(function UsageSection({ section, title, requestColumns, className, ...props }, ref) {
  const headingId = useId()
  const capabilities = useCapabilities()
  const needs = NEEDS[section]
  if (needs && capabilities.data && !needs.every((metric) => capabilities.data.metrics.some((definition) => definition.id === metric))) return null
  return (
    <section ref={ref} aria-labelledby={headingId} className={clsx('uk-section', className)} data-section={section} {...props}>
      {/* The request log is one titled card: its section heading stays for screen readers only. */}
      <h2 id={headingId} className={section === 'requests' ? 'uk-visually-hidden' : 'uk-section-title'}>
        {title ?? TITLES[section]}
      </h2>
      <SectionBody section={section} requestColumns={requestColumns} />
    </section>
  )
})
UsageSection.displayName = 'UsageSection'
