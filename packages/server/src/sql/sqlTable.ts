import { type Dimension, type Filters, NONE_KEY } from '@usagekit/core'
import type { ResolvedColumns, ResolvedDuration, ResolvedRef, ResolvedSource, SqlField } from './sqlColumns'
import { quoteIdentifier } from './sqlColumns'
import type { InstantSqlType, SqlDialect } from './dialects/sqlDialect'
import { literal } from './dialects/sqlLiteral'
import type { SqlParameters, SqlValue, SqlValueType } from './sqlParameters'
import type { RollupSums } from './sqlRollup'

/** Where rows come from: the range and the filters, as bound parameters. */
export interface SqlScope {
  /** ISO instants, start inclusive, end exclusive. */
  start: string
  end: string
  filters?: Filters
  /** A dimension whose filter is ignored (a filter menu lists every value of its own dimension). */
  exclude?: Dimension
}

/** The record field of each single-valued dimension's key. */
const DIMENSION_FIELDS: Record<Exclude<Dimension, 'tag' | 'user' | 'consumer' | 'status'>, SqlField> = {
  team: 'team',
  model: 'model',
  provider: 'provider',
  apiKey: 'apiKey',
  application: 'application',
  agent: 'agent',
  customer: 'customer',
}

/**
 * The host's table seen through the column mapping: column references, dimension keys and
 * WHERE clauses. Rows are aliased `r`.
 */
export class SqlTable {
  /**
   * Placeholders already bound per statement: the label lookup re-reads the answer's own rows with
   * the same range and filters, and reuses their placeholders instead of binding every value again.
   */
  private readonly bound = new WeakMap<SqlParameters, Map<string, string[]>>()

  constructor(
    readonly dialect: SqlDialect,
    readonly name: string,
    readonly columns: ResolvedColumns,
    /** For a rollup: its sum columns (rows stand for many requests). */
    readonly sums?: RollupSums,
    /** For a rollup: the length of its time slots, in ms. */
    readonly slotMs?: number,
    /** For a rollup: its column of distinct-user sets, if it keeps them. */
    readonly users?: string,
  ) {}

  /** The number of requests in a group of base rows. */
  get countSql(): string {
    return this.sums ? 'coalesce(sum(n), 0)' : 'count(*)'
  }

  has(field: SqlField): boolean {
    return this.columns[field] !== null
  }

  private ref(column: string, alias: string): string {
    return `${alias}.${quoteIdentifier(column)}`
  }

  /** A source's value as text, empty read as no value, falling back to `orElse`. */
  private text(source: ResolvedSource, alias: string): string {
    if ('from' in source) return this.dialect.text(this.duration(source, alias))
    const column = this.ref(source.column, alias)
    const value = source.path
      ? this.dialect.jsonText(column, source.path)
      : source.kind === undefined || source.kind === 'text'
        ? column
        : this.dialect.text(column)
    const own = `nullif(${value}, '')`
    return source.orElse ? `coalesce(${own}, ${this.text(source.orElse, alias)})` : own
  }

  /** A source's value as a number (JSON values that are not numbers read as NULL). */
  private number(source: ResolvedSource, alias: string, integer: boolean): string {
    if ('from' in source) return this.duration(source, alias)
    const column = this.ref(source.column, alias)
    const value = source.path
      ? integer
        ? this.dialect.integerFromText(this.dialect.jsonText(column, source.path))
        : this.dialect.numberFromText(this.dialect.jsonText(column, source.path))
      : column
    return source.orElse ? `coalesce(${value}, ${this.number(source.orElse, alias, integer)})` : value
  }

  private duration(source: ResolvedDuration, alias: string): string {
    return this.dialect.millisBetween(this.ref(source.from, alias), this.ref(source.to, alias))
  }

