import { describeAdapterContract } from '@usagekit/core/testing'
import { createSqlAdapter } from './createSqlAdapter'
import { startPostgresServer } from './testPostgresServer'

// A real PostgreSQL server, started by the test itself (see testPostgresServer.ts).
describeAdapterContract({
  name: 'SQL adapter on a PostgreSQL server',
  createAdapter: async ({ records }) => {
    const database = await startPostgresServer()
    await database.load(records)
    return {
      adapter: createSqlAdapter({ dialect: 'postgres', execute: database.execute }),
      insert: (more) => database.load(more),
      cleanup: () => database.close(),
    }
  },
})
