import type { ColumnKind, SqlField } from '../sqlColumns'
import type { SqlParameterStyle, SqlParameters } from '../sqlParameters'
import { clickhouse } from './clickhouse'
import { duckdb } from './duckdb'
import { postgres } from './postgres'

/** The engines the SQL adapter speaks to. */
export type SqlDialectName = 'postgres' | 'duckdb' | 'clickhouse'

/** How bound instants are compared with a timestamp column. */
export type InstantSqlType = 'timestamptz' | 'timestamp' | 'bigint' | 'double'

/** The bucket edges of one statement, bound only when the dialect asks (DuckDB refuses unused parameters). */
export interface BucketEdges {
  count: number
  /** Binds edge `index` (a value of the column's instant type) and returns its placeholder. */
  bind(index: number): string
  /** Each edge as epoch milliseconds (core's edges, checked instants), for engines that index buckets arithmetically. */
  ms: readonly number[]
}

/** A joined lookup for CTE `keys` (column `g`, alias `k`): the JOIN clause, and how to read one of its fields. */
export interface LabelLookup {
  join: string
  field(name: string): string
}

/** The latest row (timestamp desc, id desc) per key among the rows an answer counts. */
export interface LatestRowQuery {
  /** The request table's quoted name. */
  table: string
  /** The alias the lookup's fields are read through. */
  alias: string
  /** The key, timestamp and id columns of the table on a given alias. */
  key(on: string): string
  timestamp(on: string): string
  id(on: string): string
  /** The rows counted (range, filters and the lookup's own condition), on a given alias. */
  counted(on: string): string
  /** The values read from the latest row (`found` = 1 included), on a given alias. */
  fields(on: string): Record<string, string>
  /**
   * When a rollup answers the query and keeps the key: a statement giving `slot`, the start of each
   * key's latest slot among the counted rows (the rollup's sums say where each key was last seen),
   * and the slot length. Each key's latest row lies in its own latest slot, and a key's rows in
   * another key's latest slot are older, so the newest row of a key among the rows of all these
   * slots is its newest row. A dialect may read only those slots; ignoring the hint is also right.
   */
  latestSlots?: { statement: string; seconds: number }
  /**
   * When the answer's grouping pass over the request table already found it: a statement giving
   * (`g`, `t`), each key of CTE `keys` with its newest timestamp among the counted rows (the same
   * timestamp expression). A dialect may use it instead of finding the newest timestamps itself.
   */
  latestTimes?: string
}

/** One row of a host's label table per key: the first by label when the key is not unique. */
export interface HostRowQuery {
  /** The host table's quoted name, read as alias `h`. */
  table: string
  /** Its quoted key column. */
  key: string
  alias: string
  /** The values read (on alias `h`, `found` = 1 included). */
  values: Record<string, string>
  /** The label as text on alias `h`: of several rows with one key, the smallest wins. */
  order: string
}

/**
 * Everything that differs between the engines; the query builders write the rest as plain SQL
 * and never ask which engine they talk to. Expressions take SQL fragments (column references and
 * placeholders), never values. One module per engine implements it (`postgres.ts`, `duckdb.ts`, `clickhouse.ts`).
 */
export interface SqlDialect extends SqlParameterStyle {
  name: SqlDialectName
  /** Whether a text value may contain U+0000 (PostgreSQL rejects it, so no stored value can match one). */
  acceptsNul: boolean
  /** A whole statement as the adapter runs it (ClickHouse appends its SETTINGS; the others return it as it is). */
  statement(sql: string): string
  /**
   * The head of a CTE whose few rows (groups, ranks, keys) later steps read more than once:
   * `name AS MATERIALIZED` where the engine would otherwise recompute it at every reference
   * (ClickHouse inlines CTEs: a chart read its whole range three times); `name AS` elsewhere
   * (PostgreSQL and DuckDB already compute a CTE referenced twice once).
   */
  reusedCte(name: string): string
  /**
   * Whether a breakdown of sums adds rows up once into (group, model, trend bucket) cells and reads
   * totals, models and trend from them. ClickHouse hashes the few cells (three scans of 33M rows
   * become one); PostgreSQL cannot estimate how few there are and sorts millions of rows instead
   * (3.5 s → 5.8 s at 10M), so it scans once per part.
   */
  breakdownCells: boolean
  /**
   * Whether the label lookup takes each key's newest timestamp from the answer's own grouping pass
   * (a `max` beside the sums) instead of a scan of its own: ClickHouse then reads the range once,
   * not twice (−0.4 s per 33M rows). PostgreSQL and DuckDB find the latest row through an index.
   */
  latestFromGroups: boolean

  // ---- casts and values
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
  /** A NULL of text type. */
  nullText: string
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
  /** Text as a bigint, NULL when it is not an integer (a JSON value may hold anything). */
  integerFromText(text: string): string
  /** Text as a number, NULL when it is not one. */
  numberFromText(text: string): string
  /** The `CASE` value (1 or 0) of a boolean column. */
  isTrue(column: string): string
  /**
   * Text values bound for a membership test (`inList`, `tagsOverlap`): one placeholder each, or
   * (ClickHouse, for a long list) one expression holding them all, so the statement stays short.
   */
  bindTextList(values: readonly string[], params: SqlParameters): string[]
  /** Whether `expression` is one of a `bindTextList` list. */
  inList(expression: string, list: readonly string[]): string
  /** Whether text (NULL: none) contains the bound lower-case needle, case-insensitively (`%` and `_` plain). */
  contains(text: string, needle: string): string