  /**
   * A field's value on alias `alias`, or a typed NULL where the table has none: text (empty is
   * NULL), numbers, money's raw number, JSON, the timestamp column itself, the tag array,
   * `'success'`/`'error'` for status, 1/0/NULL for a yes/no field.
   */
  column(field: SqlField, alias = 'r'): string {
    const spec = this.columns[field]
    if (spec === null) return field === 'tags' ? this.dialect.emptyTags : this.dialect.nullText
    const source = spec.source
    switch (spec.family) {
      case 'timestamp':
        return this.ref((source as ResolvedRef).column, alias)
      case 'tags': {
        const column = this.ref((source as ResolvedRef).column, alias)
        const tags = spec.tags!
        const list =
          tags.type === 'json'
            ? this.dialect.tagsFromJson(column)
            : tags.type === 'delimited'
              ? this.dialect.tagsFromText(column, tags.separator)
              : this.dialect.tags(column)
        // Empty means none: an empty tag is no tag (a request tagged only '' is untagged).
        return this.dialect.withoutEmptyTags(list)
      }
      case 'integer':
        return this.number(source, alias, true)
      case 'duration':
      case 'money':
        return this.number(source, alias, false)
      case 'json': {
        if ('from' in source) return this.dialect.nullText
        const column = this.ref(source.column, alias)
        return source.path ? this.dialect.jsonValue(column, source.path) : column
      }
      case 'status':
        return `CASE WHEN ${this.succeeded(alias)} THEN 'success' ELSE 'error' END`
      case 'boolean': {
        if (!('from' in source) && !source.path && !source.orElse && source.kind === 'boolean') {
          const column = this.ref(source.column, alias)
          return `CASE WHEN ${column} IS NULL THEN NULL WHEN ${column} THEN 1 ELSE 0 END`
        }
        const value = this.text(source, alias)
        return `CASE WHEN ${value} IS NULL THEN NULL WHEN ${value} IN (${spec.trueValues!.map(literal).join(', ')}) THEN 1 ELSE 0 END`
      }
      default:
        // The id is a key, never empty: compared as it is, so the (ts, id) keyset uses its index.
        return (field === 'id' ? this.plainText(field, alias) : null) ?? this.text(source, alias)
    }
  }

  /**
   * Whether a row succeeded, as a condition (never NULL): its status value is one of the success
   * words (or not one of the error words); no value at all is the spec's `missing`. A plain column
   * is tested as it is, one comparison a row.
   */
  succeeded(alias = 'r'): string {
    const spec = this.columns.status!
    const status = spec.status!
    const plain = this.plainText('status', alias)
    const value = plain ?? this.text(spec.source, alias)
    const missing = plain ? `(${plain} IS NULL OR ${plain} = '')` : `${value} IS NULL`
    const matches = status.successValues
      ? `${value} IN (${status.successValues.map(literal).join(', ')})`
      : `${value} NOT IN (${status.errorValues!.map(literal).join(', ')})`
    return status.missing === 'success' ? `(${missing} OR ${matches})` : `(NOT ${missing} AND ${matches})`
  }

  /**
   * The plain column behind a text field, when it is one (no JSON path, no fallback, stored as
   * text): filters compare it directly so its index is used.
   */
  private plainText(field: SqlField, alias: string): string | null {
    const spec = this.columns[field]
    if (!spec || (spec.family !== 'text' && spec.family !== 'status')) return null
    const source = spec.source
    if ('from' in source || source.path || source.orElse || (source.kind !== undefined && source.kind !== 'text')) return null
    return this.ref(source.column, alias)
  }

  /** The key of a single-valued dimension on a row; NULL when the row has none (empty is none). */
  key(dimension: Exclude<Dimension, 'tag'>, alias = 'r'): string {
    switch (dimension) {
      case 'user':
        return this.column('userId', alias)
      case 'consumer':
        return this.has('agent') ? `coalesce(${this.column('agent', alias)}, ${this.column('userId', alias)})` : this.column('userId', alias)
      case 'status':
        return this.column('status', alias)
      default:
        return this.column(DIMENSION_FIELDS[dimension], alias)
    }
  }

