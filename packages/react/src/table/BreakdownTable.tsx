import {
  type ColumnDef,
  type SortingState,
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
} from '@tanstack/react-table'
import { type BreakdownRow, type Dimension, type Metric, NONE_KEY, bucketBoundaries } from '@usagekit/core'
import { clsx } from 'clsx'
import { type CSSProperties, type HTMLAttributes, type ReactNode, Suspense, forwardRef, lazy, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { Card } from '../components/Card.js'
import { ErrorState, EmptyState } from '../components/WidgetState.js'
import { ArrowDownIcon, ArrowUpIcon, RequestsIcon } from '../components/icons.js'
import { type UsageSelectHandler, useCrossFilter } from '../context/crossFilter.js'
import { useRequestDrillDown } from '../context/requestDrillDown.js'
import type { SeriesColors } from '../components/seriesColor.js'
import { useIsClient, useUsageConfig } from '../context/UsageProvider.js'
import { useDimensionRanking } from '../hooks/useDimensionRanking.js'
import { fitModelBadges } from './fitModelBadges.js'
import { useSeriesColors } from '../hooks/useSeriesColors.js'
import { useBreakdown } from '../hooks/useBreakdown.js'
import { useLimits, useSupport } from '../hooks/useCapabilities.js'
import { type UsageFormat, useFormat } from '../hooks/useFormat.js'
import { useUsageQuery } from '../hooks/useUsageQuery.js'
import { useView } from '../hooks/useView.js'
import {
  type BreakdownColumn,
  type BreakdownColumnContext,
  type BreakdownColumnDef,
  breakdownColumnLabel,
  breakdownColumnWidth,
  breakdownCsvColumnsFor,
  resolveBreakdownColumn,
  resolveColumnText,
} from './breakdownColumns.js'
import { decimalSeparator, tailWidth } from './decimal.js'
import { useIsoLayoutEffect, usePageVirtualizer } from './pageVirtualizer.js'
import { type SkeletonColumn, TableSkeleton } from './TableSkeleton.js'
import { own } from '../components/own.js'
import { dimensionLabel, groupLabel } from '../i18n/coreLabels.js'
import { type UsageMessageKey, isMessageKey } from '../i18n/enMessages.js'
import type { Translate } from '../i18n/translate.js'
import { useMessages } from '../i18n/useMessages.js'

// The export button (and the CSV writer behind it) loads only where a widget offers export.
const LazyExportButton = lazy(() => import('../controls/ExportButton.js').then((module) => ({ default: module.ExportButton })))

/** Loaded whole and sorted and searched in the browser up to this many rows; above, paged through the adapter. */
export const CLIENT_ROW_LIMIT = 50_000
const SERVER_PAGE = 100
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
const ROW_HEIGHT = 48
const HEADER_HEIGHT = 36
/** Rows shown before "Show more" (the page grows; the rest is one click away). */
const INITIAL_ROWS = 50

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic, alphanumeric: sortFn_alphanumeric },
})
const helper = createColumnHelper<typeof features, BreakdownRow>()

export interface BreakdownTableProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: string
  /** Rows per user, team or customer (default: the page's view), or any dimension; not shown when the adapter does not offer it. */
  groupBy?: Dimension
  /**
   * The columns in order: built-in ids (`'name'`, `'trend'`, `'models'`, a metric), definitions
   * (`breakdownColumns.cost`) or your own `BreakdownColumnDef`s. Given, it replaces `metrics` and `showModels`.
   */
  columns?: readonly (BreakdownColumn | BreakdownColumnDef)[]
  /** Numeric columns, each sortable (default requests, input, output, cost); those the adapter does not offer are left out. */
  metrics?: Metric[]
  /** The sparkline column's metric (default requests; `false` to hide the column). */
  trendMetric?: Metric | false
  showModels?: boolean
  /**
   * Cap the table at this height in px and scroll inside it (rounded down to whole rows). By default
   * the table grows with the page, virtualized against the page's scroll.
   */
  height?: number
  /** Rows shown before "Show more" (default 50). */
  initialRows?: number
  /** Offer "Export CSV" of every row the table holds: its grouping, metrics and search. */
  exportable?: boolean
  actions?: ReactNode
  /**
   * A row was clicked (or Enter pressed on it) to filter the page by its key; runs before the
   * provider's `onSelectKey`. Cancel with `event.preventDefault()` or by returning `false`.
   */
  onSelectKey?: UsageSelectHandler
}

