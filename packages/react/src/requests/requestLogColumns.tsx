import type { Dimension, RequestSummary } from '@usagekit/core'
import type { CsvColumn, CsvValue } from '@usagekit/core/csv'
import type { ReactNode } from 'react'
import type { RequestExportColumnId } from '../controls/runExport.js'
import type { UsageFormat } from '../hooks/useFormat.js'
import type { Translate } from '../i18n/translate.js'
import { useMessages } from '../i18n/useMessages.js'
import { Decimal } from '../table/decimal.js'

/** The request log's built-in columns, by id (the string form `columns` has always taken). */
export type RequestLogColumn =
  | 'timestamp'
  | 'status'
  | 'userId'
  | 'userName'
  | 'team'
  | 'model'
  | 'providerModel'
  | 'application'
  | 'agent'
  | 'apiKey'
  | 'customer'
  | 'inputTokens'
  | 'outputTokens'
  | 'totalTokens'
  | 'latencyMs'
  | 'cost'
  | 'id'

/** What a cell renderer gets besides its row. */
export interface RequestLogCellContext {
  format: UsageFormat
  /** The page's messages (`t('requests.noCharge')`). */
  t: Translate
  /** Money lines up on its decimal separator: the separator, and the widest part after it among the page's amounts (ch). */
  decimalSeparator: string
  moneyTail: number
}

/** Where a column's cell goes in the card list of narrow containers (< 660 px). */
export type RequestLogCardRole = 'title' | 'primary' | 'status' | 'meta' | 'hidden'

/**
 * A request log column as data: the built-ins are `requestLogColumns.<id>`; a host adds its own,
 * reorders or drops them by passing the list to `RequestLog columns` (or `UsagePage requestColumns`).
 * The log is newest first and paged by cursor, so its columns do not sort.
 */
export interface RequestLogColumnDef {
  /** Unique within the log; `data-col` on its cells. */
  id: string
  header: ReactNode | ((context: { format: UsageFormat; t: Translate }) => ReactNode)
  cell: (row: RequestSummary, context: RequestLogCellContext) => ReactNode
  /** `end` for numbers: right-aligned, tabular figures. Default `start`. */
  align?: 'start' | 'end'
  /** A fixed width in px (default: the table shares the room). */
  width?: number
  /** In the card list: the title line (time), the value beside it (money), the status, a labelled value below (default), or left out. */
  card?: RequestLogCardRole
  /** The label in the card list (default the header when it is a string), and a unit written after the value there. */
  label?: string | ((context: { t: Translate }) => string)
  unit?: string
  /** Shown only when the adapter offers this dimension (a table without teams has no Team column). */
  dimension?: Dimension
  /** Shown only to readers with this permission (money needs `cost`; someone else's name needs `otherUsers`). */
  permission?: 'cost' | 'otherUsers'
  /**
   * The column in the CSV export: core's request columns by id (built-ins), or your own header and
   * raw value. A column without `csv` is left out of the file (a cell renders React, not text).
   */
  csv?: readonly RequestExportColumnId[] | { header: string; value: (row: RequestSummary) => CsvValue }
}

/** A request without a value here (made without a user, for no customer): said as the breakdowns say it. */
function None(): ReactNode {
  const t = useMessages()
  return <span className="uk-none">{t('common.none')}</span>
}

/** A name from the data: one line, cut with an ellipsis past a width (the whole name in its tooltip and for screen readers). */
function Name({ value }: { value: string | undefined | null }): ReactNode {
  if (!value) return <None />
  return (
    <span className="uk-cell-text" title={value}>
      {value}
    </span>
  )
}

/** A failed request that cost nothing shows "—" (no charge), never "$0.00"; tiny costs never round to zero. */
export function costText(r: RequestSummary, f: UsageFormat): string {
  return r.status === 'error' && !r.cost ? '—' : f.money(r.cost)
}

