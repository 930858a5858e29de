// The demo on ClickHouse (USAGEKIT_DEMO_ENGINE=clickhouse, chdb in-process): the same answers as on
// DuckDB for the same generated data, a folder reused and topped up like the DuckDB file, and what
// an abort does on an engine that cannot be interrupted. Skipped when the optional chdb is missing.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { startDemo } from './server.mjs'

let chdbMissing = false
try {
  await import('chdb')
} catch {
  chdbMissing = 'chdb (an optional dependency of the demo) is not installed'
}

const HOUR = 3_600_000
// The data ends at the same hour on both engines, so both hold the same rows.
const NOW = Math.floor(Date.now() / HOUR) * HOUR + 30 * 60_000
const DATA = { days: 3, requestsPerDay: 1500, now: NOW, database: ':memory:', port: 0 }

async function post(demo, route, user, body) {
  const response = await fetch(`${demo.url}/api/usage/${route}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-demo-user': user }, body: JSON.stringify(body) })
  // The answer's text, so money is compared exactly as the browser receives it.
  return { status: response.status, text: await response.text() }
}

describe('the demo on ClickHouse answers as on DuckDB', { skip: chdbMissing, timeout: 60_000 }, () => {
  let duckdb
  let clickhouse
  before(async () => {
    duckdb = await startDemo({ ...DATA, engine: 'duckdb', cache: false })
    clickhouse = await startDemo({ ...DATA, engine: 'clickhouse', cache: false })
  })
  after(async () => {
    await duckdb?.close()
    await clickhouse?.close()
  })

  const range = { start: new Date(NOW - 2 * 86_400_000).toISOString(), end: new Date(NOW).toISOString() }
  const cases = {
    summary: { route: 'summary', body: { range, timeZone: 'Europe/Berlin', metrics: ['requests', 'failedRequests', 'cost', 'inputTokens', 'activeUsers', 'avgLatencyMs', 'p95LatencyMs'], compareToPrevious: true } },
    'a time series grouped by model': { route: 'time-series', body: { range, timeZone: 'Europe/Berlin', bucket: '1h', metrics: ['cost', 'requests'], groupBy: 'model', limit: 5 } },
    'a breakdown by user': { route: 'breakdown', body: { range, timeZone: 'Europe/Berlin', groupBy: 'user', metrics: ['cost', 'requests'], limit: 10 } },
    'the request log, page 1': { route: 'requests', body: { range, timeZone: 'Europe/Berlin', pageSize: 50 } },
  }

  test('both engines hold the same rows and pick the same member', () => {
    assert.equal(clickhouse.engine, 'clickhouse')
    assert.equal(clickhouse.records, duckdb.records)
    assert.ok(clickhouse.records > 3000)
  })

  for (const user of ['admin', 'lead', 'member']) {
    for (const [name, { route, body }] of Object.entries(cases)) {
      test(`${name}, signed in as ${user}: the same JSON, money to the last digit`, async () => {
        const [expected, actual] = await Promise.all([post(duckdb, route, user, body), post(clickhouse, route, user, body)])
        assert.equal(expected.status, 200, expected.text.slice(0, 300))
        assert.equal(actual.status, 200, actual.text.slice(0, 300))
        assert.equal(actual.text, expected.text)
      })
    }
  }

  test('the request log, page 2 (the keyset cursor of page 1 works on both)', async () => {
    const first = JSON.parse((await post(duckdb, 'requests', 'admin', cases['the request log, page 1'].body)).text)
    assert.ok(first.nextCursor)
    const body = { ...cases['the request log, page 1'].body, cursor: first.nextCursor }
    const [expected, actual] = await Promise.all([post(duckdb, 'requests', 'admin', body), post(clickhouse, 'requests', 'admin', body)])
    assert.equal(actual.text, expected.text)
  })
})

describe('the chdb folder and its statements', { skip: chdbMissing, timeout: 60_000 }, () => {
  test('is generated once, reused, and topped up to now (the window stays `days` long)', async () => {
    const { openChdbDemoDatabase } = await import('./clickhouse.mjs')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'usagekit-demo-chdb-'))
    const folder = path.join(dir, 'usage.chdb')
    const now = Date.parse('2026-11-20T10:30:00.000Z')
    const count = async (db) => Number((await db.execute('SELECT count() AS n FROM usage_requests', {}))[0].n)
    const edge = async (db, fn) => Date.parse(`${(await db.execute(`SELECT toString(${fn}(ts)) AS t FROM usage_requests`, {}))[0].t}Z`)
    try {
      const first = await openChdbDemoDatabase({ folder, days: 3, requestsPerDay: 2000, now })
      assert.equal(first.created, true)
      const made = await count(first)
      assert.ok(made > 4000, `expected about 6,000 requests, got ${made}`)
      assert.ok((await edge(first, 'max')) < Date.parse('2026-11-20T10:00:00.000Z'))
      await first.close()

      const again = await openChdbDemoDatabase({ folder, days: 3, requestsPerDay: 2000, now: now + 10 * 60_000 })
      assert.equal(again.created, false)
      assert.equal(await count(again), made, 'the same hour reuses the folder as it is')
      await again.close()

      const later = await openChdbDemoDatabase({ folder, days: 3, requestsPerDay: 2000, now: now + 6 * HOUR })
      assert.equal(later.created, false)
      assert.ok((await edge(later, 'max')) >= Date.parse('2026-11-20T15:00:00.000Z'), 'six hours later the new hours are generated')
      assert.ok((await edge(later, 'min')) >= Date.parse('2026-11-17T16:00:00.000Z'), 'and the window stays three days long')
      await later.close()

      const other = await openChdbDemoDatabase({ folder, days: 2, requestsPerDay: 2000, now })
      assert.equal(other.created, true, 'another configuration starts over')
      await other.close()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a statement runs off the event loop; an abort rejects at once, and the next statement waits for the engine', async () => {
    const { openChdbDemoDatabase } = await import('./clickhouse.mjs')
    const db = await openChdbDemoDatabase({ days: 1, requestsPerDay: 100 })
    try {
      // About a second of work on this machine.
      const SLOW = 'SELECT max(sipHash64(number)) AS m FROM numbers(60000000)'
      let ticks = 0
      const timer = setInterval(() => ticks++, 10)
      const started = performance.now()
      await db.execute(SLOW, {})
      const took = performance.now() - started
      clearInterval(timer)
      assert.ok(ticks >= Math.floor(took / 10) / 4, `the event loop ticked ${ticks} times in ${took.toFixed(0)} ms`)

      const controller = new AbortController()
      const slow = db.execute(SLOW, {}, { signal: controller.signal })
      setTimeout(() => controller.abort(new Error('aborted after 50 ms')), 50)
      const abortedAt = performance.now()
      await assert.rejects(slow, { message: 'aborted after 50 ms' })
      assert.ok(performance.now() - abortedAt < 400, 'the aborted call rejects at once')
      // chdb cannot interrupt it: the next statement runs once the engine has finished it.
      assert.equal(Number((await db.execute('SELECT 1 AS x', {}))[0].x), 1)
      assert.equal(Number((await db.execute("SELECT getSetting('max_execution_time') AS s", {}))[0].s), 11, 'but no statement runs past 11 s')
    } finally {
      await db.close()
    }
  })
})
