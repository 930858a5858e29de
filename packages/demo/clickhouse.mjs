// The demo's ClickHouse engine (USAGEKIT_DEMO_ENGINE=clickhouse): chdb, ClickHouse in-process, on a
// persistent Session folder, seeded with the same generated usage as the DuckDB file and topped up
// the same way. chdb is an optional dependency of the demo: it is imported only here, and only when
// this engine is asked for, so the default DuckDB demo never loads it (its library is ~540 MB).
//
// What differs from DuckDB (database.mjs), measured with chdb 3.4.0:
// - chdb's `queryBind` is synchronous and would block the event loop for a whole statement (no page,
//   no other request served meanwhile). The demo uses `queryBindAsync` instead, which runs the
//   statement on one of libuv's worker threads; `insert` (the raw JSONEachRow load) is async too.
// - The engine runs one statement at a time per process: a second Session on the same folder (or a
//   second statement on one Session) waits until the first is done. A pool of connections would
//   only queue inside chdb, so the demo runs one, in the same FIFO queue as DuckDB's pool
//   (`createConnectionPool` with a single connection). Per-user fairness ("no caller holds more
//   than half the pool") has nothing to share out with one slot: statements run in arrival order.
// - An abort cannot stop a running chdb statement (its own `signal` only rejects early while the
//   engine keeps computing). The pool rejects the aborted call at once and keeps the slot until the
//   statement really ends; every statement runs under ClickHouse's `max_execution_time`, so none
//   holds the engine longer than the usage API's 10-second budget plus a little.
import fs from 'node:fs'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { REFERENCE_COLUMNS, referenceSchema, referenceValueSql, toReferenceRow } from '@usagekit/server/sql'
import { createConnectionPool } from './database.mjs'

const DAY = 86_400_000
// Bumped when the reference table or the load changes, so an older folder is rebuilt.
const SCHEMA_VERSION = 1
const FIELDS = Object.keys(REFERENCE_COLUMNS)
/** Seconds a statement may run before ClickHouse stops it itself (the usage API aborts at 10 s). */
export const MAX_EXECUTION_SECONDS = 11

/** Imports chdb, or says how to get it. */
export async function importChdb() {
  try {
    return await import('chdb')
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' && !/Cannot find (module|package) 'chdb'|@chdb\/lib/.test(String(error?.message))) throw error
    throw new Error(
      'USAGEKIT_DEMO_ENGINE=clickhouse needs chdb, an optional dependency of the demo that is not installed here ' +
        '(or its platform library @chdb/lib-* is missing: Linux x64/arm64 glibc and macOS only). ' +
        'Install it with `pnpm install` from the repository root (about 540 MB), or unset USAGEKIT_DEMO_ENGINE for the DuckDB demo.',
      { cause: error },
    )
  }
}

/** chdb's JSONEachRow text as row objects (64-bit integers arrive quoted; the SQL adapter reads both). */
function parseRows(text) {
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line))
}

/**
 * One chdb Session shaped as the DuckDB connection `createConnectionPool` drives:
 * `runAndReadAll(sql, params)` (async, off the event loop), `interrupt()` (nothing to do: see above)
 * and `closeSync()`.
 */
function chdbConnection(session) {
  return {
    runAndReadAll: async (sql, params) => {
      // The adapter's ClickHouse dialect binds an object of `{pN:Type}` values; a plain statement has none.
      const result = await session.queryBindAsync(sql, Array.isArray(params) || !params ? {} : params, { format: 'JSONEachRow' })
      const rows = parseRows(result.text())
      return { getRowObjectsJS: () => rows }
    },
    interrupt: () => {},
    closeSync: () => session.close(),
  }
}

/** Appends records through a staging table: one raw JSON insert (chdb parses it), then one cast in the engine. */
export async function appendRecords(session, records) {
  // JSONCompactEachRow (one array a row, in the staging table's column order): no key repeated on
  // every row, about a third less text to make and parse than JSONEachRow.
  const lines = records.map((record) => {
    const row = toReferenceRow(record)
    return JSON.stringify(FIELDS.map((field) => (row[field] === null || row[field] === undefined ? null : String(row[field]))))
  })
  await session.queryAsync('TRUNCATE TABLE staging')
  await session.insert({ table: 'staging', values: Buffer.from(lines.join('\n')), format: 'JSONCompactEachRow' })
  const columns = FIELDS.map((field) => `"${REFERENCE_COLUMNS[field]}"`).join(', ')
  const values = FIELDS.map((field) => referenceValueSql('clickhouse', field, `"${REFERENCE_COLUMNS[field]}"`)).join(', ')
  await session.queryAsync(`INSERT INTO usage_requests (${columns}) SELECT ${values} FROM staging`)
}

