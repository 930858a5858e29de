import type { GetTimeSeriesParams } from '@usagekit/core'
import { describeAdapterContract } from '@usagekit/core/testing'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { contractFixtures, expectSameAnswer } from '@usagekit/core/testing'
import { describe, expect, it } from 'vitest'
import { type SqlAdapterOptions, createSqlAdapter } from './createSqlAdapter'
import type { SqlRollup } from './sqlRollup'
import { rollupBackfill, rollupSchema } from './rollupSchema'
import { type TestDatabase, openChdb, openDuckdb, openPglite } from './testDatabases'

/** Two rollups as docs/scale.md describes them: 15-minute slots × chart dimensions, hours × user. */
const ROLLUPS: SqlRollup[] = [
  {
    table: 'usage_15m',
    slotMinutes: 15,
    dimensions: { team: 'team', model: 'model', provider: 'provider', status: 'status', application: 'application', agent: 'agent' },
    sums: {
      requests: 'requests',
      successfulRequests: 'successful',
      inputTokens: 'input_tokens',
      cachedInputTokens: 'cached_input_tokens',
      outputTokens: 'output_tokens',
      cost: 'cost',
      latencyMs: 'latency_ms',
    },
  },
  { table: 'usage_hourly_user', slotMinutes: 60, slot: 'hour', dimensions: { user: 'user_id', team: 'team', model: 'model' }, sums: { requests: 'requests', totalTokens: 'tokens', cost: 'cost' } },
]

/** On ClickHouse the 15-minute rollup also keeps exact user sets, so active users come from it. */
function rollupsOf(dialect: TestDatabase['dialect']): SqlRollup[] {
  return dialect === 'clickhouse' ? [{ ...ROLLUPS[0]!, users: 'users' }, ROLLUPS[1]!] : ROLLUPS
}

/**
 * Creates the rollups from their descriptions (`rollupSchema`). ClickHouse's materialized views keep
 * them current from then on; elsewhere `refresh` re-adds every row, as a trigger or a scheduled job would.
 */
async function createRollups(database: TestDatabase): Promise<{ refresh: () => Promise<void> }> {
  const rollups = rollupsOf(database.dialect)
  for (const rollup of rollups) {
    for (const statement of rollupSchema(database.dialect, rollup)) await database.execute(statement, [], {})
  }
  return {
    refresh: async () => {
      if (database.dialect === 'clickhouse') return
      for (const rollup of rollups) {
        await database.execute(`DELETE FROM "${rollup.table as string}"`, [], {})
        await database.execute(rollupBackfill(database.dialect, rollup), [], {})
      }
    },
  }
}

async function openWithRollups(open: () => Promise<TestDatabase>, records: Parameters<TestDatabase['load']>[0]) {
  const database = await open()
  const { refresh } = await createRollups(database)
  await database.load(records)
  await refresh()
  const options = { dialect: database.dialect, execute: database.execute, rollups: rollupsOf(database.dialect) } as SqlAdapterOptions
  return { database, adapter: createSqlAdapter(options), refresh }
}

