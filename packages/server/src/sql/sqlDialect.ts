import type { SqlParameters, SqlValue } from './sqlParameters'


/** The engines the SQL adapter speaks to. */
export type SqlDialectName = 'postgres' | 'duckdb'

/**
 * What differs between the engines; everything else is the same SQL. Expressions take SQL
 * fragments (column references and placeholders), never values.
 */
export interface SqlDialect {
  name: SqlDialectName
  /** Whether a text value may contain U+0000 (PostgreSQL rejects it, so no stored value can match one). */
  acceptsNul: boolean
  /** A bound ISO-8601 instant as a timestamp with time zone. */
  instant(placeholder: string): string
  /** A bound integer. */
  integer(placeholder: string): string
  /** Microseconds since the epoch, as text (exact beyond 2^53 and in every client). */
  epochMicros(timestamp: string): string
  /** Exact money: the column as a decimal with 9 places, whatever type the table stores. */
  money(column: string): string
  /** Any value as text, for exact transport of sums. */
  text(expression: string): string
  /** Binary (code point) order, the order the memory adapter uses for keys. */
  binary(expression: string): string
  /** p95 by the nearest-rank method: the ⌈0.95·n⌉-th smallest value. */
  p95(column: string): string
  /** The index (0-based) of the bucket holding `timestamp`, binding the edges it needs (values of the column's instant type). */
  bucketIndex(timestamp: string, edges: readonly SqlValue[], params: SqlParameters, type: InstantSqlType): string
  /** A tag array column that may be NULL, as an array. */
  tags(column: string): string
  /** Whether a tag array holds any of the bound values. */
  tagsOverlap(tags: string, values: readonly string[]): string
  /** Whether a tag array holds a tag containing the bound (lower-case) needle. */
  tagsContain(tags: string, needle: string): string
  /** A tag array with `'__none__'` in place of no tags. */
  tagsOrNone(tags: string, none: string): string
  /** A JSON array (as text) of `expression` over the group, ordered. */
  jsonArray(expression: string, orderBy: string): string
  /** A JSON array of the given values as text, for one cell of a nested result. */
  tuple(expressions: readonly string[]): string
  /** A JSON value (array, object) as text. */
  json(expression: string): string
  /** A NULL of text type. */
  nullText: string
  /** An empty text array. */
  emptyTags: string
  /** Double-precision division (ratios must divide as JavaScript does). */
  float(expression: string): string
  /** A bound value cast to the type a timestamp column is compared in (`TIMESTAMPTZ`, wall-clock `TIMESTAMP`, or a number). */
  instantAs(placeholder: string, type: InstantSqlType): string
  /** Microseconds since the epoch of a wall-clock timestamp read as UTC, as a bigint expression. */
  wallMicros(timestamp: string): string
  /** Microseconds of a number of seconds (or milliseconds, `scale` 1000), as a bigint expression. */
  epochNumberMicros(value: string, scale: 1 | 1000): string
  /** Milliseconds from one timestamp to another (both with or both without time zone), as a double. */
  millisBetween(from: string, to: string): string
  /** The text at `path` inside a JSON column (NULL when absent). Keys are checked literals. */
  jsonText(column: string, path: readonly string[]): string
  /** The JSON value at `path` inside a JSON column. */
  jsonValue(column: string, path: readonly string[]): string
  /** Text as a bigint, NULL when it is not an integer (a JSON value may hold anything). */
  integerFromText(text: string): string
  /** Text as a number, NULL when it is not one. */
  numberFromText(text: string): string
  /** A JSON array of strings as a text array (anything else: empty). */
  tagsFromJson(column: string): string
  /** Delimited text as a text array. */
  tagsFromText(column: string, separator: string): string
  /** A text array without empty or NULL elements (empty means none). */
  withoutEmptyTags(tags: string): string
  /** The `CASE` value (1 or 0) of a boolean column. */
  isTrue(column: string): string
}

/** How bound instants are compared with a timestamp column. */
export type InstantSqlType = 'timestamptz' | 'timestamp' | 'bigint' | 'double'

