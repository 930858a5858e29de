import { quoteIdentifier } from '../sqlColumns'
import { columnKind } from '../sqlCatalog'
import type { SqlField } from '../sqlColumns'
import type { InstantSqlType, SqlDialect } from './sqlDialect'
import { literal } from './sqlLiteral'

// PostgreSQL (a server through `pg` or postgres.js, or PGlite): `$n` placeholders, `::` casts, LATERAL lookups.

/** Binary (code point) order whatever the database's collation. */
const binary = (expression: string) => `${expression} COLLATE "C"`

const TYPES: Record<InstantSqlType, string> = { timestamptz: 'timestamptz', timestamp: 'timestamp', bigint: 'bigint', double: 'float8' }

/** A text[] literal of JSON keys (checked: no quotes or backslashes). */
function jsonPath(path: readonly string[]): string {
  return literal(`{${path.map((key) => `"${key}"`).join(',')}}`)
}

/** What each index serves (the comments travel with the DDL into docs and migrations). */
const INDEXES: [suffix: string, definition: string, why: string][] = [
  ['ts_id', '(ts, id)', 'every range scan; keyset pages of the request log'],
  ['user_ts', '(user_id, ts DESC, id DESC)', 'user filters; the latest name, email and team of a user'],
  ['team_ts', '(team, ts)', 'team filters (a team lead’s scoped page)'],
  ['api_key_ts', '(api_key, ts DESC, id DESC)', 'API key filters; the latest name of a key'],
  ['tags', 'USING gin (tags)', 'tag filters'],
]

const REFERENCE_COLUMN_TYPES: Record<SqlField, string> = {
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
}

