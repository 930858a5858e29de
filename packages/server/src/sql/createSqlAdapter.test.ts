import { describeAdapterContract } from '@usagekit/core/testing'
import { createSqlAdapter } from './createSqlAdapter'
import { type TestDatabase, openChdb, openDuckdb, openPglite } from './testDatabases'

for (const [name, open] of [
  ['SQL adapter on PGlite (embedded PostgreSQL)', openPglite],
  ['SQL adapter on DuckDB', openDuckdb],
  ['SQL adapter on ClickHouse (chdb)', openChdb],
] as const) {
  describeAdapterContract({
    name,
    createAdapter: async ({ records }) => {
      const database: TestDatabase = await open()
      await database.load(records)
      return {
        adapter: createSqlAdapter({ dialect: database.dialect, execute: database.execute }),
        insert: (more) => database.load(more),
        cleanup: () => database.close(),
      }
    },
  })
}
