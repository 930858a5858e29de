import type { UsageRecord } from '@usagekit/core'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { contractFixtures } from '@usagekit/core/testing'
import { describe, expect, it } from 'vitest'
import { createSqlAdapter } from './createSqlAdapter'
import { openChdb, openDuckdb, openPglite } from './testDatabases'

// p95 is the ⌈0.95·n⌉-th smallest latency on every engine. The sizes around multiples of 20 are
// where quantile functions that interpolate or index at ⌊0.95·n⌋ pick the next value.
const SIZES = [1, 2, 19, 20, 21, 39, 40, 41, 59, 60, 61, 99, 100, 101, 399, 400, 401]
const DAY = 86_400_000
const start = Date.parse('2026-09-01T00:00:00.000Z')

function latencyRecords(): UsageRecord[] {
  const base = contractFixtures().records[0]!
  // One day per size; distinct latencies in a scrambled order, so any off-by-one rank shows.
  return SIZES.flatMap((size, day) =>
    Array.from({ length: size }, (_, i) => ({
      ...base,
      id: `p95-${day}-${i}`,
      timestamp: new Date(start + day * DAY + i * 1000).toISOString(),
      latencyMs: ((i * 7919) % size) * 3 + 0.5,
      costBreakdown: undefined,
    })),
  )
}

describe.each([
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
  ['ClickHouse (chdb)', openChdb],
] as const)('p95 latency on %s', (_, open) => {
  it('is the nearest rank for every group size, whole multiples of 20 included', async () => {
    const records = latencyRecords()
    const database = await open()
    try {
      await database.load(records)
      const adapter = createSqlAdapter({ dialect: database.dialect, execute: database.execute })
      const reference = createMemoryAdapter(records)
      for (const [day, size] of SIZES.entries()) {
        const range = { start: new Date(start + day * DAY).toISOString(), end: new Date(start + (day + 1) * DAY).toISOString() }
        const query = { range, timeZone: 'UTC', metrics: ['p95LatencyMs'] }
        const expected = (await reference.getSummary(query)).totals.p95LatencyMs
        // The ⌈0.95·n⌉-th of 0.5, 3.5, 6.5, …: (rank − 1) · 3 + 0.5.
        expect(expected, `reference for n = ${size}`).toBe((Math.ceil(0.95 * size) - 1) * 3 + 0.5)
        expect((await adapter.getSummary(query)).totals.p95LatencyMs, `n = ${size}`).toBe(expected)
      }
    } finally {
      await database.close()
    }
  })
})
