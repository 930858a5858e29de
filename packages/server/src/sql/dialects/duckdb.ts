import { columnKind } from '../sqlCatalog'
import type { SqlField } from '../sqlColumns'
import { bucketCaseTree } from './bucketCaseTree'
import type { InstantSqlType, SqlDialect } from './sqlDialect'
import { literal } from './sqlLiteral'

// DuckDB (`@duckdb/node-api`): `$n` placeholders, CAST, lists and structs, aggregate-join lookups.

const TYPES: Record<InstantSqlType, string> = { timestamptz: 'TIMESTAMPTZ', timestamp: 'TIMESTAMP', bigint: 'BIGINT', double: 'DOUBLE' }

/** A JSONPath of keys. */
function jsonPath(path: readonly string[]): string {
  return literal(`$${path.map((key) => `."${key}"`).join('')}`)
}

/** `name := value, …` for struct_pack. */
function structFields(values: Record<string, string>): string {
  return Object.entries(values).map(([name, value]) => `${name} := ${value}`).join(', ')
}

const REFERENCE_COLUMN_TYPES: Record<SqlField, string> = {
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
}

export const duckdb: SqlDialect = {
  name: 'duckdb',
  statement: (sql) => sql,
  reusedCte: (name) => `${name} AS`,
  breakdownCells: false,
  latestFromGroups: false,
  acceptsNul: true,
  placeholder: (position) => `$${position}`,
  statementParams: (bound) => bound.map(({ value }) => value),

  instant: (placeholder) => `CAST(${placeholder} AS TIMESTAMPTZ)`,
  integer: (placeholder) => `CAST(${placeholder} AS BIGINT)`,
  epochMicros: (timestamp) => `CAST(epoch_us(${timestamp}) AS VARCHAR)`,
  money: (column) => `CAST(${column} AS DECIMAL(38, 9))`,
  text: (expression) => `CAST(${expression} AS VARCHAR)`,
  binary: (expression) => expression,
  nullText: 'CAST(NULL AS VARCHAR)',
  float: (expression) => `CAST(${expression} AS DOUBLE)`,
  instantAs: (placeholder, type) => `CAST(${placeholder} AS ${TYPES[type]})`,
  wallMicros: (timestamp) => `epoch_us(${timestamp})`,
  epochNumberMicros: (value, scale) => `CAST(round(CAST(${value} AS DECIMAL(38, 6)) * ${1_000_000 / scale}) AS BIGINT)`,
  millisBetween: (from, to) => `CAST(date_diff('microsecond', ${from}, ${to}) AS DOUBLE) / 1000`,
  integerFromText: (text) => `TRY_CAST(${text} AS BIGINT)`,
  numberFromText: (text) => `TRY_CAST(${text} AS DECIMAL(38, 9))`,
  isTrue: (column) => `CASE WHEN ${column} THEN 1 ELSE 0 END`,
  bindTextList: (values, params) => params.list(values),
  inList: (expression, list) => `${expression} IN (${list.join(', ')})`,
  contains: (text, needle) => `strpos(lower(coalesce(${text}, '')), ${needle}) > 0`,

  // DuckDB's quantile_disc takes ⌊(n−1)·p⌋; the contract's nearest rank is ⌈p·n⌉ in double precision.
  p95: (column) => `list_sort(list(${column}))[CAST(ceil(CAST(0.95 AS DOUBLE) * count(${column})) AS BIGINT)]`,
  // No width_bucket over an array: a balanced CASE tree.
  bucketIndex: (timestamp, edges, type) => bucketCaseTree(timestamp, edges, (placeholder) => `CAST(${placeholder} AS ${TYPES[type]})`),

  tags: (column) => `coalesce(${column}, CAST([] AS VARCHAR[]))`,
  tagsOverlap: (tags, values) => `list_has_any(${tags}, CAST([${values.join(', ')}] AS VARCHAR[]))`,
  tagsContain: (tags, needle) => `len(list_filter(${tags}, tag -> strpos(lower(tag), ${needle}) > 0)) > 0`,
  tagsOrNone: (tags, none) => `CASE WHEN len(${tags}) = 0 THEN CAST([${none}] AS VARCHAR[]) ELSE ${tags} END`,
  eachTag: (tags) => `unnest(${tags})`,
  emptyTags: 'CAST([] AS VARCHAR[])',
  tagsFromJson: (column) => `coalesce(TRY_CAST(json_extract_string(${column}, '$[*]') AS VARCHAR[]), CAST([] AS VARCHAR[]))`,
  tagsFromText: (column, separator) => `coalesce(string_split(${column}, ${literal(separator)}), CAST([] AS VARCHAR[]))`,
  withoutEmptyTags: (tags) => `list_filter(${tags}, tag -> tag IS NOT NULL AND tag <> '')`,

  jsonArray: (expression, orderBy) => `CAST(to_json(list(${expression} ORDER BY ${orderBy})) AS VARCHAR)`,
  tuple: (expressions) => `list_value(${expressions.map((expression) => `CAST(${expression} AS VARCHAR)`).join(', ')})`,
  json: (expression) => `CAST(to_json(${expression}) AS VARCHAR)`,
  jsonText: (column, path) => `json_extract_string(${column}, ${jsonPath(path)})`,
  jsonValue: (column, path) => `json_extract(${column}, ${jsonPath(path)})`,

  // Each key's latest timestamp, then the largest id at it, then that row: three plain aggregations
  // and joins over the range, several times cheaper than one arg_max over (timestamp, id) structs.
  latestRow: ({ table, alias, key, timestamp, id, counted, fields }) => {
    const latestTs =
      `SELECT ${key('x')} AS g, max(${timestamp('x')}) AS t FROM ${table} x ` +
      `WHERE ${key('x')} IN (SELECT g FROM keys) AND ${counted('x')} GROUP BY ${key('x')}`
    const latestId =
      `SELECT lt.g, lt.t, max(${id('x')}) AS i FROM (${latestTs}) lt JOIN ${table} x ON ${key('x')} = lt.g AND ${timestamp('x')} = lt.t ` +
      `WHERE ${counted('x')} GROUP BY lt.g, lt.t`
    return {
      join:
        // any_value: one row per key even where a view repeats an id.
        `LEFT JOIN (SELECT li.g AS g, any_value(struct_pack(${structFields(fields('y'))})) AS v FROM (${latestId}) li ` +
        `JOIN ${table} y ON ${key('y')} = li.g AND ${timestamp('y')} = li.t AND ${id('y')} = li.i WHERE ${counted('y')} GROUP BY li.g) ${alias} ON ${alias}.g = k.g`,
      field: (name) => `${alias}.v.${name}`,
    }
  },
  hostRow: ({ table, key, alias, values, order }) => ({
    join:
      `LEFT JOIN (SELECT h.${key} AS g, arg_min(struct_pack(${structFields(values)}), struct_pack(l := ${order})) AS v ` +
      `FROM ${table} h WHERE h.${key} IN (SELECT g FROM keys) GROUP BY h.${key}) ${alias} ON ${alias}.g = k.g`,
    field: (name) => `${alias}.v.${name}`,
  }),
  apiKeyPrefix: (key) => `regexp_extract(${key}, '^[A-Za-z]+[-_]')`,

  // information_schema by name parts; an unqualified name is looked up in the current schema.
  describeTable: (_quotedTable, parts, params) => {
    const [table, schema, catalog] = [...parts].reverse()
    const clauses = [`table_name = ${params.add(table!)}`, schema === undefined ? 'table_schema = current_schema()' : `table_schema = ${params.add(schema)}`]
    if (catalog !== undefined) clauses.push(`table_catalog = ${params.add(catalog)}`)
    return `SELECT column_name AS name, data_type AS type, table_schema, table_name FROM information_schema.columns WHERE ${clauses.join(' AND ')} ORDER BY ordinal_position`
  },

  columnKind,

  referenceColumnTypes: REFERENCE_COLUMN_TYPES,
  rollupSlot: (timestamp, seconds) => `to_timestamp(floor(epoch(${timestamp}) / ${seconds}) * ${seconds})`,
  rollupTypes: { slot: 'TIMESTAMPTZ NOT NULL', key: 'VARCHAR NOT NULL', count: 'BIGINT NOT NULL', tokens: 'BIGINT NOT NULL', money: 'DECIMAL(38, 9) NOT NULL', latency: 'DOUBLE NOT NULL' },
  userSets: null,
  rollupKeeper: null,
  referenceTableOptions: '',
  referenceBatch: null,
  // No secondary index: rows loaded in time order keep per-block min/max (zone maps) on ts.
  referenceIndexes: () => [],
  referenceValue: (field, placeholder) => {
    switch (field) {
      case 'timestamp':
        return `CAST(${placeholder} AS TIMESTAMPTZ)`
      case 'tags':
        return `CAST(json(${placeholder}) AS VARCHAR[])`
      case 'cost':
        return `CAST(${placeholder} AS DECIMAL(38, 9))`
      case 'costBreakdown':
      case 'request':
      case 'response':
      case 'metadata':
        return `CAST(${placeholder} AS JSON)`
      case 'inputTokens':
      case 'cachedInputTokens':
      case 'outputTokens':
        return `CAST(${placeholder} AS BIGINT)`
      case 'retries':
        return `CAST(${placeholder} AS INTEGER)`
      case 'cacheHit':
        return `CAST(${placeholder} AS BOOLEAN)`
      case 'latencyMs':
      case 'ttftMs':
      case 'overheadMs':
        return `CAST(${placeholder} AS DOUBLE)`
      default:
        return `CAST(${placeholder} AS VARCHAR)`
    }
  },
}
