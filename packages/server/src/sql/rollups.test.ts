import { describeAdapterContract } from '@usagekit/core/testing'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { contractFixtures, expectSameAnswer } from '@usagekit/core/testing'
import { describe, expect, it } from 'vitest'
import { type SqlAdapterOptions, createSqlAdapter } from './createSqlAdapter'
import type { SqlRollup } from './sqlRollup'
import { type TestDatabase, openDuckdb, openPglite } from './testDatabases'

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

/** (Re)builds both rollups from the raw table: what a trigger or a scheduled refresh keeps current. */
async function buildRollups(database: TestDatabase): Promise<void> {
  const slot = (seconds: number) =>
    database.dialect === 'postgres' ? `to_timestamp(floor(extract(epoch from ts) / ${seconds}) * ${seconds})` : `to_timestamp(floor(epoch(ts) / ${seconds}) * ${seconds})`
  for (const statement of [
    'DROP TABLE IF EXISTS usage_15m',
    'DROP TABLE IF EXISTS usage_hourly_user',
    `CREATE TABLE usage_15m AS SELECT ${slot(900)} AS slot, team, model, provider, status, application, agent, count(*) AS requests,
       sum(CASE WHEN status = 'success' THEN 1 ELSE 0 END) AS successful, sum(input_tokens) AS input_tokens,
       sum(cached_input_tokens) AS cached_input_tokens, sum(output_tokens) AS output_tokens, sum(cost) AS cost, sum(latency_ms) AS latency_ms
     FROM usage_requests GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    `CREATE TABLE usage_hourly_user AS SELECT ${slot(3600)} AS hour, user_id, team, model, count(*) AS requests,
       sum(input_tokens + output_tokens) AS tokens, sum(cost) AS cost FROM usage_requests GROUP BY 1, 2, 3, 4`,
  ]) {
    await database.execute(statement, [], {})
  }
}

async function openWithRollups(open: () => Promise<TestDatabase>, records: Parameters<TestDatabase['load']>[0]) {
  const database = await open()
  await database.load(records)
  await buildRollups(database)
  const options: SqlAdapterOptions = { dialect: database.dialect, execute: database.execute, rollups: ROLLUPS }
  return { database, adapter: createSqlAdapter(options) }
}

for (const [engine, open] of [
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
] as const) {
  // Every answer, rollups or not, must still be the memory adapter's.
  describeAdapterContract({
    name: `SQL adapter with rollups on ${engine}`,
    createAdapter: async ({ records }) => {
      const { database, adapter } = await openWithRollups(open, records)
      return {
        adapter,
        insert: async (more) => {
          await database.load(more)
          await buildRollups(database)
        },
        cleanup: () => database.close(),
      }
    },
  })

  describe(`rollups on ${engine}: which table answers`, () => {
    it('reads a rollup when it fits exactly, and the raw table when it does not', async () => {
      const { records } = contractFixtures()
      const { database, adapter } = await openWithRollups(open, records)
      const reference = createMemoryAdapter(records)
      const range = { start: '2026-09-28T00:00:00.000Z', end: '2026-11-06T00:00:00.000Z' }
      const cases: [string, (a: typeof adapter) => Promise<unknown>, string][] = [
        ['sums by model, 6 h buckets in Berlin', (a) => a.getTimeSeries({ range, timeZone: 'Europe/Berlin', bucket: '6h', metrics: ['cost', 'requests', 'successRate'], groupBy: 'model', limit: 3 }), 'usage_15m'],
        ['sums by team in Kolkata (half-hour offset, still on 15-minute slots)', (a) => a.getTimeSeries({ range, timeZone: 'Asia/Kolkata', bucket: '1d', metrics: ['totalTokens'], groupBy: 'team' }), 'usage_15m'],
        ['active users with the previous period', (a) => a.getSummary({ range, timeZone: 'UTC', metrics: ['activeUsers', 'requests'], compareToPrevious: true }), 'usage_hourly_user'],
        ['users by cost with daily trends and models', (a) => a.getBreakdown({ range, timeZone: 'Europe/Berlin', groupBy: 'user', metrics: ['cost', 'totalTokens'], trend: { bucket: '1d', metric: 'cost' } }), 'usage_hourly_user'],
        ['Kolkata days of active users (hour slots do not fit)', (a) => a.getTimeSeries({ range, timeZone: 'Asia/Kolkata', bucket: '1d', metrics: ['activeUsers'] }), 'usage_requests'],
        ['p95 latency (never from sums)', (a) => a.getSummary({ range, timeZone: 'UTC', metrics: ['p95LatencyMs'] }), 'usage_requests'],
        ['a tag filter', (a) => a.getSummary({ range, timeZone: 'UTC', metrics: ['requests'], filters: { tag: ['batch'] } }), 'usage_requests'],
        ['5-minute buckets', (a) => a.getTimeSeries({ range: { start: range.start, end: '2026-09-29T00:00:00.000Z' }, timeZone: 'UTC', bucket: '5m', metrics: ['requests'] }), 'usage_requests'],
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
      } finally {
        await database.close()
      }
    })

    it('rejects a rollup it cannot read before any query', () => {
      const execute = async () => []
      expect(() => createSqlAdapter({ dialect: 'postgres', execute, rollups: [{ ...ROLLUPS[0]!, slotMinutes: 7 }] })).toThrow(/slotMinutes/)
      expect(() => createSqlAdapter({ dialect: 'postgres', execute, rollups: [{ ...ROLLUPS[0]!, dimensions: { tag: 'tags' } as never }] })).toThrow(/not a dimension a rollup can keep/)
      expect(() => createSqlAdapter({ dialect: 'postgres', execute, rollups: [{ ...ROLLUPS[0]!, sums: { requests: 'n', p95: 'x' } as never }] })).toThrow(/sums\.p95/)
    })
  })
}
