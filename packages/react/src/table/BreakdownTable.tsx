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
import { useVirtualizer } from '@tanstack/react-virtual'
import { type BreakdownRow, DIMENSION_LABELS, type Dimension, type Metric, NONE_KEY } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, type ReactNode, Suspense, forwardRef, lazy, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { Card } from '../components/Card.js'
import { ErrorState, EmptyState, Skeleton } from '../components/WidgetState.js'
import { ArrowDownIcon, ArrowUpIcon } from '../components/icons.js'
import type { SeriesColors } from '../components/seriesColor.js'
import { useIsClient, useUsageConfig } from '../context/UsageProvider.js'
import { useBreakdown } from '../hooks/useBreakdown.js'
import { useLimits, useSupport } from '../hooks/useCapabilities.js'
import { type UsageFormat, useFormat } from '../hooks/useFormat.js'
import { useView } from '../hooks/useView.js'
import { Sparkline } from './Sparkline.js'
import { own } from '../components/own.js'

// The export button (and the CSV writer behind it) loads only where a widget offers export.
const LazyExportButton = lazy(() => import('../controls/ExportButton.js').then((module) => ({ default: module.ExportButton })))

/** Loaded whole and sorted and searched in the browser up to this many rows; above, paged through the adapter. */
export const CLIENT_ROW_LIMIT = 50_000
const SERVER_PAGE = 100
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
const ROW_HEIGHT = 48

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
  /** Height of the scrolling body in px (default 480). */
  height?: number
  /** Offer "Export CSV" of every row the table holds: its grouping, metrics and search. */
  exportable?: boolean
  actions?: ReactNode
}

/** What a count of rows is of ("1,204 customers"). */
const GROUP_NOUNS: Record<Dimension, string> = {
  user: 'users',
  team: 'teams',
  model: 'models',
  provider: 'providers',
  apiKey: 'API keys',
  tag: 'tags',
  application: 'applications',
  agent: 'agents',
  consumer: 'consumers',
  status: 'statuses',
  customer: 'customers',
}

const HEADERS: Record<string, string> = {
  requests: 'Requests',
  inputTokens: 'Input',
  outputTokens: 'Output',
  cost: 'Cost',
  totalTokens: 'Tokens',
}

function NameCell({ row, groupBy, colorOf }: { row: BreakdownRow; groupBy: Dimension; colorOf: SeriesColors }) {
  return (
    <div className="uk-name-cell">
      {/* Usage without a value for the dimension ("(none)": requests made without a user, …) reads as such, not as a name. */}
      <span title={row.label} className={row.key === NONE_KEY ? 'uk-none' : undefined}>
        {row.label}
      </span>
      {row.secondary || row.team ? (
        <span className="uk-muted" style={{ display: 'flex', gap: 6, alignItems: 'center', fontSize: 12, minWidth: 0 }}>
          {row.secondary ? <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{row.secondary}</span> : null}
          {row.team && groupBy === 'user' ? (
            <span className="uk-badge" data-team={row.team}>
              <span className="uk-swatch" style={{ background: colorOf(row.team, 'team') }} />
              {row.team}
            </span>
          ) : null}
        </span>
      ) : null}
    </div>
  )
}

function ModelsCell({ row }: { row: BreakdownRow }) {
  if (!row.models || row.models.length === 0) return <span className="uk-muted">—</span>
  const more = (row.modelCount ?? row.models.length) - row.models.length
  return (
    <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
      {row.models.map((model) => (
        <span key={model} className="uk-badge">
          {model}
        </span>
      ))}
      {more > 0 ? (
        <span className="uk-badge" title={`${more} more model${more === 1 ? '' : 's'}`}>
          +{more}
        </span>
      ) : null}
    </span>
  )
}

