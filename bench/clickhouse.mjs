// ClickHouse (chdb, in-process) at 10M and 100M requests: `pnpm bench clickhouse`. Rows are generated
// inside chdb from numbers(N) into referenceSchema('clickhouse'); every widget of the demo page is
// timed through createSqlAdapter on the raw table and through two rollups kept by materialized views;
// DuckDB and PostgreSQL answer the same widgets on the same 10M rows (exported from chdb) for the ratio.
//
// Environment: BENCH_CH_ROWS (default "10000000,100000000"), BENCH_CH_DIR (default
// /tmp/usagekit-bench-ch: the chdb session folder and the exports, kept and reused when the row count
// matches), BENCH_CH_PG=0 skips PostgreSQL, BENCH_CH_DUCKDB=0 skips DuckDB.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { DuckDBInstance } from '@duckdb/node-api'
import pg from 'pg'
import { expectSameAnswer } from '../packages/core/dist/testing/index.js'
import * as sqlModule from '../packages/server/dist/sql/index.js'
import { measure, row } from './support.mjs'

const { createSqlAdapter, referenceSchema, rollupBackfill, rollupSchema } = sqlModule
const { Session } = createRequire(new URL('../packages/server/package.json', import.meta.url))('chdb')

const DAY = 86_400_000
const END = Date.parse('2026-11-20T00:00:00.000Z')
const START = END - 90 * DAY
const RAW_BUDGET_MS = 1500
const ROLLUP_BUDGET_MS = 100
const DIR = process.env.BENCH_CH_DIR ?? path.join(os.tmpdir(), 'usagekit-bench-ch')
const SIZES = (process.env.BENCH_CH_ROWS ?? '10000000,100000000').split(',').map(Number)
const started = performance.now()
const log = (text) => console.error(`  [clickhouse ${((performance.now() - started) / 1000).toFixed(0)} s] ${text}`)
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : n.toLocaleString())

const MODELS = ['gpt-4o', 'gpt-4o-mini', 'o3-mini', 'claude-sonnet-4', 'claude-haiku-3.5', 'claude-opus-4', 'gemini-2.5-pro', 'gemini-2.5-flash', 'mistral-large', 'mistral-small']
const PROVIDERS = ['openai', 'openai', 'openai', 'anthropic', 'anthropic', 'anthropic', 'google', 'google', 'mistral', 'mistral']
// Nano-dollars per token (dollars per million tokens × 1000), input and output.
const PRICE_IN = [2500, 150, 1100, 3000, 800, 15000, 1250, 300, 2000, 200]
const PRICE_OUT = [10000, 600, 4400, 15000, 4000, 75000, 10000, 2500, 6000, 600]
const TEAMS = ['Platform', 'Research', 'Growth', 'Support', 'Data', 'Infra', 'Mobile', 'Web', 'Security', 'Finance', 'Sales', 'Design']
const APPS = ['chat', 'copilot', 'search', 'support-bot', 'batch-jobs', 'notebook']
const array = (values) => `[${values.map((v) => (typeof v === 'number' ? String(v) : `'${v}'`)).join(', ')}]`

/**
 * N requests over the 90 days ending at END, in SQL: ~2,000 users (a skewed few do most of the
 * requests) in 12 teams (1% without one), three favourite models of ten per user (4 providers),
 * a diurnal cycle peaking at 13:00 UTC, 3% errors, tags, cost in exact nano-dollars (9 places).
 * The same formulas make the same rows wherever they run: DuckDB and PostgreSQL load chdb's export.
 */
