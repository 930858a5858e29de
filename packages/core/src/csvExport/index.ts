// CSV export lives in its own entry, @usagekit/core/csv, so the CSV writer (papaparse) loads only
// when a reader exports.
export {
  DEFAULT_REQUEST_COLUMNS,
  breakdownCsvColumns,
  collectCsv,
  csvFileName,
  exportBreakdownCsv,
  exportRequestsCsv,
  formatIsoInZone,
  requestCsvColumns,
  toCsv,
} from './csv'
export type { CsvColumn, CsvExportProgress, CsvValue, RequestColumnId } from './csv'
