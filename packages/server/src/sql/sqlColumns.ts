import type { UsageRecord } from '@usagekit/core'
import type { SqlColumnMapping } from './sqlColumnSpec'

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

/** How a field's value is read and what column types can hold it. */
export type FieldFamily = 'text' | 'integer' | 'duration' | 'money' | 'json' | 'timestamp' | 'tags' | 'status' | 'boolean'

export const FIELD_FAMILIES: Readonly<Record<SqlField, FieldFamily>> = {
  id: 'text',
  timestamp: 'timestamp',
  userId: 'text',
  userName: 'text',
  userEmail: 'text',
  team: 'text',
  apiKey: 'text',
  apiKeyName: 'text',
  tags: 'tags',
  application: 'text',
  agent: 'text',
  customer: 'text',
  provider: 'text',
  model: 'text',
  status: 'status',
  cacheHit: 'boolean',
  inputTokens: 'integer',
  cachedInputTokens: 'integer',
  outputTokens: 'integer',
  cost: 'money',
  latencyMs: 'duration',
  ttftMs: 'duration',
  callType: 'text',
  modelId: 'text',
  apiBase: 'text',
  ip: 'text',
  overheadMs: 'duration',
  retries: 'integer',
  costBreakdown: 'json',
  errorMessage: 'text',
  systemPrompt: 'text',
  prompt: 'text',
  completion: 'text',
  request: 'json',
  response: 'json',
  metadata: 'json',
}

/** What the catalog says a column holds, in the adapter's terms. */
export type ColumnKind = 'text' | 'integer' | 'number' | 'json' | 'textArray' | 'boolean' | 'timestamptz' | 'timestamp' | 'other'

/** A column, or a value inside a JSON column, with where to look next when it is empty. */
export interface ResolvedRef {
  column: string
  path: readonly string[] | null
  orElse: ResolvedSource | null
  /** Filled in from the catalog (or assumed from the reference schema when the catalog is not read). */
  kind?: ColumnKind
}

/** Milliseconds between two timestamp columns. */
export interface ResolvedDuration {
  from: string
  to: string
  fromKind?: ColumnKind
  toKind?: ColumnKind
}

export type ResolvedSource = ResolvedRef | ResolvedDuration

export type TimestampType = 'timestamptz' | 'timestamp' | 'epochSeconds' | 'epochMillis'

export interface ResolvedField {
  family: FieldFamily
  /** Named in the mapping: a missing column is then an error, not a dropped field. */
  explicit: boolean
  source: ResolvedSource
  /** Timestamps: how the instant is stored; `offsetMinutes` east of UTC for wall-clock timestamps. */
  time?: { type: TimestampType | null; offsetMinutes: number }
  /** Tags: how the list is stored (`null`: from the catalog). */
  tags?: { type: 'array' | 'json' | 'delimited' | null; separator: string }
  /** Status: the values that mean success, or those that mean error; what no value means. */
  status?: { successValues: readonly string[] | null; errorValues: readonly string[] | null; missing: 'success' | 'error' }
  /** Booleans stored as text: the values that mean yes. */
  trueValues?: readonly string[]
}

export type ResolvedColumns = Record<SqlField, ResolvedField | null>

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'an array' : value && typeof value === 'object' ? 'an object' : String(value)
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !value.includes('\u0000')
}

const SPEC_KEYS: Record<FieldFamily, readonly string[]> = {
  text: ['column', 'path', 'orElse'],
  integer: ['column', 'path', 'orElse'],
  money: ['column', 'path', 'orElse'],
  json: ['column', 'path', 'orElse'],
  duration: ['column', 'path', 'orElse', 'from', 'to'],
  timestamp: ['column', 'type', 'zone'],
  tags: ['column', 'type', 'separator'],
  status: ['column', 'path', 'orElse', 'successValues', 'errorValues', 'missing'],
  boolean: ['column', 'path', 'orElse', 'trueValues'],
}

/** A fixed zone: `UTC`, `Z`, or an offset `±HH:MM`, in minutes east of UTC. */
function offsetMinutes(zone: unknown, where: string): number {
  if (zone === 'UTC' || zone === 'Z' || zone === 'Etc/UTC') return 0
  const match = typeof zone === 'string' ? /^([+-])(\d{2}):(\d{2})$/.exec(zone) : null
  if (!match || Number(match[2]) > 14 || Number(match[3]) > 59) {
    throw new TypeError(
      `${where}.zone must be 'UTC' or a fixed offset such as '+02:00' (a wall-clock column in a zone with daylight saving time cannot be read unambiguously; convert it in a view), got ${describe(zone)}.`,
    )
  }
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}