/** The row action's column: one icon button, "View requests" of the row's key over the page's range. */
const ACTIONS_WIDTH = 48

/** A click on a control inside a row (the row action, a link) is that control's, not the row's. */
function fromControl(event: { target: EventTarget; currentTarget: EventTarget }): boolean {
  const target = event.target as Element
  return target !== event.currentTarget && target.closest?.('button, a, input, select, textarea') !== null
}

/** "1 user", "59 users", "3 API keys" (the catalog's plural forms); "rows" for a dimension without a name there. */
function countOf(count: number, groupBy: Dimension, t: Translate): string {
  const key = `dimension.${groupBy}.count`
  return t(isMessageKey(key) ? key : 'breakdown.rows', { count })
}

const NAME_MIN_WIDTH = 200

/** What the header and cells of a laid-out column need: where its cell goes in the card list, its width, whether it sorts. */
interface ColumnMeta {
  role: BreakdownColumnDef['card'] & string
  label: string
  width?: number
  numeric: boolean
  sortable: boolean
}

function metaOf(column: { columnDef: { meta?: unknown } }): ColumnMeta {
  return (column.columnDef.meta ?? { role: 'meta', label: '', numeric: false, sortable: false }) as ColumnMeta
}

/** TanStack columns of the definitions: headers and cells render the definitions; sorting stays ours (manual). */
function toTableColumns(columns: readonly BreakdownColumnDef[], context: BreakdownColumnContext, primaryId: string | undefined, serverMode: boolean) {
  return columns.map((column): ColumnDef<typeof features, BreakdownRow, any> => {
    const meta: ColumnMeta = {
      role: column.card ?? (column.id === primaryId ? 'primary' : 'meta'),
      label: breakdownColumnLabel(column, context),
      width: breakdownColumnWidth(column, context.format),
      numeric: column.align === 'end',
      sortable: serverMode ? Boolean(column.sortMetric) : Boolean(column.sortValue),
    }
    const header = () => resolveColumnText(column.header, context)
    const cell = (info: { row: { original: BreakdownRow } }) => column.cell(info.row.original, context)
    const sortValue = column.sortValue
    if (!meta.sortable || !sortValue) return helper.display({ id: column.id, header, cell, meta })
    return helper.accessor((row) => sortValue(row) ?? null, { id: column.id, header, cell, meta, sortDescFirst: column.sortDescFirst ?? meta.numeric })
  })
}

/** Orders rows by a column's sort value: numbers by value, text by the locale's collation; empty values last either way. */
function compareBy(sortValue: NonNullable<BreakdownColumnDef['sortValue']>, desc: boolean) {
  const sign = desc ? -1 : 1
  return (a: BreakdownRow, b: BreakdownRow): number => {
    const x = sortValue(a)
    const y = sortValue(b)
    if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y))
    return sign * order || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  }
}

/** The "(none)" row is usage without a user (team, customer…), not one more of them. */
function groupsIn(rows: readonly BreakdownRow[]): number {
  return rows.length - (rows.some((row) => row.key === NONE_KEY) ? 1 : 0)
}

/**
 * How many users (teams, customers…) the table holds: the "(none)" row is usage without one, not one
 * more of them. Known when every row is loaded; paged through the adapter, the total as it answers.
 */
function groupCount(data: { rows: BreakdownRow[]; total: number }, serverMode: boolean): number {
  return !serverMode && data.rows.some((row) => row.key === NONE_KEY) ? data.total - 1 : data.total
}

function matches(row: BreakdownRow, needle: string): boolean {
  return [row.label, row.secondary, row.team, row.key].some((field) => field?.toLowerCase().includes(needle))
}

/** The tails (after the decimal separator) of a money column: the widest the column's values need. */
function moneyTail(rows: readonly BreakdownRow[], metric: Metric, format: UsageFormat, separator: string): number {
  // Formatting 50,000 values would be slow; the widest tail is the one of the smallest non-zero value
  // (most fraction digits) or of a value of at least one unit (the currency's digits and any suffix).
  let smallest = Infinity
  let large: number | null = null
  for (const row of rows) {
    const value = own(row.metrics, metric)
    if (value == null) continue
    const abs = Math.abs(value)
    if (abs > 0 && abs < smallest) smallest = abs
    if (large === null && abs >= 1) large = value
  }
  const samples = [format.metric(0, metric)]
  if (Number.isFinite(smallest)) samples.push(format.metric(smallest, metric))
  if (large !== null) samples.push(format.metric(large, metric))
  return tailWidth(samples, separator)
}

