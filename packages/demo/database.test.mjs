// The demo database's execute: a pool of DuckDB connections that honours the adapter's AbortSignal.
import assert from 'node:assert/strict'
import { AsyncLocalStorage } from 'node:async_hooks'
import os from 'node:os'
import { after, before, describe, test } from 'node:test'
import { DuckDBInstance } from '@duckdb/node-api'
import { createConnectionPool, defaultConnections, defaultThreads, openDemoDatabase } from './database.mjs'

// Ten billion rows: minutes of work unless something stops it.
const ENDLESS = 'SELECT count(*) AS n FROM range(100000000) a, range(100) b WHERE (a.range * b.range) % 7 = $1'
// A few hundred milliseconds of work on this machine.
const SHORT = 'SELECT count(*) AS n FROM range(2000000) a, range(10) b WHERE (a.range * b.range) % 7 = $1'

const abortedAfter = (ms) => {
  const controller = new AbortController()
  setTimeout(() => controller.abort(new Error(`aborted after ${ms} ms`)), ms)
  return controller.signal
}

async function openPool(size, options) {
  const instance = await DuckDBInstance.create(':memory:')
  const connections = await Promise.all(Array.from({ length: size }, () => instance.connect()))
  const pool = createConnectionPool(connections, options)
  return {
    pool,
    close: async () => {
      await pool.close()
      instance.closeSync()
    },
  }
}

describe('execute honours { signal }', { timeout: 60_000 }, () => {
  let db
  before(async () => {
    db = await openDemoDatabase({ file: ':memory:', days: 1, requestsPerDay: 200, connections: 1 })
  })
  after(() => db?.close())

  test('a running statement aborted after 50 ms rejects with the reason, stops, and the connection answers next', async () => {
    const signal = abortedAfter(50)
    const started = performance.now()
    await assert.rejects(db.execute(ENDLESS, [3], { signal }), (error) => error === signal.reason)
    const rejectedAfter = performance.now() - started
    assert.ok(rejectedAfter < 400, `rejected after ${rejectedAfter.toFixed(0)} ms`)
    // One connection: this runs only once DuckDB has really stopped the endless statement.
    const rows = await db.execute('SELECT count(*) AS n FROM usage_requests', [])
    const answeredAfter = performance.now() - started
    assert.ok(Number(rows[0].n) > 0)
    assert.ok(answeredAfter < 2000, `the next statement answered after ${answeredAfter.toFixed(0)} ms`)
  })

  test('a statement aborted while DuckDB still prepares it stops too (the interrupt is repeated until it lands)', async () => {
    for (let i = 0; i < 10; i++) {
      const controller = new AbortController()
      const started = performance.now()
      const run = db.execute(ENDLESS, [i % 7], { signal: controller.signal })
      if (i % 2) queueMicrotask(() => controller.abort(new Error('early')))
      else setImmediate(() => controller.abort(new Error('early')))
      await assert.rejects(run, { message: 'early' })
      await db.execute('SELECT 1 AS x', [])
      const answeredAfter = performance.now() - started
      assert.ok(answeredAfter < 2000, `the next statement answered after ${answeredAfter.toFixed(0)} ms`)
    }
  })

  test('a statement aborted before it starts never runs', async () => {
    const controller = new AbortController()
    controller.abort(new Error('gone'))
    await assert.rejects(db.execute('CREATE TABLE never_made (x INTEGER)', [], { signal: controller.signal }), { message: 'gone' })
    const tables = await db.execute("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'never_made'", [])
    assert.equal(Number(tables[0].n), 0)
  })

  test('without a signal, statements run as before', async () => {
    const rows = await db.execute('SELECT $1::INTEGER + 1 AS x', [41])
    assert.equal(rows[0].x, 42)
  })
})