/** A checked literal in the SQL text (keys and separators from the mapping: no quotes, backslashes or NULs). */
export function literal(text: string): string {
  if (/['\\\u0000]/.test(text)) throw new TypeError(`createSqlAdapter: ${JSON.stringify(text)} cannot be written into SQL.`)
  return `'${text}'`
}

/** Bucket `lo`..`hi-1` of a row, by binary search over the inner edges (the outer ones are the range). */
function bucketTree(timestamp: string, edges: readonly SqlValue[], bind: (value: SqlValue) => string, lo: number, hi: number): string {
  if (hi - lo <= 1) return String(lo)
  const mid = (lo + hi) >>> 1
  const edge = bind(edges[mid]!)
  return `CASE WHEN ${timestamp} < ${edge} THEN ${bucketTree(timestamp, edges, bind, lo, mid)} ELSE ${bucketTree(timestamp, edges, bind, mid, hi)} END`
}

const PG_TYPES: Record<InstantSqlType, string> = { timestamptz: 'timestamptz', timestamp: 'timestamp', bigint: 'bigint', double: 'float8' }
const DUCKDB_TYPES: Record<InstantSqlType, string> = { timestamptz: 'TIMESTAMPTZ', timestamp: 'TIMESTAMP', bigint: 'BIGINT', double: 'DOUBLE' }

/** A PostgreSQL text[] literal of JSON keys (checked: no quotes or backslashes). */
function pgPath(path: readonly string[]): string {
  return literal(`{${path.map((key) => `"${key}"`).join(',')}}`)
}

/** A DuckDB JSONPath of keys. */
function duckdbPath(path: readonly string[]): string {
  return literal(`$${path.map((key) => `."${key}"`).join('')}`)
}

export const postgres: SqlDialect = {
  name: 'postgres',
  acceptsNul: false,
  instant: (placeholder) => `${placeholder}::timestamptz`,
  integer: (placeholder) => `${placeholder}::bigint`,
  epochMicros: (timestamp) => `(extract(epoch from ${timestamp}) * 1000000)::bigint::text`,
  money: (column) => `round(${column}::numeric, 9)`,
  text: (expression) => `(${expression})::text`,
  binary: (expression) => `${expression} COLLATE "C"`,
  // percentile_disc picks the first value whose position reaches ⌈p·n⌉ (computed in float8, as JavaScript does).
  p95: (column) => `percentile_disc(0.95) WITHIN GROUP (ORDER BY ${column})`,
  // width_bucket over the edges: 1 for [e0, e1), …; the range filter keeps every row inside.
  bucketIndex: (timestamp, edges, params, type) => `(width_bucket(${timestamp}, ARRAY[${params.list(edges).join(', ')}]::${PG_TYPES[type]}[]) - 1)`,
  tags: (column) => `coalesce(${column}, '{}'::text[])`,
  tagsOverlap: (tags, values) => `${tags} && ARRAY[${values.join(', ')}]::text[]`,
  tagsContain: (tags, needle) => `EXISTS (SELECT 1 FROM unnest(${tags}) AS tag_value(tag) WHERE strpos(lower(tag_value.tag), ${needle}) > 0)`,
  tagsOrNone: (tags, none) => `CASE WHEN cardinality(${tags}) = 0 THEN ARRAY[${none}]::text[] ELSE ${tags} END`,
  jsonArray: (expression, orderBy) => `json_agg(${expression} ORDER BY ${orderBy})::text`,
  tuple: (expressions) => `json_build_array(${expressions.map((expression) => `(${expression})::text`).join(', ')})`,
  json: (expression) => `to_json(${expression})::text`,
  nullText: 'NULL::text',
  emptyTags: `'{}'::text[]`,
  float: (expression) => `(${expression})::float8`,
  instantAs: (placeholder, type) => `${placeholder}::${PG_TYPES[type]}`,
  wallMicros: (timestamp) => `(extract(epoch from ${timestamp}) * 1000000)::bigint`,
  epochNumberMicros: (value, scale) => `round(${value}::numeric * ${1_000_000 / scale})::bigint`,
  millisBetween: (from, to) => `(extract(epoch from (${to} - ${from})) * 1000)::float8`,
  jsonText: (column, path) => `(${column} #>> ${pgPath(path)})`,
  jsonValue: (column, path) => `(${column} #> ${pgPath(path)})`,
  integerFromText: (text) => `CASE WHEN ${text} ~ '^-?[0-9]{1,18}$' THEN (${text})::bigint END`,
  numberFromText: (text) => `CASE WHEN ${text} ~ '^-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$' THEN (${text})::numeric END`,
  tagsFromJson: (column) =>
    `CASE WHEN jsonb_typeof((${column})::jsonb) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text((${column})::jsonb)) ELSE '{}'::text[] END`,
  tagsFromText: (column, separator) => `coalesce(string_to_array(${column}, ${literal(separator)}), '{}'::text[])`,
  withoutEmptyTags: (tags) => `array_remove(array_remove(${tags}, ''), NULL)`,
  isTrue: (column) => `CASE WHEN ${column} THEN 1 ELSE 0 END`,
}

export const duckdb: SqlDialect = {
  name: 'duckdb',
  acceptsNul: true,
  instant: (placeholder) => `CAST(${placeholder} AS TIMESTAMPTZ)`,
  integer: (placeholder) => `CAST(${placeholder} AS BIGINT)`,
  epochMicros: (timestamp) => `CAST(epoch_us(${timestamp}) AS VARCHAR)`,
  money: (column) => `CAST(${column} AS DECIMAL(38, 9))`,
  text: (expression) => `CAST(${expression} AS VARCHAR)`,
  binary: (expression) => expression,
  // DuckDB's quantile_disc takes ⌊(n−1)·p⌋; the contract's nearest rank is ⌈p·n⌉ in double precision.
  p95: (column) => `list_sort(list(${column}))[CAST(ceil(CAST(0.95 AS DOUBLE) * count(${column})) AS BIGINT)]`,
  // No width_bucket: a balanced CASE tree, log2(buckets) comparisons per row.
  // Only the inner edges are compared (DuckDB refuses a bound parameter the statement does not use).
  bucketIndex: (timestamp, edges, params, type) =>
    bucketTree(timestamp, edges, (value) => `CAST(${params.add(value)} AS ${DUCKDB_TYPES[type]})`, 0, edges.length - 1),
  tags: (column) => `coalesce(${column}, CAST([] AS VARCHAR[]))`,
  tagsOverlap: (tags, values) => `list_has_any(${tags}, CAST([${values.join(', ')}] AS VARCHAR[]))`,
  tagsContain: (tags, needle) => `len(list_filter(${tags}, tag -> strpos(lower(tag), ${needle}) > 0)) > 0`,
  tagsOrNone: (tags, none) => `CASE WHEN len(${tags}) = 0 THEN CAST([${none}] AS VARCHAR[]) ELSE ${tags} END`,
  jsonArray: (expression, orderBy) => `CAST(to_json(list(${expression} ORDER BY ${orderBy})) AS VARCHAR)`,
  tuple: (expressions) => `list_value(${expressions.map((expression) => `CAST(${expression} AS VARCHAR)`).join(', ')})`,
  json: (expression) => `CAST(to_json(${expression}) AS VARCHAR)`,
  nullText: 'CAST(NULL AS VARCHAR)',
  emptyTags: 'CAST([] AS VARCHAR[])',
  float: (expression) => `CAST(${expression} AS DOUBLE)`,
  instantAs: (placeholder, type) => `CAST(${placeholder} AS ${DUCKDB_TYPES[type]})`,
  wallMicros: (timestamp) => `epoch_us(${timestamp})`,
  epochNumberMicros: (value, scale) => `CAST(round(CAST(${value} AS DECIMAL(38, 6)) * ${1_000_000 / scale}) AS BIGINT)`,
  millisBetween: (from, to) => `CAST(date_diff('microsecond', ${from}, ${to}) AS DOUBLE) / 1000`,
  jsonText: (column, path) => `json_extract_string(${column}, ${duckdbPath(path)})`,
  jsonValue: (column, path) => `json_extract(${column}, ${duckdbPath(path)})`,
  integerFromText: (text) => `TRY_CAST(${text} AS BIGINT)`,
  numberFromText: (text) => `TRY_CAST(${text} AS DECIMAL(38, 9))`,
  tagsFromJson: (column) => `coalesce(TRY_CAST(json_extract_string(${column}, '$[*]') AS VARCHAR[]), CAST([] AS VARCHAR[]))`,
  tagsFromText: (column, separator) => `coalesce(string_split(${column}, ${literal(separator)}), CAST([] AS VARCHAR[]))`,
  withoutEmptyTags: (tags) => `list_filter(${tags}, tag -> tag IS NOT NULL AND tag <> '')`,
  isTrue: (column) => `CASE WHEN ${column} THEN 1 ELSE 0 END`,
}

export const SQL_DIALECTS: Readonly<Record<SqlDialectName, SqlDialect>> = { postgres, duckdb }
