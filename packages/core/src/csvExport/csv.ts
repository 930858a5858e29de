import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import Papa from 'papaparse'
import { type Dimension, DIMENSION_LABELS } from '../dimensions'
import { type Metric, type MetricDefinition, getMetricDefinition } from '../metrics'
import { toLocalDate } from '../timePresets'
import { type InstantInput, toEpochMs } from '../timeRange'
import type {
  BreakdownRow,
  GetBreakdownParams,
  ListRequestsParams,
  RequestSummary,
  TimeRange,
  UsageAdapter,
} from '../types'

/** A scalar cell. Numbers, bigints and booleans are written raw; strings are escaped (see toCsv). */
export type CsvScalar = string | number | bigint | boolean | null | undefined

/** A cell: a scalar, or a list of strings written as one cell joined by `;` (tags, models). */
export type CsvValue = CsvScalar | readonly string[]

export interface CsvColumn<Row> {
  /** Stable id (what a table calls the column). */
  id: string
  header: string
  value: (row: Row) => CsvValue
}

/** Joins the items of a list cell. */
export const CSV_LIST_SEPARATOR = ';'

/**
 * First characters a spreadsheet may run as a formula: OWASP's `= + - @`, tab (0x09) and carriage
 * return (0x0D), plus line feed (0x0A) and NUL (0x00). papaparse's `escapeFormulae` checks only
 * OWASP's six and only the cell as a whole, so the rule is applied here, to every text cell and
 * to each item of a list cell.
 */
const FORMULA_START = /^[=+\-@\t\r\n\0]/

/** A text cell as a spreadsheet must show it: prefixed with `'` when it starts like a formula. */
export function neutralizeCsvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/**
 * Quote a cell (besides papaparse's own reasons: the delimiter, a `"`, CR, LF, a leading or
 * trailing space) when it was neutralised, or holds `;`, the separator a spreadsheet in many
 * locales splits on.
 */
function mustQuote(value: unknown): boolean {
  return typeof value === 'string' && (value.startsWith("'") || value.includes(';'))
}

function csvOptions(header: boolean): Papa.UnparseConfig {
  return { header, newline: '\r\n', escapeFormulae: false, quotes: mustQuote }
}

/**
 * RFC 4180 CSV of rows (OWASP CSV injection rules). Numbers, bigints and booleans are written raw,
 * never formatted or escaped (a negative amount stays `-3`). Every text cell, every header and
 * every item of a list cell that starts with `=`, `+`, `-`, `@`, tab, CR, LF or NUL is prefixed
 * with `'` — a text cell holding `-1.5` included — and the cell is then quoted. A cell that holds
 * the delimiter `,`, `;`, a `"` or a line break is quoted, its `"` doubled.
 */
export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[], options: { header?: boolean } = {}): string {
  const header = options.header ?? true
  const data = rows.map((row) => columns.map((column) => normalizeCell(column.value(row))))
  const fields = columns.map((column) => neutralizeCsvText(String(column.header)))
  if (data.length === 0 && !header) return ''
  // papaparse ends a header-only file with a newline and a file with rows without one.
  const text = Papa.unparse({ fields, data }, csvOptions(header))
  return text.endsWith('\r\n') ? text : `${text}\r\n`
}

function normalizeCell(value: CsvValue): string | number | boolean | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'string') return neutralizeCsvText(value)
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'boolean') return value
  if (Array.isArray(value)) return value.map((item) => neutralizeCsvText(String(item))).join(CSV_LIST_SEPARATOR)
  return neutralizeCsvText(String(value))
}