for (const [engine, open] of [
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
  ['ClickHouse (chdb)', openChdb],
] as const) {
  // Every answer, rollups or not, must still be the memory adapter's.
  describeAdapterContract({
    name: `SQL adapter with rollups on ${engine}`,
    createAdapter: async ({ records }) => {
      const { database, adapter, refresh } = await openWithRollups(open, records)
      return {
        adapter,
        insert: async (more) => {
          await database.load(more)
          await refresh()
        },
        cleanup: () => database.close(),
      }
    },
  })

  // DuckDB takes ~10 s for each of these on an idle 2-core machine (the fixtures loaded twice, dozens
  // of statements); a loaded machine triples that, past vitest's default.
  describe(`rollups on ${engine}: which table answers`, { timeout: 90_000 }, () => {
    it('reads a rollup when it fits exactly, and the raw table when it does not', async () => {
      const { records } = contractFixtures()
      const { database, adapter } = await openWithRollups(open, records)
      const reference = createMemoryAdapter(records)
      const userSets = database.dialect === 'clickhouse'
      const range = { start: '2026-09-28T00:00:00.000Z', end: '2026-11-06T00:00:00.000Z' }
      const rolling = (end: string) => ({ start: new Date(Date.parse(end) - 7 * 86_400_000).toISOString(), end })
      const cases: [string, (a: typeof adapter) => Promise<unknown>, string][] = [
        ['sums by model, 6 h buckets in Berlin', (a) => a.getTimeSeries({ range, timeZone: 'Europe/Berlin', bucket: '6h', metrics: ['cost', 'requests', 'successRate'], groupBy: 'model', limit: 3 }), 'usage_15m'],
        ['sums by team in Kolkata (half-hour offset, still on 15-minute slots)', (a) => a.getTimeSeries({ range, timeZone: 'Asia/Kolkata', bucket: '1d', metrics: ['totalTokens'], groupBy: 'team' }), 'usage_15m'],
        ['active users with the previous period', (a) => a.getSummary({ range, timeZone: 'UTC', metrics: ['activeUsers', 'requests'], compareToPrevious: true }), userSets ? 'usage_15m' : 'usage_hourly_user'],
        ['users by cost with daily trends and models', (a) => a.getBreakdown({ range, timeZone: 'Europe/Berlin', groupBy: 'user', metrics: ['cost', 'totalTokens'], trend: { bucket: '1d', metric: 'cost' } }), 'usage_hourly_user'],
        userSets
          ? ['Kolkata days of active users (merged user sets of 15-minute slots)', (a) => a.getTimeSeries({ range, timeZone: 'Asia/Kolkata', bucket: '1d', metrics: ['activeUsers'], groupBy: 'team' }), 'usage_15m']
          : ['Kolkata days of active users (hour slots do not fit)', (a) => a.getTimeSeries({ range, timeZone: 'Asia/Kolkata', bucket: '1d', metrics: ['activeUsers'] }), 'usage_requests'],
        ['p95 latency (never from sums)', (a) => a.getSummary({ range, timeZone: 'UTC', metrics: ['p95LatencyMs'] }), 'usage_requests'],
        ['a tag filter', (a) => a.getSummary({ range, timeZone: 'UTC', metrics: ['requests'], filters: { tag: ['batch'] } }), 'usage_requests'],
        ['5-minute buckets', (a) => a.getTimeSeries({ range: { start: range.start, end: '2026-09-29T00:00:00.000Z' }, timeZone: 'UTC', bucket: '5m', metrics: ['requests'] }), 'usage_requests'],
        // A rolling window ends at now: mid-slot it reads raw rows; on a clock rounded down to the slot (docs/sql.md) it fits.
        ['a rolling 7 days ending mid-slot', (a) => a.getTimeSeries({ range: rolling('2026-11-05T13:07:30.000Z'), timeZone: 'Europe/Berlin', bucket: '6h', metrics: ['cost'], groupBy: 'model' }), 'usage_requests'],
        ['a rolling 7 days ending on a slot edge', (a) => a.getTimeSeries({ range: rolling('2026-11-05T13:00:00.000Z'), timeZone: 'Europe/Berlin', bucket: '6h', metrics: ['cost'], groupBy: 'model' }), 'usage_15m'],
      ]
      try {
        for (const [name, call, table] of cases) {
          database.statements.length = 0
          expectSameAnswer(await call(adapter), await call(reference as never), name)
          const sql = database.statements.map((statement) => statement.sql).join('\n')
          expect(sql, name).toContain(`"${table}"`)
          for (const other of ['usage_15m', 'usage_hourly_user', 'usage_requests'].filter((candidate) => candidate !== table && candidate !== 'usage_requests')) {
            expect(sql, name).not.toContain(`"${other}"`)
          }
          if (table === 'usage_requests') expect(sql, name).not.toMatch(/"usage_15m"|"usage_hourly_user"/)
        }
        if (database.dialect === 'clickhouse') {
          // Background merges fold rows of one key together (sums added, user sets united): the
          // answers must not depend on whether they ran. Force them, and ask again.
          for (const rollup of rollupsOf('clickhouse')) await database.execute(`OPTIMIZE TABLE "${rollup.table as string}" FINAL`, [], {})
          const [rows] = (await database.execute('SELECT count() AS n, uniqExact(slot, team, model, provider, status, application, agent) AS keys FROM "usage_15m"', [], {})) as { n: string; keys: string }[]
          expect(Number(rows!.n), 'one row per key after merging').toBe(Number(rows!.keys))
          for (const [name, call] of cases) expectSameAnswer(await call(adapter), await call(reference as never), `${name}, after merges`)
        }
      } finally {
        await database.close()
      }
    })

    it('fills a rollup added to a table that already holds rows, without counting any row twice', async () => {
      const { records } = contractFixtures()
      const sorted = [...records].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp))
      const cut = sorted[Math.floor(sorted.length / 2)]!.timestamp
      const database = await open()
      try {
        // Rows logged before the rollup existed; then the rollup (and on ClickHouse its view) is
        // created while the logger goes on writing; then the earlier rows are added once.
        await database.load(sorted.filter((record) => record.timestamp < cut))
        const rollups = rollupsOf(database.dialect)
        for (const rollup of rollups) for (const statement of rollupSchema(database.dialect, rollup)) await database.execute(statement, [], {})
        const later = sorted.filter((record) => record.timestamp >= cut)
        await database.load(later)
        for (const rollup of rollups) {
          await database.execute(rollupBackfill(database.dialect, rollup, database.dialect === 'clickhouse' ? { before: cut } : {}), [], {})
        }
        const adapter = createSqlAdapter({ dialect: database.dialect, execute: database.execute, rollups } as SqlAdapterOptions)
        const reference = createMemoryAdapter(records)
        const range = { start: '2026-09-28T00:00:00.000Z', end: '2026-11-06T00:00:00.000Z' }
        const query: GetTimeSeriesParams = { range, timeZone: 'UTC', bucket: '1d', metrics: ['requests', 'cost', 'activeUsers'], groupBy: 'team' }
        database.statements.length = 0
        expectSameAnswer(await adapter.getTimeSeries(query), await reference.getTimeSeries(query), 'series after the backfill')
        expect(database.statements.map((statement) => statement.sql).join('\n')).toContain(database.dialect === 'clickhouse' ? '"usage_15m"' : '"usage_hourly_user"')
      } finally {
        await database.close()
      }
    })

    it('rejects a rollup it cannot read before any query', () => {
      const execute = async () => []
      expect(() => createSqlAdapter({ dialect: 'postgres', execute, rollups: [{ ...ROLLUPS[0]!, slotMinutes: 7 }] })).toThrow(/slotMinutes/)
      expect(() => createSqlAdapter({ dialect: 'postgres', execute, rollups: [{ ...ROLLUPS[0]!, dimensions: { tag: 'tags' } as never }] })).toThrow(/not a dimension a rollup can keep/)
      expect(() => createSqlAdapter({ dialect: 'postgres', execute, rollups: [{ ...ROLLUPS[0]!, sums: { requests: 'n', p95: 'x' } as never }] })).toThrow(/sums\.p95/)
      expect(() => createSqlAdapter({ dialect: 'duckdb', execute, rollups: [{ ...ROLLUPS[0]!, users: 'users' }] })).toThrow(/users needs an engine with mergeable distinct sets/)
      expect(() => rollupSchema('postgres', { ...ROLLUPS[0]!, users: 'users' })).toThrow(/^rollupSchema: .*keep the user dimension/)
      expect(() => rollupBackfill('clickhouse', ROLLUPS[0]!, { before: 'yesterday' })).toThrow(/before must be an ISO-8601 instant/)
    })
  })
}