export function generateSql(table, n) {
  return `INSERT INTO ${table} (id, ts, user_id, user_name, user_email, team, api_key, api_key_name, tags, application, agent,
    provider, model, status, input_tokens, cached_input_tokens, output_tokens, cost, latency_ms, ttft_ms)
  SELECT id, ts, concat('u_', toString(uid)), concat('User ', toString(uid)), concat('user', toString(uid), '@example.com'),
    if(uid % 97 = 0, NULL, arrayElement(${array(TEAMS)}, uid % 12 + 1)),
    concat('sk-', toString(uid), '-', toString(h2 % 2)), concat('Key ', toString(uid), '/', toString(h2 % 2)),
    multiIf(uid % 7 = 0, ['batch'], uid % 3 = 0, ['prod', 'eval'], h2 % 10 = 0, emptyArrayString(), ['prod']),
    arrayElement(${array(APPS)}, uid % 6 + 1), if(uid % 3 = 0, concat('agent-', toString(uid % 20)), NULL),
    arrayElement(${array(PROVIDERS)}, m + 1), arrayElement(${array(MODELS)}, m + 1),
    if(failed, 'error', 'success'), inp, if(h2 % 4 = 0, intDiv(inp, 2), 0), outp,
    toDecimal128(inp * arrayElement(${array(PRICE_IN)}, m + 1) + outp * arrayElement(${array(PRICE_OUT)}, m + 1) + h3 % 1000, 0) * toDecimal128('0.000000001', 9),
    round(120 + outp * (6 + bitShiftRight(h1, 40) % 25) + bitShiftRight(h2, 20) % 400 + if(bitShiftRight(h3, 50) % 50 = 0, 20000, 0), 1),
    round(80 + bitShiftRight(h2, 30) % 700, 1)
  FROM (
    SELECT number, h1, h2, h3, concat('req-', leftPad(toString(number), 10, '0')) AS id,
      toUInt32((toUInt32(floor(2000 * pow((h1 % 1000000) / 1e6, 2))) * 7919) % 2000) AS uid,
      (uid + arrayElement([0, 3, 7], if(h2 % 10 < 6, 1, if(h2 % 10 < 9, 2, 3)))) % 10 AS m,
      h3 % 1000 < 30 AS failed,
      toInt64(200 * exp((bitShiftRight(h3, 10) % 10000) / 10000 * 3)) AS inp,
      if(failed, 0, toInt64(50 * exp((bitShiftRight(h3, 24) % 10000) / 10000 * 3))) AS outp,
      (bitShiftRight(h1, 20) % 1000000) / 1e6 AS u,
      u - 0.8 * sin(2 * pi() * u) / (2 * pi()) + 13 / 24 AS shifted,
      fromUnixTimestamp64Micro(toInt64(${START * 1000}) + toInt64(intDiv(number * 90, ${n})) * 86400000000
        + toInt64((shifted - floor(shifted)) * 86400000000), 'UTC') AS ts
    FROM (SELECT number, cityHash64(number, 1) AS h1, cityHash64(number, 2) AS h2, cityHash64(number, 3) AS h3 FROM numbers(${n}))
  )
  SETTINGS max_insert_threads = 2, max_threads = 2`
}

/**
 * The three rollups of docs/scale.md, built by the adapter's own `rollupSchema` (table + materialized
 * view) and `rollupBackfill`, listed smallest first (the adapter reads the first that fits): hours ×
 * user for totals and active users (KPIs, the user filter menu), 15-minute slots × chart dimensions
 * with exact user sets (charts; active users under a chart filter), and hours × user × team × model
 * for the per-user table with its models and trend.
 */
const ROLLUPS = (db) => [
  {
    table: [db, 'usage_hourly_users'],
    slotMinutes: 60,
    slot: 'hour',
    dimensions: { user: 'user_id' },
    sums: { requests: 'requests', successfulRequests: 'successful', totalTokens: 'tokens', cost: 'cost' },
  },
  {
    table: [db, 'usage_15m'],
    slotMinutes: 15,
    dimensions: { team: 'team', model: 'model', provider: 'provider', status: 'status', application: 'application', agent: 'agent' },
    sums: { requests: 'requests', successfulRequests: 'successful', inputTokens: 'input_tokens', cachedInputTokens: 'cached_input_tokens', outputTokens: 'output_tokens', cost: 'cost', latencyMs: 'latency_ms' },
    users: 'users',
  },
  {
    table: [db, 'usage_hourly_user'],
    slotMinutes: 60,
    slot: 'hour',
    dimensions: { user: 'user_id', team: 'team', model: 'model' },
    sums: { requests: 'requests', successfulRequests: 'successful', totalTokens: 'tokens', cost: 'cost' },
  },
]
const ROLLUP_NAMES = ROLLUPS('db').map((rollup) => rollup.table[1])
/** Bumped when the rollups' shape changes, so a stored folder rebuilds them. */
const ROLLUP_VERSION = 3

