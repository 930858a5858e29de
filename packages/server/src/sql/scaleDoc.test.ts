import fs from 'node:fs'
import type { GetSummaryParams, GetTimeSeriesParams } from '@usagekit/core'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { contractFixtures, expectSameAnswer } from '@usagekit/core/testing'
import { expect, it } from 'vitest'
import { createSqlAdapter } from './createSqlAdapter'
import type { SqlRollup } from './sqlRollup'
import { openChdb, openPglite } from './testDatabases'

// docs/scale.md gives hosts SQL to copy: its rollup table and trigger must do what the page says.
it('the rollup table and trigger of docs/scale.md keep exact per-slot sums across insert batches', async () => {
  const doc = fs.readFileSync(new URL('../../../../docs/scale.md', import.meta.url), 'utf8')
  const [tables, trigger] = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1]!)
  const database = await openPglite()
  try {
    await database.execute(tables!, [], {})
    await database.execute(trigger!, [], {})
    const { records } = contractFixtures()
    // Two batches that share slots, so the second one goes through ON CONFLICT … DO UPDATE.
    await database.load(records.slice(0, 4000))
    await database.load(records.slice(4000, 8000))
    const fromRollup = await database.execute(
      `SELECT slot, coalesce(team, '') AS team, model, provider, status, requests::text, successful::text,
         (input_tokens + output_tokens)::text AS tokens, cost::text FROM usage_15m
       ORDER BY 1, 2, 3, 4, 5`,
      [],
      {},
    )
    const fromTable = await database.execute(
      `SELECT date_bin('15 minutes', ts, TIMESTAMPTZ '2000-01-01') AS slot, coalesce(team, '') AS team, model, provider, status,
         count(*)::text AS requests, count(*) FILTER (WHERE status = 'success')::text AS successful,
         sum(input_tokens + output_tokens)::text AS tokens, sum(cost)::text AS cost
       FROM usage_requests GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      [],
      {},
    )
    expect(fromRollup.length).toBeGreaterThan(1000)
    expect(fromRollup).toEqual(fromTable)
  } finally {
    await database.close()
  }
})

// The single-server ClickHouse rollup of docs/scale.md, run as written on chdb: the view keeps it
// as the rows arrive, and the adapter reading it answers as the reference does.
it('the ClickHouse rollup and view of docs/scale.md answer sums and active users exactly', async () => {
  const doc = fs.readFileSync(new URL('../../../../docs/scale.md', import.meta.url), 'utf8')
  const section = doc.slice(doc.indexOf('### One server'))
  const ddl = /```sql\n([\s\S]*?)```/.exec(section)![1]!
  const database = await openChdb()
  try {
    for (const statement of ddl.split(/;\s*\n/).filter((text) => text.trim() !== '')) await database.execute(statement, {}, {})
    const { records } = contractFixtures()
    await database.load(records.slice(0, 4000))
    await database.load(records.slice(4000))
    const rollup: SqlRollup = {
      table: 'usage_15m',
      slotMinutes: 15,
      users: 'users',
      dimensions: { team: 'team', model: 'model', provider: 'provider', status: 'status' },
      sums: { requests: 'requests', successfulRequests: 'successful', inputTokens: 'input_tokens', cachedInputTokens: 'cached_input_tokens', outputTokens: 'output_tokens', cost: 'cost', latencyMs: 'latency_ms' },
    }
    const adapter = createSqlAdapter({ dialect: 'clickhouse', execute: database.execute, rollups: [rollup] })
    const reference = createMemoryAdapter(records)
    const range = { start: '2026-10-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z' }
    const summary: GetSummaryParams = { range, timeZone: 'Asia/Kolkata', metrics: ['requests', 'cost', 'activeUsers', 'successRate', 'avgLatencyMs'], compareToPrevious: true }
    const series: GetTimeSeriesParams = { range, timeZone: 'Europe/Berlin', bucket: '1d', metrics: ['activeUsers', 'totalTokens'], groupBy: 'team' }
    database.statements.length = 0
    expectSameAnswer(await adapter.getSummary(summary), await reference.getSummary(summary), 'summary')
    expectSameAnswer(await adapter.getTimeSeries(series), await reference.getTimeSeries(series), 'series')
    expect(database.statements.map((statement) => statement.sql).join('\n')).not.toContain('"usage_requests"')
  } finally {
    await database.close()
  }
})
