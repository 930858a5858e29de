import { type Dimension, NONE_KEY, type RequestSummary, type UsageQuery } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, type ReactNode, Suspense, forwardRef, lazy, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { Card } from '../components/Card.js'
import { ErrorState } from '../components/WidgetState.js'
import { ChevronLeftIcon, ChevronRightIcon } from '../components/icons.js'
import { useIsClient, useUsageConfig } from '../context/UsageProvider.js'
import { type RequestDrillDown, useDrillDownTarget, useRequestDrillDown } from '../context/requestDrillDown.js'
import { own } from '../components/own.js'
import { type UsageFormat, useFormat } from '../hooks/useFormat.js'
import { useLimits, useSupport } from '../hooks/useCapabilities.js'
import { useAdapterQuery } from '../hooks/useAdapterQuery.js'
import { useRequests } from '../hooks/useRequests.js'
import { useUsageQuery } from '../hooks/useUsageQuery.js'
import type { RequestExportColumnId } from '../controls/runExport.js'
import type { UsageMessageKey } from '../i18n/enMessages.js'
import type { Translate } from '../i18n/translate.js'
import { dimensionLabel, groupLabel } from '../i18n/coreLabels.js'
import { useMessages } from '../i18n/useMessages.js'
import { Decimal, decimalSeparator, tailWidth } from '../table/decimal.js'
import { type SkeletonColumn, TableSkeleton } from '../table/TableSkeleton.js'
import { RequestDrawer } from './RequestDrawer.js'

// The export button (and the CSV writer behind it) loads only where a widget offers export.
const LazyExportButton = lazy(() => import('../controls/ExportButton.js').then((module) => ({ default: module.ExportButton })))

export type RequestLogColumn =
  | 'timestamp'
  | 'status'
  | 'userId'
  | 'userName'
  | 'team'
  | 'model'
  | 'providerModel'
  | 'application'
  | 'agent'
  | 'apiKey'
  | 'customer'
  | 'inputTokens'
  | 'outputTokens'
  | 'totalTokens'
  | 'latencyMs'
  | 'cost'
  | 'id'

interface ColumnSpec {
  header: UsageMessageKey
  /** Where the cell goes in the card list of narrow containers: the title line, the value beside it, or the line below. */
  role?: 'title' | 'primary' | 'status'
  /** The label in the card list (default the header), and a unit shown after the value there. */
  short?: UsageMessageKey
  unit?: string
  numeric?: boolean
  money?: boolean
  user?: boolean
  /** Shown only when the adapter offers this dimension (a table without teams has no Team column). */
  dimension?: Dimension
  render: (row: RequestSummary, format: UsageFormat, t: Translate) => ReactNode
}

/** A request without a value here (made without a user, for no customer): said as the breakdowns say it. */
function None(): ReactNode {
  const t = useMessages()
  return <span className="uk-none">{t('common.none')}</span>
}

/** A name from the data: one line, cut with an ellipsis past a width (the whole name in its tooltip and for screen readers). */
function Name({ value }: { value: string | undefined | null }): ReactNode {
  if (!value) return <None />
  return (
    <span className="uk-cell-text" title={value}>
      {value}
    </span>
  )
}

/** A failed request that cost nothing shows "—" (no charge), never "$0.00"; tiny costs never round to zero. */
function costText(r: RequestSummary, f: UsageFormat): string {
  return r.status === 'error' && !r.cost ? '—' : f.money(r.cost)
}

