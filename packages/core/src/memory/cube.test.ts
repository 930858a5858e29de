import { describe, expect, it } from 'vitest'
import type { Bucket } from '../types'
import { generateUsageRecords } from '../fixtures/generateUsageRecords'
import type { Filters, UsageRecord } from '../types'
import { type RowSet, aggregate, cubeFor, selectRowSet } from './aggregate'
import { ColumnStore } from './columnStore'
import { SLOT_MS } from './cube'
import { createMemoryAdapter } from './createMemoryAdapter'

// Pre-aggregated cells must answer exactly what the row scan answers: the adapter with
// `preAggregate: 'always'` (cells whenever a query fits them) against `'never'` (rows only).

const START = Date.parse('2026-10-20T00:00:00.000Z')
const END = Date.parse('2026-11-05T00:00:00.000Z') // spans the end of DST in Europe (Oct 25) and the US (Nov 1)
// Some requests without a user (nobody, never an active user) and some without a model (__none__).
const records = generateUsageRecords({ seed: 11, start: START, end: END, requestsPerDay: 300, content: false }).map((record, i) =>
  i % 53 === 0 ? { ...record, userId: '', userName: '', userEmail: '' } : i % 71 === 0 ? { ...record, model: '' } : record,
)

function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe']
const BUCKETS: Bucket[] = ['15m', '1h', '6h', '1d', '1w']
const SUMS = ['requests', 'successfulRequests', 'failedRequests', 'inputTokens', 'cachedInputTokens', 'outputTokens', 'totalTokens', 'cost', 'cacheHits']

/** A range: whole local days, whole hours, or ragged to the millisecond. */
function randomRange(next: () => number): { start: string; end: string } {
  const kind = next()
  const span = END - START
  let a = START + Math.floor(next() * span * 0.8)
  let b = a + Math.max(1, Math.floor(next() * (END - a)))
  if (kind < 0.4) {
    a = Math.floor(a / 3_600_000) * 3_600_000
    b = Math.max(a + 3_600_000, Math.floor(b / 3_600_000) * 3_600_000)
  } else if (kind < 0.6) {
    a = Math.floor(a / SLOT_MS) * SLOT_MS + 1
    b = Math.floor(b / SLOT_MS) * SLOT_MS - 1
    if (b <= a) b = a + SLOT_MS * 3
  }
  return { start: new Date(a).toISOString(), end: new Date(b).toISOString() }
}

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)]!
}

const userIds = [...new Set(records.map((r) => r.userId))]
const models = [...new Set(records.map((r) => r.model))]
const teams = [...new Set(records.map((r) => r.team))].filter((team): team is string => typeof team === 'string' && team !== '')

