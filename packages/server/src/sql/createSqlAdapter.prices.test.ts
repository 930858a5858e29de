import { cacheSavings } from '@usagekit/core'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { CONTRACT_PRICES } from '@usagekit/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqlAdapter } from './createSqlAdapter'
import { type TestDatabase, openDuckdb } from './testDatabases'

const range = { start: '2026-10-05T00:00:00.000Z', end: '2026-10-12T00:00:00.000Z' }
const records = generateUsageRecords({ seed: 3, ...range, requestsPerDay: 200, content: false })

describe('createSqlAdapter with prices: cacheSavings', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await openDuckdb()
    await database.load(records)
  })
  afterAll(() => database.close())

  it('is offered only with prices, priced as a CASE on the model with the names bound, exact to 1e-9', async () => {
    const plain = createSqlAdapter({ dialect: database.dialect, execute: database.execute })
    expect((await plain.getCapabilities()).metrics.map((definition) => definition.id)).not.toContain('cacheSavings')
    const priced = createSqlAdapter({ dialect: database.dialect, execute: database.execute, prices: CONTRACT_PRICES })
    expect((await priced.getCapabilities()).metrics.map((definition) => definition.id)).toContain('cacheSavings')
    const tokens: Record<string, number> = {}
    for (const record of records) tokens[record.model] = (tokens[record.model] ?? 0) + record.cachedInputTokens
    const before = database.statements.length
    const { totals } = await priced.getSummary({ range, timeZone: 'UTC', metrics: ['cacheSavings'] })
    expect(totals.cacheSavings).toBe(cacheSavings(tokens, CONTRACT_PRICES))
    expect(totals.cacheSavings).toBeGreaterThan(0)
    const statement = database.statements.slice(before).find((entry) => entry.sql.includes('AS sav'))!
    expect(statement.sql).not.toContain("'gpt-4.1'")
    expect(statement.params).toContain('gpt-4.1')
  })

  it('refuses a malformed price when it is created', () => {
    expect(() => createSqlAdapter({ dialect: database.dialect, execute: database.execute, prices: { 'gpt-4.1': { input: '2', cachedInput: '0.5.0' } } })).toThrow(
      /prices\["gpt-4.1"\]\.cachedInput/,
    )
  })
})
