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
import { type BreakdownRow, DIMENSION_LABELS, type Dimension, type Metric, NONE_KEY, bucketBoundaries } from '@usagekit/core'
import { clsx } from 'clsx'
import { type CSSProperties, type HTMLAttributes, type ReactNode, Suspense, forwardRef, lazy, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { Card } from '../components/Card.js'
import { ErrorState, EmptyState } from '../components/WidgetState.js'
import { ArrowDownIcon, ArrowUpIcon } from '../components/icons.js'
import type { SeriesColors } from '../components/seriesColor.js'
import { useIsClient, useUsageConfig } from '../context/UsageProvider.js'
import { useDimensionRanking } from '../hooks/useDimensionRanking.js'
import { useMessages } from '../i18n/useMessages.js'
import { fitModelBadges } from './fitModelBadges.js'
import { useSeriesColors } from '../hooks/useSeriesColors.js'
import { useBreakdown } from '../hooks/useBreakdown.js'
import { useLimits, useSupport } from '../hooks/useCapabilities.js'
import { type UsageFormat, useFormat } from '../hooks/useFormat.js'
import { useUsageQuery } from '../hooks/useUsageQuery.js'
import { useView } from '../hooks/useView.js'
import { Decimal, decimalSeparator, tailWidth } from './decimal.js'
import { useIsoLayoutEffect, usePageVirtualizer } from './pageVirtualizer.js'
import { Sparkline } from './Sparkline.js'
import { TableSkeleton } from './TableSkeleton.js'
import { own } from '../components/own.js'

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

export type BreakdownColumn = 'name' | 'trend' | 'models' | Metric

export interface BreakdownTableProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: string
  /** Rows per user, team or customer (default: the page's view), or any dimension; not shown when the adapter does not offer it. */
  groupBy?: Dimension
  /** Numeric columns, each sortable (default requests, input, output, cost); those the adapter does not offer are left out. */
  metrics?: Metric[]
  /** Show the sparkline column of this metric (default requests; `false` to hide). */
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
}

/** What a count of rows is of: "user", "users", "API keys", "statuses"; "rows" for a dimension without a label. */
function noun(groupBy: Dimension, count: number): string {
  const label = own(DIMENSION_LABELS, groupBy)
  if (!label) return count === 1 ? 'row' : 'rows'
  // An initialism keeps its capitals ("API key"); other labels are words ("Team" → "teams").
  const one = /^[A-Z]{2}/.test(label) ? label : label.toLowerCase()
  return count === 1 ? one : one.endsWith('s') ? `${one}es` : `${one}s`
}

/** "1 user", "59 users". */
function countOf(count: number, groupBy: Dimension, locale: string | undefined): string {
  return `${count.toLocaleString(locale)} ${noun(groupBy, count)}`
}

const HEADERS: Record<string, string> = {
  requests: 'Requests',
  inputTokens: 'Input',
  outputTokens: 'Output',
  cost: 'Spend',
  totalTokens: 'Tokens',
}

/** Fixed widths (table-layout: fixed): columns never jump when a search or a sort changes the rows. */
const TREND_WIDTH = 120
const MODELS_WIDTH = 340
/** A body cell's horizontal padding, both sides (styles.css, `.uk-table td`). */
const CELL_PADDING_X = 24
const NAME_MIN_WIDTH = 200
function metricWidth(unit: string): number {
  return unit === 'tokens' ? 128 : unit === 'money' ? 112 : 104
}

/** Where a cell goes in the card list of narrow containers (see styles.css, "tables"). */
type CellRole = 'name' | 'primary' | 'meta' | 'trend' | 'models'

interface ColumnMeta {
  role: CellRole
  /** The header's words without the unit, for the card list's labels. */
  short?: string
  width?: number
  numeric?: boolean
  sortable?: boolean
}

function NameCell({ row, groupBy, colorOf }: { row: BreakdownRow; groupBy: Dimension; colorOf: SeriesColors }) {
  return (
    <div className="uk-name-cell">
      {/* Usage without a value for the dimension ("(none)": requests made without a user, …) reads as such, not as a name. */}
      <span title={row.label} className={clsx('uk-name', row.key === NONE_KEY && 'uk-none')}>
        {row.label}
      </span>
      {row.secondary || (row.team && groupBy === 'user') ? (
        <span className="uk-name-sub uk-muted">
          {row.secondary ? (
            <span className="uk-name-email" title={row.secondary}>
              {row.secondary}
            </span>
          ) : null}
          {row.team && groupBy === 'user' ? (
            // Long team names give way before the email does; the whole name is in the tooltip.
            <span className="uk-badge" data-team={row.team} title={row.team}>
              <span className="uk-swatch" style={{ background: colorOf(row.team, 'team') }} />
              <span className="uk-badge-text">{row.team}</span>
            </span>
          ) : null}
        </span>
      ) : null}
    </div>
  )
}

