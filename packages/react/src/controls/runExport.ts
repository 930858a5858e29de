import type { BreakdownRow, Dimension, Metric, RequestSummary, UsageAdapter, UsageQuery } from '@usagekit/core'
import type { UsageSupport } from '../hooks/useCapabilities.js'
import {
  type CsvColumn,
  type CsvExportProgress,
  DEFAULT_REQUEST_COLUMNS,
  type RequestColumnId,
  breakdownCsvColumns,
  csvFileName,
  exportBreakdownCsv,
  exportRequestsCsv,
  requestCsvColumns,
} from '@usagekit/core/csv'

/** A request log CSV column: core's, plus the end customer (core's CSV module has no column for it yet). */
export type RequestExportColumnId = RequestColumnId | 'customer'

const CUSTOMER_COLUMN: CsvColumn<RequestSummary> = { id: 'customer', header: 'customer', value: (row) => row.customer }

/** A request CSV column: one of core's by id, or a host's own (a custom request log column's `csv`). */
export type RequestExportColumn = RequestExportColumnId | CsvColumn<RequestSummary>

/** The CSV columns of `columns`, in order: core's writer for its ids, the customer column added here, a host's own as given. */
export function requestExportColumns(options: { timeZone: string; currency: string; columns?: readonly RequestExportColumn[] }): CsvColumn<RequestSummary>[] {
  const { columns, ...rest } = options
  if (!columns) return requestCsvColumns(rest)
  const coreIds = columns.filter((column): column is Exclude<RequestExportColumnId, 'customer'> => typeof column === 'string' && column !== 'customer')
  const known = requestCsvColumns({ ...rest, columns: coreIds })
  let next = 0
  return columns.map((column) => (typeof column !== 'string' ? column : column === 'customer' ? CUSTOMER_COLUMN : known[next++]!))
}

/**
 * A breakdown CSV column: one of core's by id (`key`, `label`, `secondary` (email), `team`, `models`,
 * or a metric), or a host's own (a custom breakdown column's `csv`).
 */
export type BreakdownExportColumn = string | CsvColumn<BreakdownRow>

/** The breakdown's CSV columns in the order given; ids core has no column for (a user's email in a team breakdown) are left out. */
export function breakdownExportColumns(options: { groupBy: Dimension; metrics: readonly Metric[]; currency: string; columns?: readonly BreakdownExportColumn[] }): CsvColumn<BreakdownRow>[] {
  const core = breakdownCsvColumns({ groupBy: options.groupBy, metrics: options.metrics, currency: options.currency })
  if (!options.columns) return core
  const byId = new Map(core.map((column) => [column.id, column]))
  return options.columns.flatMap((column) => (typeof column !== 'string' ? [column] : byId.has(column) ? [byId.get(column)!] : []))
}

/** Columns that hold a dimension or metric an adapter may not offer: without it the column is left out, never written empty or 0. */
const COLUMN_NEEDS: Partial<Record<RequestExportColumnId, { dimension?: Dimension; metric?: Metric }>> = {
  team: { dimension: 'team' },
  apiKey: { dimension: 'apiKey' },
  application: { dimension: 'application' },
  agent: { dimension: 'agent' },
  customer: { dimension: 'customer' },
  tags: { dimension: 'tag' },
  cachedInputTokens: { metric: 'cachedInputTokens' },
}

/** The request columns to write: the asked ones (default core's), less those the adapter has no data for. */
export function offeredRequestColumns(columns: readonly RequestExportColumn[] | undefined, support: Pick<UsageSupport, 'metric' | 'dimension'>): RequestExportColumn[] {
  return (columns ?? DEFAULT_REQUEST_COLUMNS).filter((column) => {
    if (typeof column !== 'string') return true
    const needs = COLUMN_NEEDS[column]
    return !needs || ((!needs.dimension || support.dimension(needs.dimension)) && (!needs.metric || support.metric(needs.metric)))
  })
}

export type ExportSpec =
  | { kind: 'requests'; columns?: readonly RequestExportColumn[]; search?: string }
  | { kind: 'breakdown'; groupBy: Dimension; metrics: Metric[]; columns?: readonly BreakdownExportColumn[]; search?: string }

/** Streams the CSV of what the page shows (loaded on first use with the CSV writer). */
export async function runExport(options: {
  adapter: UsageAdapter
  query: UsageQuery
  spec: ExportSpec
  currency: string
  /** What the adapter offers (columns and metrics it does not are left out). */
  support: Pick<UsageSupport, 'metric' | 'dimension'>
  total?: number
  signal: AbortSignal
  onProgress: (progress: CsvExportProgress) => void
}): Promise<{ blob: Blob; fileName: string; rows: number }> {
  const { adapter, query, spec, currency, support, signal, onProgress } = options
  const chunks: string[] = []
  let rows = 0
  const progress = (p: CsvExportProgress) => {
    rows = p.rows
    onProgress(p)
  }
  if (spec.kind === 'requests') {
    const columns = requestExportColumns({ timeZone: query.timeZone, currency, columns: offeredRequestColumns(spec.columns, support) })
    for await (const chunk of exportRequestsCsv({ adapter, query: { ...query, ...(spec.search ? { search: spec.search } : {}) }, columns, total: options.total, signal, onProgress: progress })) {
      chunks.push(chunk)
    }
  } else {
    const metrics = spec.metrics.filter(support.metric)
    const columns = breakdownExportColumns({ groupBy: spec.groupBy, metrics, currency, columns: spec.columns })
    const breakdownQuery = { ...query, groupBy: spec.groupBy, metrics, ...(spec.search ? { search: spec.search } : {}) }
    for await (const chunk of exportBreakdownCsv({ adapter, query: breakdownQuery, columns, signal, onProgress: progress })) chunks.push(chunk)
  }
  const view = spec.kind === 'requests' ? 'requests' : `by-${spec.groupBy}`
  return { blob: new Blob(chunks, { type: 'text/csv;charset=utf-8' }), fileName: csvFileName({ view, range: query.range, timeZone: query.timeZone }), rows }
}
