/** A value a query binds; nothing else ever reaches the SQL text. */
export type SqlValue = string | number | boolean | null

/**
 * What a bound value is, decided where it is bound: an engine with typed placeholders (ClickHouse's
 * `{p1:Int64}`) must name the type in the SQL text, and a JavaScript number does not say whether it
 * is an integer or a float. A NULL is bound as `'null'` whatever it stands for (a typed engine declares a
 * nullable text; the SQL around it casts).
 */
export type SqlValueType = 'string' | 'integer' | 'float' | 'boolean' | 'null'

/** One bound value and its type, in binding order. */
export interface SqlBoundValue {
  value: SqlValue
  type: SqlValueType
}

/**
 * The parameters as `execute` receives them: positional values for `$1, $2, …` (PostgreSQL,
 * DuckDB), or an object of named values for `{p1:String}, …` (ClickHouse's `query_params`).
 */
export type SqlStatementParams = SqlValue[] | Record<string, SqlValue>

/** How an engine writes placeholders and hands their values to `execute` (a member of every dialect). */
export interface SqlParameterStyle {
  /** The placeholder of the `position`-th bound value (1-based). */
  placeholder(position: number, type: SqlValueType): string
  /** The bound values as the engine's client takes them. */
  statementParams(bound: readonly SqlBoundValue[]): SqlStatementParams
}

/** The type of a value that says its own type (numbers do not: bind them with a type). */
function typeOf(value: string | boolean | null): SqlValueType {
  return value === null ? 'null' : typeof value === 'string' ? 'string' : 'boolean'
}

/**
 * Collects the parameters of one statement and hands out their placeholders in the dialect's own
 * style. Values are bound, never written into the SQL.
 */
export class SqlParameters {
  private readonly bound: SqlBoundValue[] = []

  constructor(private readonly style: SqlParameterStyle) {}

  /** Binds a value; a number needs its type (`'integer'` or `'float'`). */
  add(value: string | boolean | null): string
  add(value: SqlValue, type: SqlValueType): string
  add(value: SqlValue, type?: SqlValueType): string {
    if (type === undefined && typeof value === 'number') throw new TypeError('SqlParameters: a number is bound with its type (integer or float).')
    // A NULL is typed 'null' whatever it stands for: a typed engine declares it nullable.
    const resolved = value === null ? 'null' : type ?? typeOf(value as string | boolean | null)
    this.bound.push({ value, type: resolved })
    return this.style.placeholder(this.bound.length, resolved)
  }

  /** One placeholder per text value, for `IN (…)` lists and array constructors. */
  list(values: readonly string[]): string[] {
    return values.map((value) => this.add(value))
  }

  /** The values bound so far, in the shape the dialect hands to `execute`. */
  get values(): SqlStatementParams {
    return this.style.statementParams(this.bound)
  }
}