/** The models a row used, most requests first: whole names that fit the column, the rest as "+N" titled with them. */
function ModelsCell({ row }: { row: BreakdownRow }) {
  const t = useMessages()
  if (!row.models || row.models.length === 0) return <span className="uk-muted">—</span>
  const { shown, hidden, more } = fitModelBadges(row.models, row.modelCount ?? row.models.length, MODELS_WIDTH - CELL_PADDING_X)
  const names = hidden.length ? `${hidden.join(', ')}${more > hidden.length ? ', …' : ''}` : ''
  const rest = names ? t('design.models.more', { count: more, models: names }) : t('design.models.moreCount', { count: more })
  return (
    <span className="uk-models">
      {shown.map((model) => (
        <span key={model} className="uk-badge" title={model}>
          <span className="uk-badge-text">{model}</span>
        </span>
      ))}
      {more > 0 ? (
        <span className="uk-badge uk-badge-more" title={rest} data-more={more}>
          <span aria-hidden="true">+{more}</span>
          <span className="uk-visually-hidden">{rest}</span>
        </span>
      ) : null}
    </span>
  )
}

/**
 * The sparkline's colour is the row's series colour, taken here and only here, so the page's colour
 * assignment (hash today, rank with a page-level registry next) switches in one place.
 */
function sparklineColor(colorOf: SeriesColors, row: BreakdownRow, groupBy: Dimension): string {
  return colorOf(row.key, groupBy)
}

interface BuildOptions {
  groupBy: Dimension
  metrics: Metric[]
  primary: Metric | undefined
  trendMetric: Metric | false
  showModels: boolean
  format: UsageFormat
  colorOf: SeriesColors
  /** Per money column, the width of the widest part after the decimal separator (ch). */
  tails: Record<string, number>
  separator: string
  describeTrend: ((row: BreakdownRow, index: number) => { when: string; value: string }) | undefined
}

function buildColumns(options: BuildOptions) {
  const { groupBy, metrics, primary, trendMetric, showModels, format, colorOf, tails, separator, describeTrend } = options
  const columns: ColumnDef<typeof features, BreakdownRow, any>[] = [
    helper.accessor((row) => row.label, {
      id: 'name',
      header: own(DIMENSION_LABELS, groupBy) ?? 'Name',
      sortFn: 'alphanumeric',
      meta: { role: 'name', sortable: true } satisfies ColumnMeta,
      cell: (info) => <NameCell row={info.row.original} groupBy={groupBy} colorOf={colorOf} />,
    }),
  ]
  if (trendMetric) {
    const trendLabel = format.definition(trendMetric).label
    columns.push(
      helper.display({
        id: 'trend',
        header: 'Trend',
        meta: { role: 'trend', width: TREND_WIDTH } satisfies ColumnMeta,
        cell: (info) => {
          const row = info.row.original
          return (
            <Sparkline
              values={row.trend ?? []}
              label={`${trendLabel} trend of ${row.label}`}
              color={sparklineColor(colorOf, row, groupBy)}
              describe={describeTrend ? (index) => describeTrend(row, index) : undefined}
            />
          )
        },
      }),
    )
  }
  if (showModels) columns.push(helper.display({ id: 'models', header: 'Models', meta: { role: 'models', width: MODELS_WIDTH } satisfies ColumnMeta, cell: (info) => <ModelsCell row={info.row.original} /> }))
  for (const metric of metrics) {
    const definition = format.definition(metric)
    const label = own(HEADERS, metric) ?? definition.label
    // The unit in the header, once ("Tokens", not "Tokens (tokens)").
    const unit = definition.unit === 'tokens' && !/token/i.test(label) ? ' (tokens)' : definition.unit === 'money' ? ` (${format.currency})` : ''
    const money = definition.unit === 'money'
    columns.push(
      helper.accessor((row) => own(row.metrics, metric) ?? -1, {
        id: metric,
        header: `${label}${unit}`,
        sortFn: 'basic',
        sortDescFirst: true,
        meta: { role: metric === primary ? 'primary' : 'meta', short: label, width: metricWidth(definition.unit), numeric: true, sortable: true } satisfies ColumnMeta,
        cell: (info) => {
          const text = format.metric(own(info.row.original.metrics, metric), metric)
          return money ? <Decimal text={text} separator={separator} tail={tails[metric] ?? 0} /> : text
        },
      }),
    )
  }
  return columns
}

