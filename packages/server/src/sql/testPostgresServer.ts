import pg from 'pg'
import { startPostgresServer as startServer } from '../../../../scripts/postgresServer.mjs'
import { insertStatements, referenceSchema } from './referenceSchema'
import type { TestDatabase } from './testDatabases'

/** A throwaway PostgreSQL server with the reference table, as a test database. */
export async function startPostgresServer(): Promise<TestDatabase> {
  const server = await startServer()
  const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database: server.database })
  await client.connect()
  const statements: TestDatabase['statements'] = []
  const execute: TestDatabase['execute'] = async (sql, params) => {
    statements.push({ sql, params })
    return (await client.query(sql, params as unknown[])).rows
  }
  for (const statement of referenceSchema('postgres')) await execute(statement, [], {})
  statements.length = 0
  return {
    dialect: 'postgres',
    execute,
    statements,
    load: async (records) => {
      for (const { sql, params } of insertStatements('postgres', records)) await execute(sql, params, {})
    },
    close: async () => {
      await client.end()
      server.stop()
    },
  }
}
