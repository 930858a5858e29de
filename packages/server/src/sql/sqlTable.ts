import { type Dimension, type Filters, NONE_KEY } from '@usagekit/core'
import type { ResolvedColumns, SqlField } from './sqlColumns'
import { quoteIdentifier } from './sqlColumns'
import type { SqlDialect } from './sqlDialect'
import type { SqlParameters } from './sqlParameters'
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
  ) {}

  /** The number of requests in a group of base rows. */
  get countSql(): string {
    return this.sums ? 'coalesce(sum(n), 0)' : 'count(*)'
  }

  has(field: SqlField): boolean {
    return this.columns[field] !== null
  }

  /** The column of `field` on alias `alias`, or a typed NULL where the table has none. */
  column(field: SqlField, alias = 'r'): string {
    const column = this.columns[field]
    return column === null ? this.dialect.nullText : `${alias}.${quoteIdentifier(column)}`
  }

  /** Text with the empty string read as "no value", as the memory adapter reads it. */
  private optionalText(field: SqlField, alias: string): string {
    return this.has(field) ? `nullif(${this.column(field, alias)}, '')` : this.dialect.nullText
  }

  /** The key of a single-valued dimension on a row; NULL when the row has none. */
  key(dimension: Exclude<Dimension, 'tag'>, alias = 'r'): string {
    switch (dimension) {
      case 'user':
        return this.column('userId', alias)
      case 'consumer':
        return this.has('agent') ? `coalesce(nullif(${this.column('agent', alias)}, ''), ${this.column('userId', alias)})` : this.column('userId', alias)
      case 'apiKey':
        return this.optionalText('apiKey', alias)
      default:
        return this.optionalText(dimension, alias)
    }
  }

  /** The tags of a row as an array (never NULL). */
  tags(alias = 'r'): string {
    return this.has('tags') ? this.dialect.tags(this.column('tags', alias)) : this.dialect.emptyTags
  }

  /** Values a text column can hold: PostgreSQL text never contains U+0000, so such values match nothing. */
  private storable(values: readonly string[]): string[] {
    return this.dialect.acceptsNul ? [...values] : values.filter((value) => !value.includes('\u0000'))
  }

  /** Placeholders of `values` (text, in one role) in this statement, bound once however often they are used. */
  private placeholders(params: SqlParameters, role: string, values: readonly string[]): string[] {
    let cache = this.bound.get(params)
    if (!cache) {
      cache = new Map()
      this.bound.set(params, cache)
    }
    const key = `${role}\u0000${JSON.stringify(values)}`
    let placeholders = cache.get(key)
    if (!placeholders) {
      placeholders = params.list(values)
      cache.set(key, placeholders)
    }
    return placeholders
  }

  /** One dimension's filter: OR within its values; `__none__` matches rows without a value. */
  filter(dimension: Dimension, values: readonly string[], params: SqlParameters, alias = 'r'): string {
    const wanted = this.storable(values)
    if (wanted.length === 0) return 'FALSE'
    if (dimension === 'tag') {
      return this.dialect.tagsOverlap(this.dialect.tagsOrNone(this.tags(alias), `'${NONE_KEY}'`), this.placeholders(params, 'tags', wanted))
    }
    const key = this.key(dimension, alias)
    const named = wanted.filter((value) => value !== NONE_KEY)
    const clauses: string[] = []
    if (named.length > 0) clauses.push(`${key} IN (${this.placeholders(params, 'in', named).join(', ')})`)
    if (named.length < wanted.length) clauses.push(`${key} IS NULL`)
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
    const [start, end] = this.placeholders(params, 'range', [scope.start, scope.end])
    const clauses = [
      `${ts} >= ${this.dialect.instant(start!)}`,
      `${ts} < ${this.dialect.instant(end!)}`,
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
    const matches = fields.map((field) => `strpos(lower(coalesce(${field}, '')), ${placeholder}) > 0`)
    if (also) matches.push(also(placeholder))
    return `(${matches.join(' OR ')})`
  }
}
