import type { UsageRecord } from '@usagekit/core'
import { DuckDBInstance } from '@duckdb/node-api'
import { PGlite } from '@electric-sql/pglite'
import type { SqlRow } from './createSqlAdapter'
import type { SqlValue } from './sqlParameters'
import type { SqlDialectName } from './dialects/sqlDialect'
import { insertStatements, referenceSchema } from './referenceSchema'

/** An engine under test: its dialect, an execute function for the adapter, and a close. */
export interface TestDatabase {
  dialect: SqlDialectName
  /** An `execute` for the adapter that always resolves to the rows. */
  execute: (sql: string, params: SqlValue[], options?: { signal?: AbortSignal }) => Promise<SqlRow[]>
  /** Every statement run, for tests that inspect the SQL. */
  statements: { sql: string; params: unknown[] }[]
  load: (records: readonly UsageRecord[]) => Promise<void>
  close: () => Promise<void>
}

export interface OpenOptions {
  /** Create the reference table (default true); a foreign-schema test makes its own. */
  schema?: boolean
}

async function withSchema(database: TestDatabase, options: OpenOptions): Promise<TestDatabase> {
  if (options.schema === false) return database
  for (const statement of referenceSchema(database.dialect)) await database.execute(statement, [], {})
  database.statements.length = 0
  return database
}

function loader(dialect: SqlDialectName, execute: TestDatabase['execute']): (records: readonly UsageRecord[]) => Promise<void> {
  return async (records) => {
    for (const { sql, params } of insertStatements(dialect, records)) await execute(sql, params, {})
  }
}

export async function openPglite(options: OpenOptions = {}): Promise<TestDatabase> {
  const db = await PGlite.create()
  const statements: TestDatabase['statements'] = []
  const execute: TestDatabase['execute'] = async (sql, params) => {
    statements.push({ sql, params })
    return params.length === 0 ? (await db.exec(sql)).at(-1)?.rows ?? [] : (await db.query(sql, params)).rows as Record<string, unknown>[]
  }
  return withSchema({ dialect: 'postgres', execute, statements, load: loader('postgres', execute), close: () => db.close() }, options)
}

export async function openDuckdb(options: OpenOptions = {}): Promise<TestDatabase> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  const statements: TestDatabase['statements'] = []
  const execute: TestDatabase['execute'] = async (sql, params) => {
    statements.push({ sql, params })
    const reader = await connection.runAndReadAll(sql, params.length ? (params as never) : undefined)
    return reader.getRowObjectsJS() as Record<string, unknown>[]
  }
  return withSchema({
    dialect: 'duckdb',
    execute,
    statements,
    load: loader('duckdb', execute),
    close: async () => {
      connection.closeSync()
      instance.closeSync()
    },
  }, options)
}