export const postgres: SqlDialect = {
  name: 'postgres',
  statement: (sql) => sql,
  reusedCte: (name) => `${name} AS`,
  breakdownCells: false,
  latestFromGroups: false,
  acceptsNul: false,
  placeholder: (position) => `$${position}`,
  statementParams: (bound) => bound.map(({ value }) => value),

  instant: (placeholder) => `${placeholder}::timestamptz`,
  integer: (placeholder) => `${placeholder}::bigint`,
  epochMicros: (timestamp) => `(extract(epoch from ${timestamp}) * 1000000)::bigint::text`,
  money: (column) => `round(${column}::numeric, 9)`,
  text: (expression) => `(${expression})::text`,
  binary,
  nullText: 'NULL::text',
  float: (expression) => `(${expression})::float8`,
  instantAs: (placeholder, type) => `${placeholder}::${TYPES[type]}`,
  wallMicros: (timestamp) => `(extract(epoch from ${timestamp}) * 1000000)::bigint`,
  epochNumberMicros: (value, scale) => `round(${value}::numeric * ${1_000_000 / scale})::bigint`,
  millisBetween: (from, to) => `(extract(epoch from (${to} - ${from})) * 1000)::float8`,
  integerFromText: (text) => `CASE WHEN ${text} ~ '^-?[0-9]{1,18}$' THEN (${text})::bigint END`,
  numberFromText: (text) => `CASE WHEN ${text} ~ '^-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$' THEN (${text})::numeric END`,
  isTrue: (column) => `CASE WHEN ${column} THEN 1 ELSE 0 END`,
  bindTextList: (values, params) => params.list(values),
  inList: (expression, list) => `${expression} IN (${list.join(', ')})`,
  contains: (text, needle) => `strpos(lower(coalesce(${text}, '')), ${needle}) > 0`,

  // percentile_disc picks the first value whose position reaches ⌈p·n⌉ (computed in float8, as JavaScript does).
  p95: (column) => `percentile_disc(0.95) WITHIN GROUP (ORDER BY ${column})`,
  // width_bucket over the edges: 1 for [e0, e1), …; the range filter keeps every row inside.
  bucketIndex: (timestamp, edges, type) => {
    const placeholders = Array.from({ length: edges.count }, (_, index) => edges.bind(index))
    return `(width_bucket(${timestamp}, ARRAY[${placeholders.join(', ')}]::${TYPES[type]}[]) - 1)`
  },

  tags: (column) => `coalesce(${column}, '{}'::text[])`,
  tagsOverlap: (tags, values) => `${tags} && ARRAY[${values.join(', ')}]::text[]`,
  tagsContain: (tags, needle) => `EXISTS (SELECT 1 FROM unnest(${tags}) AS tag_value(tag) WHERE strpos(lower(tag_value.tag), ${needle}) > 0)`,
  tagsOrNone: (tags, none) => `CASE WHEN cardinality(${tags}) = 0 THEN ARRAY[${none}]::text[] ELSE ${tags} END`,
  eachTag: (tags) => `unnest(${tags})`,
  emptyTags: `'{}'::text[]`,
  tagsFromJson: (column) =>
    `CASE WHEN jsonb_typeof((${column})::jsonb) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text((${column})::jsonb)) ELSE '{}'::text[] END`,
  tagsFromText: (column, separator) => `coalesce(string_to_array(${column}, ${literal(separator)}), '{}'::text[])`,
  withoutEmptyTags: (tags) => `array_remove(array_remove(${tags}, ''), NULL)`,

  jsonArray: (expression, orderBy) => `json_agg(${expression} ORDER BY ${orderBy})::text`,
  tuple: (expressions) => `json_build_array(${expressions.map((expression) => `(${expression})::text`).join(', ')})`,
  json: (expression) => `to_json(${expression})::text`,
  jsonText: (column, path) => `(${column} #>> ${jsonPath(path)})`,
  jsonValue: (column, path) => `(${column} #> ${jsonPath(path)})`,

  // An index probe per key: LATERAL … LIMIT 1 walks the reference `(user_id, ts DESC, id DESC)`
  // index from the range's end and stops at the first row the filters pass.
  latestRow: ({ table, alias, key, timestamp, id, counted, fields }) => {
    const select = Object.entries(fields('x')).map(([name, value]) => `${value} AS ${name}`).join(', ')
    return {
      join:
        `LEFT JOIN LATERAL (SELECT ${select} FROM ${table} x WHERE ${key('x')} = k.g AND ${counted('x')} ` +
        `ORDER BY ${timestamp('x')} DESC, ${binary(id('x'))} DESC LIMIT 1) ${alias} ON true`,
      field: (name) => `${alias}.${name}`,
    }
  },
  hostRow: ({ table, key, alias, values, order }) => {
    const select = Object.entries(values).map(([name, value]) => `${value} AS ${name}`).join(', ')
    return {
      join: `LEFT JOIN LATERAL (SELECT ${select} FROM ${table} h WHERE h.${key} = k.g ORDER BY ${binary(order)} LIMIT 1) ${alias} ON true`,
      field: (name) => `${alias}.${name}`,
    }
  },
  apiKeyPrefix: (key) => `coalesce(substring(${key} from '^[A-Za-z]+[-_]'), '')`,

  // to_regclass resolves the quoted name exactly as a query would (search_path included); a view works too.
  describeTable: (quotedTable, _parts, params) =>
    'SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, n.nspname AS table_schema, c.relname AS table_name, ' +
    "has_table_privilege(c.oid, 'SELECT') AS readable " +
    'FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace ' +
    `WHERE a.attrelid = to_regclass(${params.add(quotedTable)}) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,

  columnKind,

  referenceColumnTypes: REFERENCE_COLUMN_TYPES,
  rollupSlot: (timestamp, seconds) => `to_timestamp(floor(extract(epoch FROM ${timestamp}) / ${seconds}) * ${seconds})`,
  rollupTypes: { slot: 'timestamptz NOT NULL', key: 'text NOT NULL', count: 'bigint NOT NULL', tokens: 'bigint NOT NULL', money: 'numeric(38, 9) NOT NULL', latency: 'double precision NOT NULL' },
  userSets: null,
  rollupKeeper: null,
  referenceTableOptions: '',
  referenceBatch: null,
  referenceIndexes: (quotedTable, baseName) =>
    INDEXES.map(([suffix, definition, why]) => `-- ${why}\nCREATE INDEX IF NOT EXISTS ${quoteIdentifier(`${baseName}_${suffix}`)} ON ${quotedTable} ${definition}`),
  referenceValue: (field, placeholder) => {
    switch (field) {
      case 'timestamp':
        return `${placeholder}::timestamptz`
      case 'tags':
        return `ARRAY(SELECT json_array_elements_text(${placeholder}::json))`
      case 'cost':
        return `${placeholder}::numeric`
      case 'costBreakdown':
      case 'request':
      case 'response':
      case 'metadata':
        return `${placeholder}::jsonb`
      case 'inputTokens':
      case 'cachedInputTokens':
      case 'outputTokens':
        return `${placeholder}::bigint`
      case 'retries':
        return `${placeholder}::integer`
      case 'cacheHit':
        return `${placeholder}::boolean`
      case 'latencyMs':
      case 'ttftMs':
      case 'overheadMs':
        return `${placeholder}::float8`
      default:
        return `${placeholder}::text`
    }
  },
}