function stringList(value: unknown, where: string): readonly string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string' && !item.includes('\u0000'))) {
    throw new TypeError(`${where} must be a non-empty array of strings, got ${describe(value)}.`)
  }
  return [...value]
}

/** A column or a JSON value (with fallbacks), checked. */
function resolveRef(spec: unknown, where: string, family: FieldFamily): ResolvedSource {
  if (isName(spec)) return { column: spec, path: null, orElse: null }
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new TypeError(`${where} must be a column name or { column, path?, orElse? }, got ${describe(spec)}.`)
  }
  const given = spec as Record<string, unknown>
  for (const key of Object.keys(given)) {
    if (!SPEC_KEYS[family].includes(key)) {
      throw new TypeError(`${where}.${key} is not an option of this field; use ${SPEC_KEYS[family].join(', ')}.`)
    }
  }
  if (family === 'duration' && (given.from !== undefined || given.to !== undefined)) {
    if (!isName(given.from) || !isName(given.to) || given.column !== undefined) {
      throw new TypeError(`${where} must be { from, to }: the names of two timestamp columns (milliseconds from the first to the second).`)
    }
    return { from: given.from, to: given.to }
  }
  if (!isName(given.column)) throw new TypeError(`${where}.column must be a column name, got ${describe(given.column)}.`)
  let path: string[] | null = null
  if (given.path !== undefined) {
    // Keys become literals in the SQL text: quotes and backslashes are refused rather than escaped per engine.
    if (!Array.isArray(given.path) || given.path.length === 0 || !given.path.every((key) => typeof key === 'string' && key !== '' && !/["'\\\u0000]/.test(key))) {
      throw new TypeError(`${where}.path must be a non-empty array of JSON keys (without quotes or backslashes), got ${describe(given.path)}.`)
    }
    path = [...given.path]
  }
  const orElse = given.orElse === undefined ? null : resolveRef(given.orElse, `${where}.orElse`, family)
  return { column: given.column, path, orElse }
}

/** One field's spec, checked and normalised (the catalog fills in what the spec leaves to it). */
function resolveField(field: SqlField, spec: unknown, explicit: boolean): ResolvedField {
  const where = `createSqlAdapter: columns.${field}`
  const family = FIELD_FAMILIES[field]
  const given = spec && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>) : null
  if (family === 'timestamp') {
    if (isName(spec)) return { family, explicit, source: { column: spec, path: null, orElse: null }, time: { type: null, offsetMinutes: 0 } }
    if (!given || !isName(given.column)) {
      throw new TypeError(`${where} must be a column name or { column, type: 'timestamptz' | 'timestamp' | 'epochSeconds' | 'epochMillis', zone? }, got ${describe(spec)}.`)
    }
    for (const key of Object.keys(given)) {
      if (!SPEC_KEYS.timestamp.includes(key)) throw new TypeError(`${where}.${key} is not an option of a timestamp; use column, type, zone.`)
    }
    const type = given.type ?? 'timestamptz'
    if (!['timestamptz', 'timestamp', 'epochSeconds', 'epochMillis'].includes(type as string)) {
      throw new TypeError(`${where}.type must be 'timestamptz', 'timestamp', 'epochSeconds' or 'epochMillis', got ${describe(given.type)}.`)
    }
    if (type === 'timestamp' && given.zone === undefined) {
      throw new TypeError(`${where}: a wall-clock timestamp needs the zone its times are in, e.g. { column: ${JSON.stringify(given.column)}, type: 'timestamp', zone: 'UTC' }.`)
    }
    if (type !== 'timestamp' && given.zone !== undefined) throw new TypeError(`${where}.zone only applies to type 'timestamp'.`)
    return {
      family,
      explicit,
      source: { column: given.column, path: null, orElse: null },
      time: { type: type as TimestampType, offsetMinutes: type === 'timestamp' ? offsetMinutes(given.zone, where) : 0 },
    }
  }
  if (family === 'tags') {
    if (isName(spec)) return { family, explicit, source: { column: spec, path: null, orElse: null }, tags: { type: null, separator: ',' } }
    if (!given || !isName(given.column)) {
      throw new TypeError(`${where} must be a column name or { column, type: 'array' | 'json' | 'delimited', separator? }, got ${describe(spec)}.`)
    }
    for (const key of Object.keys(given)) {
      if (!SPEC_KEYS.tags.includes(key)) throw new TypeError(`${where}.${key} is not an option of tags; use column, type, separator.`)
    }
    const type = given.type ?? null
    if (type !== null && !['array', 'json', 'delimited'].includes(type as string)) {
      throw new TypeError(`${where}.type must be 'array', 'json' or 'delimited', got ${describe(given.type)}.`)
    }
    if ((type === 'delimited') !== (given.separator !== undefined)) {
      throw new TypeError(`${where}: a separator goes with type 'delimited' and only with it.`)
    }
    if (type === 'delimited' && (typeof given.separator !== 'string' || given.separator === '' || /['\\\u0000]/.test(given.separator))) {
      throw new TypeError(`${where}.separator must be a non-empty string without quotes or backslashes, got ${describe(given.separator)}.`)
    }
    return {
      family,
      explicit,
      source: { column: given.column, path: null, orElse: null },
      tags: { type: type as 'array' | 'json' | 'delimited' | null, separator: (given.separator as string | undefined) ?? ',' },
    }
  }
  const resolved: ResolvedField = { family, explicit, source: resolveRef(spec, where, family) }
  if (family === 'status') {
    const successValues = given?.successValues === undefined ? null : stringList(given.successValues, `${where}.successValues`)
    const errorValues = given?.errorValues === undefined ? null : stringList(given.errorValues, `${where}.errorValues`)
    if (successValues && errorValues) throw new TypeError(`${where}: give successValues or errorValues, not both (every other value is the other outcome).`)
    const missing = given?.missing ?? 'success'
    if (missing !== 'success' && missing !== 'error') throw new TypeError(`${where}.missing must be 'success' or 'error', got ${describe(missing)}.`)
    resolved.status = { successValues: successValues ?? (errorValues ? null : ['success']), errorValues, missing }
  }
  if (family === 'boolean') {
    resolved.trueValues = given?.trueValues === undefined ? ['true', 'True', 'TRUE', '1', 't'] : stringList(given.trueValues, `${where}.trueValues`)
  }
  return resolved
}

/**
 * Checks the mapping's shape up front, so a typo fails at start-up and never reaches a query.
 * Column names and types are checked against the catalog before the first answer (sqlCatalog.ts).
 */
export function resolveColumns(mapping: SqlColumnMapping = {}): ResolvedColumns {
  if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) {
    throw new TypeError('createSqlAdapter: columns must be an object of record field → column.')
  }
  for (const field of Object.keys(mapping)) {
    if (!Object.prototype.hasOwnProperty.call(REFERENCE_COLUMNS, field)) {
      throw new TypeError(
        `createSqlAdapter: columns.${field} is not a record field; map one of ${Object.keys(REFERENCE_COLUMNS).join(', ')}.`,
      )
    }
  }
  const given = mapping as Record<string, unknown>
  const resolved = {} as ResolvedColumns
  for (const field of Object.keys(REFERENCE_COLUMNS) as SqlField[]) {
    const explicit = Object.prototype.hasOwnProperty.call(given, field) && given[field] !== undefined
    const spec = explicit ? given[field] : REFERENCE_COLUMNS[field]
    if (spec === null) {
      if (REQUIRED_FIELDS.includes(field)) {
        throw new TypeError(`createSqlAdapter: columns.${field} is required (the column holding ${field}); it cannot be null.`)
      }
      resolved[field] = null
      continue
    }
    resolved[field] = resolveField(field, spec, explicit)
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

/** The parts of a table name: `'schema.table'` split at dots, or the array as given. */
export function tableParts(table: string | readonly string[]): string[] {
  return typeof table === 'string' ? table.split('.') : [...table]
}

/** `schema.table` or `table`, each part quoted; an array names the parts when a name itself holds a dot. */
export function quoteTableName(table: string | readonly string[]): string {
  const parts = tableParts(table)
  if (parts.length === 0 || parts.length > 3) {
    throw new TypeError(`createSqlAdapter: table must be "table", "schema.table" or an array of its parts, got ${describe(table)}.`)
  }
  return parts.map(quoteIdentifier).join('.')
}
