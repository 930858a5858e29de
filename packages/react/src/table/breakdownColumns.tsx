import { type BreakdownRow, type Dimension, type Metric, NONE_KEY } from '@usagekit/core'
import type { CsvColumn, CsvValue } from '@usagekit/core/csv'
import { clsx } from 'clsx'
import type { ReactNode } from 'react'
import { own } from '../components/own.js'
import type { SeriesColors } from '../components/seriesColor.js'
import type { UsageFormat } from '../hooks/useFormat.js'
import { dimensionLabel, groupLabel, metricLabel } from '../i18n/coreLabels.js'
import type { UsageMessageKey } from '../i18n/enMessages.js'
import type { Translate } from '../i18n/translate.js'
import { Decimal } from './decimal.js'
import { Sparkline } from './Sparkline.js'
import { fitModelBadges } from './fitModelBadges.js'

/** The breakdown's built-in columns by id: the name, the trend sparkline, the models, or a metric. */
export type BreakdownColumn = 'name' | 'trend' | 'models' | Metric

/** What headers and cells get besides their row: the table's grouping, formatting and colours. */
export interface BreakdownColumnContext {
  groupBy: Dimension
  format: UsageFormat
  /** The page's messages (`t('breakdown.trend')`). */
  t: Translate
  /** The page's series colours (a team badge is the colour the charts gave that team). */
  colorOf: SeriesColors
  /** The metric the trend column draws (`trendMetric`), or false when the adapter lacks it. */
  trendMetric: Metric | false
  /** Money lines up on its decimal separator: the separator, and the widest part after it in a money column (ch). */
  decimalSeparator: string
  moneyTail: (metric: Metric) => number
  /** A sparkline point's bucket and value, for its tooltip. */
  describeTrend?: (row: BreakdownRow, index: number) => { when: string; value: string }
  /** The start (ISO) of each point of `row.trend`, for what reads the trend over time (the anomaly flag). */
  trendStarts?: readonly string[]
}

/** Where a cell goes in the card list of narrow containers (< 660 px): see docs/design.md, "Tables on small screens". */
export type BreakdownCardRole = 'name' | 'primary' | 'meta' | 'trend' | 'models' | 'hidden'

/**
 * A breakdown column as data. The built-ins are `breakdownColumns.name`, `.trend`, `.models`,
 * `.cost`, … and `breakdownColumns.metric(id)`; pass your list to `BreakdownTable columns` to add,
 * drop or reorder columns, or to render a cell your way.
 */
export interface BreakdownColumnDef {
  /** Unique within the table; `data-col` on its cells and the sort's id. */
  id: string
  header: ReactNode | ((context: BreakdownColumnContext) => ReactNode)
  /** Its name without the unit: the card list's label and the "Sort by" menu's (default the header when it is a string). */
  label?: string | ((context: BreakdownColumnContext) => string)
  cell: (row: BreakdownRow, context: BreakdownColumnContext) => ReactNode
  /** `end` for numbers: right-aligned, tabular figures. Default `start`. */
  align?: 'start' | 'end'
  /** Fixed width in px (default 120; the name column has none and takes the rest). */
  width?: number
  /**
   * In the card list: beside the name (`primary`), a labelled value below (`meta`), or left out
   * (`hidden`). Default: the first money metric column (else the first metric column) is `primary`,
   * the other columns are `meta`.
   */
  card?: BreakdownCardRole
  /** Makes the column sortable (click or Enter on its header; the card list's "Sort by"); nulls sort last. */
  sortValue?: (row: BreakdownRow) => number | string | null | undefined
  /** Sort largest first on the first click (default for `align: 'end'`). */
  sortDescFirst?: boolean
  /** Above 50,000 rows the table pages through the adapter and sorts there: by this metric. Without it the column does not sort then. */
  sortMetric?: Metric
  /** Metrics the cell reads: asked with the table's query; the column is left out when the adapter lacks one (money also needs the `cost` permission). */
  metrics?: readonly Metric[]
  /** The cell reads `row.trend`: the table asks for the trend of `trendMetric`, and leaves the column out without it. */
  trend?: boolean
  /**
   * The column in the CSV export: core's breakdown columns by id (`key`, `label`, `secondary`,
   * `team`, `models`, a metric), or your own header and raw value. Without `csv` it is left out.
   */
  csv?: readonly string[] | { header: string; value: (row: BreakdownRow) => CsvValue }
}