const range = { start: new Date(END - 30 * DAY).toISOString(), end: new Date(END).toISOString() }
const timeZone = 'Europe/Berlin'
/** The demo page's widgets, each one adapter call. */
const WIDGETS = [
  ['summary: requests, cost, tokens, active users, errors, with the previous period', (a) => a.getSummary({ range, timeZone, metrics: ['requests', 'cost', 'totalTokens', 'activeUsers', 'failedRequests'], compareToPrevious: true })],
  ['summary: p95 latency, with the previous period', (a) => a.getSummary({ range, timeZone, metrics: ['p95LatencyMs'], compareToPrevious: true })],
  ['chart: 30 d × 6 h cost by model', (a) => a.getTimeSeries({ range, timeZone, bucket: '6h', metrics: ['cost'], groupBy: 'model' })],
  ['chart: 30 d × 1 d tokens by team, top 5 + other', (a) => a.getTimeSeries({ range, timeZone, bucket: '1d', metrics: ['totalTokens'], groupBy: 'team', limit: 5 })],
  ['table: breakdown by user with daily trend, first 50', (a) => a.getBreakdown({ range, timeZone, groupBy: 'user', metrics: ['requests', 'totalTokens', 'cost'], trend: { bucket: '1d', metric: 'cost' }, limit: 50 })],
  ['filter menu: users', (a) => a.getDimensionValues({ range, timeZone, dimension: 'user' })],
  ['request log: page 1 of 50', (a) => a.listRequests({ range, timeZone, pageSize: 50 })],
  ['request log: page 11 of 50 (keyset cursor)', (a, cursors) => a.listRequests({ range, timeZone, pageSize: 50, cursor: cursors.get(a) })],
]

/**
 * The least work a widget asks of the engine, as one bare statement without the adapter: the same
 * rows, columns and aggregates (exact distinct users, exact sums, Berlin days), none of the
 * adapter's ranking, top-N, labels or checks. Timed beside the widgets whose budget is missed, it
 * tells whether the adapter's SQL or the engine on this machine sets the time.
 */
const at = (ms) => `toDateTime64('${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}', 6, 'UTC')`
const BARE = {
  'summary: requests, cost, tokens, active users, errors, with the previous period': {
    raw: (db) =>
      `SELECT ts >= ${at(Date.parse(range.start))} AS current, count(), sum(cost), sum(input_tokens + output_tokens), uniqExact(user_id), countIf(status != 'success') ` +
      `FROM ${db}.usage_requests WHERE ts >= ${at(2 * Date.parse(range.start) - END)} AND ts < ${at(END)} GROUP BY current`,
  },
  'table: breakdown by user with daily trend, first 50': {
    raw: (db) =>
      `SELECT count(), sum(n), sum(c), sum(t) FROM (SELECT user_id, model, toStartOfDay(ts, '${timeZone}') AS day, count() AS n, sum(cost) AS c, sum(input_tokens + output_tokens) AS t ` +
      `FROM ${db}.usage_requests WHERE ts >= ${at(Date.parse(range.start))} AND ts < ${at(END)} GROUP BY user_id, model, day)`,
    rollups: (db) =>
      `SELECT count(), sum(n), sum(c), sum(t) FROM (SELECT user_id, model, toStartOfDay(hour, '${timeZone}') AS day, sum(requests) AS n, sum(cost) AS c, sum(tokens) AS t ` +
      `FROM ${db}.usage_hourly_user WHERE hour >= toDateTime(${at(Date.parse(range.start))}, 'UTC') AND hour < toDateTime(${at(END)}, 'UTC') GROUP BY user_id, model, day)`,
  },
}

/** A note comparing a widget's median with its bare statement's, when the budget is missed. */
async function bareNote(session, name, kind, db, stats, budget) {
  const bare = BARE[name]?.[kind]
  if (!bare || budget === undefined || stats.median <= budget) return ''
  const sql = bare(db)
  const timed = await measure(() => session.query(sql, 'JSONEachRow'), { runs: 3, warmup: 1 })
  return `the bare statement doing the same work without the adapter takes ${timed.median.toFixed(0)} ms (${timed.min.toFixed(0)}–${timed.max.toFixed(0)}): the adapter's answer costs ${(stats.median / timed.median).toFixed(2)}× the engine's least work here`
}

/** The cursor of page 11, walked once per adapter (cursors are the adapter's own). */
async function deepCursor(adapter) {
  let cursor
  for (let page = 0; page < 10; page++) cursor = (await adapter.listRequests({ range, timeZone, pageSize: 50, cursor })).nextCursor
  return cursor
}

