// How the SQL adapter fares on a real PostgreSQL server as the table grows, and what a 15-minute
// rollup buys: `node bench/postgresScale.mjs [rows=10000000]`. Starts a throwaway server, fills the
// reference table with SQL-generated requests over 90 days, times each widget's query through the
// adapter, then the same questions on the rollup. Writes bench/POSTGRES-SCALE.md (see docs/scale.md).
import fs from 'node:fs'
import os from 'node:os'
import pg from 'pg'
import { createSqlAdapter, referenceSchema } from '../packages/server/dist/sql/index.js'
import { startPostgresServer } from '../scripts/postgresServer.mjs'
import { measure } from './support.mjs'

const rows = Number(process.argv[2] ?? 10_000_000)
const DAY = 86_400_000
const end = Date.parse('2026-11-20T00:00:00.000Z')
const started = performance.now()
const log = (text) => console.log(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${text}`)

const server = await startPostgresServer({ shared_buffers: '4GB', work_mem: '256MB', maintenance_work_mem: '1GB', max_wal_size: '8GB', synchronous_commit: 'off' })
const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database: server.database })
await client.connect()
const results = []
try {
  const [createTable, ...createIndexes] = referenceSchema('postgres')
  await client.query(createTable)
  let t = performance.now()
  // 500 users in 12 teams; each user has one key, one application, three models and (a third of them)
  // an agent, as real request logs do; 5% errors; rows in time order.
  await client.query(
    `INSERT INTO usage_requests (id, ts, user_id, user_name, user_email, team, api_key, api_key_name, tags, application, agent,
       provider, model, status, input_tokens, cached_input_tokens, output_tokens, cost, latency_ms, ttft_ms)
     SELECT 'req-' || lpad(i::text, 9, '0'),
       to_timestamp($1::float8 / 1000) + (i::float8 / $2) * interval '90 days',
       'u_' || u, 'User ' || u, 'user' || u || '@example.com', 'Team ' || (u % 12), 'key_' || u, 'Key ' || u,
       CASE WHEN u % 7 = 0 THEN ARRAY['batch'] WHEN u % 3 = 0 THEN ARRAY['prod', 'eval'] ELSE ARRAY['prod'] END,
       'App ' || (u % 6), CASE WHEN u % 3 = 0 THEN 'agent-' || (u % 20) END,
       CASE WHEN m < 4 THEN 'openai' WHEN m < 8 THEN 'anthropic' ELSE 'google' END, 'model-' || m,
       CASE WHEN h % 20 = 0 THEN 'error' ELSE 'success' END,
       200 + h % 4000, (h % 4000) / 3, 50 + h % 900, round((h % 100000) / 1e7, 9), 300 + h % 9000, 100 + h % 400
     FROM (SELECT i, h, h % 500 AS u, (h % 500 + (h / 500) % 3) % 10 AS m
           FROM (SELECT i, abs(hashint8(i)) AS h FROM generate_series(0, $2::bigint - 1) AS i) g) s`,
    [end - 90 * DAY, rows],
  )
  log(`inserted ${rows.toLocaleString()} rows`)
  const loadMs = performance.now() - t
  t = performance.now()
  for (const statement of createIndexes) await client.query(statement)
  await client.query('VACUUM ANALYZE usage_requests')
  const indexMs = performance.now() - t
  log('indexed')
  const size = (await client.query(`SELECT pg_size_pretty(pg_total_relation_size('usage_requests')) AS size`)).rows[0].size

  const adapter = createSqlAdapter({ dialect: 'postgres', now: () => end, execute: (sql, params) => client.query(sql, params) })
  const range = { start: new Date(end - 30 * DAY).toISOString(), end: new Date(end).toISOString() }
  const timeZone = 'Europe/Berlin'
  const widgetsFor = (a) => [
    ['KPI cards: summary, sums + active users + p95, with the previous period', () => a.getSummary({ range, timeZone, metrics: ['requests', 'cost', 'totalTokens', 'activeUsers', 'p95LatencyMs'], compareToPrevious: true })],
    ['KPI cards: summary of sums only, with the previous period', () => a.getSummary({ range, timeZone, metrics: ['requests', 'cost', 'totalTokens'], compareToPrevious: true })],
    ['KPI cards: active users, with the previous period', () => a.getSummary({ range, timeZone, metrics: ['activeUsers'], compareToPrevious: true })],
    ['chart: 30 d × 6 h cost by model', () => a.getTimeSeries({ range, timeZone, bucket: '6h', metrics: ['cost'], groupBy: 'model' })],
    ['chart: 30 d × 1 d tokens by team, top 5', () => a.getTimeSeries({ range, timeZone, bucket: '1d', metrics: ['totalTokens'], groupBy: 'team', limit: 5 })],
    ['table: breakdown by user with daily trends, first 50', () => a.getBreakdown({ range, timeZone, groupBy: 'user', metrics: ['requests', 'totalTokens', 'cost'], trend: { bucket: '1d', metric: 'cost' }, limit: 50 })],
    ['request log: first page of 50, one team', () => a.listRequests({ range, timeZone, pageSize: 50, filters: { team: ['Team 3'] } })],
    ['filter menu: users', () => a.getDimensionValues({ range, timeZone, dimension: 'user' })],
  ]
  for (const [name, run] of widgetsFor(adapter)) {
    const stats = await measure(run, { runs: 3, warmup: 1 })
    results.push({ name: `raw table: ${name}`, ...stats })
    log(`${name}: ${stats.median.toFixed(0)} ms`)
  }

  // The two rollups of docs/scale.md, and the same widgets through the adapter with `rollups`:
  // what fits one reads it, the rest (p95, the request log) still reads the raw table.
  t = performance.now()
  await client.query(`CREATE TABLE usage_15m AS
    SELECT date_bin('15 minutes', ts, TIMESTAMPTZ '2000-01-01') AS slot, team, model, provider, status,
      count(*) AS requests, count(*) FILTER (WHERE status = 'success') AS successful, sum(input_tokens) AS input_tokens,
      sum(cached_input_tokens) AS cached_input_tokens, sum(output_tokens) AS output_tokens, sum(cost) AS cost, sum(latency_ms) AS latency_ms
    FROM usage_requests GROUP BY 1, 2, 3, 4, 5`)
  await client.query(`CREATE TABLE usage_hourly_user AS
    SELECT date_trunc('hour', ts) AS hour, user_id, model, count(*) AS requests, sum(input_tokens + output_tokens) AS tokens, sum(cost) AS cost
    FROM usage_requests GROUP BY 1, 2, 3`)
  await client.query('CREATE INDEX usage_15m_slot ON usage_15m (slot)')
  await client.query('CREATE INDEX usage_hourly_user_hour ON usage_hourly_user (hour)')
  await client.query('VACUUM ANALYZE usage_15m')
  await client.query('VACUUM ANALYZE usage_hourly_user')
  const rollupMs = performance.now() - t
  const count = async (table) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)
  const rollupRows = `usage_15m ${(await count('usage_15m')).toLocaleString()} rows, usage_hourly_user ${(await count('usage_hourly_user')).toLocaleString()} rows`
  log(`rollups: ${rollupRows}`)
  const read = new Set()
  const withRollups = createSqlAdapter({
    dialect: 'postgres',
    now: () => end,
    execute: (sql, params) => {
      read.add(['usage_15m', 'usage_hourly_user'].find((name) => sql.includes(`"${name}"`)) ?? 'usage_requests')
      return client.query(sql, params)
    },
    rollups: [
      {
        table: 'usage_15m',
        slotMinutes: 15,
        dimensions: { team: 'team', model: 'model', provider: 'provider', status: 'status' },
        sums: { requests: 'requests', successfulRequests: 'successful', inputTokens: 'input_tokens', cachedInputTokens: 'cached_input_tokens', outputTokens: 'output_tokens', cost: 'cost', latencyMs: 'latency_ms' },
      },
      { table: 'usage_hourly_user', slotMinutes: 60, slot: 'hour', dimensions: { user: 'user_id', model: 'model' }, sums: { requests: 'requests', totalTokens: 'tokens', cost: 'cost' } },
    ],
  })
  for (const [name, run] of widgetsFor(withRollups)) {
    read.clear()
    const stats = await measure(run, { runs: 3, warmup: 1 })
    results.push({ name: `with rollups: ${name} (reads ${[...read].join(', ')})`, ...stats })
    log(`with rollups ${name}: ${stats.median.toFixed(0)} ms (${[...read].join(', ')})`)
  }

  const lines = results.map((r) => `| ${r.name} | ${r.median.toFixed(0)} ms | ${r.min.toFixed(0)} – ${r.max.toFixed(0)} ms |`)
  fs.writeFileSync(
    new URL('./POSTGRES-SCALE.md', import.meta.url),
    `# PostgreSQL at ${rows.toLocaleString()} rows

Written by \`node bench/postgresScale.mjs ${rows}\` on ${new Date().toISOString()}: PostgreSQL ${(await client.query('SHOW server_version')).rows[0].server_version},
${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; shared_buffers 4GB, work_mem 256MB.
Table: ${size} with the reference indexes; insert ${(loadMs / 1000).toFixed(0)} s, indexes + VACUUM ANALYZE ${(indexMs / 1000).toFixed(0)} s.
Rollups (docs/scale.md): ${rollupRows}, built in ${(rollupMs / 1000).toFixed(0)} s; \`createSqlAdapter({ rollups })\` reads them where a query fits.
Range asked: the last 30 of 90 days (a third of the table), Europe/Berlin. Medians of 3 runs after a warm-up.

| query | median | min – max |
|---|---|---|
${lines.join('\n')}
`,
  )
  log('wrote bench/POSTGRES-SCALE.md')
} finally {
  await client.end()
  server.stop()
}
