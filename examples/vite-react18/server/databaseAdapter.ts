import type { UsageAdapter } from '@usagekit/core'
import { type SqlExecute, createSqlAdapter } from '@usagekit/server/sql'

/**
 * The same page over a PostgreSQL request log: pass your driver's query function, e.g.
 * `(sql, params) => pool.query(sql, params)` with `pg`, and use the result in place of the memory
 * adapter in usageApi.ts. (Not wired here: the example runs without a database.)
 */
export function postgresUsageAdapter(execute: SqlExecute): UsageAdapter {
  return createSqlAdapter({ dialect: 'postgres', execute, table: 'llm_requests' })
}