  // ---- aggregation and binning
  /** p95 by the nearest-rank method: the ⌈0.95·n⌉-th smallest value. */
  p95(column: string): string
  /** The index (0-based) of the bucket holding `timestamp`, over the bound edges of the range. */
  bucketIndex(timestamp: string, edges: BucketEdges, type: InstantSqlType): string

  // ---- tags
  /** A tag array column that may be NULL, as an array. */
  tags(column: string): string
  /** Whether a tag array holds any of a `bindTextList` list. */
  tagsOverlap(tags: string, values: readonly string[]): string
  /** Whether a tag array holds a tag containing the bound (lower-case) needle. */
  tagsContain(tags: string, needle: string): string
  /** A tag array with `'__none__'` in place of no tags. */
  tagsOrNone(tags: string, none: string): string
  /** A select-list expression that fans a row out to one row per element of a tag array. */
  eachTag(tags: string): string
  /** An empty text array. */
  emptyTags: string
  /** A JSON array of strings as a text array (anything else: empty). */
  tagsFromJson(column: string): string
  /** Delimited text as a text array. */
  tagsFromText(column: string, separator: string): string
  /** A text array without empty or NULL elements (empty means none). */
  withoutEmptyTags(tags: string): string

  // ---- JSON
  /** A JSON array (as text) of `expression` over the group, ordered. */
  jsonArray(expression: string, orderBy: string): string
  /** A JSON array of the given values as text, for one cell of a nested result. */
  tuple(expressions: readonly string[]): string
  /** A JSON value (array, object) as text. */
  json(expression: string): string
  /** The text at `path` inside a JSON column (NULL when absent). Keys are checked literals. */
  jsonText(column: string, path: readonly string[]): string
  /** The JSON value at `path` inside a JSON column. */
  jsonValue(column: string, path: readonly string[]): string

  // ---- labels
  /** A LEFT JOIN giving the latest counted row of each key (the engine's fastest plan for it). */
  latestRow(query: LatestRowQuery): LabelLookup
  /** A LEFT JOIN giving a host label table's row of each key. */
  hostRow(query: HostRowQuery): LabelLookup
  /** An API key's prefix (`sk-`, `sk_`: letters and one `-` or `_`), `''` when it has none. */
  apiKeyPrefix(key: string): string

  // ---- catalog
  /** The statement listing a table's columns as (name, type, table_schema, table_name[, readable]). */
  describeTable(quotedTable: string, parts: readonly string[], params: SqlParameters): string
  /** What one of the engine's type names (as `describeTable` lists it) is to the adapter. */
  columnKind(type: string): ColumnKind

  // ---- rollups (`rollupSchema`, `rollupBackfill`, and reading them)
  /** The start of a timestamp's slot: a multiple of `seconds` since 1970-01-01T00:00Z, as the rollup's slot type. */
  rollupSlot(timestamp: string, seconds: number): string
  /** Column types of a rollup table: its slot, dimension keys ('' for none), counts, token sums, money, latency sums. */
  rollupTypes: Readonly<Record<'slot' | 'key' | 'count' | 'tokens' | 'money' | 'latency', string>>
  /**
   * Sets of distinct users a rollup row can keep and merge exactly (ClickHouse: `uniqExact` states),
   * so active users over any whole slots come from the rollup; `null` where the engine has none.
   */
  userSets: { type: string; state(userId: string): string; merge(column: string): string } | null
  /**
   * What makes the database keep a rollup current as rows arrive, after its CREATE TABLE: the
   * table's engine clause and a materialized view on ClickHouse; `null` where it is the host's job
   * (a trigger on PostgreSQL, a scheduled refresh on DuckDB: docs/scale.md).
   */
  rollupKeeper: {
    /** What follows the rollup table's column list, given its key columns and whether it keeps user sets. */
    tableOptions(keys: readonly string[], slot: string, aggregating: boolean): string
    /** The sum columns' type when the table keeps user sets (each row's sums merge as sums). */
    sumType(type: string): string
    /** The statement that adds each insert's rows to the rollup. */
    view(view: string, table: string, select: string): string
  } | null

  // ---- reference schema (tests, demos, the documented DDL)
  /** Each reference column's type and constraints. */
  referenceColumnTypes: Readonly<Record<SqlField, string>>
  /** What follows the reference table's column list (ClickHouse's ENGINE and ORDER BY; '' elsewhere). */
  referenceTableOptions: string
  /** The reference table's secondary indexes, each with a comment saying what it serves. */
  referenceIndexes(quotedTable: string, baseName: string): string[]
  /**
   * Where `insertStatements` reads a batch of rows bound as one JSON text (a line per row, every
   * value as text or null, keys `columns`): the FROM of an INSERT … SELECT. `null`: one placeholder a
   * value in VALUES rows. (ClickHouse plans VALUES with placeholders in time quadratic in the rows.)
   */
  referenceBatch: ((placeholder: string, columns: readonly string[]) => string) | null
  /** How a `toReferenceRow` value (a placeholder or a staging column) becomes its column's type. */
  referenceValue(field: SqlField, placeholder: string): string
}

export const SQL_DIALECTS: Readonly<Record<SqlDialectName, SqlDialect>> = { postgres, duckdb, clickhouse }

/** The dialect of a name a caller passed (checked: options come from JavaScript too). */
export function sqlDialect(name: SqlDialectName, caller: string): SqlDialect {
  const dialect = Object.hasOwn(SQL_DIALECTS, name) ? SQL_DIALECTS[name] : undefined
  if (!dialect) {
    const names = Object.keys(SQL_DIALECTS).map((known) => `"${known}"`).join(' or ')
    throw new TypeError(`${caller}: dialect must be ${names}, got ${JSON.stringify(name)}.`)
  }
  return dialect
}
