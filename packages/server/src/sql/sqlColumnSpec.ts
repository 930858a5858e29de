/**
 * How a foreign table stores each record field: the column mapping's value types. A plain string
 * is a column read as its type says (checked against the catalog before the first answer); an
 * object says more — a value inside a JSON column, a second place to look, how a timestamp or a
 * tag list is stored, which status values mean success. Everything here is the integrator's
 * configuration: names are quoted, literals escaped, nothing of a query's input reaches it.
 */

/** A column, or a value inside a JSON column; empty strings are read as no value. */
export interface SqlColumnRef {
  /** The column. */
  column: string
  /**
   * A value inside a JSON column (PostgreSQL json/jsonb, DuckDB JSON), as text: the keys from the
   * top, e.g. `['additional_usage_values', 'prompt_tokens_details', 'cached_tokens']`.
   */
  path?: readonly string[]
  /**
   * Where to read when this is NULL or empty (LiteLLM: `status`, then `metadata.status`). A column
   * the table does not have is skipped for its fallback (an older LiteLLM has no `status` column).
   */
  orElse?: string | SqlColumnRef
}

/** A text field (ids, names, dimension keys): a column, a JSON value, or `null` (the table has none). */
export type SqlTextColumn = string | null | SqlColumnRef

/** A count or a number of milliseconds: a column, a JSON value, or `null`. */
export type SqlNumberColumn = string | null | SqlColumnRef

/** A duration in milliseconds as the difference of two timestamp columns (stored like `timestamp`). */
export interface SqlDurationSpec {
  /** The earlier instant's column (LiteLLM: `startTime`). */
  from: string
  /** The later instant's column (LiteLLM: `endTime`, or `completionStartTime` for time to first token). */
  to: string
}

/** Latency, time to first token, overhead: a number of milliseconds, or the time between two columns. */
export type SqlDurationColumn = SqlNumberColumn | SqlDurationSpec | (Omit<SqlColumnRef, 'orElse'> & { orElse?: string | SqlColumnRef | SqlDurationSpec })

/**
 * The request's instant.
 * - `timestamptz` (the default for a plain name): PostgreSQL `timestamp with time zone`, DuckDB `TIMESTAMPTZ`.
 * - `timestamp` with `zone`: a wall-clock `timestamp without time zone` holding times in a fixed zone
 *   (`'UTC'` or an offset such as `'+02:00'`). Bounds are converted to that zone on the parameter
 *   side, so the column's own index is used and the session's `TimeZone` never matters.
 * - `epochSeconds` / `epochMillis`: a number since 1970-01-01T00:00Z.
 */
export type SqlTimestampColumn =
  | string
  | { column: string; type?: 'timestamptz' }
  | { column: string; type: 'timestamp'; zone: string }
  | { column: string; type: 'epochSeconds' | 'epochMillis' }

/**
 * Tags: a text array (`text[]`, `VARCHAR[]`), a JSON array of strings (`jsonb`, `JSON`), or text
 * with a separator. A plain name takes the kind from the catalog (text needs `delimited`).
 */
export type SqlTagsColumn =
  | string
  | null
  | { column: string; type?: 'array' | 'json' }
  | { column: string; type: 'delimited'; separator: string }

/**
 * Status: which stored values mean success (or which mean error — give one of the two lists).
 * Default: `'success'` is success, any other value an error. A row with no value anywhere
 * (`orElse` included) is `missing` (default `'success'`).
 */
export type SqlStatusColumn =
  | string
  | (SqlColumnRef & { successValues?: readonly string[]; errorValues?: readonly string[]; missing?: 'success' | 'error' })

/** A yes/no field (the gateway's cache hit): a boolean column, or text whose `trueValues` mean yes (default `'true'`, `'True'`, `'1'`). */
export type SqlBooleanColumn = string | null | (SqlColumnRef & { trueValues?: readonly string[] })

/** Money: a numeric column (any numeric type; read as an exact decimal with 9 places) or a JSON value. */
export type SqlMoneyColumn = string | SqlColumnRef

/**
 * Which column holds each record field. Omitted fields use the reference schema's names (an
 * optional field whose default column the table lacks is dropped, not guessed); `null` says the
 * table has no such field.
 */
export interface SqlColumnMapping {
  id?: string | SqlColumnRef
  timestamp?: SqlTimestampColumn
  userId?: string | SqlColumnRef
  userName?: SqlTextColumn
  userEmail?: SqlTextColumn
  team?: SqlTextColumn
  apiKey?: SqlTextColumn
  apiKeyName?: SqlTextColumn
  tags?: SqlTagsColumn
  application?: SqlTextColumn
  agent?: SqlTextColumn
  customer?: SqlTextColumn
  provider?: string | SqlColumnRef
  model?: string | SqlColumnRef
  status?: SqlStatusColumn
  cacheHit?: SqlBooleanColumn
  inputTokens?: string | SqlColumnRef
  cachedInputTokens?: SqlNumberColumn
  outputTokens?: string | SqlColumnRef
  cost?: SqlMoneyColumn
  latencyMs?: Exclude<SqlDurationColumn, null>
  ttftMs?: SqlDurationColumn
  callType?: SqlTextColumn
  modelId?: SqlTextColumn
  apiBase?: SqlTextColumn
  ip?: SqlTextColumn
  overheadMs?: SqlDurationColumn
  retries?: SqlNumberColumn
  costBreakdown?: SqlTextColumn
  errorMessage?: SqlTextColumn
  systemPrompt?: SqlTextColumn
  prompt?: SqlTextColumn
  completion?: SqlTextColumn
  request?: SqlTextColumn
  response?: SqlTextColumn
  metadata?: SqlTextColumn
}
