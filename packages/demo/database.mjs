// The demo's embedded database: DuckDB in one file, seeded with generated usage on first start and
// reused (topped up to now) after that. See docs/scale.md for why DuckDB rather than PGlite here.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { REFERENCE_COLUMNS, referenceSchema, referenceValueSql, toReferenceRow } from '@usagekit/server/sql'

const DAY = 86_400_000
// Bumped when the reference table gains columns (2: customer, cache_hit), so an older file is rebuilt.
const SCHEMA_VERSION = 2
/** Columns staged as plain VARCHAR / DOUBLE, then cast into the reference table in one statement. */
const FIELDS = Object.keys(REFERENCE_COLUMNS)
const NUMERIC = new Set(['inputTokens', 'cachedInputTokens', 'outputTokens', 'latencyMs', 'ttftMs', 'overheadMs', 'retries'])

/** Appends records to the reference table through a staging table (DuckDB's appender, then one cast). */
export async function appendRecords(connection, records) {
  await connection.run('DELETE FROM staging')
  const appender = await connection.createAppender('staging')
  for (const record of records) {
    const row = toReferenceRow(record)
    for (const field of FIELDS) {
      const value = row[field]
      if (value === undefined || value === null) appender.appendNull()
      else if (NUMERIC.has(field)) appender.appendDouble(value)
      else appender.appendVarchar(String(value))
    }
    appender.endRow()
  }
  appender.flushSync()
  appender.closeSync()
  const columns = FIELDS.map((field) => `"${REFERENCE_COLUMNS[field]}"`).join(', ')
  // Rows go in in time order, so DuckDB's per-block min/max on ts prunes every range query.
  await connection.run(
    `INSERT INTO usage_requests (${columns}) SELECT ${FIELDS.map((field) => referenceValueSql('duckdb', field, `"${REFERENCE_COLUMNS[field]}"`)).join(', ')} FROM staging ORDER BY "ts", "id"`,
  )
}

/** The reference table and the staging table `appendRecords` fills. */
export async function createTables(connection) {
  for (const statement of referenceSchema('duckdb')) await connection.run(statement)
  const staging = FIELDS.map((field) => `"${REFERENCE_COLUMNS[field]}" ${NUMERIC.has(field) ? 'DOUBLE' : 'VARCHAR'}`).join(', ')
  await connection.run(`CREATE TABLE staging (${staging})`)
}

async function generateInto(connection, { seed, start, end, requestsPerDay, spike = false, onProgress }) {
  // Ten days at a time keeps the generator's arrays small.
  let loaded = 0
  for (let from = start; from < end; from += 10 * DAY) {
    const to = Math.min(end, from + 10 * DAY)
    // One runaway-script spike, in the last chunk of the first fill only.
    const records = generateUsageRecords({ seed: seed + Math.floor(from / DAY), start: from, end: to, requestsPerDay, spike: spike && to === end })
    await appendRecords(connection, records)
    loaded += records.length
    onProgress?.(loaded)
  }
  return loaded
}

/**
 * Opens (or creates) the demo database and returns { execute, records, created, connections, close }.
 * `file: ':memory:'` makes a throwaway one (tests). `connections` statements run at once, each on its
 * own connection to the one instance (more wait in line; `callerOf` shares them out, see
 * `createConnectionPool`); `threads` is DuckDB's worker thread count.
 */
