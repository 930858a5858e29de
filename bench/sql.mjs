// The SQL adapter on 1M generated requests, on DuckDB (native, in-process) and on PGlite (PostgreSQL
// compiled to WebAssembly, one thread), against the memory adapter on the same records in the same
// run. Every method is timed, and every answer is checked against the memory adapter's first.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { PGlite } from '@electric-sql/pglite'
import { generateUsageRecords } from '../packages/core/dist/fixtures/index.js'
import { createMemoryAdapter } from '../packages/core/dist/memory/index.js'
import { expectSameAnswer } from '../packages/core/dist/testing/index.js'
import { REFERENCE_COLUMNS, createSqlAdapter, referenceSchema, toReferenceRow } from '../packages/server/dist/sql/index.js'
import { appendRecords, createTables } from '../packages/demo/database.mjs'
import { measure, row } from './support.mjs'

const DAY = 86_400_000
/** Our own bar for the in-process engine the demo uses (DESIGN.md sets none for SQL): one widget's query. */
const DUCKDB_BUDGET_MS = 300

function csvField(value) {
  if (value === null || value === undefined) return ''
  const text = String(value)
  return `"${text.replace(/"/g, '""')}"`
}

function pgArray(values) {
  return `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`
}


/** PostgreSQL's bulk path: the records as CSV through COPY … FROM '/dev/blob'. */
async function loadPglite(db, records) {
  const fields = Object.keys(REFERENCE_COLUMNS)
  // Small blobs: PGlite copies each into its in-memory file system, and large ones crawl.
  for (let from = 0; from < records.length; from += 20_000) {
    const lines = records.slice(from, from + 20_000).map((record) => {
      const row = toReferenceRow(record)
      // COPY's CSV takes a PostgreSQL array literal for text[], not the row's JSON text.
      return fields.map((field) => csvField(field === 'tags' ? pgArray(record.tags ?? []) : row[field])).join(',')
    })
    const blob = new Blob([lines.join('\n')])
    await db.query(`COPY usage_requests (${fields.map((field) => `"${REFERENCE_COLUMNS[field]}"`).join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob })
  }
}

export async function sqlBench({ count = 1_000_000 } = {}) {
  const end = Date.parse('2026-11-20T00:00:00.000Z')
  const start = end - 60 * DAY
  const records = generateUsageRecords({ seed: 1, start, end, count, content: false })
  const memory = createMemoryAdapter(records, { now: () => end })
  const rows = []

  let t = performance.now()
  const duck = await DuckDBInstance.create(':memory:')
  const connection = await duck.connect()
  await createTables(connection)
  for (let from = 0; from < records.length; from += 200_000) await appendRecords(connection, records.slice(from, from + 200_000))
  const duckLoad = performance.now() - t
  const duckdb = createSqlAdapter({
    dialect: 'duckdb',
    now: () => end,
    execute: async (sql, params) => (await connection.runAndReadAll(sql, params.length ? params : undefined)).getRowObjectsJS(),
  })

  t = performance.now()
  // On disk, not in memory: PGlite's in-memory file system grows files 1 MB at a time by copying,
  // which makes a million-row load quadratic (each 20k-row COPY slower than the last).
  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'usagekit-pglite-'))
  const pg = await PGlite.create(pgDir)
  // Indexes are built after the load: far faster than maintaining them row by row.
  const [createTable, ...createIndexes] = referenceSchema('postgres')
  await pg.exec(createTable)
  await loadPglite(pg, records)
  for (const statement of createIndexes) await pg.exec(statement)
  await pg.exec('ANALYZE usage_requests')
  const pgLoad = performance.now() - t
  const pglite = createSqlAdapter({ dialect: 'postgres', now: () => end, execute: (sql, params) => pg.query(sql, params) })

  rows.push(row('sql', `load ${records.length.toLocaleString()} requests into DuckDB (appender, then one INSERT … SELECT)`, { median: duckLoad, min: duckLoad, max: duckLoad }, { note: 'once' }))
  rows.push(row('sql', `load ${records.length.toLocaleString()} requests into PGlite (COPY from CSV, ANALYZE)`, { median: pgLoad, min: pgLoad, max: pgLoad }, { note: 'once, with the reference indexes' }))

  const range = { start: new Date(end - 30 * DAY).toISOString(), end: new Date(end).toISOString() }
  const timeZone = 'Europe/Berlin'
  const first = await memory.listRequests({ range, timeZone, pageSize: 50 })
  const deep = await memory.listRequests({ range, timeZone, pageSize: 50, cursor: first.nextCursor })
  const someId = deep.items[17].id
  const sqlCursor = async (adapter) => (await adapter.listRequests({ range, timeZone, pageSize: 50 })).nextCursor
  const methods = [
    ['getSummary, 5 metrics with p95 and the previous period', (a) => a.getSummary({ range, timeZone, metrics: ['requests', 'cost', 'totalTokens', 'activeUsers', 'p95LatencyMs'], compareToPrevious: true })],
    ['getTimeSeries, 30 d × 6 h grouped by model', (a) => a.getTimeSeries({ range, timeZone, bucket: '6h', metrics: ['cost', 'requests'], groupBy: 'model' })],
    ['getTimeSeries, 30 d × 1 d by team, top 5 + other', (a) => a.getTimeSeries({ range, timeZone, bucket: '1d', metrics: ['totalTokens'], groupBy: 'team', limit: 5 })],
    ['getBreakdown by user with daily trends', (a) => a.getBreakdown({ range, timeZone, groupBy: 'user', metrics: ['requests', 'inputTokens', 'outputTokens', 'cost'], trend: { bucket: '1d', metric: 'requests' } })],
    ['listRequests, first page of 50', (a) => a.listRequests({ range, timeZone, pageSize: 50 })],
    ['listRequests, next page by cursor', async (a) => a.listRequests({ range, timeZone, pageSize: 50, cursor: a === memory ? first.nextCursor : await sqlCursor(a) })],
    ['getRequest by id', (a) => a.getRequest({ id: someId })],
    ['getDimensionValues(user)', (a) => a.getDimensionValues({ range, timeZone, dimension: 'user' })],
  ]
  // Cursors are opaque (the SQL adapter's carry microseconds): compare whether there is a next page.
  const comparable = (answer) => (answer && 'nextCursor' in answer ? { ...answer, nextCursor: answer.nextCursor !== null } : answer)
  for (const [name, call] of methods) {
    const expected = comparable(await call(memory))
    for (const [engine, adapter] of [['DuckDB', duckdb], ['PGlite', pglite]]) {
      expectSameAnswer(comparable(await call(adapter)), expected, `${engine}: ${name}`)
    }
    const base = await measure(() => call(memory), { runs: 5, warmup: 1 })
    const onDuck = await measure(() => call(duckdb), { runs: 5, warmup: 1 })
    const onPg = await measure(() => call(pglite), { runs: 3, warmup: 1 })
    rows.push(row('sql', `DuckDB: ${name}`, onDuck, { budget: DUCKDB_BUDGET_MS, note: `memory adapter ${base.median.toFixed(1)} ms (${(onDuck.median / base.median).toFixed(1)}× its time); same answer` }))
    rows.push(row('sql', `PGlite: ${name}`, onPg, { note: `${(onPg.median / onDuck.median).toFixed(1)}× DuckDB's time; same answer` }))
  }
  connection.closeSync()
  duck.closeSync()
  await pg.close()
  fs.rmSync(pgDir, { recursive: true, force: true })
  return rows
}
