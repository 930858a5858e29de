import type { ColumnKind, SqlField } from '../sqlColumns'
import type { SqlValueType } from '../sqlParameters'
import { bucketCaseTree } from './bucketCaseTree'
import type { InstantSqlType, SqlDialect } from './sqlDialect'
import { literal } from './sqlLiteral'

// ClickHouse (chdb in-process, or a server through `@clickhouse/client`): typed `{pN:Type}`
// placeholders with an object of values (`query_params`), MergeTree, arrays, aggregate-join lookups.
// Statements end in `SETTINGS join_use_nulls = 1`: a LEFT JOIN's missing rows are NULL, as in SQL,
// not the column type's default.

const greatestCommonDivisor = (a: number, b: number): number => (b === 0 ? a : greatestCommonDivisor(b, a % b))

/** Slots a bucket lookup may hold before the CASE tree is cheaper to send. */
const MAX_LOOKUP_SLOTS = 20_000

/**
 * The bucket index as one array read instead of log2(buckets) nested comparisons: the inner edges'
 * greatest common distance (an hour for day buckets across a DST change, 15 minutes in Kathmandu)
 * cuts the range into slots, and `map[slot]` is the slot's bucket. Before the first inner edge is
 * bucket 0, from the last one the last bucket. `null` when the slots would be too many (the CASE
 * tree then). The edges are core's checked instants, written as integer literals.
 */
function bucketLookup(timestamp: string, ms: readonly number[]): string | null {
  const inner = ms.slice(1, -1)
  if (inner.length < 2) return null
  const first = inner[0]!
  const last = inner[inner.length - 1]!
  let step = 0
  for (const edge of inner) step = greatestCommonDivisor(step, edge - first)
  if (step <= 0 || !Number.isSafeInteger(step) || (last - first) / step > MAX_LOOKUP_SLOTS) return null
  const map: number[] = []
  let bucket = 1
  for (let t = first; t < last; t += step) {
    while (bucket < inner.length && inner[bucket]! <= t) bucket++
    map.push(bucket)
  }
  const at = `toUnixTimestamp64Micro(toDateTime64(${timestamp}, 6))`
  const [from, to, width] = [first * 1000, last * 1000, step * 1000]
  return `multiIf(${at} < ${from}, 0, ${at} >= ${to}, ${inner.length}, arrayElement([${map.join(',')}], toUInt32(intDiv(${at} - ${from}, ${width})) + 1))`
}

const PLACEHOLDER_TYPES: Record<SqlValueType, string> = {
  string: 'String',
  integer: 'Int64',
  float: 'Float64',
  boolean: 'Bool',
  null: 'Nullable(String)',
}

/** A bound instant (ISO text, wall-clock text, or a number) as the type a timestamp column is compared in. */
function instantAs(placeholder: string, type: InstantSqlType): string {
  switch (type) {
    case 'timestamptz':
    case 'timestamp':
      return `parseDateTime64BestEffort(${placeholder}, 6, 'UTC')`
    case 'bigint':
      return `toInt64(${placeholder})`
    case 'double':
      return `toFloat64(${placeholder})`
  }
}

/** The key arguments of a JSON path (checked literals). */
function jsonKeys(path: readonly string[]): string {
  return path.map(literal).join(', ')
}

/** `expression DESC`-style order items as sort keys for arraySort (descending numbers negated). */
function sortKeys(orderBy: string, element: (index: number) => string): { keys: string[]; values: string[] } {
  const keys: string[] = []
  const values: string[] = []
  orderBy.split(',').forEach((item, index) => {
    const match = /^\s*(.*?)\s*(?:\s(ASC|DESC))?\s*$/i.exec(item)!
    values.push(match[1]!)
    keys.push(match[2]?.toUpperCase() === 'DESC' ? `-${element(index)}` : element(index))
  })
  return { keys, values }
}

/** Lists longer than this are bound as one JSON array. */
const LONG_LIST = 100

/** Whether a `bindTextList` list is one array expression (placeholders start with `{`). */
function isArray(list: readonly string[]): boolean {
  return list.length === 1 && !list[0]!.startsWith('{')
}