function StatusCell({ status }: { status: RequestSummary['status'] }): ReactNode {
  const t = useMessages()
  return (
    <span className="uk-status" data-status={status}>
      <span aria-hidden="true">{status === 'success' ? '●' : '▲'}</span>
      {status === 'success' ? t('requests.status.success') : t('requests.status.error')}
    </span>
  )
}

const builtInColumns: Record<RequestLogColumn, RequestLogColumnDef> = {
  timestamp: { id: 'timestamp', header: ({ t }) => t('requests.column.timestamp'), label: ({ t }) => t('requests.column.timestamp'), card: 'title', csv: ['timestamp'], cell: (r, { format }) => <time dateTime={r.timestamp}>{format.dateTime(r.timestamp, true)}</time> },
  status: { id: 'status', header: ({ t }) => t('requests.column.status'), label: ({ t }) => t('requests.column.status'), card: 'status', csv: ['status'], cell: (r) => <StatusCell status={r.status} /> },
  userId: { id: 'userId', header: ({ t }) => t('requests.column.userId'), label: ({ t }) => t('requests.column.userId'), permission: 'otherUsers', csv: ['userId'], cell: (r) => (r.userId ? <span className="uk-code">{r.userId}</span> : <None />) },
  userName: { id: 'userName', header: ({ t }) => t('requests.column.userName'), label: ({ t }) => t('requests.column.userName'), permission: 'otherUsers', csv: ['userName'], cell: (r) => <Name value={r.userName || r.userId} /> },
  team: { id: 'team', header: ({ t }) => t('requests.column.team'), label: ({ t }) => t('requests.column.team'), permission: 'otherUsers', dimension: 'team', csv: ['team'], cell: (r) => <Name value={r.team} /> },
  model: { id: 'model', header: ({ t }) => t('requests.column.model'), label: ({ t }) => t('requests.column.model'), csv: ['model'], cell: (r) => r.model },
  providerModel: { id: 'providerModel', header: ({ t }) => t('requests.column.providerModel'), label: ({ t }) => t('requests.column.providerModel'), csv: ['provider', 'model'], cell: (r) => `${r.provider} / ${r.model}` },
  application: { id: 'application', header: ({ t }) => t('requests.column.application'), label: ({ t }) => t('requests.column.application'), dimension: 'application', csv: ['application'], cell: (r) => <Name value={r.application} /> },
  agent: { id: 'agent', header: ({ t }) => t('requests.column.agent'), label: ({ t }) => t('requests.column.agent'), dimension: 'agent', csv: ['agent'], cell: (r) => <Name value={r.agent} /> },
  apiKey: { id: 'apiKey', header: ({ t }) => t('requests.column.apiKey'), label: ({ t }) => t('requests.column.apiKey'), dimension: 'apiKey', csv: ['apiKey'], cell: (r) => <Name value={r.apiKey} /> },
  customer: { id: 'customer', header: ({ t }) => t('requests.column.customer'), label: ({ t }) => t('requests.column.customer'), dimension: 'customer', csv: ['customer'], cell: (r) => <Name value={r.customer} /> },
  inputTokens: { id: 'inputTokens', header: ({ t }) => t('requests.column.inputTokens'), label: ({ t }) => t('requests.column.inputTokens'), align: 'end', csv: ['inputTokens'], cell: (r, { format }) => format.metric(r.inputTokens, 'inputTokens') },
  outputTokens: { id: 'outputTokens', header: ({ t }) => t('requests.column.outputTokens'), label: ({ t }) => t('requests.column.outputTokens'), align: 'end', csv: ['outputTokens'], cell: (r, { format }) => format.metric(r.outputTokens, 'outputTokens') },
  totalTokens: { id: 'totalTokens', header: ({ t }) => t('requests.column.totalTokens'), label: ({ t }) => t('requests.column.totalTokens'), align: 'end', csv: ['totalTokens'], cell: (r, { format }) => format.metric(r.totalTokens, 'totalTokens') },
  latencyMs: { id: 'latencyMs', header: ({ t }) => t('requests.column.latencyMs'), label: ({ t }) => t('requests.column.latencyShort'), unit: 'ms', align: 'end', csv: ['latencyMs'], cell: (r, { format }) => r.latencyMs.toLocaleString(format.locale) },
  // Aligned on the decimal point; "—" for a failed request that cost nothing.
  cost: {
    id: 'cost',
    header: ({ format, t }) => (
      <>
        {t('requests.column.cost')}
        <span className="uk-muted"> ({format.currency})</span>
      </>
    ),
    label: ({ t }) => t('requests.column.cost'),
    card: 'primary',
    align: 'end',
    permission: 'cost',
    csv: ['cost'],
    cell: (r, { format, t, decimalSeparator, moneyTail }) => (
      <Decimal text={costText(r, format)} separator={decimalSeparator} tail={moneyTail} title={r.status === 'error' && !r.cost ? t('requests.noCharge') : undefined} />
    ),
  },
  id: { id: 'id', header: ({ t }) => t('requests.column.id'), label: ({ t }) => t('requests.column.id'), csv: ['id'], cell: (r) => <span className="uk-code">{r.id}</span> },
}