const COLUMNS: Record<RequestLogColumn, ColumnSpec> = {
  timestamp: { header: 'requests.column.timestamp', role: 'title', render: (r, f) => <time dateTime={r.timestamp}>{f.dateTime(r.timestamp, true)}</time> },
  status: {
    header: 'requests.column.status',
    role: 'status',
    render: (r, _f, t) => (
      <span className="uk-status" data-status={r.status}>
        <span aria-hidden="true">{r.status === 'success' ? '●' : '▲'}</span>
        {r.status === 'success' ? t('requests.status.success') : t('requests.status.error')}
      </span>
    ),
  },
  userId: { header: 'requests.column.userId', user: true, render: (r) => (r.userId ? <span className="uk-code">{r.userId}</span> : <None />) },
  userName: { header: 'requests.column.userName', user: true, render: (r) => <Name value={r.userName || r.userId} /> },
  team: { header: 'requests.column.team', user: true, dimension: 'team', render: (r) => <Name value={r.team} /> },
  model: { header: 'requests.column.model', render: (r) => r.model },
  providerModel: { header: 'requests.column.providerModel', render: (r) => `${r.provider} / ${r.model}` },
  application: { header: 'requests.column.application', dimension: 'application', render: (r) => <Name value={r.application} /> },
  agent: { header: 'requests.column.agent', dimension: 'agent', render: (r) => <Name value={r.agent} /> },
  apiKey: { header: 'requests.column.apiKey', dimension: 'apiKey', render: (r) => <Name value={r.apiKey} /> },
  customer: { header: 'requests.column.customer', dimension: 'customer', render: (r) => <Name value={r.customer} /> },
  inputTokens: { header: 'requests.column.inputTokens', numeric: true, render: (r, f) => f.metric(r.inputTokens, 'inputTokens') },
  outputTokens: { header: 'requests.column.outputTokens', numeric: true, render: (r, f) => f.metric(r.outputTokens, 'outputTokens') },
  totalTokens: { header: 'requests.column.totalTokens', numeric: true, render: (r, f) => f.metric(r.totalTokens, 'totalTokens') },
  latencyMs: { header: 'requests.column.latencyMs', short: 'requests.column.latencyShort', unit: 'ms', numeric: true, render: (r, f) => r.latencyMs.toLocaleString(f.locale) },
  // Rendered by the log itself: aligned on the decimal point, "—" for a failed request that cost nothing.
  cost: { header: 'requests.column.cost', role: 'primary', numeric: true, money: true, render: (r, f) => costText(r, f) },
  id: { header: 'requests.column.id', render: (r) => <span className="uk-code">{r.id}</span> },
}

const CSV_COLUMNS: Record<RequestLogColumn, RequestExportColumnId[]> = {
  timestamp: ['timestamp'],
  status: ['status'],
  userId: ['userId'],
  userName: ['userName'],
  team: ['team'],
  model: ['model'],
  providerModel: ['provider', 'model'],
  application: ['application'],
  agent: ['agent'],
  apiKey: ['apiKey'],
  customer: ['customer'],
  inputTokens: ['inputTokens'],
  outputTokens: ['outputTokens'],
  totalTokens: ['totalTokens'],
  latencyMs: ['latencyMs'],
  cost: ['cost'],
  id: ['id'],
}

/** The CSV columns of what a request log shows (provider / model becomes two raw columns). */
export function requestCsvColumnsFor(columns: readonly RequestLogColumn[]): RequestExportColumnId[] {
  return columns.flatMap((column) => CSV_COLUMNS[column])
}

/** Column sets of the seed pages. */
export const requestLogColumns = {
  /** Seed 003: a model's request log. */
  modelUsage: ['timestamp', 'status', 'inputTokens', 'outputTokens', 'totalTokens', 'latencyMs', 'cost', 'id'],
  /** Seed 000: the detailed usage table. */
  orgUsage: ['timestamp', 'userId', 'userName', 'providerModel', 'application', 'totalTokens', 'cost'],
  /** A gateway's request log (LiteLLM's spend logs): who called, for which end customer, which model. */
  gateway: ['timestamp', 'status', 'userName', 'customer', 'providerModel', 'totalTokens', 'latencyMs', 'cost', 'id'],
} satisfies Record<string, RequestLogColumn[]>

export interface RequestLogProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: string
  /** Columns in order; one for a dimension the adapter does not offer (team, API key, customer…) is left out. */
  columns?: RequestLogColumn[]
  /** Rows per page (default 50). */
  pageSize?: number
  /** Show a search box (request id, user, model, application, tag). Default true. */
  searchable?: boolean
  /** Open the detail drawer on click / Enter (default true). */
  drawer?: boolean
  /** Offer "Export CSV" of every page of what the log shows: its columns, filters and search. */
  exportable?: boolean
  actions?: ReactNode
}