function chdbExecute(session) {
  return async (sql, params) => {
    const text = session.queryBind(sql, Array.isArray(params) ? {} : params, 'JSONEachRow')
    return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line))
  }
}
const scalar = (session, sql) => {
  const line = session.query(sql, 'JSONEachRow').split('\n')[0]
  return line ? Object.values(JSON.parse(line))[0] : undefined
}

function readMeta() {
  try {
    return JSON.parse(fs.readFileSync(path.join(DIR, 'meta.json'), 'utf8'))
  } catch {
    return {}
  }
}
function writeMeta(meta) {
  fs.writeFileSync(path.join(DIR, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`)
}

/** Generates N rows into db.usage_requests unless it already holds N (then reuses it); parts merged to one per month. */
function ensureData(session, db, n, meta) {
  const table = `${db}.usage_requests`
  const count = Number(scalar(session, `SELECT count() FROM system.tables WHERE database = '${db}' AND name = 'usage_requests'`)) ? Number(scalar(session, `SELECT count() FROM ${table}`)) : -1
  if (count === n && meta[db]?.generationMs) {
    log(`${db}: reusing ${n.toLocaleString()} rows (generated in ${seconds(meta[db].generationMs)} on ${meta[db].at})`)
    return { ...meta[db], reused: true }
  }
  session.query(`DROP DATABASE IF EXISTS ${db}`)
  session.query(`CREATE DATABASE ${db}`)
  for (const statement of referenceSchema('clickhouse', { table: [db, 'usage_requests'] })) session.query(statement)
  let t = performance.now()
  session.query(generateSql(table, n))
  const generationMs = performance.now() - t
  log(`${db}: generated ${n.toLocaleString()} rows in ${seconds(generationMs)}`)
  t = performance.now()
  session.query(`OPTIMIZE TABLE ${table} FINAL`)
  const optimizeMs = performance.now() - t
  log(`${db}: OPTIMIZE FINAL in ${seconds(optimizeMs)}`)
  meta[db] = { rows: n, generationMs, optimizeMs, at: new Date().toISOString(), rollups: null }
  writeMeta(meta)
  return { ...meta[db], reused: false }
}

/** Builds both rollups (rollupSchema: table + materialized view; rollupBackfill for the rows already there) unless they exist. */
function ensureRollups(session, db, meta) {
  const names = ROLLUP_NAMES
  const all = [...names, ...names.map((name) => `${name}_mv`)]
  const exists = Number(scalar(session, `SELECT count() FROM system.tables WHERE database = '${db}' AND name IN (${all.map((name) => `'${name}'`).join(', ')})`)) === all.length
  const current = exists && meta[db].rollups?.version === ROLLUP_VERSION
  if (!current) {
    for (const name of [...names.map((name) => `${name}_mv`), ...names]) session.query(`DROP TABLE IF EXISTS ${db}.${name}`)
    const t = performance.now()
    const source = [db, 'usage_requests']
    // The views keep them current from now on; the rows already there are added once.
    for (const rollup of ROLLUPS(db)) for (const statement of rollupSchema('clickhouse', rollup, { source })) session.query(statement)
    for (const rollup of ROLLUPS(db)) session.query(`${rollupBackfill('clickhouse', rollup, { source })}\nSETTINGS max_threads = 2`)
    const buildMs = performance.now() - t
    const t2 = performance.now()
    for (const name of names) session.query(`OPTIMIZE TABLE ${db}.${name} FINAL`)
    meta[db].rollups = { version: ROLLUP_VERSION, buildMs, optimizeMs: performance.now() - t2 }
    writeMeta(meta)
  }
  const counts = Object.fromEntries(names.map((name) => [name, Number(scalar(session, `SELECT count() FROM ${db}.${name}`))]))
  log(`${db}: rollups ${current ? 'reused' : 'built'} (${seconds(meta[db].rollups.buildMs)} + OPTIMIZE ${seconds(meta[db].rollups.optimizeMs)}): ${JSON.stringify(counts)}`)
  return { ...meta[db].rollups, counts, reused: current }
}

function diskBytes(session, db) {
  return Number(scalar(session, `SELECT sum(bytes_on_disk) FROM system.parts WHERE database = '${db}' AND active`))
}

/** A deep comparison of two answers: strict equality, else where they differ (the core kit's comparison). */
function difference(actual, expected, what) {
  if (isDeepStrictEqual(actual, expected)) return null
  try {
    expectSameAnswer(actual, expected, what, true)
    return `${what}: not strictly equal but the same answer by the conformance kit's comparison`
  } catch (error) {
    return `${what}: ${String(error.message).slice(0, 600)}`
  }
}
const comparable = (answer) => (answer && typeof answer === 'object' && 'nextCursor' in answer ? { ...answer, nextCursor: answer.nextCursor !== null } : answer)

async function timeWidgets(adapter, { runs, warmup, onEach } = {}) {
  const cursors = new Map([[adapter, await deepCursor(adapter)]])
  const out = []
  for (const [name, call] of WIDGETS) {
    const result = { name, answer: await call(adapter, cursors) }
    onEach?.start?.()
    result.stats = await measure(() => call(adapter, cursors), { runs, warmup })
    result.tables = onEach?.end?.()
    log(`  ${name}: ${result.stats.median.toFixed(1)} ms${result.tables ? ` (${result.tables})` : ''}`)
    out.push(result)
  }
  return out
}

/** DuckDB in memory with the 10M rows chdb generated, through a Parquet export. */
export async function openDuckdb(session, db) {
  const file = path.join(DIR, `${db}.parquet`)
  let t = performance.now()
  if (!fs.existsSync(file)) {
    session.query(`INSERT INTO FUNCTION file('${file}', 'Parquet') SELECT * FROM ${db}.usage_requests SETTINGS max_threads = 2`)
    log(`exported ${file} in ${seconds(performance.now() - t)}`)
  }
  t = performance.now()
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  await connection.run(`SET TimeZone = 'UTC'`)
  for (const statement of referenceSchema('duckdb')) await connection.run(statement)
  const columns = ['id', 'ts', 'user_id', 'user_name', 'user_email', 'team', 'api_key', 'api_key_name', 'tags', 'application', 'agent', 'provider', 'model', 'status', 'input_tokens', 'cached_input_tokens', 'output_tokens', 'cost', 'latency_ms', 'ttft_ms']
  await connection.run(`INSERT INTO usage_requests (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM read_parquet('${file}')`)
  const loadMs = performance.now() - t
  log(`DuckDB: loaded in ${seconds(loadMs)}`)
  const adapter = createSqlAdapter({
    dialect: 'duckdb',
    now: () => END,
    execute: async (sql, params) => (await connection.runAndReadAll(sql, params.length ? params : undefined)).getRowObjectsJS(),
  })
  return { adapter, loadMs, close: () => (connection.closeSync(), instance.closeSync()) }
}

/** PostgreSQL 15 (the Debian cluster, started if down) with the same rows through a CSV export and COPY; kept between runs. */
export async function openPostgres(session, db, n, meta) {
  try {
    execFileSync('pg_ctlcluster', ['15', 'main', 'status'], { stdio: 'ignore' })
  } catch {
    execFileSync('pg_ctlcluster', ['15', 'main', 'start'], { stdio: 'pipe' })
  }
  const psql = (sql, database = 'postgres') => execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-qtAX', '-d', database, '-c', sql], { stdio: 'pipe' }).toString().trim()
  if (psql(`SELECT 1 FROM pg_roles WHERE rolname = 'root'`) !== '1') psql('CREATE ROLE root SUPERUSER LOGIN')
  if (psql(`SELECT 1 FROM pg_database WHERE datname = 'usagekit_bench_ch'`) !== '1') psql('CREATE DATABASE usagekit_bench_ch OWNER root')
  const client = new pg.Client({ host: '/var/run/postgresql', user: 'root', database: 'usagekit_bench_ch' })
  await client.connect()
  await client.query(`SET work_mem = '256MB'`)
  const version = (await client.query('SHOW server_version')).rows[0].server_version
  const has = (await client.query(`SELECT to_regclass('usage_requests') IS NOT NULL AS t`)).rows[0].t
  const count = has ? Number((await client.query('SELECT count(*) AS n FROM usage_requests')).rows[0].n) : -1
  let loadMs = null
  if (count !== n) {
    const file = path.join(DIR, `${db}.pg.csv`)
    let t = performance.now()
    if (!fs.existsSync(file)) {
      // PostgreSQL's CSV: ISO instants with a zone, text[] literals, NULL as an unquoted \N.
      session.query(`INSERT INTO FUNCTION file('${file}', 'CSV') SELECT id, concat(formatDateTime(ts, '%Y-%m-%d %H:%i:%S.%f', 'UTC'), '+00'), user_id, user_name, user_email,
        team, api_key, api_key_name, concat('{', arrayStringConcat(arrayMap(x -> concat('"', x, '"'), tags), ','), '}'), application, agent, provider, model, status,
        input_tokens, cached_input_tokens, output_tokens, toString(cost), toString(latency_ms), toString(ttft_ms) FROM ${db}.usage_requests SETTINGS max_threads = 2`)
      fs.chmodSync(file, 0o644)
      log(`exported ${file} in ${seconds(performance.now() - t)}`)
    }
    t = performance.now()
    await client.query('DROP TABLE IF EXISTS usage_requests')
    const [createTable, ...createIndexes] = referenceSchema('postgres')
    await client.query(createTable)
    await client.query(`COPY usage_requests (id, ts, user_id, user_name, user_email, team, api_key, api_key_name, tags, application, agent, provider, model, status,
      input_tokens, cached_input_tokens, output_tokens, cost, latency_ms, ttft_ms) FROM '${file}' WITH (FORMAT csv, NULL '\\N')`)
    log(`PostgreSQL: COPY in ${seconds(performance.now() - t)}`)
    await client.query(`SET maintenance_work_mem = '1GB'`)
    for (const statement of createIndexes) await client.query(statement)
    await client.query('VACUUM ANALYZE usage_requests')
    loadMs = performance.now() - t
    meta.postgres = { rows: n, loadMs, at: new Date().toISOString() }
    writeMeta(meta)
    log(`PostgreSQL: loaded, indexed and analysed in ${seconds(loadMs)}`)
  } else {
    log(`PostgreSQL: reusing ${n.toLocaleString()} rows`)
  }
  const reused = loadMs === null && meta.postgres?.rows === n
  if (reused) loadMs = meta.postgres.loadMs
  const adapter = createSqlAdapter({ dialect: 'postgres', now: () => END, execute: (sql, params) => client.query(sql, params) })
  return { adapter, loadMs, version, reused, close: () => client.end() }
}

export async function clickhouseBench() {
  fs.mkdirSync(DIR, { recursive: true })
  const rows = []
  const once = (name, ms, note) => rows.push(row('clickhouse', name, { median: ms, min: ms, max: ms }, { note }))
  const meta = readMeta()
  const session = new Session(path.join(DIR, 'chdb'))
  const chVersion = scalar(session, 'SELECT version()')
  log(`chdb: ClickHouse ${chVersion}, folder ${DIR}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`)
  const results = {}
  for (const n of SIZES) {
    const db = `ch_${n}`
    const data = ensureData(session, db, n, meta)
    const bytes = diskBytes(session, db)
    const rss = process.memoryUsage().rss
    once(`ClickHouse ${label(n)}: generate rows with INSERT … SELECT FROM numbers()`, data.generationMs, `${data.reused ? `reused: measured when generated (${data.at.slice(0, 16)} UTC); ` : ''}then OPTIMIZE FINAL ${seconds(data.optimizeMs)}; ${(bytes / 2 ** 30).toFixed(2)} GiB on disk; process RSS ${(rss / 2 ** 30).toFixed(2)} GiB after`)
    const rollups = ensureRollups(session, db, meta)
    once(`ClickHouse ${label(n)}: build the rollups (materialized views, backfill by INSERT … SELECT)`, rollups.buildMs, `${rollups.reused ? 'reused: measured when built; ' : ''}${rollups.note ? `${rollups.note}; ` : ''}${ROLLUP_NAMES.map((name) => `${name} ${rollups.counts[name].toLocaleString()} rows`).join(', ')}; then OPTIMIZE FINAL ${seconds(rollups.optimizeMs)}`)

    const execute = chdbExecute(session)
    const raw = createSqlAdapter({ dialect: 'clickhouse', now: () => END, table: [db, 'usage_requests'], execute })
    const read = new Set()
    const withRollups = createSqlAdapter({
      dialect: 'clickhouse',
      now: () => END,
      table: [db, 'usage_requests'],
      rollups: ROLLUPS(db),
      execute: (sql, params) => {
        read.add(ROLLUP_NAMES.find((name) => sql.includes(`"${name}"`)) ?? 'usage_requests')
        return execute(sql, params)
      },
    })
    const runs = n >= 1e8 ? { runs: 3, warmup: 0 } : { runs: 5, warmup: 0 }
    log(`${db}: raw table`)
    const onRaw = await timeWidgets(raw, runs)
    log(`${db}: with rollups`)
    const onRollups = await timeWidgets(withRollups, { ...runs, onEach: { start: () => read.clear(), end: () => [...read].join(', ') } })
    results[n] = { n, db, onRaw, onRollups }
    for (const [i, r] of onRaw.entries()) {
      const rolled = onRollups[i]
      const readsRaw = rolled.tables === 'usage_requests'
      const diff = n === SIZES[0] ? difference(comparable(rolled.answer), comparable(r.answer), `rollups vs raw: ${r.name}`) : null
      if (diff) log(`DIFFERENCE ${diff}`)
      const rawBudget = n >= 1e8 ? RAW_BUDGET_MS : undefined
      const rawBare = await bareNote(session, r.name, 'raw', db, r.stats, rawBudget)
      rows.push(row('clickhouse', `ClickHouse ${label(n)} raw: ${r.name}`, r.stats, { budget: rawBudget, note: n >= 1e8 ? rawBare : 'budget applies at 100M' }))
      const rolledBudget = readsRaw ? undefined : ROLLUP_BUDGET_MS
      const rolledBare = await bareNote(session, r.name, 'rollups', db, rolled.stats, rolledBudget)
      rows.push(
        row('clickhouse', `ClickHouse ${label(n)} rollups: ${r.name}`, rolled.stats, {
          budget: rolledBudget,
          note: `reads ${rolled.tables}${readsRaw ? ' (no rollup answers it)' : ''}; ${(r.stats.median / rolled.stats.median).toFixed(1)}× faster than raw${n === SIZES[0] ? (diff ? `; **answer differs from raw**: ${diff}` : '; same answer as raw (deep equal)') : ''}${rolledBare ? `; ${rolledBare}` : ''}`,
        }),
      )
    }
  }

  const ten = results[SIZES[0]]
  const peers = []
  if (ten && process.env.BENCH_CH_DUCKDB !== '0') peers.push(['DuckDB', () => openDuckdb(session, ten.db)])
  if (ten && process.env.BENCH_CH_PG !== '0') peers.push(['PostgreSQL', () => openPostgres(session, ten.db, ten.n, meta)])
  for (const [engine, open] of peers) {
    const peer = await open()
    if (peer.loadMs !== null) once(`${engine} ${label(ten.n)}: load chdb's rows`, peer.loadMs, engine === 'DuckDB' ? 'Parquet export of the ClickHouse table, read_parquet into the reference table (in memory)' : `${peer.reused ? `reused: measured when loaded (${meta.postgres.at.slice(0, 16)} UTC); ` : ''}PostgreSQL ${peer.version} (Debian cluster, shared_buffers 128MB default, work_mem 256MB): COPY from chdb's CSV export, reference indexes, VACUUM ANALYZE`)
    log(`${engine} ${label(ten.n)}`)
    const timed = await timeWidgets(peer.adapter, engine === 'DuckDB' ? { runs: 5, warmup: 0 } : { runs: 3, warmup: 0 })
    for (const [i, r] of timed.entries()) {
      const ch = ten.onRaw[i]
      const diff = difference(comparable(r.answer), comparable(ch.answer), `${engine} vs ClickHouse: ${r.name}`)
      if (diff) log(`DIFFERENCE ${diff}`)
      rows.push(row('clickhouse', `${engine} ${label(ten.n)} raw: ${r.name}`, r.stats, { note: `${(r.stats.median / ch.stats.median).toFixed(1)}× ClickHouse ${label(ten.n)} raw (${ch.stats.median.toFixed(1)} ms); ${diff ? `**answer differs from ClickHouse**: ${diff}` : 'same answer as ClickHouse'}` }))
    }
    await peer.close()
  }
  log(`done; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`)
  session.close()
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await clickhouseBench()
  for (const r of rows) console.log(`${r.name}: ${r.median.toFixed(1)} ${r.unit} ${r.pass === false ? 'MISSED' : ''} ${r.note}`)
  process.exit(0)
}