  /**
   * An expression equal to the key for every row that has one, for lookups by a known key (never
   * `__none__`): the plain column where there is one, so its index serves the lookup.
   */
  lookupKey(dimension: Exclude<Dimension, 'tag' | 'consumer' | 'status'>, alias = 'r'): string {
    const field = dimension === 'user' ? 'userId' : DIMENSION_FIELDS[dimension]
    return this.plainText(field, alias) ?? this.key(dimension, alias)
  }

  /** The tags of a row as an array (never NULL, no empty tags). */
  tags(alias = 'r'): string {
    return this.column('tags', alias)
  }

  /** How bound instants compare with the timestamp column. */
  private get instantType(): InstantSqlType {
    const time = this.columns.timestamp!.time
    const integral = (this.columns.timestamp!.source as ResolvedRef).kind === 'integer'
    switch (time?.type ?? 'timestamptz') {
      case 'timestamp':
        return 'timestamp'
      case 'epochSeconds':
      case 'epochMillis':
        return integral ? 'bigint' : 'double'
      default:
        return 'timestamptz'
    }
  }

  /**
   * An ISO instant as the value the timestamp column is compared with: the instant itself, its wall
   * clock in the column's fixed zone, or seconds/milliseconds since the epoch. Whole-number epoch
   * columns take the next whole number up: for integers `x >= 1.5` is `x >= 2` and `x < 1.5` is `x < 2`.
   */
  private instantValue(iso: string): SqlValue {
    const time = this.columns.timestamp!.time
    const ms = Date.parse(iso)
    switch (time?.type ?? 'timestamptz') {
      case 'timestamp': {
        // A cursor carries microseconds past the millisecond; the wall clock keeps them.
        const micros = /\.\d{3}(\d+)Z$/.exec(iso)?.[1] ?? ''
        return `${new Date(ms + time!.offsetMinutes * 60_000).toISOString().slice(0, -1).replace('T', ' ')}${micros}`
      }
      case 'epochSeconds':
        return this.instantType === 'bigint' ? Math.ceil(ms / 1000) : ms / 1000
      case 'epochMillis':
        return ms
      default:
        return iso
    }
  }

  /** What `instantValue` binds: text for timestamps, a whole or fractional number for epoch columns. */
  private get instantValueType(): SqlValueType {
    const type = this.instantType
    return type === 'bigint' ? 'integer' : type === 'double' ? 'float' : 'string'
  }

  /** A bound instant, compared on the parameter side: the column (and its index) is used as it is. */
  instant(iso: string, params: SqlParameters): string {
    return this.dialect.instantAs(params.add(this.instantValue(iso), this.instantValueType), this.instantType)
  }

  /** The index of the bucket (by its ISO edges) holding `timestamp` (default the row's own). */
  bucketIndex(edges: readonly string[], params: SqlParameters, timestamp = this.column('timestamp')): string {
    const bind = (index: number) => params.add(this.instantValue(edges[index]!), this.instantValueType)
    return this.dialect.bucketIndex(timestamp, { count: edges.length, bind, ms: edges.map((edge) => Date.parse(edge)) }, this.instantType)
  }

  /** The row's instant as microseconds since the epoch, as text. */
  epochMicros(alias = 'r'): string {
    const column = this.column('timestamp', alias)
    const time = this.columns.timestamp!.time
    const d = this.dialect
    switch (time?.type ?? 'timestamptz') {
      case 'timestamp': {
        const offset = time!.offsetMinutes * 60_000_000
        return d.text(offset === 0 ? d.wallMicros(column) : `${d.wallMicros(column)} - ${offset}`)
      }
      case 'epochSeconds':
        return d.text(d.epochNumberMicros(column, 1))
      case 'epochMillis':
        return d.text(d.epochNumberMicros(column, 1000))
      default:
        return d.epochMicros(column)
    }
  }

  /** Values a text column can hold: PostgreSQL text never contains U+0000, so such values match nothing. */
  private storable(values: readonly string[]): string[] {
    return this.dialect.acceptsNul ? [...values] : values.filter((value) => !value.includes('\u0000'))
  }

