import type { Dimension } from '@usagekit/core'
import { FIELD_FAMILIES, type ResolvedColumns, type ResolvedField, REFERENCE_COLUMNS, type SqlField, quoteIdentifier, quoteTableName } from './sqlColumns'
import type { SqlDialect } from './dialects/sqlDialect'
import { SqlTable } from './sqlTable'

/** Dimensions a rollup can keep as columns (tags are a list per request and never roll up). */
export type RollupDimension = Exclude<Dimension, 'tag' | 'consumer'>

/** The sum columns of a rollup, by the metric they add up. `requests` is required. */
export interface RollupSums {
  requests: string
  successfulRequests?: string
  inputTokens?: string
  cachedInputTokens?: string
  outputTokens?: string
  totalTokens?: string
  cost?: string
  /** The sum of latencies (for average latency). */
  latencyMs?: string
}

/**
 * A table of sums the database keeps per time slot and a few dimensions (docs/scale.md). The
 * adapter answers a summary, chart or breakdown from it when everything asked fits it exactly:
 * metrics it sums, filters and grouping on dimensions it keeps, a range and bucket edges on its
 * slot edges. Anything else (p95, tags, 5-minute buckets, the request log) reads the raw table.
 */
export interface SqlRollup {
  table: string | readonly string[]
  /** Slot length in minutes; slots start at multiples of it from 1970-01-01T00:00Z (as `date_bin` and `date_trunc('hour')` do). */
  slotMinutes: number
  /** The column holding each slot's start. Default `slot`. */
  slot?: string
  /** The dimensions it keeps, each mapped to its column. */
  dimensions: Partial<Record<RollupDimension, string>>
  sums: RollupSums
  /**
   * A column of exact distinct-user sets per row (ClickHouse: `AggregateFunction(uniqExact, String)`),
   * so active users over any range of whole slots come from this rollup without keeping users as a
   * dimension. Engines without mergeable sets (PostgreSQL, DuckDB) keep `user` as a dimension instead.
   */
  users?: string
}

export const ROLLUP_DIMENSION_FIELDS: Record<RollupDimension, SqlField> = {
  user: 'userId',
  team: 'team',
  model: 'model',
  provider: 'provider',
  apiKey: 'apiKey',
  application: 'application',
  customer: 'customer',
  agent: 'agent',
  status: 'status',
}

const SUM_NAMES = ['requests', 'successfulRequests', 'inputTokens', 'cachedInputTokens', 'outputTokens', 'totalTokens', 'cost', 'latencyMs']

/** A rollup as a table the query builders read; its mapping checked up front. */
export function rollupTable(dialect: SqlDialect, rollup: SqlRollup, where: string): SqlTable {
  if (!Number.isInteger(rollup.slotMinutes) || rollup.slotMinutes < 1 || 1440 % rollup.slotMinutes !== 0) {
    throw new TypeError(`${where}.slotMinutes must be a whole number of minutes that divides a day (15, 60, …), got ${String(rollup.slotMinutes)}.`)
  }
  if (!rollup.sums || typeof rollup.sums.requests !== 'string') throw new TypeError(`${where}.sums.requests must name the column of request counts.`)
  for (const name of Object.keys(rollup.sums)) {
    if (!SUM_NAMES.includes(name)) throw new TypeError(`${where}.sums.${name} is not a sum the adapter reads; use ${SUM_NAMES.join(', ')}.`)
    quoteIdentifier((rollup.sums as unknown as Record<string, string>)[name]!)
  }
  if (rollup.users !== undefined) {
    if (!dialect.userSets) {
      throw new TypeError(
        `${where}.users needs an engine with mergeable distinct sets (dialect 'clickhouse'); on ${dialect.name} keep the user dimension (dimensions: { user: 'user_id' }) for active users.`,
      )
    }
    quoteIdentifier(rollup.users)
  }
  const columns = Object.fromEntries(Object.keys(REFERENCE_COLUMNS).map((field) => [field, null])) as ResolvedColumns
  // A rollup is the adapter's own shape: a timestamptz slot and plain text dimensions.
  const plain = (field: SqlField, column: string): ResolvedField => {
    const resolved: ResolvedField = { family: FIELD_FAMILIES[field], explicit: true, source: { column, path: null, orElse: null, kind: 'text' } }
    if (field === 'status') resolved.status = { successValues: ['success'], errorValues: null, missing: 'success' }
    return resolved
  }
  columns.timestamp = { ...plain('timestamp', rollup.slot ?? 'slot'), source: { column: rollup.slot ?? 'slot', path: null, orElse: null, kind: 'timestamptz' }, time: { type: 'timestamptz', offsetMinutes: 0 } }
  for (const [dimension, column] of Object.entries(rollup.dimensions ?? {})) {
    const field = ROLLUP_DIMENSION_FIELDS[dimension as RollupDimension]
    if (!field) throw new TypeError(`${where}.dimensions.${dimension} is not a dimension a rollup can keep; use ${Object.keys(ROLLUP_DIMENSION_FIELDS).join(', ')}.`)
    quoteIdentifier(column!)
    columns[field] = plain(field, column!)
  }
  return new SqlTable(dialect, quoteTableName(rollup.table), columns, rollup.sums, rollup.slotMinutes * 60_000, rollup.users)
}

/** Whether a rollup keeps `dimension` (consumer needs the user and the agent). */
export function keepsDimension(table: SqlTable, dimension: Dimension): boolean {
  if (dimension === 'tag') return false
  if (dimension === 'consumer') return table.has('userId') && table.has('agent')
  return table.has(ROLLUP_DIMENSION_FIELDS[dimension])
}