function metaOf(column: { columnDef: { meta?: unknown } }): ColumnMeta {
  return (column.columnDef.meta ?? { role: 'meta' }) as ColumnMeta
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
  { title = 'Breakdown', groupBy: groupByProp, metrics: metricsProp, trendMetric: trendMetricProp = 'requests', showModels = true, height, initialRows = INITIAL_ROWS, exportable = false, actions, className, ...props },
  ref,
) {
  const view = useView()
  const { permissions } = useUsageConfig()
  // The page's colour registry: a team badge is the colour the charts gave that team.
  const colorOf = useSeriesColors()
  const format = useFormat()
  const support = useSupport()
  const { query, bucket } = useUsageQuery()
  // The lazy export button appears after hydration, so a server render never suspends on it.
  const isClient = useIsClient()
  const groupBy = groupByProp ?? view
  const metrics = useMemo(
    () => (metricsProp ?? ['requests', 'inputTokens', 'outputTokens', 'cost']).filter((m) => (permissions.cost || format.definition(m).unit !== 'money') && support.metric(m)),
    [metricsProp, permissions.cost, format, support],
  )
  const trendMetric = trendMetricProp && support.metric(trendMetricProp) ? trendMetricProp : false
  const hidden = support.known && (!support.dimension(groupBy) || metrics.length === 0)
  // Team badges take the colours the team chart gives (requests, largest first) even when the page
  // opens on a view without that chart.
  useDimensionRanking('team', support.metric('requests') ? 'requests' : (metrics[0] ?? 'requests'), support.known && !hidden && groupBy === 'user' && support.dimension('team'))
  const enabled = support.known && !hidden
  const defaultSort = metrics.includes('cost') ? 'cost' : (metrics[0] ?? 'requests')
  // The value a card shows large beside the name: money when the table has it.
  const primary = metrics.find((m) => format.definition(m).unit === 'money') ?? metrics[0]
  const [chosenSorting, setSorting] = useState<SortingState | null>(null)
  // A sort on a column that is not shown (the adapter turned out not to offer it) falls back to the default.
  const sorting = useMemo<SortingState>(
    () => (chosenSorting && chosenSorting.every((sort) => sort.id === 'name' || metrics.includes(sort.id)) ? chosenSorting : [{ id: defaultSort, desc: true }]),
    [chosenSorting, metrics, defaultSort],
  )
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
    sort: { metric: defaultSort, direction: 'desc' },
    trend: trendMetric ? { metric: trendMetric } : undefined,
    enabled,
  })
  const serverMode = (full.data?.total ?? 0) > CLIENT_ROW_LIMIT
  const sortMetric = sorting[0] && sorting[0].id !== 'name' ? sorting[0].id : metrics[0]!
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
    if (!sort) return found
    const sign = sort.desc ? -1 : 1
    if (sort.id === 'name') return found.sort((a, b) => sign * collator.compare(a.label, b.label) || (a.key < b.key ? -1 : 1))
    return found.sort((a, b) => {
      const x = own(a.metrics, sort.id)
      const y = own(b.metrics, sort.id)
      if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1
      return sign * (x - y) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
    })
  }, [source.data, serverMode, needle, sorting])
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
      // "7 requests", "1,204 input tokens", "$0.12 cost".
      return { when: at ? format.bucketRange(at, bucket) : '', value: `${format.metric(row.trend?.[index] ?? null, trendMetric)} ${format.definition(trendMetric).label.toLowerCase()}` }
    }
  }, [trendMetric, query, bucket, format])

  const columns = useMemo(
    () => buildColumns({ groupBy, metrics, primary, trendMetric, showModels, format, colorOf, tails, separator, describeTrend }),
    [groupBy, metrics, primary, trendMetric, showModels, format, colorOf, tails, separator, describeTrend],
  )
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
    let all = NAME_MIN_WIDTH
    let noModels = NAME_MIN_WIDTH
    let bare = NAME_MIN_WIDTH
    for (const column of leafColumns) {
      const meta = metaOf(column)
      const width = meta.width ?? 0
      all += width
      if (meta.role !== 'models') noModels += width
      if (meta.role !== 'models' && meta.role !== 'trend') bare += width
    }
    return { '--uk-min-all': `${all}px`, '--uk-min-no-models': `${noModels}px`, '--uk-min-bare': `${bare}px` } as CSSProperties
  }, [leafColumns])

  const state = source.isError ? 'error' : source.isPending ? 'loading' : rows.length === 0 ? 'empty' : 'ready'
  const searchLabel = groupBy === 'user' ? 'Search name or email' : `Search ${(own(DIMENSION_LABELS, groupBy) ?? 'name').toLowerCase()}`
  const subtitle = useMemo(() => {
    if (!source.data) return undefined
    const locale = format.locale
    // Searching through the adapter, the unsearched total is the whole-table query's.
    const all = countOf(groupCount((serverMode && full.data) || source.data, serverMode), groupBy, locale)
    if (needle) return `${(serverMode ? source.data.total : groupsIn(rows)).toLocaleString(locale)} of ${all} match “${deferredSearch.trim()}”`
    return limit < rows.length ? `Showing ${groupsIn(rows.slice(0, limit)).toLocaleString(locale)} of ${all}` : all
  }, [source.data, full.data, serverMode, needle, deferredSearch, rows, limit, groupBy, format.locale])
  // With a cap, the box shows whole rows: never a last row cut in half.
  const capHeight = height ? HEADER_HEIGHT + Math.max(1, Math.floor((height - HEADER_HEIGHT) / ROW_HEIGHT)) * ROW_HEIGHT + 2 : undefined
  const sortId = sorting[0]?.id ?? defaultSort
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
          {exportable && isClient ? <Suspense fallback={null}><LazyExportButton kind="breakdown" groupBy={groupBy} metrics={metrics} search={deferredSearch.trim() || undefined} /></Suspense> : null}
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
        <TableSkeleton columns={leafColumns.map((column) => (metaOf(column).numeric ? 'number' : column.id === 'models' ? 'text' : (column.id as 'name' | 'trend')))} rows={8} />
      ) : (
        <div className="uk-table-box" data-kind="breakdown">
          {/* The card list has no header row to click: it sorts here. */}
          <div className="uk-card-sort">
            <label>
              <span>Sort by</span>
              <select
                className="uk-select"
                value={sortId}
                onChange={(event) => {
                  const id = event.target.value
                  setSorting([{ id, desc: id !== 'name' }])
                }}
              >
                {leafColumns
                  .filter((column) => metaOf(column).sortable)
                  .map((column) => (
                    <option key={column.id} value={column.id}>
                      {metaOf(column).short ?? String(column.columnDef.header)}
                    </option>
                  ))}
              </select>
            </label>
            <button
              type="button"
              className="uk-button"
              aria-label={sorting[0]?.desc === false ? 'Sort descending' : 'Sort ascending'}
              onClick={() => setSorting([{ id: sortId, desc: sorting[0]?.desc === false }])}
            >
              {sorting[0]?.desc === false ? <ArrowUpIcon /> : <ArrowDownIcon />}
            </button>
          </div>
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
                  </tr>
                ))}
              </thead>
              <tbody ref={bodyRef}>
                {rows.length === 0 ? (
                  <tr>
                    <td colSpan={columnCount}>
                      <EmptyState>{needle ? `No ${noun(groupBy, 1)} matches “${deferredSearch.trim()}”.` : 'No usage in this range.'}</EmptyState>
                    </td>
                  </tr>
                ) : (
                  <>
                    {padTop > 0 ? (
                      <tr aria-hidden="true" className="uk-pad-row">
                        <td colSpan={columnCount} style={{ height: padTop }} />
                      </tr>
                    ) : null}
                    {items.map((item) => {
                      const row = tableRows[item.index - firstIndex]
                      if (!row) return null
                      return (
                        <tr key={row.id} ref={virtualizer.measureElement} data-index={item.index} data-key={row.id} aria-rowindex={item.index + 2}>
                          {row.getAllCells().map((cell) => {
                            const meta = metaOf(cell.column)
                            return (
                              <td key={cell.id} data-col={cell.column.id} data-role={meta.role} data-label={meta.role === 'meta' ? meta.short : undefined} data-numeric={meta.numeric || undefined}>
                                <table.FlexRender cell={cell} />
                              </td>
                            )
                          })}
                        </tr>
                      )
                    })}
                    {padBottom > 0 ? (
                      <tr aria-hidden="true" className="uk-pad-row">
                        <td colSpan={columnCount} style={{ height: padBottom }} />
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
              Show {Math.min(initialRows, rows.length - limit).toLocaleString(format.locale)} more
            </button>
            {rows.length - limit > initialRows ? (
              <button type="button" className="uk-button" onClick={() => setShown(Infinity)}>
                Show all
              </button>
            ) : null}
          </span>
        </div>
      ) : null}
      {serverMode && source.data ? (
        <div className="uk-pager">
          <span>
            Rows {(serverPage * SERVER_PAGE + 1).toLocaleString(format.locale)}–{Math.min(source.data.total, (serverPage + 1) * SERVER_PAGE).toLocaleString(format.locale)} of {source.data.total.toLocaleString(format.locale)}
          </span>
          <span className="uk-toolbar">
            <button type="button" className="uk-button" disabled={serverPage === 0} onClick={() => setServerPage((p) => p - 1)}>
              Previous
            </button>
            <button type="button" className="uk-button" disabled={(serverPage + 1) * SERVER_PAGE >= source.data.total} onClick={() => setServerPage((p) => p + 1)}>
              Next
            </button>
          </span>
        </div>
      ) : null}
    </Card>
  )
})
BreakdownTable.displayName = 'BreakdownTable'
