import { type UsageRecord, toDecimalText } from '@usagekit/core'
import { REFERENCE_COLUMNS, type SqlField, quoteIdentifier, quoteTableName } from './sqlColumns'
import type { SqlDialectName } from './sqlDialect'
import { SqlParameters, type SqlValue } from './sqlParameters'

export interface ReferenceSchemaOptions {
  /** Default `usage_requests`. */
  table?: string | readonly string[]
}

const TYPES: Record<SqlDialectName, Record<SqlField, string>> = {
  postgres: {
    id: 'text COLLATE "C" PRIMARY KEY',
    timestamp: 'timestamptz NOT NULL',
    userId: 'text NOT NULL',
    userName: 'text NOT NULL',
    userEmail: "text NOT NULL DEFAULT ''",
    team: 'text',
    apiKey: 'text',
    apiKeyName: 'text',
    tags: "text[] NOT NULL DEFAULT '{}'",
    application: 'text',
    agent: 'text',
    customer: 'text',
    provider: 'text NOT NULL',
    model: 'text NOT NULL',
    status: "text NOT NULL CHECK (status IN ('success', 'error'))",
    inputTokens: 'bigint NOT NULL',
    cachedInputTokens: 'bigint NOT NULL DEFAULT 0',
    outputTokens: 'bigint NOT NULL',
    cost: 'numeric(38, 9) NOT NULL',
    latencyMs: 'double precision NOT NULL',
    ttftMs: 'double precision',
    callType: 'text',
    modelId: 'text',
    apiBase: 'text',
    ip: 'text',
    overheadMs: 'double precision',
    retries: 'integer',
    cacheHit: 'boolean',
    costBreakdown: 'jsonb',
    errorMessage: 'text',
    systemPrompt: 'text',
    prompt: 'text',
    completion: 'text',
    request: 'jsonb',
    response: 'jsonb',
    metadata: 'jsonb',
  },
  duckdb: {
    // No PRIMARY KEY: DuckDB's ART index slows bulk loads several-fold; ids are unique by construction.
    id: 'VARCHAR NOT NULL',
    timestamp: 'TIMESTAMPTZ NOT NULL',
    userId: 'VARCHAR NOT NULL',
    userName: 'VARCHAR NOT NULL',
    userEmail: "VARCHAR NOT NULL DEFAULT ''",
    team: 'VARCHAR',
    apiKey: 'VARCHAR',
    apiKeyName: 'VARCHAR',
    tags: 'VARCHAR[] NOT NULL DEFAULT []',
    application: 'VARCHAR',
    agent: 'VARCHAR',
    customer: 'VARCHAR',
    provider: 'VARCHAR NOT NULL',
    model: 'VARCHAR NOT NULL',
    status: "VARCHAR NOT NULL CHECK (status IN ('success', 'error'))",
    inputTokens: 'BIGINT NOT NULL',
    cachedInputTokens: 'BIGINT NOT NULL DEFAULT 0',
    outputTokens: 'BIGINT NOT NULL',
    cost: 'DECIMAL(38, 9) NOT NULL',
    latencyMs: 'DOUBLE NOT NULL',
    ttftMs: 'DOUBLE',
    callType: 'VARCHAR',
    modelId: 'VARCHAR',
    apiBase: 'VARCHAR',
    ip: 'VARCHAR',
    overheadMs: 'DOUBLE',
    retries: 'INTEGER',
    cacheHit: 'BOOLEAN',
    costBreakdown: 'JSON',
    errorMessage: 'VARCHAR',
    systemPrompt: 'VARCHAR',
    prompt: 'VARCHAR',
    completion: 'VARCHAR',
    request: 'JSON',
    response: 'JSON',
    metadata: 'JSON',
  },
}

/** What each index serves (the comments travel with the DDL into docs and migrations). */
const POSTGRES_INDEXES: [suffix: string, definition: string, why: string][] = [
  ['ts_id', '(ts, id)', 'every range scan; keyset pages of the request log'],
  ['user_ts', '(user_id, ts DESC, id DESC)', 'user filters; the latest name, email and team of a user'],
  ['team_ts', '(team, ts)', 'team filters (a team lead’s scoped page)'],
  ['api_key_ts', '(api_key, ts DESC, id DESC)', 'API key filters; the latest name of a key'],
  ['tags', 'USING gin (tags)', 'tag filters'],
]