/** A type name without its Nullable / LowCardinality wrappers. */
function bareType(type: string): string {
  let t = type.trim()
  for (;;) {
    const match = /^(Nullable|LowCardinality)\((.*)\)$/.exec(t)
    if (!match) return t
    t = match[2]!.trim()
  }
}

function columnKind(type: string): ColumnKind {
  const t = bareType(type)
  if (/^(String|FixedString\(\d+\))$/.test(t)) return 'text'
  if (/^Array\((Nullable\()?(LowCardinality\()?(String|FixedString\(\d+\))\)*$/.test(t)) return 'textArray'
  // A DateTime with a zone is an instant shown in that zone; without one its wall clock is the
  // server's zone's, which the mapping must name (as for a timestamp without time zone).
  if (/^DateTime(64)?\((\d+, *)?'[^']*'\)$/.test(t)) return 'timestamptz'
  if (/^DateTime(64)?(\(\d+\))?$/.test(t)) return 'timestamp'
  if (/^U?Int(8|16|32|64|128|256)$/.test(t)) return 'integer'
  if (/^(Float32|Float64|BFloat16|Decimal(32|64|128|256)?\(.*\))$/.test(t)) return 'number'
  if (/^(JSON(\(.*\))?|Object\('json'\))$/.test(t)) return 'json'
  if (t === 'Bool') return 'boolean'
  return 'other'
}

const REFERENCE_COLUMN_TYPES: Record<SqlField, string> = {
  id: 'String',
  timestamp: "DateTime64(6, 'UTC')",
  userId: 'String',
  userName: 'String',
  userEmail: "String DEFAULT ''",
  team: 'LowCardinality(Nullable(String))',
  apiKey: 'LowCardinality(Nullable(String))',
  apiKeyName: 'Nullable(String)',
  tags: 'Array(String)',
  application: 'LowCardinality(Nullable(String))',
  agent: 'LowCardinality(Nullable(String))',
  customer: 'LowCardinality(Nullable(String))',
  provider: 'LowCardinality(String)',
  model: 'LowCardinality(String)',
  status: 'LowCardinality(String)',
  inputTokens: 'Int64',
  cachedInputTokens: 'Int64 DEFAULT 0',
  outputTokens: 'Int64',
  cost: 'Decimal(38, 9)',
  latencyMs: 'Float64',
  ttftMs: 'Nullable(Float64)',
  callType: 'LowCardinality(Nullable(String))',
  modelId: 'Nullable(String)',
  apiBase: 'Nullable(String)',
  ip: 'Nullable(String)',
  overheadMs: 'Nullable(Float64)',
  retries: 'Nullable(Int32)',
  cacheHit: 'Nullable(Bool)',
  // JSON kept as text: the JSONExtract functions read it, and it comes back exactly as written.
  costBreakdown: 'Nullable(String)',
  errorMessage: 'Nullable(String)',
  systemPrompt: 'Nullable(String)',
  prompt: 'Nullable(String)',
  completion: 'Nullable(String)',
  request: 'Nullable(String)',
  response: 'Nullable(String)',
  metadata: 'Nullable(String)',
}

/** Slot starts ClickHouse's primary index can reason about (`toStartOfInterval` it cannot), by slot length in seconds. */
const SLOT_STARTS: Readonly<Record<number, string>> = {
  60: 'toStartOfMinute',
  300: 'toStartOfFiveMinutes',
  600: 'toStartOfTenMinutes',
  900: 'toStartOfFifteenMinutes',
  3600: 'toStartOfHour',
  86400: 'toStartOfDay',
}

export const clickhouse: SqlDialect = {
  name: 'clickhouse',
  acceptsNul: true,
  placeholder: (position, type) => `{p${position}:${PLACEHOLDER_TYPES[type]}}`,
  statementParams: (bound) => Object.fromEntries(bound.map(({ value }, index) => [`p${index + 1}`, value])),
  statement: (sql) => `${sql}\nSETTINGS join_use_nulls = 1, enable_materialized_cte = 1`,
  // Computed once and kept: an inlined CTE is recomputed at each reference. (A materialized CTE
  // cannot be read through a qualified `name.*`; the builders name its columns.)
  reusedCte: (name) => `${name} AS MATERIALIZED`,
  breakdownCells: true,
  latestFromGroups: true,

  instant: (placeholder) => `parseDateTime64BestEffort(${placeholder}, 6, 'UTC')`,
  // Limits, offsets and ranks: unsigned, as row_number() is (Int64 and UInt64 have no common type).
  integer: (placeholder) => `toUInt64(${placeholder})`,
  epochMicros: (timestamp) => `toString(toUnixTimestamp64Micro(toDateTime64(${timestamp}, 6)))`,
  // A decimal is cast as it is; a float goes through text, so it becomes its shortest decimal as
  // JavaScript prints it (0.29, not 0.289999999). The branch is chosen from the column's type
  // when the statement is analysed (a constant condition), so a Decimal column never pays the text.
  money: (column) =>
    `if(match(toTypeName(${column}), '^(Nullable\\()?Decimal'), toDecimal128(${column}, 9), toDecimal128(toString(${column}), 9))`,
  text: (expression) => `toString(${expression})`,
  binary: (expression) => expression,
  nullText: 'CAST(NULL AS Nullable(String))',
  float: (expression) => `toFloat64(${expression})`,
  instantAs,
  wallMicros: (timestamp) => `toUnixTimestamp64Micro(toDateTime64(${timestamp}, 6, 'UTC'))`,
  epochNumberMicros: (value, scale) => `toInt64(round(toDecimal128(${value}, 6) * ${1_000_000 / scale}))`,
  millisBetween: (from, to) => `toFloat64(dateDiff('microsecond', ${from}, ${to})) / 1000`,
  integerFromText: (text) => `toInt64OrNull(${text})`,
  numberFromText: (text) => `toDecimal128OrNull(${text}, 9)`,
  isTrue: (column) => `if(${column}, 1, 0)`,
  // A long list is one bound JSON array: ClickHouse parses statements of at most max_query_size
  // (256 KiB by default), and ten thousand placeholders exceed it.
  bindTextList: (values, params) =>
    values.length <= LONG_LIST ? params.list(values) : [`JSONExtract(${params.add(JSON.stringify(values))}, 'Array(String)')`],
  inList: (expression, list) => (isArray(list) ? `${expression} IN (SELECT arrayJoin(${list[0]}))` : `${expression} IN (${list.join(', ')})`),
  contains: (text, needle) => `position(lowerUTF8(coalesce(${text}, '')), ${needle}) > 0`,

  // Nearest rank without sorting: quantileExact selects (nth_element) the value at 0-based index
  // ⌊level·n⌋. At level 0.95 that is ⌈0.95·n⌉ − 1 except where 0.95·n is whole (n = 20: the 20th
  // value, not the 19th). Just below 0.95 it is ⌈0.95·n⌉ − 1 for every n below 5·10¹⁰: the fraction
  // of 0.95·n is 0 or at least 0.05, and 10⁻¹²·n stays under it. 3–4× faster than sorting every
  // latency of the range (groupArray + arraySort); p95NearestRank.test.ts checks the sizes around whole multiples.
  p95: (column) => `if(count(${column}) = 0, NULL, quantileExact(0.949999999999)(${column}))`,
  bucketIndex: (timestamp, edges, type) =>
    // An instant column: the lookup. Wall-clock and epoch-number columns keep the CASE tree.
    (type === 'timestamptz' ? bucketLookup(timestamp, edges.ms) : null) ??
    bucketCaseTree(timestamp, edges, (placeholder) => instantAs(placeholder, type)),

  tags: (column) => column,
  tagsOverlap: (tags, list) => `hasAny(${tags}, ${isArray(list) ? list[0] : `[${list.join(', ')}]`})`,
  tagsContain: (tags, needle) => `arrayExists(tag -> position(lowerUTF8(tag), ${needle}) > 0, ${tags})`,
  tagsOrNone: (tags, none) => `if(empty(${tags}), [${none}], ${tags})`,
  eachTag: (tags) => `arrayJoin(${tags})`,
  emptyTags: 'emptyArrayString()',
  tagsFromJson: (column) => `JSONExtract(ifNull(${column}, ''), 'Array(String)')`,
  tagsFromText: (column, separator) => `splitByString(${literal(separator)}, ifNull(${column}, ''))`,
  withoutEmptyTags: (tags) => `arrayFilter(tag -> ifNull(tag, '') != '', ${tags})`,

  // No ordered aggregate: collect (value, sort keys) pairs and sort them.
  jsonArray: (expression, orderBy) => {
    const { keys, values } = sortKeys(orderBy, (index) => `x.2.${index + 1}`)
    return `toJSONString(arrayMap(x -> x.1, arraySort(x -> tuple(${keys.join(', ')}), groupArray(tuple(${expression}, tuple(${values.join(', ')}))))))`
  },
  tuple: (expressions) => `[${expressions.map((expression) => `toString(${expression})`).join(', ')}]`,
  json: (expression) => `toJSONString(${expression})`,
  // Strings unquoted, other values as their JSON text; absent and JSON null are NULL.
  // Read as text: the JSONExtract functions take String, and a JSON-typed column's text is its document.
  jsonText: (json, path) => {
    const keys = jsonKeys(path)
    const column = `toString(${json})`
    return (
      `if(JSONType(${column}, ${keys}) = 'String', JSONExtractString(${column}, ${keys}), ` +
      `if(JSONHas(${column}, ${keys}) AND JSONType(${column}, ${keys}) != 'Null', JSONExtractRaw(${column}, ${keys}), NULL))`
    )
  },
  jsonValue: (json, path) => {
    const keys = jsonKeys(path)
    const column = `toString(${json})`
    return `if(JSONHas(${column}, ${keys}), JSONExtractRaw(${column}, ${keys}), NULL)`
  },

  // No LATERAL. First the newest timestamp of each key, reading only the key and timestamp columns
  // (with a rollup's hint, only the slots where keys were last seen: the function of the sorting
  // key lets the primary index skip the rest); then the rows of those (key, timestamp) pairs, which
  // the sorting key (ts, id) finds in a few granules, and argMax over (timestamp, id) among them.
  // Reading every label column of the range cost seconds at 10M rows; the id column as well, 2 s at 100M.
  // When the answer's grouping pass kept each key's newest timestamp (`latestTimes`), no scan of
  // its own at all.
  latestRow: ({ table, alias, key, timestamp, id, counted, fields, latestSlots, latestTimes }) => {
    const entries = Object.entries(fields('x'))
    const values = entries.map(([, value]) => value).join(', ')
    const unpacked = entries.map(([name], index) => `tupleElement(v, ${index + 1}) AS ${name}`).join(', ')
    const slotStart = latestSlots ? SLOT_STARTS[latestSlots.seconds] : undefined
    const inSlots = latestSlots && slotStart ? ` AND ${slotStart}(${timestamp('y')}, 'UTC') IN (${latestSlots.statement})` : ''
    const newest =
      latestTimes ??
      `SELECT ${key('y')} AS g, max(${timestamp('y')}) AS t FROM ${table} y ` +
      `WHERE ${key('y')} IN (SELECT g FROM keys) AND ${counted('y')}${inSlots} GROUP BY g`
    return {
      join:
        `LEFT JOIN (SELECT g, ${unpacked} FROM (SELECT ${key('x')} AS g, argMax(tuple(${values}), tuple(${timestamp('x')}, ${id('x')})) AS v ` +
        `FROM ${table} x WHERE (${key('x')}, ${timestamp('x')}) IN (${newest}) AND ${counted('x')} GROUP BY g)) ` +
        `${alias} ON ${alias}.g = k.g`,
      field: (name) => `${alias}.${name}`,
    }
  },
  hostRow: ({ table, key, alias, values, order }) => {
    const entries = Object.entries(values)
    const unpacked = entries.map(([name], index) => `tupleElement(v, ${index + 1}) AS ${name}`).join(', ')
    return {
      join:
        `LEFT JOIN (SELECT g, ${unpacked} FROM (SELECT h.${key} AS g, argMin(tuple(${entries.map(([, value]) => value).join(', ')}), ${order}) AS v ` +
        `FROM ${table} h WHERE h.${key} IN (SELECT g FROM keys) GROUP BY g)) ${alias} ON ${alias}.g = k.g`,
      field: (name) => `${alias}.${name}`,
    }
  },
  apiKeyPrefix: (key) => `extract(${key}, '^[A-Za-z]+[-_]')`,

  // system.columns by name; an unqualified name is looked up in the current database.
  describeTable: (_quotedTable, parts, params) => {
    const [table, database] = [...parts].reverse()
    const where = `table = ${params.add(table!)} AND database = ${database === undefined ? 'currentDatabase()' : params.add(database)}`
    return `SELECT name, type, database AS table_schema, table AS table_name FROM system.columns WHERE ${where} ORDER BY position`
  },

  columnKind,

  // Slots are whole seconds: DateTime, not DateTime64, halves the slot column.
  rollupSlot: (timestamp, seconds) => `toDateTime(intDiv(toUnixTimestamp(${timestamp}), ${seconds}) * ${seconds}, 'UTC')`,
  rollupTypes: { slot: "DateTime('UTC')", key: 'LowCardinality(String)', count: 'UInt64', tokens: 'Int64', money: 'Decimal(38, 9)', latency: 'Float64' },
  // Exact sets (not `uniq`'s estimate): active users must equal the raw table's count.
  userSets: {
    type: 'AggregateFunction(uniqExact, String)',
    state: (userId) => `uniqExactStateIf(${userId}, ${userId} != '')`,
    merge: (column) => `uniqExactMerge(${column})`,
  },
  // The view adds each insert block's sums; background merges add rows of one key together
  // (SummingMergeTree, or AggregatingMergeTree when it keeps user sets). Rows not yet merged are
  // summed again by every query, so an answer never depends on when merges ran.
  rollupKeeper: {
    tableOptions: (keys, slot, aggregating) =>
      `ENGINE = ${aggregating ? 'AggregatingMergeTree' : 'SummingMergeTree'} PARTITION BY toYYYYMM(${slot}) ORDER BY (${keys.join(', ')})`,
    sumType: (type) => `SimpleAggregateFunction(sum, ${type})`,
    view: (view, table, select) => `CREATE MATERIALIZED VIEW IF NOT EXISTS ${view} TO ${table} AS\n${select}`,
  },

  referenceColumnTypes: REFERENCE_COLUMN_TYPES,
  // Monthly parts, rows sorted by (ts, id): range scans read only the granules of the range.
  referenceTableOptions: 'ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (ts, id)',
  referenceIndexes: () => [],
  // The batch is one bound JSONEachRow text: ClickHouse's format parser reads it, no placeholder a value.
  referenceBatch: (placeholder, columns) =>
    `format(JSONEachRow, ${literal(columns.map((column) => `${column} Nullable(String)`).join(', '))}, ${placeholder})`,
  referenceValue: (field, placeholder) => {
    switch (field) {
      case 'timestamp':
        return `parseDateTime64BestEffort(${placeholder}, 6, 'UTC')`
      case 'tags':
        return `JSONExtract(ifNull(${placeholder}, '[]'), 'Array(String)')`
      case 'cost':
        return `toDecimal128(${placeholder}, 9)`
      case 'inputTokens':
      case 'cachedInputTokens':
      case 'outputTokens':
        return `toInt64(${placeholder})`
      case 'retries':
        return `toInt32(${placeholder})`
      case 'cacheHit':
        return `toBool(${placeholder})`
      case 'latencyMs':
      case 'ttftMs':
      case 'overheadMs':
        return `toFloat64(${placeholder})`
      default:
        return placeholder
    }
  },
}
