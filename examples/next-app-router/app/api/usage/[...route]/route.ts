import { generateUsageRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { createUsageHandler } from '@usagekit/server'

// Fixture usage for the last 30 days, in memory; over your own request log use `createSqlAdapter`
// from '@usagekit/server/sql'.
const end = new Date()
const start = new Date(end.getTime() - 30 * 24 * 60 * 60 * 1000)
const adapter = createMemoryAdapter(generateUsageRecords({ seed: 7, start, end, requestsPerDay: 300 }))

const handler = createUsageHandler(adapter, {
  basePath: '/api/usage',
  // Here everyone sees everything; a real host returns the signed-in caller's scope, or null (401).
  authorize: () => ({}),
})

export const GET = handler
export const POST = handler