/** Column sets of the seed pages (lists of built-in ids). */
const columnSets = {
  /** Seed 003: a model's request log. */
  modelUsage: ['timestamp', 'status', 'inputTokens', 'outputTokens', 'totalTokens', 'latencyMs', 'cost', 'id'],
  /** Seed 000: the detailed usage table. */
  orgUsage: ['timestamp', 'userId', 'userName', 'providerModel', 'application', 'totalTokens', 'cost'],
  /** A gateway's request log (LiteLLM's spend logs): who called, for which end customer, which model. */
  gateway: ['timestamp', 'status', 'userName', 'customer', 'providerModel', 'totalTokens', 'latencyMs', 'cost', 'id'],
} satisfies Record<string, RequestLogColumn[]>

/**
 * The built-in columns as definitions (`requestLogColumns.model`, `.cost`, …) and the seed pages'
 * column sets (`requestLogColumns.modelUsage`, `.orgUsage`, `.gateway`), e.g.
 * `[...requestLogColumns.modelUsage, myColumn]`.
 */
export const requestLogColumns: Readonly<Record<RequestLogColumn, RequestLogColumnDef> & Record<keyof typeof columnSets, RequestLogColumn[]>> = {
  ...builtInColumns,
  ...columnSets,
}

/** A column of a `columns` list as a definition (a built-in id is looked up). */
export function resolveRequestLogColumn(column: RequestLogColumn | RequestLogColumnDef): RequestLogColumnDef {
  return typeof column === 'string' ? builtInColumns[column] : column
}

/** What a card list labels the column's value with. */
export function requestLogColumnLabel(column: RequestLogColumnDef, t: Translate): string | undefined {
  if (typeof column.label === 'function') return column.label({ t })
  return column.label ?? (typeof column.header === 'string' ? column.header : undefined)
}

/** A CSV column of the export: one of core's request columns by id, or a host's own. */
export type RequestCsvColumn = RequestExportColumnId | CsvColumn<RequestSummary>

/** The CSV columns of what a request log shows, in its order (provider / model becomes two raw columns; a column without `csv` is left out). */
export function requestCsvColumnsFor(columns: readonly (RequestLogColumn | RequestLogColumnDef)[]): RequestCsvColumn[] {
  return columns.flatMap((column): RequestCsvColumn[] => {
    const { id, csv } = resolveRequestLogColumn(column)
    if (!csv) return []
    return isIdList(csv) ? [...csv] : [{ id, header: csv.header, value: csv.value }]
  })
}

function isIdList(csv: NonNullable<RequestLogColumnDef['csv']>): csv is readonly RequestExportColumnId[] {
  return Array.isArray(csv)
}
