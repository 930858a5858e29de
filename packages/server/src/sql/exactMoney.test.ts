import { type UsageRecord, toNanos } from '@usagekit/core'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { contractFixtures, expectSameAnswer } from '@usagekit/core/testing'
import { describe, expect, it } from 'vitest'
import { type SqlAdapterOptions, createSqlAdapter } from './createSqlAdapter'
import { rollupBackfill, rollupSchema } from './rollupSchema'
import type { SqlRollup } from './sqlRollup'
import { openChdb, openDuckdb, openPglite } from './testDatabases'

// Money to the last of nine decimals in every answer, on every engine, raw and through a rollup:
// sums of millions with a nanodollar at the end, one-nanodollar costs, decimals binary floats cannot hold.
const DAY = 86_400_000
const start = Date.parse('2026-10-05T00:00:00.000Z')

function moneyRecords(): UsageRecord[] {
  const base = contractFixtures().records[0]!
  const costs = [
    // Nine of these: 8,100,000.000000009. Totals stay below 2^53 nanodollars ($9,007,199.254740991),
    // where a number answer (the contract's money type) still holds nine decimals.
    '900000.000000001',
    '0.000000001',
    '0.1',
    '0.2',
    '0.3',
    '1234.567890123',
    '0.999999999',
    '0',
  ]
  return costs.flatMap((cost, index) =>
    Array.from({ length: index === 0 ? 9 : 40 }, (_, copy) => ({
      ...base,
      id: `money-${index}-${copy}`,
      timestamp: new Date(start + (index * 7 + copy) * 3_600_000 + 17_000).toISOString(),
      userId: `user-${index % 4}`,
      team: ['Research', 'Platform', 'Équipe'][index % 3]!,
      // A record's cost is a number of dollars: each of these is the nearest double to its 9 decimals.
      cost: Number(cost),
      costBreakdown: undefined,
    })),
  )
}

const ROLLUP: SqlRollup = { table: 'money_15m', slotMinutes: 15, dimensions: { team: 'team', model: 'model', user: 'user_id' }, sums: { requests: 'requests', cost: 'cost' } }

describe.each([
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
  ['ClickHouse (chdb)', openChdb],
] as const)('exact money on %s', (_, open) => {
  it('sums, buckets, rows, pages, details and the rollup agree with the reference to the nanodollar', async () => {
    const records = moneyRecords()
    const database = await open()
    try {
      await database.load(records)
      for (const statement of rollupSchema(database.dialect, ROLLUP)) await database.execute(statement, [], {})
      if (database.dialect !== 'clickhouse') await database.execute(rollupBackfill(database.dialect, ROLLUP), [], {})
      else await database.execute(rollupBackfill('clickhouse', ROLLUP, { before: '2100-01-01T00:00:00Z' }), {}, {})
      const reference = createMemoryAdapter(records)
      const range = { start: new Date(start - DAY).toISOString(), end: new Date(start + 14 * DAY).toISOString() }
      for (const rollups of [[], [ROLLUP]]) {
        const adapter = createSqlAdapter({ dialect: database.dialect, execute: database.execute, rollups } as SqlAdapterOptions)
        const summary = await adapter.getSummary({ range, timeZone: 'UTC', metrics: ['cost', 'requests'] })
        const total = (9n * 900_000_000_000_001n + 40n * (1n + 100_000_000n + 200_000_000n + 300_000_000n + 1_234_567_890_123n + 999_999_999n)).toString()
        expect(String(summary.totals.cost), `total with ${rollups.length} rollups`).toBe(`${total.slice(0, -9)}.${total.slice(-9)}`)
        expectSameAnswer(summary, await reference.getSummary({ range, timeZone: 'UTC', metrics: ['cost', 'requests'] }), 'summary')
        const series = { range, timeZone: 'Asia/Kolkata', bucket: '1d', metrics: ['cost'], groupBy: 'team' } as const
        expectSameAnswer(await adapter.getTimeSeries({ ...series, metrics: ['cost'] }), await reference.getTimeSeries({ ...series, metrics: ['cost'] }), 'series')
        const breakdown = { range, timeZone: 'UTC', groupBy: 'user', metrics: ['cost'], trend: { bucket: '1d', metric: 'cost' } } as const
        expectSameAnswer(
          await adapter.getBreakdown({ ...breakdown, metrics: ['cost'] }),
          await reference.getBreakdown({ ...breakdown, metrics: ['cost'] }),
          'breakdown',
        )
      }
      const adapter = createSqlAdapter({ dialect: database.dialect, execute: database.execute } as SqlAdapterOptions)
      const page = await adapter.listRequests({ range, timeZone: 'UTC', pageSize: 500 })
      // Each row's cost is the nearest double to its 9-decimal value (as the record gave it).
      const byId = (items: readonly { id: string; cost: number }[]) => Object.fromEntries(items.map((item) => [item.id, toNanos(item.cost)]))
      expect(byId(page.items)).toEqual(byId(records))
      expect(Object.values(byId(page.items)).reduce((sum, nanos) => sum + BigInt(nanos), 0n)).toBe(9n * 900_000_000_000_001n + 40n * 1_236_167_890_123n)
      expect(String((await adapter.getRequest({ id: 'money-0-0' })).cost)).toBe('900000.000000001')
      expect(toNanos((await adapter.getRequest({ id: 'money-1-5' })).cost)).toBe(1)
    } finally {
      await database.close()
    }
  })
})