describe('the connection pool', { timeout: 60_000 }, () => {
  test('the default is 4 connections, never more than libuv has worker threads, with about one DuckDB thread per core', () => {
    const size = defaultConnections()
    assert.ok(size >= 1 && size <= 4)
    assert.ok(size <= (Number(process.env.UV_THREADPOOL_SIZE) || 4))
    assert.equal(defaultThreads(size), Math.max(1, os.availableParallelism() - size + 1))
  })

  test('statements wait in FIFO order while every connection is busy; an aborted waiting one leaves the queue without running', async () => {
    const { pool, close } = await openPool(1)
    try {
      await pool.execute('CREATE TABLE log (i INTEGER)', [])
      const blocker = new AbortController()
      const running = pool.execute(ENDLESS, [1], { signal: blocker.signal })
      const order = []
      const first = pool.execute('INSERT INTO log VALUES (1)', []).then(() => order.push(1))
      const skipped = new AbortController()
      const second = pool.execute('CREATE TABLE skipped (x INTEGER)', [], { signal: skipped.signal })
      const third = pool.execute('INSERT INTO log VALUES (3)', []).then(() => order.push(3))
      assert.deepEqual(pool.busy, { running: 1, queued: 3 })
      skipped.abort(new Error('left the queue'))
      await assert.rejects(second, { message: 'left the queue' })
      assert.deepEqual(pool.busy, { running: 1, queued: 2 })
      blocker.abort(new Error('stop'))
      await assert.rejects(running, { message: 'stop' })
      await Promise.all([first, third])
      assert.deepEqual(order, [1, 3])
      const tables = await pool.execute("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'skipped'", [])
      assert.equal(Number(tables[0].n), 0)
    } finally {
      await close()
    }
  })

  test('statements run side by side, and an interrupt stops only its own connection', async () => {
    const { pool, close } = await openPool(2)
    try {
      const expected = Number((await pool.execute(SHORT, [4]))[0].n)
      const signal = abortedAfter(30)
      const stopped = pool.execute(ENDLESS, [2], { signal })
      const other = pool.execute(SHORT, [4])
      await assert.rejects(stopped, (error) => error === signal.reason)
      assert.equal(Number((await other)[0].n), expected, 'the other connection finished its statement')
      // Both connections are back: two more statements run at once.
      assert.deepEqual(
        (await Promise.all([pool.execute('SELECT 1 AS x', []), pool.execute('SELECT 2 AS x', [])])).map((rows) => rows[0].x),
        [1, 2],
      )
    } finally {
      await close()
    }
  })

  test('with callers, none runs more than half the pool at once: a later caller gets a connection first', async () => {
    const callers = new AsyncLocalStorage()
    const { pool, close } = await openPool(4, { callerOf: () => callers.getStore() })
    try {
      const greedy = new AbortController()
      const hogs = Array.from({ length: 4 }, (_, i) => callers.run('member', () => pool.execute(ENDLESS, [i], { signal: greedy.signal })))
      assert.deepEqual(pool.busy, { running: 2, queued: 2 }, 'the member holds two of the four connections')
      const started = performance.now()
      const rows = await callers.run('admin', () => Promise.all([pool.execute('SELECT 1 AS x', []), pool.execute('SELECT 2 AS x', [])]))
      assert.deepEqual(rows.map((r) => r[0].x), [1, 2])
      assert.ok(performance.now() - started < 1000, 'the admin did not wait for the member')
      greedy.abort(new Error('enough'))
      await Promise.all(hogs.map((hog) => assert.rejects(hog, { message: 'enough' })))
    } finally {
      await close()
    }
  })

  test('close waits for running and waiting statements, then refuses new ones', async () => {
    const { pool, close } = await openPool(1)
    const running = pool.execute(SHORT, [5])
    const waiting = pool.execute('SELECT 7 AS x', [])
    await close()
    assert.ok(Number((await running)[0].n) > 0)
    assert.equal((await waiting)[0].x, 7)
    await assert.rejects(pool.execute('SELECT 1', []), /closed/)
  })
})