export async function openDemoDatabase({
  file,
  days = 90,
  requestsPerDay = 11_500,
  seed = 42,
  now = Date.now(),
  onProgress,
  connections = defaultConnections(),
  threads = defaultThreads(connections),
  callerOf,
} = {}) {
  const wanted = JSON.stringify({ version: SCHEMA_VERSION, days, requestsPerDay, seed })
  const end = Math.floor(now / 3_600_000) * 3_600_000
  let instance
  let connection
  let created = false
  const open = async (target) => {
    instance = await DuckDBInstance.create(target)
    connection = await instance.connect()
  }
  const readMeta = async () => {
    try {
      const rows = (await connection.runAndReadAll('SELECT config, generated_through FROM demo_meta')).getRowObjectsJS()
      return rows[0] ? { config: rows[0].config, through: Number(rows[0].generated_through) } : null
    } catch {
      return null
    }
  }
  const createFresh = async (target) => {
    await open(target)
    await createTables(connection)
    await connection.run('CREATE TABLE demo_meta (config VARCHAR, generated_through BIGINT)')
    await generateInto(connection, { seed, start: end - days * DAY, end, requestsPerDay, spike: true, onProgress })
    await connection.run('INSERT INTO demo_meta VALUES ($1, $2)', [wanted, end])
    await connection.run('CHECKPOINT')
    created = true
  }

  if (file === ':memory:' || !file) {
    await createFresh(':memory:')
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    if (fs.existsSync(file)) {
      await open(file)
      const meta = await readMeta()
      if (meta?.config !== wanted) {
        connection.closeSync()
        instance.closeSync()
        fs.rmSync(file, { force: true })
        fs.rmSync(`${file}.wal`, { force: true })
      } else if (meta.through < end) {
        // Reused: only the hours since the last start are generated; the window stays `days` long.
        await generateInto(connection, { seed, start: Math.max(meta.through, end - days * DAY), end, requestsPerDay })
        await connection.run('DELETE FROM usage_requests WHERE ts < CAST($1 AS TIMESTAMPTZ)', [new Date(end - days * DAY).toISOString()])
        await connection.run('UPDATE demo_meta SET generated_through = $1', [end])
      }
    }
    if (!connection || !fs.existsSync(file)) {
      // Built beside the final file and renamed, so an interrupted first start leaves nothing half-made.
      const partial = `${file}.partial`
      fs.rmSync(partial, { force: true })
      fs.rmSync(`${partial}.wal`, { force: true })
      await createFresh(partial)
      connection.closeSync()
      instance.closeSync()
      fs.renameSync(partial, file)
      await open(file)
    }
  }

  const count = (await connection.runAndReadAll('SELECT count(*) AS n FROM usage_requests')).getRowObjectsJS()[0].n
  // DuckDB's worker threads are the instance's, shared by every connection (see defaultThreads).
  await connection.run(`SET threads = ${Math.max(1, Math.floor(threads))}`)
  const others = await Promise.all(Array.from({ length: Math.max(1, Math.floor(connections)) - 1 }, () => instance.connect()))
  const pool = createConnectionPool([connection, ...others], { callerOf })
  return {
    execute: pool.execute,
    records: Number(count),
    created,
    connections: pool.size,
    close: async () => {
      await pool.close()
      instance.closeSync()
    },
  }
}

/**
 * How many connections the demo opens by default: 4, or fewer when libuv has fewer worker threads.
 * Every running DuckDB statement holds one of libuv's worker threads (UV_THREADPOOL_SIZE, 4 unless
 * set) until it finishes, so more connections than that would only queue in libuv, out of this
 * pool's order; the demo itself needs no other worker thread (its static files are read
 * synchronously). Four on two cores rather than two: with statements side by side a short one is
 * not stuck behind a long one, and a caller held to half the pool leaves the other half free
 * (`createConnectionPool`'s `callerOf`); bench/pageLoad.mjs compares 1, 2, 3, 4 and 8.
 */
export function defaultConnections() {
  const libuv = Number(process.env.UV_THREADPOOL_SIZE) || 4
  return Math.max(1, Math.min(4, libuv))
}

/**
 * DuckDB's worker threads for `connections` connections: a running statement works on the thread
 * that started it plus the instance's shared workers (`threads` − 1), so with every connection busy
 * the process runs about as many threads as the machine has cores (one each for 4 connections on 2).
 */
export function defaultThreads(connections) {
  return Math.max(1, os.availableParallelism() - connections + 1)
}

