// The demo's embedded database: DuckDB in one file, seeded with generated usage on first start and
// reused (topped up to now) after that. See docs/scale.md for why DuckDB rather than PGlite here.
import fs from 'node:fs'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { REFERENCE_COLUMNS, referenceSchema, referenceValueSql, toReferenceRow } from '@usagekit/server/sql'

const DAY = 86_400_000
const SCHEMA_VERSION = 1
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
 * Opens (or creates) the demo database and returns { execute, records, created, close }.
 * `file: ':memory:'` makes a throwaway one (tests).
 */
export async function openDemoDatabase({ file, days = 90, requestsPerDay = 11_500, seed = 42, now = Date.now(), onProgress } = {}) {
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
  // Statements still running when the server stops (a client hung up mid-request) must finish
  // before the connection closes: closing under a running query leaves a DuckDB worker spinning
  // and the process unable to exit.
  const running = new Set()
  const execute = (sql, params) => {
    const run = connection.runAndReadAll(sql, params.length ? params : undefined).then((reader) => reader.getRowObjectsJS())
    const settled = run.then(
      () => running.delete(settled),
      () => running.delete(settled),
    )
    running.add(settled)
    return run
  }
  return {
    execute,
    records: Number(count),
    created,
    close: async () => {
      await Promise.all(running)
      connection.closeSync()
      instance.closeSync()
    },
  }
}
