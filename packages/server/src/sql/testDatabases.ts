import type { UsageRecord } from '@usagekit/core'
import { DuckDBInstance } from '@duckdb/node-api'
import { PGlite } from '@electric-sql/pglite'
import { Session } from 'chdb'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SqlRow } from './createSqlAdapter'
import type { SqlStatementParams } from './sqlParameters'
import type { SqlDialectName } from './dialects/sqlDialect'
import { insertStatements, referenceSchema } from './referenceSchema'

/** An engine under test: its dialect, an execute function for the adapter, and a close. */
export interface TestDatabase {
  dialect: SqlDialectName
  /** An `execute` for the adapter that always resolves to the rows. */
  execute: (sql: string, params: SqlStatementParams, options?: { signal?: AbortSignal }) => Promise<SqlRow[]>
  /** Every statement run, for tests that inspect the SQL. */
  statements: { sql: string; params: SqlStatementParams }[]
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
    const values = params as unknown[]
    return values.length === 0 ? (await db.exec(sql)).at(-1)?.rows ?? [] : (await db.query(sql, values)).rows as Record<string, unknown>[]
  }
  return withSchema({ dialect: 'postgres', execute, statements, load: loader('postgres', execute), close: () => db.close() }, options)
}

export async function openDuckdb(options: OpenOptions = {}): Promise<TestDatabase> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  const statements: TestDatabase['statements'] = []
  const execute: TestDatabase['execute'] = async (sql, params) => {
    statements.push({ sql, params })
    const values = params as unknown[]
    const reader = await connection.runAndReadAll(sql, values.length ? (values as never) : undefined)
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

/** chdb keeps one data directory per process: every open database is a ClickHouse database inside it. */
let chdbPath: string | null = null
let chdbDatabases = 0
let chdbOpen = 0

/**
 * ClickHouse's own engine in-process (chdb): a session on a shared temporary directory, its own
 * database made current. `execute` runs `queryBind(sql, params, 'JSONEachRow')` and parses the rows.
 * chdb's `queryBind` is synchronous: an abort is honoured before and after a statement, never during one.
 */
export async function openChdb(options: OpenOptions = {}): Promise<TestDatabase> {
  chdbPath ??= mkdtempSync(join(tmpdir(), 'usagekit-chdb-'))
  const path = chdbPath
  chdbOpen++
  const session = new Session(chdbPath)
  const database = `usagekit_${process.pid}_${++chdbDatabases}`
  session.query(`CREATE DATABASE ${database}`)
  session.query(`USE ${database}`)
  const statements: TestDatabase['statements'] = []
  const execute: TestDatabase['execute'] = async (sql, params, { signal } = {}) => {
    statements.push({ sql, params })
    signal?.throwIfAborted()
    const text = session.queryBind(sql, Array.isArray(params) ? {} : params, 'JSONEachRow')
    signal?.throwIfAborted()
    return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as SqlRow)
  }
  return withSchema({
    dialect: 'clickhouse',
    execute,
    statements,
    load: loader('clickhouse', execute),
    close: async () => {
      session.query(`DROP DATABASE IF EXISTS ${database}`)
      session.close()
      // The folder goes with the last open database (test workers may end without an exit event).
      if (--chdbOpen === 0 && chdbPath === path) {
        rmSync(path, { recursive: true, force: true })
        chdbPath = null
      }
    },
  }, options)
}