describe('pre-aggregated cells', () => {
  const cells = createMemoryAdapter(records, { preAggregate: 'always', now: () => END })
  const rows = createMemoryAdapter(records, { preAggregate: 'never', now: () => END })
  const auto = createMemoryAdapter(records, { now: () => END })

  it('are kept for every single-valued dimension and fit typical queries', () => {
    const store = new ColumnStore(records, 'always')
    for (const dimension of ['user', 'team', 'model', 'status', 'apiKey', 'consumer'] as const) {
      const cube = store.cubes[dimension]
      expect(cube, dimension).toBeTruthy()
      expect(cube!.rows).toBe(records.length)
      expect(cube!.cells).toBeLessThan(records.length)
    }
    const set = selectRowSet(store, START, END, undefined)
    const spec = { store, rows: set, edges: [START, END], groups: 1, metrics: ['requests', 'cost', 'activeUsers'] }
    expect(cubeFor(spec)?.dimension).toBe('user')
    expect(cubeFor({ ...spec, metrics: ['requests', 'cost'] })?.dimension).toBe('status')
    // Latency and tags need rows.
    expect(cubeFor({ ...spec, metrics: ['p95LatencyMs'] })).toBeNull()
    const byTag = new Int32Array(store.dictionaries.tag.size + 1)
    expect(cubeFor({ ...spec, metrics: ['requests'], grouping: { dimension: 'tag', map: byTag } })).toBeNull()
    const filtered: RowSet = selectRowSet(store, START, END, { team: [teams[0]!] })
    const byModel = { dimension: 'model' as const, map: new Int32Array(store.dictionaries.model.size + 1) }
    expect(cubeFor({ ...spec, rows: filtered, metrics: ['requests'], grouping: byModel })).toBeNull()
    expect(cubeFor({ ...spec, rows: filtered, metrics: ['requests'] })?.dimension).toBe('team')
  })

  it('answer time series like the rows for random ranges, zones (+5:30, +5:45, DST), buckets and groupings', async () => {
    const next = random(1)
    let compared = 0
    for (let round = 0; round < 60; round++) {
      const range = randomRange(next)
      const timeZone = pick(next, ZONES)
      const bucket = pick(next, BUCKETS)
      const groupBy = pick(next, [undefined, 'model', 'user', 'team', 'status', 'apiKey'] as const)
      const metrics = next() < 0.3 ? ['activeUsers', 'requests'] : [pick(next, SUMS), pick(next, SUMS), 'cost']
      const query = { range, timeZone, bucket, metrics, groupBy, limit: next() < 0.5 ? 3 : undefined }
      let expected
      try {
        expected = await rows.getTimeSeries(query)
      } catch {
        continue // too many buckets for the limits: not this test's business
      }
      const context = JSON.stringify(query)
      expect(await cells.getTimeSeries(query), context).toEqual(expected)
      expect(await auto.getTimeSeries(query), context).toEqual(expected)
      compared++
    }
    expect(compared).toBeGreaterThan(40)
  })

  it('answer summaries and breakdowns with filters like the rows', async () => {
    const next = random(2)
    let compared = 0
    for (let round = 0; round < 40; round++) {
      const range = randomRange(next)
      const timeZone = pick(next, ZONES)
      const roll = next()
      const filters: Filters =
        roll < 0.25 ? {} : roll < 0.5 ? { user: [pick(next, userIds), pick(next, userIds)] } : roll < 0.75 ? { model: [pick(next, models), '__none__'] } : { team: [pick(next, teams)], model: [pick(next, models)] }
      const summary = { range, timeZone, filters, metrics: ['requests', 'cost', 'inputTokens', 'outputTokens', 'activeUsers', 'cacheHits'], compareToPrevious: true }
      const context = JSON.stringify(summary)
      expect(await cells.getSummary(summary), context).toEqual(await rows.getSummary(summary))
      const groupBy = pick(next, ['user', 'model', 'team'] as const)
      const breakdown = { range, timeZone, filters, groupBy, metrics: ['requests', 'cost', 'successfulRequests', 'cachedInputTokens'], trend: { bucket: pick(next, ['1h', '1d'] as const), metric: pick(next, ['requests', 'cost', 'activeUsers']) } }
      let expected
      try {
        expected = await rows.getBreakdown(breakdown)
      } catch {
        continue
      }
      expect(await cells.getBreakdown(breakdown), JSON.stringify(breakdown)).toEqual(expected)
      const values = { range, timeZone, filters, dimension: groupBy }
      expect(await cells.getDimensionValues(values)).toEqual(await rows.getDimensionValues(values))
      compared++
    }
    expect(compared).toBeGreaterThan(30)
  })

  it('stay exact through live inserts, out-of-order inserts and non-integer tokens', async () => {
    const sorted = [...records].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp))
    const cut = Math.floor(sorted.length * 0.7)
    const live = createMemoryAdapter(sorted.slice(0, cut), { preAggregate: 'always' })
    const plain = createMemoryAdapter(sorted.slice(0, cut), { preAggregate: 'never' })
    const range = { start: new Date(START).toISOString(), end: new Date(END).toISOString() }
    const query = { range, timeZone: 'Asia/Kathmandu', bucket: '1d' as const, metrics: ['cost', 'requests', 'activeUsers'], groupBy: 'model' as const }
    // Newer records append to the cells in place, some into the last slot already there.
    for (let from = cut; from < sorted.length; from += 97) {
      const batch = sorted.slice(from, from + 97)
      live.insert(batch)
      plain.insert(batch)
    }
    expect(await live.getTimeSeries(query)).toEqual(await plain.getTimeSeries(query))
    // An older record rebuilds the columns and the cells.
    const late: UsageRecord = { ...sorted[10]!, id: 'late-one', cost: 1.234567891 }
    live.insert([late])
    plain.insert([late])
    expect(await live.getTimeSeries(query)).toEqual(await plain.getTimeSeries(query))
    // Tokens that are not integers would sum differently in another order: rows answer instead.
    const odd: UsageRecord = { ...sorted[sorted.length - 1]!, id: 'odd-one', inputTokens: 0.1, timestamp: new Date(END - 1).toISOString() }
    live.insert([odd])
    plain.insert([odd])
    const summary = { range, timeZone: 'UTC', metrics: ['inputTokens', 'requests'] }
    expect(await live.getSummary(summary)).toEqual(await plain.getSummary(summary))
  })

  it('stay exact when money passes 2^53 nano-units', async () => {
    const rich = records.slice(0, 400).map((record, i) => ({ ...record, cost: i % 3 === 0 ? 987_654_321.123456789 : record.cost }))
    const query = { range: { start: new Date(START).toISOString(), end: new Date(END).toISOString() }, timeZone: 'Europe/Berlin', bucket: '1d' as const, metrics: ['cost'], groupBy: 'user' as const }
    const withCells = createMemoryAdapter(rich, { preAggregate: 'always' })
    const withRows = createMemoryAdapter(rich, { preAggregate: 'never' })
    expect(await withCells.getTimeSeries(query)).toEqual(await withRows.getTimeSeries(query))
    const summary = { range: query.range, timeZone: 'UTC', metrics: ['cost'] }
    expect(await withCells.getSummary(summary)).toEqual(await withRows.getSummary(summary))
  })
})
