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
    createAdapter: async ({ records, prices }) => {
      const database: TestDatabase = await open()
      await database.load(records)
      return {
        // Priced with the kit's table: its cacheSavings check runs on every engine.
        adapter: createSqlAdapter({ dialect: database.dialect, execute: database.execute, prices }),
        insert: (more) => database.load(more),
        cleanup: () => database.close(),
      }
    },
  })
}