/**
 * The request log: newest first, paged by cursor (Next / Previous keep a stack of cursors); in Live
 * mode page 1 refreshes and later pages stay put, offering "N new requests" instead of shifting.
 */
export const RequestLog = forwardRef<HTMLElement, RequestLogProps>(function RequestLog(
  { title: titleProp, columns = requestLogColumns.modelUsage, pageSize = 50, searchable = true, drawer = true, exportable = false, actions, className, ...props },
  ref,
) {
  const format = useFormat()
  const t = useMessages()
  const title = titleProp ?? t('requests.title')
  // The lazy export button appears after hydration, so a server render never suspends on it.
  const isClient = useIsClient()
  const { permissions } = useUsageConfig()
  // "View requests" from a chart bucket or a breakdown row: this log shows that span and key until cleared.
  const drill = useDrillDownTarget()
  const { clear: clearDrill } = useRequestDrillDown()
  const drillOverrides = useMemo(() => (drill ? { filters: drill.filters, range: drill.range } : {}), [drill])
  const { query: liveQuery } = useUsageQuery(drillOverrides)
  const drillRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const banner = drillRef.current
    if (!drill || !banner) return
    const smooth = typeof window.matchMedia === 'function' && !window.matchMedia('(prefers-reduced-motion: reduce)').matches
    banner.closest('.uk-card')?.scrollIntoView?.({ block: 'start', behavior: smooth ? 'smooth' : 'auto' })
    banner.focus({ preventScroll: true })
  }, [drill?.sequence])
  const [search, setSearch] = useState('')
  const { maxSearchLength } = useLimits()
  const deferredSearch = useDeferredValue(search.trim())
  // Later pages keep the query they were opened with, so Live mode never shifts their rows.
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  const [pinned, setPinned] = useState<{ query: UsageQuery; top: string } | null>(null)
  const page = cursors.length - 1
  const query = page === 0 ? liveQuery : (pinned?.query ?? null)
  const result = useRequests(query, { cursor: cursors[page]!, pageSize, search: deferredSearch })
  const head = useRequests(page > 0 ? liveQuery : null, { cursor: null, pageSize, search: deferredSearch })
  const [openIndex, setOpenIndex] = useState<number | null>(null)
  const tableRef = useRef<HTMLTableElement>(null)

  useEffect(() => {
    setCursors([null])
    setPinned(null)
  }, [liveQuery?.timeZone, JSON.stringify(liveQuery?.filters), deferredSearch, drill?.sequence])

  const items = result.data?.items ?? []
  const support = useSupport()
  const visibleColumns = columns.filter((id) => {
    const { money, user, dimension } = COLUMNS[id]
    return (permissions.cost || !money) && (permissions.otherUsers || !user) && (!dimension || support.dimension(dimension))
  })
  // The columns depend on the capabilities: the table waits for them rather than drop a column under the reader.
  const pending = result.isPending || !support.known
  const newer = useMemo(() => {
    if (page === 0 || !pinned || !head.data) return 0
    return head.data.items.filter((item) => Date.parse(item.timestamp) > Date.parse(pinned.top)).length
  }, [page, pinned, head.data])

  const goNext = () => {
    if (!result.data?.nextCursor) return
    if (page === 0 && liveQuery) setPinned({ query: liveQuery, top: items[0]?.timestamp ?? '' })
    setCursors((stack) => [...stack, result.data!.nextCursor])
  }
  const goPrevious = () => {
    setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack))
    if (page === 1) setPinned(null)
  }

  // "1–50 of 1,533": the total is the requests count of the same query (a summary, shared with any
  // widget asking the same); unknown with a search (the summary cannot search), then "of many".
  const countQuery = page === 0 ? liveQuery : (pinned?.query ?? null)
  const totalParams = countQuery && !deferredSearch && support.known && support.metric('requests') ? { ...countQuery, metrics: ['requests'], compareToPrevious: false } : null
  // No placeholder: another query's total (before a filter changed) would be a wrong total.
  const totalQuery = useAdapterQuery('getSummary', totalParams, { keepPrevious: false })
  const first = page * pageSize + 1
  const last = page * pageSize + items.length
  const counted = totalParams && totalQuery.data ? Number(totalQuery.data.totals.requests ?? NaN) : NaN
  // Never wrong: a total that disagrees with the pages (fewer than shown, or no more while there is a next page) is not shown.
  const total = !result.data ? null : !result.data.nextCursor ? last : Number.isFinite(counted) && counted > last ? counted : null
  // While the count loads, just the range ("1–50"); without a count (a search), "of many".
  const counting = total === null && totalParams !== null && totalQuery.isPending
  const pagerText =
    items.length === 0
      ? page === 0
        ? ''
        : t('pager.noMore')
      : counting
        ? t('pager.rangeOpen', { first, last })
        : t('pager.range', { first, last, total: total ?? t('pager.many') })
  const showCardStatus = !visibleColumns.includes('status')
  const separator = decimalSeparator(format.locale)
  const costTail = useMemo(() => tailWidth(items.map((item) => costText(item, format)), separator), [items, format, separator])

  const open = openIndex !== null ? items[openIndex] : undefined
  // Focus goes back to the row of the request last shown (J/K may have moved on from the one clicked).
  const lastShown = useRef<string | null>(null)
  if (open) lastShown.current = open.id
  return (
    <Card
      ref={ref}
      title={title}
      state={result.isError ? 'error' : pending ? 'loading' : items.length === 0 ? 'empty' : 'ready'}
      className={clsx('uk-request-log', className)}
      data-page={page + 1}
      actions={
        <>
          {searchable ? (
            <input type="search" className="uk-input" placeholder={t('requests.search')} aria-label={t('requests.search')} value={search} maxLength={maxSearchLength} onChange={(event) => setSearch(event.target.value)} />
          ) : null}
          {exportable && isClient ? <Suspense fallback={null}><LazyExportButton kind="requests" columns={requestCsvColumnsFor(visibleColumns)} search={deferredSearch || undefined} /></Suspense> : null}
          {actions}
        </>
      }
      {...props}
    >
      {drill ? <DrillDownBanner ref={drillRef} drill={drill} onClear={clearDrill} /> : null}
      {newer > 0 ? (
        <button type="button" className="uk-button" onClick={() => { setCursors([null]); setPinned(null) }}>
          {newer >= pageSize ? t('requests.newerAtLeast', { count: pageSize }) : t('requests.newer', { count: newer })}
        </button>
      ) : null}
      {result.isError ? (
        <ErrorState error={result.error} onRetry={() => void result.refetch()} minHeight={240} />
      ) : pending ? (
        <TableSkeleton columns={visibleColumns.map((id): SkeletonColumn => (COLUMNS[id].numeric ? 'number' : 'text'))} rows={Math.min(pageSize, 10)} rowHeight={40} />
      ) : (
        <div className="uk-table-box" data-kind="requests">
        <div className="uk-table-wrap">
          <table ref={tableRef} className="uk-table" data-kind="requests" aria-label={title}>
            <thead>
              <tr>
                {visibleColumns.map((id) => (
                  <th key={id} scope="col" data-col={id} data-numeric={COLUMNS[id].numeric || undefined}>
                    {t(COLUMNS[id].header)}
                    {id === 'cost' ? <span className="uk-muted"> ({format.currency})</span> : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.length === 0 ? (
                <tr>
                  <td colSpan={visibleColumns.length}>
                    <div className="uk-state">{deferredSearch ? t('requests.noMatch', { search: deferredSearch }) : t('requests.empty')}</div>
                  </td>
                </tr>
              ) : (
                items.map((item, index) => (
                  <tr
                    key={item.id}
                    data-id={item.id}
                    data-status={item.status}
                    data-clickable={drawer || undefined}
                    tabIndex={drawer ? 0 : undefined}
                    aria-label={drawer ? t('requests.row', { id: item.id, status: item.status === 'success' ? t('requests.status.success') : t('requests.status.error') }) : undefined}
                    onClick={drawer ? () => setOpenIndex(index) : undefined}
                    onKeyDown={
                      drawer
                        ? (event) => {
                            if (event.key === 'Enter' || event.key === ' ') {
                              event.preventDefault()
                              setOpenIndex(index)
                            }
                          }
                        : undefined
                    }
                  >
                    {visibleColumns.map((id) => {
                      const spec = COLUMNS[id]
                      const role = spec.role ?? 'meta'
                      return (
                        <td
                          key={id}
                          data-col={id}
                          data-role={role}
                          data-label={role === 'meta' ? t(spec.short ?? spec.header) : undefined}
                          data-unit={spec.unit}
                          data-numeric={spec.numeric || undefined}
                        >
                          {spec.money ? (
                            <Decimal text={costText(item, format)} separator={separator} tail={costTail} title={item.status === 'error' && !item.cost ? t('requests.noCharge') : undefined} />
                          ) : (
                            spec.render(item, format, t)
                          )}
                        </td>
                      )
                    })}
                    {/* A log without a Status column still says which requests failed: as cards, beside the numbers. */}
                    {showCardStatus ? (
                      <td data-role="status" data-card-only="true">
                        {COLUMNS.status.render(item, format, t)}
                      </td>
                    ) : null}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        </div>
      )}
      <div className="uk-pager">
        <span aria-live="polite">{pagerText}</span>
        <span className="uk-toolbar">
          <button type="button" className="uk-button" onClick={goPrevious} disabled={page === 0} aria-label={t('requests.previousPage')}>
            <ChevronLeftIcon />
            {t('common.previous')}
          </button>
          <button type="button" className="uk-button" onClick={goNext} disabled={!result.data?.nextCursor} aria-label={t('requests.nextPage')}>
            {t('common.next')}
            <ChevronRightIcon />
          </button>
        </span>
      </div>
      {drawer ? (
        <RequestDrawer
          requestId={open?.id ?? null}
          onClose={() => setOpenIndex(null)}
          returnFocus={() => (lastShown.current ? tableRef.current?.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(lastShown.current)}"]`) : null)}
          onPrevious={openIndex !== null && openIndex > 0 ? () => setOpenIndex(openIndex - 1) : undefined}
          onNext={openIndex !== null && openIndex < items.length - 1 ? () => setOpenIndex(openIndex + 1) : undefined}
        />
      ) : null}
    </Card>
  )
})
RequestLog.displayName = 'RequestLog'

/** What a drill-down shows: the span, the picked key, and the way back to every request of the page. */
const DrillDownBanner = forwardRef<HTMLDivElement, { drill: RequestDrillDown; onClear: () => void }>(function DrillDownBanner({ drill, onClear }, ref) {
  const t = useMessages()
  const format = useFormat()
  const span = new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: format.timeZone }).formatRange(Date.parse(drill.range.start), Date.parse(drill.range.end))
  const key = drill.key
  return (
    <div ref={ref} className="uk-drill-down" role="status" tabIndex={-1} data-drill-down="true" data-start={drill.range.start} data-end={drill.range.end}>
      <span>{t('crossFilter.drillDownSpan', { span })}</span>
      {key ? (
        <span className="uk-badge" data-dimension={key.dimension}>
          <span className="uk-badge-text">
            {dimensionLabel(key.dimension, t)}: {drill.filters[key.dimension]?.[0] === NONE_KEY ? groupLabel({ key: NONE_KEY, label: key.label }, t) : key.label}
          </span>
        </span>
      ) : null}
      <button type="button" className="uk-button" data-variant="ghost" onClick={onClear}>
        {t('crossFilter.drillDownClear')}
      </button>
    </div>
  )
})

