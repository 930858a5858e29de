// CSV export lives in its own entry, @usagekit/core/csv, so the CSV writer (papaparse) loads only
// when a reader exports.
export {
  CSV_LIST_SEPARATOR,
  DEFAULT_REQUEST_COLUMNS,
  breakdownCsvColumns,
  collectCsv,
  csvFileName,
  exportBreakdownCsv,
  exportRequestsCsv,
  formatIsoInZone,
  neutralizeCsvText,
  requestCsvColumns,
  toCsv,
} from './csv'
export type { CsvColumn, CsvExportProgress, CsvScalar, CsvValue, RequestColumnId } from './csv'