/** An instant as ISO-8601 with the zone's offset: `2026-11-01T01:30:00.000-04:00`. */
export function formatIsoInZone(instant: InstantInput, timeZone: string): string {
  return format(new TZDate(toEpochMs(instant), timeZone), "yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
}

function isLocalMidnight(ms: number, timeZone: string): boolean {
  const local = new TZDate(ms, timeZone)
  return local.getHours() === 0 && local.getMinutes() === 0 && local.getSeconds() === 0 && local.getMilliseconds() === 0
}

function fileStamp(ms: number, timeZone: string): string {
  return format(new TZDate(ms, timeZone), "yyyy-MM-dd'T'HHmm")
}

/**
 * `usage-<view>-<start>-<end>-<timeZone>.csv`. Whole local days read as dates with the last day
 * inclusive (`usage-requests-2026-11-01-2026-11-14-Europe_Berlin.csv`); other ranges carry the
 * local time. The zone's `/` becomes `_` so the name is one path segment.
 */
export function csvFileName(options: { view: string; range: TimeRange; timeZone: string }): string {
  const { range, timeZone } = options
  const startMs = Date.parse(range.start)
  const endMs = Date.parse(range.end)
  const wholeDays = isLocalMidnight(startMs, timeZone) && isLocalMidnight(endMs, timeZone)
  const start = wholeDays ? toLocalDate(startMs, timeZone) : fileStamp(startMs, timeZone)
  const end = wholeDays ? toLocalDate(endMs - 1, timeZone) : fileStamp(endMs, timeZone)
  const view = options.view.replace(/[^\p{L}\p{N}_.-]+/gu, '_')
  return `usage-${view}-${start}-${end}-${timeZone.replace(/\//g, '_')}.csv`
}

// ------------------------------------------------------------------ columns

export type RequestColumnId =
  | 'timestamp'
  | 'id'
  | 'status'
  | 'userId'
  | 'userName'
  | 'userEmail'
  | 'team'
  | 'apiKey'
  | 'application'
  | 'agent'
  | 'customer'
  | 'provider'
  | 'model'
  | 'inputTokens'
  | 'cachedInputTokens'
  | 'outputTokens'
  | 'totalTokens'
  | 'cost'
  | 'latencyMs'
  | 'ttftMs'
  | 'tags'

export const DEFAULT_REQUEST_COLUMNS: readonly RequestColumnId[] = [
  'timestamp',
  'status',
  'userId',
  'userName',
  'provider',
  'model',
  'application',
  'inputTokens',
  'outputTokens',
  'totalTokens',
  'latencyMs',
  'cost',
  'id',
]

/**
 * CSV columns of the request log; timestamps in the zone, money in `currency` (named in the header).
 * A field a request does not have (no user, no customer) is an empty cell.
 */
export function requestCsvColumns(
  options: { timeZone: string; currency: string; columns?: readonly RequestColumnId[] },
): CsvColumn<RequestSummary>[] {
  const { timeZone, currency } = options
  const all: Record<RequestColumnId, CsvColumn<RequestSummary>> = {
    timestamp: { id: 'timestamp', header: 'timestamp', value: (row) => formatIsoInZone(row.timestamp, timeZone) },
    id: { id: 'id', header: 'request_id', value: (row) => row.id },
    status: { id: 'status', header: 'status', value: (row) => row.status },
    userId: { id: 'userId', header: 'user_id', value: (row) => row.userId },
    userName: { id: 'userName', header: 'user_name', value: (row) => row.userName },
    userEmail: { id: 'userEmail', header: 'user_email', value: (row) => row.userEmail },
    team: { id: 'team', header: 'team', value: (row) => row.team },
    apiKey: { id: 'apiKey', header: 'api_key', value: (row) => row.apiKey },
    application: { id: 'application', header: 'application', value: (row) => row.application },
    agent: { id: 'agent', header: 'agent', value: (row) => row.agent },
    customer: { id: 'customer', header: 'customer', value: (row) => row.customer },
    provider: { id: 'provider', header: 'provider', value: (row) => row.provider },
    model: { id: 'model', header: 'model', value: (row) => row.model },
    inputTokens: { id: 'inputTokens', header: 'input_tokens', value: (row) => row.inputTokens },
    cachedInputTokens: { id: 'cachedInputTokens', header: 'cached_input_tokens', value: (row) => row.cachedInputTokens },
    outputTokens: { id: 'outputTokens', header: 'output_tokens', value: (row) => row.outputTokens },
    totalTokens: { id: 'totalTokens', header: 'total_tokens', value: (row) => row.totalTokens },
    cost: { id: 'cost', header: `cost_${currency.toLowerCase()}`, value: (row) => row.cost },
    latencyMs: { id: 'latencyMs', header: 'latency_ms', value: (row) => row.latencyMs },
    ttftMs: { id: 'ttftMs', header: 'ttft_ms', value: (row) => row.ttftMs },
    tags: { id: 'tags', header: 'tags', value: (row) => row.tags },
  }
  return (options.columns ?? DEFAULT_REQUEST_COLUMNS).map((id) => all[id])
}

function snakeCase(id: string): string {
  return id.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
}

function metricHeader(metric: Metric, definition: MetricDefinition | undefined, currency: string): string {
  const base = snakeCase(metric)
  if (definition?.unit === 'money') return `${base}_${currency.toLowerCase()}`
  return base
}

/** CSV columns of a breakdown: the group (key, name, and email/team for users) then each metric, raw. */
export function breakdownCsvColumns(options: {
  groupBy: Dimension
  metrics: readonly Metric[]
  currency: string
  definitions?: readonly MetricDefinition[]
}): CsvColumn<BreakdownRow>[] {
  const group = snakeCase(options.groupBy)
  const columns: CsvColumn<BreakdownRow>[] = [
    { id: 'key', header: `${group}_id`, value: (row) => row.key },
    { id: 'label', header: DIMENSION_LABELS[options.groupBy].toLowerCase().replace(/ /g, '_'), value: (row) => row.label },
  ]
  if (options.groupBy === 'user') {
    columns.push({ id: 'secondary', header: 'email', value: (row) => row.secondary })
    columns.push({ id: 'team', header: 'team', value: (row) => row.team })
  }
  columns.push({ id: 'models', header: 'models', value: (row) => row.models })
  for (const metric of options.metrics) {
    const definition = getMetricDefinition(metric, options.definitions)
    columns.push({ id: metric, header: metricHeader(metric, definition, options.currency), value: (row) => (Object.hasOwn(row.metrics, metric) ? row.metrics[metric] : undefined) })
  }
  return columns
}

// ------------------------------------------------------------------ streaming export

export interface CsvExportProgress {
  /** Data rows written so far. */
  rows: number
  /** Rows expected, when known (e.g. the summary's request count); lets a UI show a percentage. */
  total?: number
  pages: number
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The export was cancelled.', 'AbortError')
}

/**
 * Streams the request log as CSV: the header, then every page of `listRequests` for the query,
 * newest first, with no row cap. Reports progress after each page; stops (rejects with the
 * signal's reason) as soon as `signal` aborts.
 */
export async function* exportRequestsCsv(options: {
  adapter: Pick<UsageAdapter, 'listRequests'>
  query: Omit<ListRequestsParams, 'cursor' | 'pageSize' | 'signal'>
  columns: readonly CsvColumn<RequestSummary>[]
  pageSize?: number
  total?: number
  signal?: AbortSignal
  onProgress?: (progress: CsvExportProgress) => void
}): AsyncGenerator<string, void, undefined> {
  const { adapter, query, columns, signal, onProgress } = options
  const pageSize = options.pageSize ?? 500
  throwIfAborted(signal)
  yield toCsv([], columns)
  let cursor: string | null = null
  let rows = 0
  let pages = 0
  do {
    const page = await adapter.listRequests({ ...query, cursor, pageSize, signal })
    throwIfAborted(signal)
    rows += page.items.length
    pages += 1
    if (page.items.length > 0) yield toCsv(page.items, columns, { header: false })
    onProgress?.({ rows, pages, ...(options.total !== undefined ? { total: options.total } : {}) })
    cursor = page.nextCursor
  } while (cursor !== null)
}

/**
 * Streams a breakdown as CSV, walking `getBreakdown` with offset/limit until `total` rows are out.
 */
export async function* exportBreakdownCsv(options: {
  adapter: Pick<UsageAdapter, 'getBreakdown'>
  query: Omit<GetBreakdownParams, 'offset' | 'limit' | 'signal' | 'trend'>
  columns: readonly CsvColumn<BreakdownRow>[]
  pageSize?: number
  signal?: AbortSignal
  onProgress?: (progress: CsvExportProgress) => void
}): AsyncGenerator<string, void, undefined> {
  const { adapter, query, columns, signal, onProgress } = options
  const pageSize = options.pageSize ?? 5000
  throwIfAborted(signal)
  yield toCsv([], columns)
  let offset = 0
  let pages = 0
  for (;;) {
    const page = await adapter.getBreakdown({ ...query, offset, limit: pageSize, signal })
    throwIfAborted(signal)
    offset += page.rows.length
    pages += 1
    if (page.rows.length > 0) yield toCsv(page.rows, columns, { header: false })
    onProgress?.({ rows: offset, pages, total: page.total })
    if (page.rows.length === 0 || offset >= page.total) break
  }
}

/** Collects a streamed export into one string (tests, servers); a browser would build a Blob. */
export async function collectCsv(chunks: AsyncIterable<string>): Promise<string> {
  let out = ''
  for await (const chunk of chunks) out += chunk
  return out
}
