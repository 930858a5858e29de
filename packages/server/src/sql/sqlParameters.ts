/** A value a query binds; nothing else ever reaches the SQL text. */
export type SqlValue = string | number | boolean | null

/**
 * Collects the parameters of one statement and hands out their placeholders (`$1`, `$2`, …,
 * which both PostgreSQL and DuckDB accept). Values are bound, never written into the SQL.
 */
export class SqlParameters {
  readonly values: SqlValue[] = []

  add(value: SqlValue): string {
    this.values.push(value)
    return `$${this.values.length}`
  }

  /** One placeholder per value, for `IN (…)` lists and array constructors. */
  list(values: readonly SqlValue[]): string[] {
    return values.map((value) => this.add(value))
  }
}
