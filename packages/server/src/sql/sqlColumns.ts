import type { UsageRecord } from '@usagekit/core'

/** The record fields a request-log table can hold, with the reference schema's column names. */
export const REFERENCE_COLUMNS = {
  id: 'id',
  timestamp: 'ts',
  userId: 'user_id',
  userName: 'user_name',
  userEmail: 'user_email',
  team: 'team',
  apiKey: 'api_key',
  apiKeyName: 'api_key_name',
  tags: 'tags',
  application: 'application',
  agent: 'agent',
  customer: 'customer',
  provider: 'provider',
  model: 'model',
  status: 'status',
  cacheHit: 'cache_hit',
  inputTokens: 'input_tokens',
  cachedInputTokens: 'cached_input_tokens',
  outputTokens: 'output_tokens',
  cost: 'cost',
  latencyMs: 'latency_ms',
  ttftMs: 'ttft_ms',
  callType: 'call_type',
  modelId: 'model_id',
  apiBase: 'api_base',
  ip: 'ip',
  overheadMs: 'overhead_ms',
  retries: 'retries',
  costBreakdown: 'cost_breakdown',
  errorMessage: 'error_message',
  systemPrompt: 'system_prompt',
  prompt: 'prompt',
  completion: 'completion',
  request: 'request',
  response: 'response',
  metadata: 'metadata',
} as const satisfies Record<keyof UsageRecord, string>

export type SqlField = keyof typeof REFERENCE_COLUMNS

/** Fields every table must have: without them no widget can be answered. */
export const REQUIRED_FIELDS: readonly SqlField[] = [
  'id',
  'timestamp',
  'userId',
  'provider',
  'model',
  'status',
  'inputTokens',
  'outputTokens',
  'cost',
  'latencyMs',
]

/**
 * Which column holds each record field. Omitted fields use the reference column name; `null`
 * says the table has no such column (optional fields only: the dimension or detail disappears).
 */
export type SqlColumnMapping = Partial<Record<SqlField, string | null>>

export type ResolvedColumns = Record<SqlField, string | null>

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value)
}

/** Checks the mapping up front, so a typo fails at start-up and never reaches a query. */
export function resolveColumns(mapping: SqlColumnMapping = {}): ResolvedColumns {
  for (const field of Object.keys(mapping)) {
    if (!Object.prototype.hasOwnProperty.call(REFERENCE_COLUMNS, field)) {
      throw new TypeError(
        `createSqlAdapter: columns.${field} is not a record field; map one of ${Object.keys(REFERENCE_COLUMNS).join(', ')}.`,
      )
    }
  }
  const resolved = {} as ResolvedColumns
  for (const field of Object.keys(REFERENCE_COLUMNS) as SqlField[]) {
    const column = Object.prototype.hasOwnProperty.call(mapping, field) ? mapping[field] : REFERENCE_COLUMNS[field]
    if (column === null || column === undefined) {
      if (REQUIRED_FIELDS.includes(field)) {
        throw new TypeError(`createSqlAdapter: columns.${field} is required (the column holding ${field}); it cannot be null.`)
      }
      resolved[field] = null
      continue
    }
    if (typeof column !== 'string' || column === '' || column.includes('\u0000')) {
      throw new TypeError(`createSqlAdapter: columns.${field} must be a column name, got ${describe(column)}.`)
    }
    resolved[field] = column
  }
  return resolved
}

/** A quoted SQL identifier: embedded quotes doubled, so any name is taken literally. */
export function quoteIdentifier(name: string): string {
  if (typeof name !== 'string' || name === '' || name.includes('\u0000')) {
    throw new TypeError(`createSqlAdapter: ${describe(name)} is not a valid SQL identifier.`)
  }
  return `"${name.replace(/"/g, '""')}"`
}

/** `schema.table` or `table`, each part quoted; an array names the parts when a name itself holds a dot. */
export function quoteTableName(table: string | readonly string[]): string {
  const parts = typeof table === 'string' ? table.split('.') : [...table]
  if (parts.length === 0 || parts.length > 3) {
    throw new TypeError(`createSqlAdapter: table must be "table", "schema.table" or an array of its parts, got ${describe(table)}.`)
  }
  return parts.map(quoteIdentifier).join('.')
}