/**
 * Per user (name, email, team badge) or per team: a sparkline of the range, models with "+N", and
 * sortable numeric columns. Up to 50,000 rows load once and sort and search in the browser,
 * virtualized against the page's scroll; above that it pages through the adapter with server-side
 * sort and search. In a narrow container it becomes a card list: name, the money value beside it,
 * the other numbers in a line below, and a sort control.
 */
export const BreakdownTable = forwardRef<HTMLElement, BreakdownTableProps>(function BreakdownTable(
  { title: titleProp, groupBy: groupByProp, columns: columnsProp, metrics: metricsProp, trendMetric: trendMetricProp = 'requests', showModels = true, height, initialRows = INITIAL_ROWS, exportable = false, actions, onSelectKey, className, ...props },
  ref,
) {
  const crossFilter = useCrossFilter()
  const drillDown = useRequestDrillDown()
  const view = useView()
  const { permissions } = useUsageConfig()
  const t = useMessages()
  const title = titleProp ?? t('breakdown.title')
  // The page's colour registry: a team badge is the colour the charts gave that team.
  const colorOf = useSeriesColors()
  const format = useFormat()
  const support = useSupport()
  const { query, bucket } = useUsageQuery()
  // The lazy export button appears after hydration, so a server render never suspends on it.
  const isClient = useIsClient()
  const groupBy = groupByProp ?? view
  const trendMetric = trendMetricProp && support.metric(trendMetricProp) ? trendMetricProp : false
  // The columns shown: the host's list, or the one the older props describe; a column whose metric
  // the adapter lacks (or money without the cost permission), or a trend without its metric, is left out.
  const shownColumns = useMemo(() => {
    const asked = columnsProp ?? ['name', ...(trendMetricProp ? ['trend' as const] : []), ...(showModels ? ['models' as const] : []), ...(metricsProp ?? ['requests', 'inputTokens', 'outputTokens', 'cost'])]
    return asked
      .map(resolveBreakdownColumn)
      .filter((column) => (!column.trend || trendMetric) && (column.metrics ?? []).every((m) => (permissions.cost || format.definition(m).unit !== 'money') && support.metric(m)))
  }, [columnsProp, trendMetricProp, showModels, metricsProp, trendMetric, permissions.cost, format, support])
  const metrics = useMemo(() => [...new Set(shownColumns.flatMap((column) => column.metrics ?? []))], [shownColumns])
  const metricColumns = shownColumns.filter((column) => column.sortMetric)
  const hidden = support.known && (!support.dimension(groupBy) || metrics.length === 0)
  // Team badges take the colours the team chart gives (requests, largest first) even when the page
  // opens on a view without that chart.
  useDimensionRanking('team', support.metric('requests') ? 'requests' : (metrics[0] ?? 'requests'), support.known && !hidden && groupBy === 'user' && support.dimension('team'))
  const enabled = support.known && !hidden
  // The value a card shows large beside the name: money when the table has it.
  const primaryColumn = metricColumns.find((column) => format.definition(column.sortMetric!).unit === 'money') ?? metricColumns[0]
  const defaultSort = primaryColumn?.id ?? shownColumns.find((column) => column.sortValue)?.id
  // The order the adapter answers in (and sorts by when it pages): the default column's metric.
  const defaultSortMetric = primaryColumn?.sortMetric ?? metrics[0] ?? 'requests'
  const [chosenSorting, setSorting] = useState<SortingState | null>(null)
  const [search, setSearch] = useState('')
  const { maxSearchLength } = useLimits()
  const deferredSearch = useDeferredValue(search)
  const [serverPage, setServerPage] = useState(0)
  const [shown, setShown] = useState(initialRows)
  // A search for a user means nothing among teams: start over when the grouping changes.
  useEffect(() => {
    setSearch('')
    setServerPage(0)
    setShown(initialRows)
  }, [groupBy, initialRows])

  // Rows arrive already in the default order, so the first client sort is a pass over sorted data.
  const full = useBreakdown({
    groupBy,
    metrics,
    limit: CLIENT_ROW_LIMIT,
    sort: { metric: defaultSortMetric, direction: 'desc' },
    trend: trendMetric ? { metric: trendMetric } : undefined,
    enabled,
  })
  const serverMode = (full.data?.total ?? 0) > CLIENT_ROW_LIMIT
  // A sort on a column that is not shown (the adapter turned out not to offer it), or that cannot
  // sort here (paged through the adapter, only metric columns sort), falls back to the default.
  const sorting = useMemo<SortingState>(() => {
    const canSort = (id: string) => shownColumns.some((column) => column.id === id && (serverMode ? column.sortMetric : column.sortValue))
    if (chosenSorting && chosenSorting.every((sort) => canSort(sort.id))) return chosenSorting
    return defaultSort && canSort(defaultSort) ? [{ id: defaultSort, desc: true }] : []
  }, [chosenSorting, shownColumns, serverMode, defaultSort])
  const sortMetric = shownColumns.find((column) => column.id === sorting[0]?.id)?.sortMetric ?? defaultSortMetric
  const server = useBreakdown({
    groupBy,
    metrics,
    sort: { metric: sortMetric, direction: sorting[0]?.desc === false ? 'asc' : 'desc' },
    search: deferredSearch || undefined,
    limit: SERVER_PAGE,
    offset: serverPage * SERVER_PAGE,
    trend: trendMetric ? { metric: trendMetric } : undefined,
    enabled: enabled && serverMode,
  })
  const source = serverMode ? server : full

  const needle = deferredSearch.trim().toLowerCase()
  const rows = useMemo(() => {
    const all = source.data?.rows ?? []
    if (serverMode) return all
    const found = needle ? all.filter((row) => matches(row, needle)) : [...all]
    // Sorted here, on plain numbers, rather than by the table's generic row model: 50,000 rows re-sort
    // in a few tens of milliseconds. The table still owns the sorting state and the headers.
    const sort = sorting[0]
    const sortValue = sort && shownColumns.find((column) => column.id === sort.id)?.sortValue
    return sortValue ? found.sort(compareBy(sortValue, sort.desc)) : found
  }, [source.data, serverMode, needle, sorting, shownColumns])
  // The rows on the page: the first `shown` (the server's page in server mode), the rest behind "Show more".
  const limit = serverMode ? rows.length : Math.min(rows.length, shown)

  const separator = decimalSeparator(format.locale)
  const tails = useMemo(() => {
    const out: Record<string, number> = {}
    for (const metric of metrics) if (format.definition(metric).unit === 'money') out[metric] = moneyTail(source.data?.rows ?? [], metric, format, separator)
    return out
  }, [metrics, format, source.data, separator])
  // The sparkline's points are the range's buckets: its tooltip names the bucket and its value.
  const describeTrend = useMemo(() => {
    if (!trendMetric || !query || !bucket) return undefined
    const trendBuckets = bucketBoundaries(query.range, bucket, query.timeZone)
    return (row: BreakdownRow, index: number) => {
      const at = trendBuckets[index]
      // "Requests: 7", "Input tokens: 1,204": the label as it is (German capitalises its nouns).
      return { when: at ? format.bucketRange(at, bucket) : '', value: t('breakdown.trendValue', { value: format.metric(row.trend?.[index] ?? null, trendMetric), metric: format.definition(trendMetric).label }) }
    }
  }, [trendMetric, query, bucket, format, t])

  const trendStarts = useMemo(() => (trendMetric && query && bucket ? bucketBoundaries(query.range, bucket, query.timeZone).map((b) => b.start) : undefined), [trendMetric, query, bucket])
  const columnContext = useMemo<BreakdownColumnContext>(
    () => ({ groupBy, format, t, colorOf, trendMetric, decimalSeparator: separator, moneyTail: (metric) => tails[metric] ?? 0, describeTrend, trendStarts }),
    [groupBy, format, t, colorOf, trendMetric, separator, tails, describeTrend, trendStarts],
  )
  const columns = useMemo(() => toTableColumns(shownColumns, columnContext, primaryColumn?.id, serverMode), [shownColumns, columnContext, primaryColumn?.id, serverMode])
  const bodyRef = useRef<HTMLTableSectionElement>(null)
  // Rows not yet drawn are estimated at the height of a drawn one: 48 px in the table, taller as cards.
  const [rowHeight, setRowHeight] = useState(ROW_HEIGHT)
  useIsoLayoutEffect(() => {
    const height = bodyRef.current?.querySelector('tr[data-key]')?.getBoundingClientRect().height
    if (height && Math.abs(height - rowHeight) > 2) setRowHeight(Math.round(height))
  })
  const virtualizer = usePageVirtualizer({ count: limit, estimateSize: rowHeight, bodyRef })
  const items = virtualizer.getVirtualItems()
  // The table gets only the rows on screen: sorting and search happen above on plain arrays, so a
  // re-sort of 50,000 rows never rebuilds 50,000 table rows. It still owns headers, cells and state.
  const firstIndex = items[0]?.index ?? 0
  const lastIndex = items.at(-1)?.index ?? -1
  const windowRows = useMemo(() => rows.slice(firstIndex, lastIndex + 1), [rows, firstIndex, lastIndex])
  const table = useTable({
    features,
    columns,
    data: windowRows,
    state: { sorting },
    onSortingChange: (updater) => setSorting(typeof updater === 'function' ? updater(sorting) : updater),
    manualSorting: true,
    getRowId: (row) => row.key,
  })
  const tableRows = table.getRowModel().rows

  const padTop = items[0]?.start ?? 0
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0
  const columnCount = columns.length
  const leafColumns = table.getAllLeafColumns()
  // Minimum widths of the table with every column, without Models, and without Trend too: narrower
  // containers drop those columns, then turn into cards (breakpoints in styles.css).
  const tableStyle = useMemo(() => {
    const start = NAME_MIN_WIDTH + (drillDown.available ? ACTIONS_WIDTH : 0)
    let all = start
    let noModels = start
    let bare = start
    for (const column of leafColumns) {
      const meta = metaOf(column)
      const width = meta.width ?? 0
      all += width
      if (meta.role !== 'models') noModels += width
      if (meta.role !== 'models' && meta.role !== 'trend') bare += width
    }
    return { '--uk-min-all': `${all}px`, '--uk-min-no-models': `${noModels}px`, '--uk-min-bare': `${bare}px` } as CSSProperties
  }, [leafColumns, drillDown.available])

  const state = source.isError ? 'error' : source.isPending ? 'loading' : rows.length === 0 ? 'empty' : 'ready'
  const searchKey = groupBy === 'user' ? 'breakdown.searchUsers' : `dimension.${groupBy}.search`
  const searchLabel = isMessageKey(searchKey) ? t(searchKey) : dimensionLabel(groupBy, t)
  const subtitle = useMemo(() => {
    if (!source.data) return undefined
    // Searching through the adapter, the unsearched total is the whole-table query's.
    const all = countOf(groupCount((serverMode && full.data) || source.data, serverMode), groupBy, t)
    if (needle) return t('breakdown.matches', { matched: serverMode ? source.data.total : groupsIn(rows), all, search: deferredSearch.trim() })
    return limit < rows.length ? t('breakdown.showing', { shown: groupsIn(rows.slice(0, limit)), all }) : all
  }, [source.data, full.data, serverMode, needle, deferredSearch, rows, limit, groupBy, t])
  // With a cap, the box shows whole rows: never a last row cut in half.
  const capHeight = height ? HEADER_HEIGHT + Math.max(1, Math.floor((height - HEADER_HEIGHT) / ROW_HEIGHT)) * ROW_HEIGHT + 2 : undefined
  const sortId = sorting[0]?.id ?? defaultSort ?? ''
  const sortableColumns = leafColumns.filter((column) => metaOf(column).sortable)
  // A row filters the page by its key (cross-filter); its action shows the key's requests over the page's range.
  const pickable = (key: string) => crossFilter.canSelect(groupBy, key)
  const pickRow = (row: BreakdownRow) => crossFilter.select({ dimension: groupBy, key: row.key, label: row.label, source: 'breakdown' }, onSelectKey)
  const viewRowRequests = (row: BreakdownRow) => {
    if (!query) return
    drillDown.viewRequests({ range: query.range, filters: { ...query.filters, [groupBy]: [row.key] }, key: { dimension: groupBy, label: row.label } })
  }
  if (hidden) return null
  return (
    <Card
      ref={ref}
      title={title}
      subtitle={subtitle}
      actions={
        <>
          <input
            type="search"
            className="uk-input"
            placeholder={searchLabel}
            aria-label={searchLabel}
            value={search}
            maxLength={maxSearchLength}
            onChange={(event) => {
              setSearch(event.target.value)
              setServerPage(0)
              setShown(initialRows)
            }}
          />
          {exportable && isClient ? (
            <Suspense fallback={null}>
              <LazyExportButton kind="breakdown" groupBy={groupBy} metrics={metrics} columns={breakdownCsvColumnsFor(shownColumns)} search={deferredSearch.trim() || undefined} />
            </Suspense>
          ) : null}
          {actions}
        </>
      }
      state={state}
      className={clsx('uk-breakdown', className)}
      data-view={groupBy}
      data-mode={serverMode ? 'server' : 'client'}
      {...props}
    >
      {source.isError ? (
        <ErrorState error={source.error} onRetry={() => void source.refetch()} minHeight={capHeight ?? 240} />
      ) : source.isPending ? (
        <TableSkeleton columns={leafColumns.map((column): SkeletonColumn => { const { numeric, role } = metaOf(column); return numeric ? 'number' : role === 'name' || role === 'trend' ? role : 'text' })} rows={8} />
      ) : (
        <div className="uk-table-box" data-kind="breakdown">
          {/* The card list has no header row to click: it sorts here. */}
          {sortableColumns.length > 0 ? (
          <div className="uk-card-sort">
            <label>
              <span>{t('breakdown.sortBy')}</span>
              <select
                className="uk-select"
                value={sortId}
                onChange={(event) => {
                  const id = event.target.value
                  const chosen = shownColumns.find((column) => column.id === id)
                  setSorting([{ id, desc: chosen?.sortDescFirst ?? chosen?.align === 'end' }])
                }}
              >
                {sortableColumns.map((column) => (
                  <option key={column.id} value={column.id}>
                    {metaOf(column).label}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="uk-button"
              aria-label={sorting[0]?.desc === false ? t('breakdown.sortDescending') : t('breakdown.sortAscending')}
              onClick={() => setSorting([{ id: sortId, desc: sorting[0]?.desc === false }])}
            >
              {sorting[0]?.desc === false ? <ArrowUpIcon /> : <ArrowDownIcon />}
            </button>
          </div>
          ) : null}
          <div className="uk-table-wrap" data-capped={capHeight ? 'true' : undefined} style={capHeight ? { maxHeight: capHeight } : undefined} tabIndex={-1}>
            <table className="uk-table" data-kind="breakdown" aria-label={title} aria-rowcount={limit + 1} style={tableStyle}>
              <thead>
                {table.getHeaderGroups().map((group) => (
                  <tr key={group.id}>
                    {group.headers.map((header) => {
                      const meta = metaOf(header.column)
                      const sortable = header.column.getCanSort() && Boolean(meta.sortable)
                      const sorted = header.column.getIsSorted()
                      return (
                        <th
                          key={header.id}
                          scope="col"
                          data-col={header.column.id}
                          data-role={meta.role}
                          data-numeric={meta.numeric || undefined}
                          data-sortable={sortable || undefined}
                          style={meta.width ? { width: meta.width } : undefined}
                          aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : sortable ? 'none' : undefined}
                        >
                          {sortable ? (
                            <button type="button" className="uk-sort" data-sorted={sorted || undefined} onClick={header.column.getToggleSortingHandler()}>
                              <table.FlexRender header={header} />
                              {sorted === 'asc' ? <ArrowUpIcon /> : sorted === 'desc' ? <ArrowDownIcon /> : <ArrowDownIcon className="uk-icon uk-sort-idle" />}
                            </button>
                          ) : (
                            <table.FlexRender header={header} />
                          )}
                        </th>
                      )
                    })}
                    {drillDown.available ? (
                      <th scope="col" data-role="actions" style={{ width: ACTIONS_WIDTH }}>
                        <span className="uk-visually-hidden">{t('crossFilter.viewRequests')}</span>
                      </th>
                    ) : null}
                  </tr>
                ))}
              </thead>
              <tbody ref={bodyRef}>
                {rows.length === 0 ? (
                  <tr>
                    <td colSpan={columnCount + (drillDown.available ? 1 : 0)}>
                      <EmptyState>{needle ? t('breakdown.noMatch', { search: deferredSearch.trim() }) : t('state.empty')}</EmptyState>
                    </td>
                  </tr>
                ) : (
                  <>
                    {padTop > 0 ? (
                      <tr aria-hidden="true" className="uk-pad-row">
                        <td colSpan={columnCount + (drillDown.available ? 1 : 0)} style={{ height: padTop }} />
                      </tr>
                    ) : null}
                    {items.map((item) => {
                      const row = tableRows[item.index - firstIndex]
                      if (!row) return null
                      return (
                        <tr
                          key={row.id}
                          ref={virtualizer.measureElement}
                          data-index={item.index}
                          data-key={row.id}
                          aria-rowindex={item.index + 2}
                          data-clickable={pickable(row.id) || undefined}
                          data-selected={crossFilter.isSelected(groupBy, row.id) || undefined}
                          aria-selected={pickable(row.id) ? crossFilter.isSelected(groupBy, row.id) : undefined}
                          tabIndex={pickable(row.id) ? 0 : undefined}
                          title={pickable(row.id) ? t('crossFilter.rowFilterTitle', { label: row.original.label }) : undefined}
                          onClick={pickable(row.id) ? (event) => !fromControl(event) && pickRow(row.original) : undefined}
                          onKeyDown={
                            pickable(row.id)
                              ? (event) => {
                                  if (event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return
                                  event.preventDefault()
                                  pickRow(row.original)
                                }
                              : undefined
                          }
                        >
                          {row.getAllCells().map((cell) => {
                            const meta = metaOf(cell.column)
                            return (
                              <td key={cell.id} data-col={cell.column.id} data-role={meta.role} data-label={meta.role === 'meta' ? meta.label : undefined} data-numeric={meta.numeric || undefined}>
                                <table.FlexRender cell={cell} />
                              </td>
                            )
                          })}
                          {drillDown.available ? (
                            <td data-role="actions">
                              <button
                                type="button"
                                className="uk-button uk-row-action"
                                data-variant="ghost"
                                aria-label={t('crossFilter.viewRequestsOf', { label: row.original.label })}
                                title={t('crossFilter.viewRequestsOf', { label: row.original.label })}
                                disabled={!query}
                                onClick={() => viewRowRequests(row.original)}
                              >
                                <RequestsIcon />
                              </button>
                            </td>
                          ) : null}
                        </tr>
                      )
                    })}
                    {padBottom > 0 ? (
                      <tr aria-hidden="true" className="uk-pad-row">
                        <td colSpan={columnCount + (drillDown.available ? 1 : 0)} style={{ height: padBottom }} />
                      </tr>
                    ) : null}
                  </>
                )}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {!serverMode && source.data && limit < rows.length ? (
        <div className="uk-pager" data-more="true">
          <span className="uk-toolbar">
            <button type="button" className="uk-button" onClick={() => setShown((n) => n + initialRows)}>
              {t('breakdown.showMore', { count: Math.min(initialRows, rows.length - limit) })}
            </button>
            {rows.length - limit > initialRows ? (
              <button type="button" className="uk-button" onClick={() => setShown(Infinity)}>
                {t('breakdown.showAll')}
              </button>
            ) : null}
          </span>
        </div>
      ) : null}
      {serverMode && source.data ? (
        <div className="uk-pager">
          <span>
            {t('breakdown.rowsRange', { first: serverPage * SERVER_PAGE + 1, last: Math.min(source.data.total, (serverPage + 1) * SERVER_PAGE), total: source.data.total })}
          </span>
          <span className="uk-toolbar">
            <button type="button" className="uk-button" disabled={serverPage === 0} onClick={() => setServerPage((p) => p - 1)}>
              {t('common.previous')}
            </button>
            <button type="button" className="uk-button" disabled={(serverPage + 1) * SERVER_PAGE >= source.data.total} onClick={() => setServerPage((p) => p + 1)}>
              {t('common.next')}
            </button>
          </span>
        </div>
      ) : null}
    </Card>
  )
})
BreakdownTable.displayName = 'BreakdownTable'