async function createTables(session) {
  for (const statement of referenceSchema('clickhouse')) await session.queryAsync(statement)
  const staging = FIELDS.map((field) => `"${REFERENCE_COLUMNS[field]}" Nullable(String)`).join(', ')
  await session.queryAsync(`CREATE TABLE staging (${staging}) ENGINE = Memory`)
  await session.queryAsync('CREATE TABLE demo_meta (config String, generated_through Int64) ENGINE = MergeTree ORDER BY tuple()')
}

async function generateInto(session, { seed, start, end, requestsPerDay, spike = false, onProgress }) {
  // Ten days at a time, with the same seeds as the DuckDB file, so both engines hold the same rows.
  let loaded = 0
  for (let from = start; from < end; from += 10 * DAY) {
    const to = Math.min(end, from + 10 * DAY)
    const records = generateUsageRecords({ seed: seed + Math.floor(from / DAY), start: from, end: to, requestsPerDay, spike: spike && to === end })
    await appendRecords(session, records)
    loaded += records.length
    onProgress?.(loaded)
  }
  return loaded
}

async function readMeta(session) {
  try {
    const rows = parseRows((await session.queryAsync('SELECT config, generated_through FROM demo_meta', { format: 'JSONEachRow' })).text())
    return rows[0] ? { config: rows[0].config, through: Number(rows[0].generated_through) } : null
  } catch {
    return null
  }
}

/**
 * Opens (or creates) the demo's chdb folder and returns { execute, records, created, connections,
 * close }, as `openDemoDatabase` does. `folder: ':memory:'` (or none) makes a throwaway one in a
 * temporary folder that close removes (tests). The meta row is written last, so a first start that
 * was interrupted leaves a folder without it, which the next start rebuilds.
 */
export async function openChdbDemoDatabase({ folder, days = 90, requestsPerDay = 11_500, seed = 42, now = Date.now(), onProgress, callerOf } = {}) {
  const { Session, drainPending } = await importChdb()
  const wanted = JSON.stringify({ version: SCHEMA_VERSION, days, requestsPerDay, seed })
  const end = Math.floor(now / 3_600_000) * 3_600_000
  const throwaway = folder === ':memory:' || !folder
  const connectionArgs = [`--max_execution_time=${MAX_EXECUTION_SECONDS}`]
  const open = () => (throwaway ? new Session(undefined, { connectionArgs }) : new Session(folder, { connectionArgs }))
  const existed = !throwaway && fs.existsSync(folder)
  let session = open()
  let created = false
  const meta = existed ? await readMeta(session) : null
  if (meta?.config !== wanted) {
    if (existed) {
      // Another configuration, or an interrupted first start: start over in an empty folder.
      session.close()
      await drainPending()
      fs.rmSync(folder, { recursive: true, force: true })
      session = open()
    }
    await createTables(session)
    await generateInto(session, { seed, start: end - days * DAY, end, requestsPerDay, spike: true, onProgress })
    await session.queryBindAsync('INSERT INTO demo_meta VALUES ({config:String}, {through:Int64})', { config: wanted, through: end })
    created = true
  } else if (meta.through < end) {
    // Reused: only the hours since the last start are generated; the window stays `days` long
    // (a lightweight DELETE: the rows vanish from reads at once, merges drop them later).
    await generateInto(session, { seed, start: Math.max(meta.through, end - days * DAY), end, requestsPerDay })
    await session.queryBindAsync("DELETE FROM usage_requests WHERE ts < parseDateTime64BestEffort({before:String}, 6, 'UTC')", { before: new Date(end - days * DAY).toISOString() })
    await session.queryBindAsync('ALTER TABLE demo_meta UPDATE generated_through = {through:Int64} WHERE 1 SETTINGS mutations_sync = 1', { through: end })
  }
  await session.queryAsync('TRUNCATE TABLE staging')
  const count = Number(parseRows((await session.queryAsync('SELECT count() AS n FROM usage_requests', { format: 'JSONEachRow' })).text())[0].n)
  const pool = createConnectionPool([chdbConnection(session)], { callerOf })
  return {
    execute: pool.execute,
    records: count,
    created,
    connections: pool.size,
    close: async () => {
      await pool.close()
      // The folder may be opened again (or another one) in this process once nothing is in flight.
      await drainPending()
    },
  }
}
