import { REFERENCE_COLUMNS, type SqlField, quoteIdentifier, quoteTableName, tableParts } from './sqlColumns'
import { type SqlDialect, type SqlDialectName, sqlDialect } from './dialects/sqlDialect'
import { literal } from './dialects/sqlLiteral'
import { ROLLUP_DIMENSION_FIELDS, type RollupDimension, type RollupSums, type SqlRollup, rollupTable } from './sqlRollup'

export interface RollupSchemaOptions {
  /** The request table the rollup adds up, with the reference column names. Default `usage_requests`. */
  source?: string | readonly string[]
}

export interface RollupBackfillOptions extends RollupSchemaOptions {
  /**
   * Add only requests before this ISO instant: on ClickHouse, the time the view was created, so the
   * rows the view already added are not added twice.
   */
  before?: string
}

/** Each sum as the reference table adds it up (alias `s`), and the type of its column. */
const SUMS: Record<keyof RollupSums, { sql: string; type: 'count' | 'tokens' | 'money' | 'latency' }> = {
  requests: { sql: 'count(*)', type: 'count' },
  successfulRequests: { sql: `sum(CASE WHEN s.${quoteIdentifier(REFERENCE_COLUMNS.status)} = 'success' THEN 1 ELSE 0 END)`, type: 'count' },
  inputTokens: { sql: `sum(s.${quoteIdentifier(REFERENCE_COLUMNS.inputTokens)})`, type: 'tokens' },
  cachedInputTokens: { sql: `sum(coalesce(s.${quoteIdentifier(REFERENCE_COLUMNS.cachedInputTokens)}, 0))`, type: 'tokens' },
  outputTokens: { sql: `sum(s.${quoteIdentifier(REFERENCE_COLUMNS.outputTokens)})`, type: 'tokens' },
  totalTokens: { sql: `sum(s.${quoteIdentifier(REFERENCE_COLUMNS.inputTokens)} + s.${quoteIdentifier(REFERENCE_COLUMNS.outputTokens)})`, type: 'tokens' },
  cost: { sql: `sum(s.${quoteIdentifier(REFERENCE_COLUMNS.cost)})`, type: 'money' },
  latencyMs: { sql: `sum(s.${quoteIdentifier(REFERENCE_COLUMNS.latencyMs)})`, type: 'latency' },
}

interface RollupColumn {
  name: string
  type: string
  /** The value over the source rows (alias `s`) of one group. */
  sql: string
  key: boolean
}

/** The rollup's checked dialect and its columns in table order: slot, dimension keys, sums, user sets. */
function rollupColumns(dialectName: SqlDialectName, rollup: SqlRollup, caller: string): { dialect: SqlDialect; columns: RollupColumn[] } {
  const dialect = sqlDialect(dialectName, caller)
  rollupTable(dialect, rollup, `${caller}: rollup`)
  const raw = (field: SqlField) => `s.${quoteIdentifier(REFERENCE_COLUMNS[field])}`
  const types = dialect.rollupTypes
  const aggregating = rollup.users !== undefined
  const sumType = (type: string) => (aggregating && dialect.rollupKeeper ? dialect.rollupKeeper.sumType(type) : type)
  const columns: RollupColumn[] = [
    { name: rollup.slot ?? 'slot', type: types.slot, sql: dialect.rollupSlot(raw('timestamp'), rollup.slotMinutes * 60), key: true },
  ]
  // Empty means none: a missing key is '' in the rollup, which reads back as none.
  for (const [dimension, column] of Object.entries(rollup.dimensions)) {
    columns.push({ name: column!, type: types.key, sql: `coalesce(${raw(ROLLUP_DIMENSION_FIELDS[dimension as RollupDimension])}, '')`, key: true })
  }
  for (const [sum, column] of Object.entries(rollup.sums) as [keyof RollupSums, string][]) {
    columns.push({ name: column, type: sumType(types[SUMS[sum].type]), sql: SUMS[sum].sql, key: false })
  }
  if (rollup.users !== undefined) {
    columns.push({ name: rollup.users, type: dialect.userSets!.type, sql: dialect.userSets!.state(raw('userId')), key: false })
  }
  return { dialect, columns }
}

/** `SELECT … FROM source s [WHERE …] GROUP BY <keys>`: one rollup row per slot and key combination. */
function rollupSelect(columns: readonly RollupColumn[], source: string, where: string | null): string {
  const items = columns.map((column) => `  ${column.sql} AS ${quoteIdentifier(column.name)}`)
  const keys = columns.flatMap((column, index) => (column.key ? [String(index + 1)] : []))
  return `SELECT\n${items.join(',\n')}\nFROM ${source} s${where ? `\nWHERE ${where}` : ''}\nGROUP BY ${keys.join(', ')}`
}

/**
 * A rollup's table as `CREATE` statements (run them in order), built from the same description
 * the adapter reads (`rollups` option), over a table with the reference column names. On
 * ClickHouse the table is a SummingMergeTree (AggregatingMergeTree when it keeps user sets) and a
 * materialized view adds every insert into the request table to it; elsewhere keeping it current
 * is a trigger or a scheduled refresh (docs/scale.md). Rows already in the request table: `rollupBackfill`.
 */
export function rollupSchema(dialectName: SqlDialectName, rollup: SqlRollup, options: RollupSchemaOptions = {}): string[] {
  const { dialect, columns } = rollupColumns(dialectName, rollup, 'rollupSchema')
  const table = quoteTableName(rollup.table)
  const keeper = dialect.rollupKeeper
  const definition = columns.map((column) => `  ${quoteIdentifier(column.name)} ${column.type}`).join(',\n')
  const keys = columns.filter((column) => column.key).map((column) => quoteIdentifier(column.name))
  const suffix = keeper ? ` ${keeper.tableOptions(keys, keys[0]!, rollup.users !== undefined)}` : ''
  const statements = [`CREATE TABLE IF NOT EXISTS ${table} (\n${definition}\n)${suffix}`]
  if (keeper) {
    const parts = tableParts(rollup.table)
    const view = quoteTableName([...parts.slice(0, -1), `${parts.at(-1)!}_mv`])
    statements.push(keeper.view(view, table, rollupSelect(columns, quoteTableName(options.source ?? 'usage_requests'), null)))
  }
  return statements
}

/**
 * The statement adding the request table's rows (those before `before`, if given) to a rollup:
 * the first fill of a new rollup, or a refresh after `DELETE`/`TRUNCATE` where no view or trigger keeps it.
 */
export function rollupBackfill(dialectName: SqlDialectName, rollup: SqlRollup, options: RollupBackfillOptions = {}): string {
  const { dialect, columns } = rollupColumns(dialectName, rollup, 'rollupBackfill')
  let where: string | null = null
  if (options.before !== undefined) {
    const ms = typeof options.before === 'string' ? Date.parse(options.before) : Number.NaN
    if (Number.isNaN(ms)) throw new TypeError(`rollupBackfill: before must be an ISO-8601 instant, got ${JSON.stringify(options.before)}.`)
    where = `s.${quoteIdentifier(REFERENCE_COLUMNS.timestamp)} < ${dialect.instant(literal(new Date(ms).toISOString()))}`
  }
  const names = columns.map((column) => quoteIdentifier(column.name)).join(', ')
  return `INSERT INTO ${quoteTableName(rollup.table)} (${names})\n${rollupSelect(columns, quoteTableName(options.source ?? 'usage_requests'), where)}`
}