function buildColumns(options: { groupBy: Dimension; metrics: Metric[]; trendMetric: Metric | false; showModels: boolean; format: UsageFormat; colorOf: SeriesColors }) {
  const { groupBy, metrics, trendMetric, showModels, format, colorOf } = options
  const columns: ColumnDef<typeof features, BreakdownRow, any>[] = [
    helper.accessor((row) => row.label, {
      id: 'name',
      header: DIMENSION_LABELS[groupBy] ?? 'Name',
      sortFn: 'alphanumeric',
      cell: (info) => <NameCell row={info.row.original} groupBy={groupBy} colorOf={colorOf} />,
    }),
  ]
  if (trendMetric) {
    columns.push(
      helper.display({
        id: 'trend',
        header: 'Trend',
        cell: (info) => <Sparkline values={info.row.original.trend ?? []} label={`${format.definition(trendMetric).label} trend of ${info.row.original.label}`} />,
      }),
    )
  }
  if (showModels) columns.push(helper.display({ id: 'models', header: 'Models', cell: (info) => <ModelsCell row={info.row.original} /> }))
  for (const metric of metrics) {
    const definition = format.definition(metric)
    const label = own(HEADERS, metric) ?? definition.label
    // The unit in the header, once ("Tokens", not "Tokens (tokens)").
    const unit = definition.unit === 'tokens' && !/token/i.test(label) ? ' (tokens)' : definition.unit === 'money' ? ` (${format.currency})` : ''
    columns.push(
      helper.accessor((row) => own(row.metrics, metric) ?? -1, {
        id: metric,
        header: `${label}${unit}`,
        sortFn: 'basic',
        sortDescFirst: true,
        cell: (info) => format.metric(own(info.row.original.metrics, metric), metric),
      }),
    )
  }
  return columns
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

/**
 * Per user (name, email, team badge) or per team: a sparkline of the range, models with "+N", and
 * sortable numeric columns. Up to 50,000 rows load once and sort and search in the browser,
 * virtualized; above that it pages through the adapter with server-side sort and search.
 */
export const BreakdownTable = forwardRef<HTMLElement, BreakdownTableProps>(function BreakdownTable(
  { title = 'Breakdown', groupBy: groupByProp, metrics: metricsProp, trendMetric: trendMetricProp = 'requests', showModels = true, height = 480, exportable = false, actions, className, ...props },
  ref,
) {
  const view = useView()
  const { permissions, colorOf } = useUsageConfig()
  const format = useFormat()
  const support = useSupport()
  // The lazy export button appears after hydration, so a server render never suspends on it.
  const isClient = useIsClient()
  const groupBy = groupByProp ?? view
  const metrics = useMemo(
    () => (metricsProp ?? ['requests', 'inputTokens', 'outputTokens', 'cost']).filter((m) => (permissions.cost || format.definition(m).unit !== 'money') && support.metric(m)),
    [metricsProp, permissions.cost, format, support],
  )
  const trendMetric = trendMetricProp && support.metric(trendMetricProp) ? trendMetricProp : false
  const hidden = support.known && (!support.dimension(groupBy) || metrics.length === 0)
  const enabled = support.known && !hidden
  const defaultSort = metrics.includes('cost') ? 'cost' : (metrics[0] ?? 'requests')
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
  // A search for a user means nothing among teams: start over when the grouping changes.
  useEffect(() => {
    setSearch('')
    setServerPage(0)
  }, [groupBy])

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

  const columns = useMemo(() => buildColumns({ groupBy, metrics, trendMetric, showModels, format, colorOf }), [groupBy, metrics, trendMetric, showModels, format, colorOf])
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 1000, height },
  })
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

  const state = source.isError ? 'error' : source.isPending ? 'loading' : rows.length === 0 ? 'empty' : 'ready'
  const searchLabel = groupBy === 'user' ? 'Search name or email' : `Search ${(DIMENSION_LABELS[groupBy] ?? 'name').toLowerCase()}`
  if (hidden) return null
  return (
    <Card
      ref={ref}
      title={title}
      subtitle={source.data ? `${groupCount(source.data, serverMode).toLocaleString(format.locale)} ${GROUP_NOUNS[groupBy] ?? 'rows'}` : undefined}
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
        <ErrorState error={source.error} onRetry={() => void source.refetch()} minHeight={height} />
      ) : source.isPending ? (
        <Skeleton height={height} />
      ) : (
        <div ref={scrollRef} className="uk-table-wrap" style={{ maxHeight: height }} tabIndex={-1}>
          <table className="uk-table" aria-label={title} aria-rowcount={rows.length + 1}>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const numeric = metrics.includes(header.column.id)
                    const sortable = header.column.getCanSort() && (header.column.id === 'name' || numeric)
                    const sorted = header.column.getIsSorted()
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        data-numeric={numeric || undefined}
                        aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : sortable ? 'none' : undefined}
                      >
                        {sortable ? (
                          <button type="button" className="uk-sort" data-sorted={sorted || undefined} onClick={header.column.getToggleSortingHandler()}>
                            <table.FlexRender header={header} />
                            {sorted === 'asc' ? <ArrowUpIcon /> : sorted === 'desc' ? <ArrowDownIcon /> : null}
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
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={columnCount}>
                    <EmptyState>{needle ? `Nothing matches “${search}”.` : 'No usage in this range.'}</EmptyState>
                  </td>
                </tr>
              ) : (
                <>
                  {padTop > 0 ? (
                    <tr aria-hidden="true">
                      <td colSpan={columnCount} style={{ height: padTop, padding: 0, border: 0 }} />
                    </tr>
                  ) : null}
                  {items.map((item) => {
                    const row = tableRows[item.index - firstIndex]
                    if (!row) return null
                    return (
                      <tr key={row.id} data-key={row.id} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                        {row.getAllCells().map((cell) => (
                          <td key={cell.id} data-numeric={metrics.includes(cell.column.id) || undefined}>
                            <table.FlexRender cell={cell} />
                          </td>
                        ))}
                      </tr>
                    )
                  })}
                  {padBottom > 0 ? (
                    <tr aria-hidden="true">
                      <td colSpan={columnCount} style={{ height: padBottom, padding: 0, border: 0 }} />
                    </tr>
                  ) : null}
                </>
              )}
            </tbody>
          </table>
        </div>
      )}
      {serverMode && source.data ? (
        <div className="uk-pager">
          <span>
            Rows {serverPage * SERVER_PAGE + 1}–{Math.min(source.data.total, (serverPage + 1) * SERVER_PAGE)} of {source.data.total.toLocaleString(format.locale)}
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
