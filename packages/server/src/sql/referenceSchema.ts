import { type UsageRecord, toDecimalText } from '@usagekit/core'
import { REFERENCE_COLUMNS, type SqlField, quoteIdentifier, quoteTableName, tableParts } from './sqlColumns'
import { type SqlDialectName, sqlDialect } from './dialects/sqlDialect'
import { SqlParameters, type SqlStatementParams, type SqlValue, type SqlValueType } from './sqlParameters'

export interface ReferenceSchemaOptions {
  /** Default `usage_requests`. */
  table?: string | readonly string[]
}

/**
 * The reference request-log table, as `CREATE TABLE` and `CREATE INDEX` statements (run them in
 * order). Its column names are the SQL adapter's defaults; an existing table maps its own with `columns`.
 */
export function referenceSchema(dialect: SqlDialectName, options: ReferenceSchemaOptions = {}): string[] {
  const table = options.table ?? 'usage_requests'
  const name = quoteTableName(table)
  const engine = sqlDialect(dialect, 'referenceSchema')
  const columns = (Object.keys(REFERENCE_COLUMNS) as SqlField[]).map(
    (field) => `  ${quoteIdentifier(REFERENCE_COLUMNS[field])} ${engine.referenceColumnTypes[field]}`,
  )
  const suffix = engine.referenceTableOptions === '' ? '' : ` ${engine.referenceTableOptions}`
  return [`CREATE TABLE IF NOT EXISTS ${name} (\n${columns.join(',\n')}\n)${suffix}`, ...engine.referenceIndexes(name, tableParts(table).at(-1)!)]
}

/** The type of each `toReferenceRow` value that is not text (NULLs are bound with their column's type). */
const REFERENCE_VALUE_TYPES: Partial<Record<SqlField, SqlValueType>> = {
  inputTokens: 'integer',
  cachedInputTokens: 'integer',
  outputTokens: 'integer',
  retries: 'integer',
  latencyMs: 'float',
  ttftMs: 'float',
  overheadMs: 'float',
  cacheHit: 'boolean',
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value)
}

/**
 * A record as the reference table's row: ISO instant, cost as exact 9-place text, tags and JSON
 * fields as JSON text. Bind each value through `referenceValueSql` (or a bulk path's staging table).
 */
export function toReferenceRow(record: UsageRecord): Record<SqlField, SqlValue> {
  return {
    id: record.id,
    timestamp: new Date(Date.parse(record.timestamp)).toISOString(),
    userId: record.userId,
    userName: record.userName ?? record.userId,
    userEmail: record.userEmail ?? '',
    team: record.team,
    apiKey: record.apiKey,
    apiKeyName: record.apiKeyName ?? null,
    tags: JSON.stringify(record.tags ?? []),
    application: record.application,
    agent: record.agent,
    customer: record.customer ?? null,
    provider: record.provider,
    model: record.model,
    status: record.status,
    inputTokens: record.inputTokens,
    cachedInputTokens: record.cachedInputTokens,
    outputTokens: record.outputTokens,
    cost: toDecimalText(record.cost),
    latencyMs: record.latencyMs,
    ttftMs: record.ttftMs,
    callType: record.callType ?? null,
    modelId: record.modelId ?? null,
    apiBase: record.apiBase ?? null,
    ip: record.ip ?? null,
    overheadMs: record.overheadMs ?? null,
    retries: record.retries ?? null,
    cacheHit: record.cacheHit ?? null,
    costBreakdown: json(record.costBreakdown),
    errorMessage: record.errorMessage ?? null,
    systemPrompt: record.systemPrompt ?? null,
    prompt: record.prompt ?? null,
    completion: record.completion ?? null,
    request: json(record.request),
    response: json(record.response),
    metadata: json(record.metadata),
  }
}

/** How a `toReferenceRow` value (a placeholder or a staging column) becomes its column's type. */
export function referenceValueSql(dialect: SqlDialectName, field: SqlField, placeholder: string): string {
  return sqlDialect(dialect, 'referenceValueSql').referenceValue(field, placeholder)
}

export interface InsertStatement {
  sql: string
  params: SqlStatementParams
}

/**
 * Parameterised INSERTs of `records` into the reference table, in batches (PostgreSQL allows
 * 65,535 parameters a statement). For tests, demos and the conformance kit; a million rows load
 * faster with the engine's bulk path (COPY, DuckDB's appender or read_json).
 */
export function insertStatements(
  dialect: SqlDialectName,
  records: readonly UsageRecord[],
  options: ReferenceSchemaOptions & { batchSize?: number } = {},
): InsertStatement[] {
  const engine = sqlDialect(dialect, 'insertStatements')
  const name = quoteTableName(options.table ?? 'usage_requests')
  const fields = Object.keys(REFERENCE_COLUMNS) as SqlField[]
  const columnList = fields.map((field) => quoteIdentifier(REFERENCE_COLUMNS[field])).join(', ')
  const batchSize = options.batchSize ?? 500
  const statements: InsertStatement[] = []
  const batch = engine.referenceBatch
  for (let from = 0; from < records.length; from += batchSize) {
    const params = new SqlParameters(engine)
    const slice = records.slice(from, from + batchSize)
    if (batch) {
      // Staging columns c0, c1, … hold each value as text; referenceValue casts them as it casts placeholders.
      const staging = fields.map((_, index) => `c${index}`)
      const lines = slice.map((record) => {
        const row = toReferenceRow(record)
        return JSON.stringify(Object.fromEntries(fields.map((field, index) => [staging[index], row[field] === null ? null : String(row[field])])))
      })
      const from = batch(params.add(lines.join('\n')), staging)
      const values = fields.map((field, index) => engine.referenceValue(field, staging[index]!)).join(', ')
      statements.push({ sql: `INSERT INTO ${name} (${columnList}) SELECT ${values} FROM ${from}`, params: params.values })
      continue
    }
    const rows = slice.map((record) => {
      const row = toReferenceRow(record)
      return `(${fields.map((field) => engine.referenceValue(field, params.add(row[field], REFERENCE_VALUE_TYPES[field] ?? 'string'))).join(', ')})`
    })
    statements.push({ sql: `INSERT INTO ${name} (${columnList}) VALUES ${rows.join(', ')}`, params: params.values })
  }
  return statements
}
