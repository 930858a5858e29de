import type { BreakdownRow, Dimension, Metric, UsageAdapter, UsageQuery } from '@usagekit/core'
import {
  type CsvColumn,
  type CsvExportProgress,
  type RequestColumnId,
  breakdownCsvColumns,
  csvFileName,
  exportBreakdownCsv,
  exportRequestsCsv,
  requestCsvColumns,
} from '@usagekit/core/csv'

export type ExportSpec =
  | { kind: 'requests'; columns?: RequestColumnId[]; search?: string }
  | { kind: 'breakdown'; groupBy: Dimension; metrics: Metric[]; search?: string }

/** Streams the CSV of what the page shows (loaded on first use with the CSV writer). */
export async function runExport(options: {
  adapter: UsageAdapter
  query: UsageQuery
  spec: ExportSpec
  currency: string
  total?: number
  signal: AbortSignal
  onProgress: (progress: CsvExportProgress) => void
}): Promise<{ blob: Blob; fileName: string; rows: number }> {
  const { adapter, query, spec, currency, signal, onProgress } = options
  const chunks: string[] = []
  let rows = 0
  const progress = (p: CsvExportProgress) => {
    rows = p.rows
    onProgress(p)
  }
  if (spec.kind === 'requests') {
    const columns = requestCsvColumns({ timeZone: query.timeZone, currency, columns: spec.columns })
    for await (const chunk of exportRequestsCsv({ adapter, query: { ...query, ...(spec.search ? { search: spec.search } : {}) }, columns, total: options.total, signal, onProgress: progress })) {
      chunks.push(chunk)
    }
  } else {
    const columns: CsvColumn<BreakdownRow>[] = breakdownCsvColumns({ groupBy: spec.groupBy, metrics: spec.metrics, currency })
    const breakdownQuery = { ...query, groupBy: spec.groupBy, metrics: spec.metrics, ...(spec.search ? { search: spec.search } : {}) }
    for await (const chunk of exportBreakdownCsv({ adapter, query: breakdownQuery, columns, signal, onProgress: progress })) chunks.push(chunk)
  }
  const view = spec.kind === 'requests' ? 'requests' : `by-${spec.groupBy}`
  return { blob: new Blob(chunks, { type: 'text/csv;charset=utf-8' }), fileName: csvFileName({ view, range: query.range, timeZone: query.timeZone }), rows }
}
