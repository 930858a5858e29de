// The demo's DuckDB file: made on the first start, reused on the next, topped up to the current hour.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { openDemoDatabase } from '../packages/demo/database.mjs'

const HOUR = 3_600_000

test('the demo database is generated once, reused, and topped up to now', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'usagekit-demo-db-'))
  const file = path.join(dir, 'usage.duckdb')
  const now = Date.parse('2026-11-20T10:30:00.000Z')
  const count = async (db) => Number((await db.execute('SELECT count(*) AS n FROM usage_requests', []))[0].n)
  const newest = async (db) => Number((await db.execute('SELECT epoch_ms(max(ts)) AS t FROM usage_requests', []))[0].t)
  try {
    const first = await openDemoDatabase({ file, days: 3, requestsPerDay: 2000, now })
    assert.equal(first.created, true)
    const made = await count(first)
    assert.ok(made > 4000, `expected about 6,000 requests, got ${made}`)
    assert.ok((await newest(first)) < Date.parse('2026-11-20T10:00:00.000Z'))
    await first.close()

    const again = await openDemoDatabase({ file, days: 3, requestsPerDay: 2000, now: now + 10 * 60_000 })
    assert.equal(again.created, false)
    assert.equal(await count(again), made, 'the same hour reuses the file as it is')
    await again.close()

    const later = await openDemoDatabase({ file, days: 3, requestsPerDay: 2000, now: now + 6 * HOUR })
    assert.equal(later.created, false)
    const newestLater = await newest(later)
    assert.ok(newestLater >= Date.parse('2026-11-20T15:00:00.000Z'), 'six hours later the new hours are generated')
    const oldest = Number((await later.execute('SELECT epoch_ms(min(ts)) AS t FROM usage_requests', []))[0].t)
    assert.ok(oldest >= Date.parse('2026-11-17T16:00:00.000Z'), 'and the window stays three days long')
    await later.close()

    const other = await openDemoDatabase({ file, days: 2, requestsPerDay: 2000, now })
    assert.equal(other.created, true, 'another configuration starts over')
    await other.close()
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
