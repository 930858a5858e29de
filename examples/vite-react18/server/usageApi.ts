import { generateUsageRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { createUsageHandler } from '@usagekit/server'

// Fixture usage for the last 30 days, in memory. Over your own request log, the adapter is
// `createSqlAdapter` from '@usagekit/server/sql' instead (server/databaseAdapter.ts).
const end = new Date()
const start = new Date(end.getTime() - 30 * 24 * 60 * 60 * 1000)
const records = generateUsageRecords({ seed: 7, start, end, requestsPerDay: 300 })

/**
 * The usage API as a Fetch handler (Request in, Response out). It needs no Node types: this folder
 * is type-checked without @types/node (tsconfig.json), as a host's server code may be.
 */
export const usageApi = createUsageHandler(createMemoryAdapter(records), {
  basePath: '/api/usage',
  // Here everyone sees everything; a real host returns the signed-in caller's scope, or null (401).
  authorize: () => ({}),
})