/** Short headers for the usual columns ("Input" under a table of tokens); other metrics use their label. */
const HEADERS: Record<string, UsageMessageKey> = {
  requests: 'breakdown.column.requests',
  inputTokens: 'breakdown.column.inputTokens',
  outputTokens: 'breakdown.column.outputTokens',
  cost: 'breakdown.column.cost',
  totalTokens: 'breakdown.column.totalTokens',
}
/** Short headers that leave out the word "tokens": the header says the unit once, "Input (tokens)". */
const TOKENS_UNSAID = new Set(['inputTokens', 'outputTokens'])

/** Fixed widths (table-layout: fixed): columns never jump when a search or a sort changes the rows. */
export const DEFAULT_COLUMN_WIDTH = 120
const TREND_WIDTH = 120
const MODELS_WIDTH = 340
/** A body cell's horizontal padding, both sides (styles.css, `.uk-table td`). */
const CELL_PADDING_X = 24
function metricWidth(unit: string): number {
  return unit === 'tokens' ? 128 : unit === 'money' ? 112 : 104
}

function NameCell({ row, groupBy, colorOf, t }: { row: BreakdownRow; groupBy: Dimension; colorOf: SeriesColors; t: Translate }) {
  return (
    <div className="uk-name-cell">
      {/* Usage without a value for the dimension ("(none)": requests made without a user, …) reads as such, not as a name. */}
      {/* Names and emails are the data's own text: each keeps its own direction in a right-to-left page. */}
      <span title={groupLabel(row, t)} className={clsx('uk-name', row.key === NONE_KEY && 'uk-none')} dir="auto">
        {groupLabel(row, t)}
      </span>
      {row.secondary || (row.team && groupBy === 'user') ? (
        <span className="uk-name-sub uk-muted">
          {row.secondary ? (
            <span className="uk-name-email" title={row.secondary} dir="auto">
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
function ModelsCell({ row, t }: { row: BreakdownRow; t: Translate }) {
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

/** The name column: name, email and team badge (users), or the group's name; sorts by name. */
const name: BreakdownColumnDef = {
  id: 'name',
  header: ({ groupBy, t }) => dimensionLabel(groupBy, t),
  label: ({ groupBy, t }) => dimensionLabel(groupBy, t),
  card: 'name',
  sortValue: (row) => row.label,
  sortDescFirst: false,
  csv: ['key', 'label', 'secondary', 'team'],
  cell: (row, { groupBy, colorOf, t }) => <NameCell row={row} groupBy={groupBy} colorOf={colorOf} t={t} />,
}

/** The sparkline of `trendMetric` over the range, in the row's series colour. */
const trend: BreakdownColumnDef = {
  id: 'trend',
  header: ({ t }) => t('breakdown.trend'),
  width: TREND_WIDTH,
  card: 'trend',
  trend: true,
  cell: (row, { groupBy, colorOf, format, trendMetric, describeTrend, t }) => (
    <Sparkline
      values={row.trend ?? []}
      // The table leaves this column out when it has no trend metric, so one is always set here.
      label={t('breakdown.trendOf', { metric: metricLabel(format.definition(trendMetric || 'requests'), t), name: groupLabel(row, t) })}
      color={colorOf(row.key, groupBy)}
      describe={describeTrend ? (index) => describeTrend(row, index) : undefined}
    />
  ),
}

const models: BreakdownColumnDef = { id: 'models', header: ({ t }) => t('breakdown.models'), width: MODELS_WIDTH, card: 'models', csv: ['models'], cell: (row, { t }) => <ModelsCell row={row} t={t} /> }

/** Its header's words and unit ("Tokens", not "Tokens (tokens)"; "Cost (USD)"). */
function metricHeader(metric: Metric, format: UsageFormat, t: Translate): { label: string; header: string } {
  const definition = format.definition(metric)
  const headerKey = own(HEADERS, metric)
  const label = headerKey ? t(headerKey) : metricLabel(definition, t)
  const header =
    definition.unit === 'tokens' && TOKENS_UNSAID.has(metric)
      ? t('breakdown.header.tokens', { column: label })
      : definition.unit === 'money'
        ? t('breakdown.header.money', { column: label, currency: format.currency })
        : label
  return { label, header }
}

/** A sortable numeric column of one metric, formatted as the page formats it; money aligns on the decimal point. */
function metric(id: Metric): BreakdownColumnDef {
  return {
    id,
    header: ({ format, t }) => metricHeader(id, format, t).header,
    label: ({ format, t }) => metricHeader(id, format, t).label,
    align: 'end',
    sortValue: (row) => own(row.metrics, id),
    sortDescFirst: true,
    sortMetric: id,
    metrics: [id],
    csv: [id],
    cell: (row, { format, decimalSeparator, moneyTail }) => {
      const text = format.metric(own(row.metrics, id), id)
      return format.definition(id).unit === 'money' ? <Decimal text={text} separator={decimalSeparator} tail={moneyTail(id)} /> : text
    },
  }
}

/** The width a column is laid out at: its own, none for the name (it takes the rest), else the default; a metric's by its unit. */
export function breakdownColumnWidth(column: BreakdownColumnDef, format: UsageFormat): number | undefined {
  if (column.width) return column.width
  if (column.card === 'name') return undefined
  if (column.sortMetric && column.metrics?.length === 1) return metricWidth(format.definition(column.sortMetric).unit)
  return DEFAULT_COLUMN_WIDTH
}

/**
 * The built-in columns: `breakdownColumns.name`, `.trend`, `.models`, `.requests`, `.inputTokens`,
 * `.outputTokens`, `.totalTokens`, `.cost`, and `breakdownColumns.metric(id)` for any other metric.
 */
export const breakdownColumns = {
  name,
  trend,
  models,
  requests: metric('requests'),
  inputTokens: metric('inputTokens'),
  outputTokens: metric('outputTokens'),
  totalTokens: metric('totalTokens'),
  cost: metric('cost'),
  metric,
}

/** A column of a `columns` list as a definition (a built-in id or a metric id is looked up). */
export function resolveBreakdownColumn(column: BreakdownColumn | BreakdownColumnDef): BreakdownColumnDef {
  if (typeof column !== 'string') return column
  if (column === 'name') return name
  if (column === 'trend') return trend
  if (column === 'models') return models
  return metric(column)
}

/** A header or label that may depend on the table (its grouping, its currency). */
export function resolveColumnText<T>(value: T | ((context: BreakdownColumnContext) => T), context: BreakdownColumnContext): T {
  return typeof value === 'function' ? (value as (context: BreakdownColumnContext) => T)(context) : value
}

/** The card list's and the sort menu's name of a column. */
export function breakdownColumnLabel(column: BreakdownColumnDef, context: BreakdownColumnContext): string {
  if (column.label) return resolveColumnText(column.label, context)
  const header = resolveColumnText(column.header, context)
  return typeof header === 'string' ? header : column.id
}

/** A CSV column of a breakdown export: one of core's by id, or a host's own. */
export type BreakdownCsvColumn = string | CsvColumn<BreakdownRow>

/** The CSV columns of what a breakdown shows, in its order; a column without `csv` is left out. */
export function breakdownCsvColumnsFor(columns: readonly BreakdownColumnDef[]): BreakdownCsvColumn[] {
  return columns.flatMap((column): BreakdownCsvColumn[] => {
    const { id, csv } = column
    if (!csv) return []
    return isIdList(csv) ? [...csv] : [{ id, header: csv.header, value: csv.value }]
  })
}

function isIdList(csv: NonNullable<BreakdownColumnDef['csv']>): csv is readonly string[] {
  return Array.isArray(csv)
}
