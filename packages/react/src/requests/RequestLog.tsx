import { type Dimension, NONE_KEY, type UsageQuery } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, type ReactNode, Suspense, forwardRef, lazy, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { Card } from '../components/Card.js'
import { ErrorState } from '../components/WidgetState.js'
import { ChevronLeftIcon, ChevronRightIcon } from '../components/icons.js'
import { useIsClient, useUsageConfig } from '../context/UsageProvider.js'
import { type RequestDrillDown, useDrillDownTarget, useRequestDrillDown } from '../context/requestDrillDown.js'
import { own } from '../components/own.js'
import { useFormat } from '../hooks/useFormat.js'
import { useLimits, useSupport } from '../hooks/useCapabilities.js'
import { useAdapterQuery } from '../hooks/useAdapterQuery.js'
import { useRequests } from '../hooks/useRequests.js'
import { useUsageQuery } from '../hooks/useUsageQuery.js'
import { dimensionLabel, groupLabel } from '../i18n/coreLabels.js'
import { useMessages } from '../i18n/useMessages.js'
import { decimalSeparator, tailWidth } from '../table/decimal.js'
import { type SkeletonColumn, TableSkeleton } from '../table/TableSkeleton.js'
import { RequestDrawer } from './RequestDrawer.js'
import {
  type RequestLogCellContext,
  type RequestLogColumn,
  type RequestLogColumnDef,
  costText,
  requestCsvColumnsFor,
  requestLogColumnLabel,
  requestLogColumns,
  resolveRequestLogColumn,
} from './requestLogColumns.js'

// The export button (and the CSV writer behind it) loads only where a widget offers export.
const LazyExportButton = lazy(() => import('../controls/ExportButton.js').then((module) => ({ default: module.ExportButton })))

export interface RequestLogProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: string
  /**
   * Columns in order: built-in ids (`'model'`), definitions (`requestLogColumns.model`) or your own
   * `RequestLogColumnDef`s. One for a dimension the adapter does not offer (team, API key, customer…) is left out.
   */
  columns?: readonly (RequestLogColumn | RequestLogColumnDef)[]
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
  const visibleColumns = useMemo(
    () =>
      columns.map(resolveRequestLogColumn).filter(({ permission, dimension }) => (!permission || permissions[permission]) && (!dimension || support.dimension(dimension))),
    [columns, permissions, support],
  )
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
  const showCardStatus = !visibleColumns.some((column) => column.card === 'status')
  const separator = decimalSeparator(format.locale)
  const costTail = useMemo(() => tailWidth(items.map((item) => costText(item, format)), separator), [items, format, separator])
  const cellContext: RequestLogCellContext = { format, t, decimalSeparator: separator, moneyTail: costTail }

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
        <TableSkeleton columns={visibleColumns.map((column): SkeletonColumn => (column.align === 'end' ? 'number' : 'text'))} rows={Math.min(pageSize, 10)} rowHeight={40} />
      ) : (
        <div className="uk-table-box" data-kind="requests">
        <div className="uk-table-wrap">
          <table ref={tableRef} className="uk-table" data-kind="requests" aria-label={title}>
            <thead>
              <tr>
                {visibleColumns.map((column) => (
                  <th key={column.id} scope="col" data-col={column.id} data-numeric={column.align === 'end' || undefined} style={column.width ? { width: column.width } : undefined}>
                    {typeof column.header === 'function' ? column.header({ format, t }) : column.header}
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
                    {visibleColumns.map((column) => {
                      const role = column.card ?? 'meta'
                      return (
                        <td
                          key={column.id}
                          data-col={column.id}
                          data-role={role}
                          data-label={role === 'meta' ? requestLogColumnLabel(column, t) : undefined}
                          data-unit={column.unit}
                          data-numeric={column.align === 'end' || undefined}
                        >
                          {column.cell(item, cellContext)}
                        </td>
                      )
                    })}
                    {/* A log without a Status column still says which requests failed: as cards, beside the numbers. */}
                    {showCardStatus ? (
                      <td data-role="status" data-card-only="true">
                        {requestLogColumns.status.cell(item, cellContext)}
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