function tableParts(table: string | readonly string[]): string[] {
  return typeof table === 'string' ? table.split('.') : [...table]
}

/**
 * The reference request-log table, as `CREATE TABLE` and `CREATE INDEX` statements (run them in
 * order). Its column names are the SQL adapter's defaults; an existing table maps its own with `columns`.
 */
export function referenceSchema(dialect: SqlDialectName, options: ReferenceSchemaOptions = {}): string[] {
  const table = options.table ?? 'usage_requests'
  const name = quoteTableName(table)
  const types = TYPES[dialect]
  if (!types) throw new TypeError(`referenceSchema: dialect must be "postgres" or "duckdb", got ${JSON.stringify(dialect)}.`)
  const columns = (Object.keys(REFERENCE_COLUMNS) as SqlField[]).map((field) => `  ${quoteIdentifier(REFERENCE_COLUMNS[field])} ${types[field]}`)
  const statements = [`CREATE TABLE IF NOT EXISTS ${name} (\n${columns.join(',\n')}\n)`]
  if (dialect === 'postgres') {
    const base = tableParts(table).at(-1)!
    for (const [suffix, definition, why] of POSTGRES_INDEXES) {
      statements.push(`-- ${why}\nCREATE INDEX IF NOT EXISTS ${quoteIdentifier(`${base}_${suffix}`)} ON ${name} ${definition}`)
    }
  }
  // DuckDB needs no secondary index: rows loaded in time order keep per-block min/max (zone maps) on ts.
  return statements
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
  const pg = dialect === 'postgres'
  switch (field) {
    case 'timestamp':
      return pg ? `${placeholder}::timestamptz` : `CAST(${placeholder} AS TIMESTAMPTZ)`
    case 'tags':
      return pg ? `ARRAY(SELECT json_array_elements_text(${placeholder}::json))` : `CAST(json(${placeholder}) AS VARCHAR[])`
    case 'cost':
      return pg ? `${placeholder}::numeric` : `CAST(${placeholder} AS DECIMAL(38, 9))`
    case 'costBreakdown':
    case 'request':
    case 'response':
    case 'metadata':
      return pg ? `${placeholder}::jsonb` : `CAST(${placeholder} AS JSON)`
    case 'inputTokens':
    case 'cachedInputTokens':
    case 'outputTokens':
      return pg ? `${placeholder}::bigint` : `CAST(${placeholder} AS BIGINT)`
    case 'retries':
      return pg ? `${placeholder}::integer` : `CAST(${placeholder} AS INTEGER)`
    case 'cacheHit':
      return pg ? `${placeholder}::boolean` : `CAST(${placeholder} AS BOOLEAN)`
    case 'latencyMs':
    case 'ttftMs':
    case 'overheadMs':
      return pg ? `${placeholder}::float8` : `CAST(${placeholder} AS DOUBLE)`
    default:
      return pg ? `${placeholder}::text` : `CAST(${placeholder} AS VARCHAR)`
  }
}

export interface InsertStatement {
  sql: string
  params: SqlValue[]
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
  const name = quoteTableName(options.table ?? 'usage_requests')
  const fields = Object.keys(REFERENCE_COLUMNS) as SqlField[]
  const columnList = fields.map((field) => quoteIdentifier(REFERENCE_COLUMNS[field])).join(', ')
  const batchSize = options.batchSize ?? 500
  const statements: InsertStatement[] = []
  for (let from = 0; from < records.length; from += batchSize) {
    const params = new SqlParameters()
    const rows = records.slice(from, from + batchSize).map((record) => {
      const row = toReferenceRow(record)
      return `(${fields.map((field) => referenceValueSql(dialect, field, params.add(row[field]))).join(', ')})`
    })
    statements.push({ sql: `INSERT INTO ${name} (${columnList}) VALUES ${rows.join(', ')}`, params: params.values })
  }
  return statements
}