/**
 * Runs statements on a fixed set of connections to one DuckDB instance: each call takes an idle
 * connection, or waits in a FIFO queue while all are busy.
 *
 * `callerOf()` (optional) names the caller of the statement being queued (the demo: the signed-in
 * user, from an AsyncLocalStorage). Then no caller runs more than `maxPerCaller` statements at once
 * (default half the pool, at least 1): a free connection goes to the oldest waiting statement whose
 * caller is below that share, so one caller's burst of costly statements never holds every
 * connection while another caller waits.
 *
 * `execute(sql, params, { signal })` honours the signal: a call aborted while queued leaves the queue
 * and never runs; a call aborted while running rejects at once with the signal's reason and its
 * statement is interrupted (`connection.interrupt()`, which stops only that connection's statement).
 * The connection goes back to the pool only when DuckDB has stopped the statement.
 */
export function createConnectionPool(connections, { callerOf, maxPerCaller = Math.max(1, Math.floor(connections.length / 2)) } = {}) {
  const idle = [...connections]
  const queue = []
  const running = new Set()
  const perCaller = new Map()
  let closed = false
  let drained = null

  const share = (caller) => perCaller.get(caller) ?? 0
  const mayStart = (job) => !callerOf || share(job.caller) < maxPerCaller
  const checkDrained = () => {
    if (drained && running.size === 0 && queue.length === 0) drained.resolve()
  }
  /** Starts the oldest waiting statements that may start, while connections are idle. */
  const dispatch = () => {
    for (let i = 0; i < queue.length && idle.length; ) {
      if (mayStart(queue[i])) start(queue.splice(i, 1)[0], idle.pop())
      else i++
    }
  }
  const finish = (job) => {
    job.done = true
    job.signal?.removeEventListener('abort', job.onAbort)
  }
  const start = (job, connection) => {
    job.connection = connection
    running.add(job)
    perCaller.set(job.caller, share(job.caller) + 1)
    // The connection is back in the pool before the caller hears the answer, so a caller's next
    // statement finds it idle.
    const settle = (outcome) => {
      clearInterval(job.interrupting)
      const pending = !job.done
      finish(job)
      running.delete(job)
      if (share(job.caller) > 1) perCaller.set(job.caller, share(job.caller) - 1)
      else perCaller.delete(job.caller)
      idle.push(connection)
      dispatch()
      checkDrained()
      if (pending) outcome()
    }
    // DuckDB binds an array ($1, $2, …; none is `undefined`); chdb (clickhouse.mjs) an object of named values.
    const params = Array.isArray(job.params) ? (job.params.length ? job.params : undefined) : job.params
    connection
      .runAndReadAll(job.sql, params)
      .then((reader) => reader.getRowObjectsJS())
      .then(
        (rows) => settle(() => job.resolve(rows)),
        (error) => settle(() => job.reject(error)),
      )
  }
  const abort = (job) => {
    if (job.done) return
    finish(job)
    job.reject(job.signal.reason)
    if (!job.connection) {
      queue.splice(queue.indexOf(job), 1)
      checkDrained()
      return
    }
    // An interrupt that lands while DuckDB still prepares the statement is forgotten when execution
    // begins, so it is repeated until the statement has stopped.
    job.connection.interrupt()
    job.interrupting = setInterval(() => job.connection.interrupt(), 10)
  }

  const execute = (sql, params = [], { signal } = {}) => {
    if (closed) return Promise.reject(new Error('The demo database is closed.'))
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise((resolve, reject) => {
      const job = { sql, params, signal, caller: callerOf?.(), resolve, reject, done: false, connection: null, interrupting: undefined }
      if (signal) {
        job.onAbort = () => abort(job)
        signal.addEventListener('abort', job.onAbort, { once: true })
      }
      queue.push(job)
      dispatch()
    })
  }

  return {
    execute,
    size: connections.length,
    /** Stats for tests and benches: statements running and waiting now. */
    get busy() {
      return { running: running.size, queued: queue.length }
    },
    /**
     * Refuses new statements, lets the running and queued ones finish (closing under a running query
     * leaves a DuckDB worker spinning and the process unable to exit), then closes every connection.
     */
    close: async () => {
      closed = true
      if (running.size || queue.length) await new Promise((resolve) => (drained = { resolve }))
      for (const connection of connections) connection.closeSync()
    },
  }
}