  /** What `make` binds in this statement, bound once however often it is used (keyed by `key`). */
  private once(params: SqlParameters, key: string, make: () => string[]): string[] {
    let cache = this.bound.get(params)
    if (!cache) {
      cache = new Map()
      this.bound.set(params, cache)
    }
    let placeholders = cache.get(key)
    if (!placeholders) {
      placeholders = make()
      cache.set(key, placeholders)
    }
    return placeholders
  }

  /** `values` (text, in one role) bound for a membership test in this statement, once however often they are used. */
  private placeholders(params: SqlParameters, role: string, values: readonly string[]): string[] {
    return this.once(params, `${role}\u0000${JSON.stringify(values)}`, () => this.dialect.bindTextList(values, params))
  }

  /** One dimension's filter: OR within its values; `__none__` matches rows without a value. */
  filter(dimension: Dimension, values: readonly string[], params: SqlParameters, alias = 'r'): string {
    const wanted = this.storable(values)
    if (wanted.length === 0) return 'FALSE'
    if (dimension === 'tag') {
      return this.dialect.tagsOverlap(this.dialect.tagsOrNone(this.tags(alias), `'${NONE_KEY}'`), this.placeholders(params, 'tags', wanted))
    }
    // Empty means none: '' names no value, so it matches nothing; the plain column keeps its index.
    const named = wanted.filter((value) => value !== NONE_KEY && value !== '')
    const none = wanted.includes(NONE_KEY)
    if (named.length === 0 && !none) return 'FALSE'
    const plain = dimension === 'consumer' || dimension === 'status' ? null : this.plainText(dimension === 'user' ? 'userId' : DIMENSION_FIELDS[dimension], alias)
    const key = plain ?? this.key(dimension, alias)
    const clauses: string[] = []
    if (named.length > 0) clauses.push(this.dialect.inList(key, this.placeholders(params, 'in', named)))
    if (none) clauses.push(plain ? `(${plain} IS NULL OR ${plain} = '')` : `${key} IS NULL`)
    return clauses.length === 1 ? clauses[0]! : `(${clauses.join(' OR ')})`
  }

  /** One clause per filtered dimension (OR within it), to be ANDed; `exclude` leaves one dimension's filter out. */
  filterClauses(filters: Filters | undefined, params: SqlParameters, alias = 'r', exclude?: Dimension): string[] {
    const clauses: string[] = []
    for (const [dimension, values] of Object.entries(filters ?? {}) as [Dimension, string[] | undefined][]) {
      if (!Array.isArray(values) || values.length === 0 || dimension === exclude) continue
      clauses.push(this.filter(dimension, values, params, alias))
    }
    return clauses
  }

  /** The range and every filter, ANDed. */
  where(scope: SqlScope, params: SqlParameters, alias = 'r'): string {
    const ts = this.column('timestamp', alias)
    const range = this.once(params, `range\u0000${scope.start}\u0000${scope.end}`, () => [this.instant(scope.start, params), this.instant(scope.end, params)])
    const clauses = [
      `${ts} >= ${range[0]}`,
      `${ts} < ${range[1]}`,
      ...this.filterClauses(scope.filters, params, alias, scope.exclude),
    ]
    return clauses.join(' AND ')
  }

  /**
   * A case-insensitive substring match of `needle` (already trimmed and lower-cased) in any of
   * `fields`: strpos, not LIKE, so `%`, `_` and backslashes are plain characters.
   */
  search(needle: string, fields: readonly string[], params: SqlParameters, also?: (placeholder: string) => string): string {
    if (!this.dialect.acceptsNul && needle.includes('\u0000')) return 'FALSE'
    const placeholder = params.add(needle)
    const matches = fields.map((field) => this.dialect.contains(field, placeholder))
    if (also) matches.push(also(placeholder))
    return `(${matches.join(' OR ')})`
  }
}
