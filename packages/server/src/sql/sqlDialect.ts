import type { SqlParameters } from './sqlParameters'

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
  /** The index (0-based) of the bucket holding `timestamp`, binding the bucket edges (ISO instants) it needs. */
  bucketIndex(timestamp: string, edges: readonly string[], params: SqlParameters): string
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
}

/** Bucket `lo`..`hi-1` of a row, by binary search over the inner edges (the outer ones are the range). */
function bucketTree(timestamp: string, edges: readonly string[], params: SqlParameters, lo: number, hi: number): string {
  if (hi - lo <= 1) return String(lo)
  const mid = (lo + hi) >>> 1
  const edge = `CAST(${params.add(edges[mid]!)} AS TIMESTAMPTZ)`
  return `CASE WHEN ${timestamp} < ${edge} THEN ${bucketTree(timestamp, edges, params, lo, mid)} ELSE ${bucketTree(timestamp, edges, params, mid, hi)} END`
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
  bucketIndex: (timestamp, edges, params) =>
    `(width_bucket(${timestamp}, ARRAY[${params.list(edges).join(', ')}]::timestamptz[]) - 1)`,
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
  bucketIndex: (timestamp, edges, params) => bucketTree(timestamp, edges, params, 0, edges.length - 1),
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
}

export const SQL_DIALECTS: Readonly<Record<SqlDialectName, SqlDialect>> = { postgres, duckdb }
