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

/** The CSV columns of `ids`, in order: core's writer for its own, the customer column added here. */
export function requestExportColumns(options: { timeZone: string; currency: string; columns?: readonly RequestExportColumnId[] }): CsvColumn<RequestSummary>[] {
  const { columns, ...rest } = options
  if (!columns) return requestCsvColumns(rest)
  const known = requestCsvColumns({ ...rest, columns: columns.filter((id): id is Exclude<RequestExportColumnId, 'customer'> => id !== 'customer') })
  let next = 0
  return columns.map((id) => (id === 'customer' ? CUSTOMER_COLUMN : known[next++]!))
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
export function offeredRequestColumns(columns: readonly RequestExportColumnId[] | undefined, support: Pick<UsageSupport, 'metric' | 'dimension'>): RequestExportColumnId[] {
  return (columns ?? DEFAULT_REQUEST_COLUMNS).filter((id) => {
    const needs = COLUMN_NEEDS[id]
    return !needs || ((!needs.dimension || support.dimension(needs.dimension)) && (!needs.metric || support.metric(needs.metric)))
  })
}

export type ExportSpec =
  | { kind: 'requests'; columns?: RequestExportColumnId[]; search?: string }
  | { kind: 'breakdown'; groupBy: Dimension; metrics: Metric[]; search?: string }

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
    const columns: CsvColumn<BreakdownRow>[] = breakdownCsvColumns({ groupBy: spec.groupBy, metrics, currency })
    const breakdownQuery = { ...query, groupBy: spec.groupBy, metrics, ...(spec.search ? { search: spec.search } : {}) }
    for await (const chunk of exportBreakdownCsv({ adapter, query: breakdownQuery, columns, signal, onProgress: progress })) chunks.push(chunk)
  }
  const view = spec.kind === 'requests' ? 'requests' : `by-${spec.groupBy}`
  return { blob: new Blob(chunks, { type: 'text/csv;charset=utf-8' }), fileName: csvFileName({ view, range: query.range, timeZone: query.timeZone }), rows }
}
