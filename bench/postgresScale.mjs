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
  const widgets = [
    ['KPI cards: summary, sums + active users + p95, with the previous period', () => adapter.getSummary({ range, timeZone, metrics: ['requests', 'cost', 'totalTokens', 'activeUsers', 'p95LatencyMs'], compareToPrevious: true })],
    ['KPI cards: summary of sums only, with the previous period', () => adapter.getSummary({ range, timeZone, metrics: ['requests', 'cost', 'totalTokens'], compareToPrevious: true })],
    ['chart: 30 d × 6 h cost by model', () => adapter.getTimeSeries({ range, timeZone, bucket: '6h', metrics: ['cost'], groupBy: 'model' })],
    ['chart: 30 d × 1 d tokens by team, top 5', () => adapter.getTimeSeries({ range, timeZone, bucket: '1d', metrics: ['totalTokens'], groupBy: 'team', limit: 5 })],
    ['table: breakdown by user with daily trends, first 50', () => adapter.getBreakdown({ range, timeZone, groupBy: 'user', metrics: ['requests', 'totalTokens', 'cost'], trend: { bucket: '1d', metric: 'cost' }, limit: 50 })],
    ['request log: first page of 50, one team', () => adapter.listRequests({ range, timeZone, pageSize: 50, filters: { team: ['Team 3'] } })],
    ['filter menu: users', () => adapter.getDimensionValues({ range, timeZone, dimension: 'user' })],
  ]
  for (const [name, run] of widgets) {
    const stats = await measure(run, { runs: 3, warmup: 1 })
    results.push({ name: `raw table: ${name}`, ...stats })
    log(`${name}: ${stats.median.toFixed(0)} ms`)
  }

  // Two rollups, each narrow enough to shrink the table: 15-minute slots × the chart dimensions
  // (15 minutes, not an hour, so the day and 6 h buckets of half- and quarter-hour zones such as
  // Kolkata and Kathmandu still fall on slot edges), and hours × user for the per-user table.
  t = performance.now()
  await client.query(`CREATE TABLE usage_15m AS
    SELECT date_bin('15 minutes', ts, TIMESTAMPTZ '2000-01-01') AS slot, team, model, provider, status,
      count(*) AS requests, sum(input_tokens) AS input_tokens, sum(cached_input_tokens) AS cached_input_tokens,
      sum(output_tokens) AS output_tokens, sum(cost) AS cost, sum(latency_ms) AS latency_ms
    FROM usage_requests GROUP BY 1, 2, 3, 4, 5`)
  await client.query(`CREATE TABLE usage_hourly_user AS
    SELECT date_trunc('hour', ts) AS hour, user_id, count(*) AS requests, sum(input_tokens + output_tokens) AS tokens, sum(cost) AS cost
    FROM usage_requests GROUP BY 1, 2`)
  await client.query('CREATE INDEX usage_15m_slot ON usage_15m (slot)')
  await client.query('CREATE INDEX usage_hourly_user_hour ON usage_hourly_user (hour)')
  await client.query('VACUUM ANALYZE usage_15m')
  await client.query('VACUUM ANALYZE usage_hourly_user')
  const rollupMs = performance.now() - t
  const count = async (table) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)
  const rollupRows = `usage_15m ${(await count('usage_15m')).toLocaleString()} rows, usage_hourly_user ${(await count('usage_hourly_user')).toLocaleString()} rows`
  log(`rollups: ${rollupRows}`)
  const previousIso = new Date(Date.parse(range.start) - 30 * DAY).toISOString()
  const days = Array.from({ length: 31 }, (_, i) => new Date(Date.parse(range.start) - 3_600_000 + i * DAY).toISOString())
  const edges6h = Array.from({ length: 121 }, (_, i) => new Date(Date.parse(range.start) - 3_600_000 + i * 6 * 3_600_000).toISOString())
  const rollupQueries = [
    ['KPI cards: sums with the previous period (usage_15m)', () => client.query(
      `SELECT slot >= $2::timestamptz AS current, sum(requests), sum(cost), sum(input_tokens + output_tokens)
       FROM usage_15m WHERE slot >= $1::timestamptz AND slot < $3::timestamptz GROUP BY 1`, [previousIso, range.start, range.end])],
    ['KPI cards: active users with the previous period (usage_hourly_user)', () => client.query(
      `SELECT hour >= $2::timestamptz AS current, count(DISTINCT user_id)
       FROM usage_hourly_user WHERE hour >= $1::timestamptz AND hour < $3::timestamptz GROUP BY 1`, [previousIso, range.start, range.end])],
    ['chart: 30 d × 6 h cost by model (usage_15m)', () => client.query(
      `SELECT model, width_bucket(slot, $3::timestamptz[]) AS b, sum(cost) FROM usage_15m
       WHERE slot >= $1::timestamptz AND slot < $2::timestamptz GROUP BY 1, 2`, [range.start, range.end, edges6h])],
    ['table: breakdown by user with daily cost trends (usage_hourly_user)', () => client.query(
      `WITH rows AS (SELECT user_id, width_bucket(hour, $3::timestamptz[]) AS b, sum(requests) AS requests, sum(tokens) AS tokens, sum(cost) AS cost
         FROM usage_hourly_user WHERE hour >= $1::timestamptz AND hour < $2::timestamptz GROUP BY 1, 2),
       totals AS (SELECT user_id, sum(requests) AS requests, sum(tokens) AS tokens, sum(cost) AS cost,
         json_agg(json_build_array(b, cost) ORDER BY b) AS trend FROM rows GROUP BY 1)
       SELECT * FROM totals ORDER BY cost DESC, user_id COLLATE "C" LIMIT 50`, [range.start, range.end, days])],
  ]
  for (const [name, run] of rollupQueries) {
    const stats = await measure(run, { runs: 3, warmup: 1 })
    results.push({ name: `rollup: ${name}`, ...stats })
    log(`rollup ${name}: ${stats.median.toFixed(0)} ms`)
  }

  const lines = results.map((r) => `| ${r.name} | ${r.median.toFixed(0)} ms | ${r.min.toFixed(0)} – ${r.max.toFixed(0)} ms |`)
  fs.writeFileSync(
    new URL('./POSTGRES-SCALE.md', import.meta.url),
    `# PostgreSQL at ${rows.toLocaleString()} rows

Written by \`node bench/postgresScale.mjs ${rows}\` on ${new Date().toISOString()}: PostgreSQL ${(await client.query('SHOW server_version')).rows[0].server_version},
${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; shared_buffers 4GB, work_mem 256MB.
Table: ${size} with the reference indexes; insert ${(loadMs / 1000).toFixed(0)} s, indexes + VACUUM ANALYZE ${(indexMs / 1000).toFixed(0)} s.
Rollups: ${rollupRows}, built in ${(rollupMs / 1000).toFixed(0)} s.
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
