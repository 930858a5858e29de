// The memory adapter over 1M generated records against arquero and a plain Map baseline, same data,
// same run: a 30 d × 6 h series grouped by model, a breakdown by user with per-row trends, and a
// summary with the previous period. The headline set has all 1M records inside the queried 30 days;
// a second set spreads 1M records over 60 days (the earlier headline), so only part of them are in
// range (its generate row says how many) and the previous period of the summary has the rest.
import * as aq from 'arquero'
import { bucketBoundaries, toNanos } from '../packages/core/dist/index.js'
import { generateUsageRecords } from '../packages/core/dist/fixtures/index.js'
import { createMemoryAdapter } from '../packages/core/dist/memory/index.js'
import { measure, row } from './support.mjs'

const DAY = 86_400_000

export async function memoryBench({ count = 1_000_000 } = {}) {
  return [
    ...(await scenario({ count, days: 30, headline: true })),
    ...(await scenario({ count, days: 60, headline: false })),
  ]
}

async function scenario({ count, days: generatedDays, headline }) {
  const set = headline ? '' : `${generatedDays}-day set: `
  const end = Date.parse('2026-11-20T00:00:00.000Z')
  const start = end - generatedDays * DAY
  let t = performance.now()
  const records = generateUsageRecords({ seed: 1, start, end, count, content: false })
  const generateMs = performance.now() - t
  let plainIngestMs
  if (headline) {
    // Ingest without the pre-aggregated cells, for what they cost at ingest.
    t = performance.now()
    createMemoryAdapter(records, { preAggregate: 'never' })
    plainIngestMs = performance.now() - t
    globalThis.gc?.()
  }
  t = performance.now()
  const adapter = createMemoryAdapter(records)
  const ingestMs = performance.now() - t
  const range = { start: new Date(end - 30 * DAY).toISOString(), end: new Date(end).toISOString() }
  const timeZone = 'Europe/Berlin'
  const series6h = bucketBoundaries(range, '6h', timeZone, { now: end })
  const days = bucketBoundaries(range, '1d', timeZone, { now: end })
  const edges6h = [...series6h.map((b) => Date.parse(b.start)), Date.parse(series6h.at(-1).end)]
  const edgesDay = [...days.map((b) => Date.parse(b.start)), Date.parse(days.at(-1).end)]
  const bucketOf = (edges, ts) => {
    let lo = 0
    let hi = edges.length - 2
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (edges[mid] <= ts) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  const startMs = Date.parse(range.start)
  const previousStart = startMs - (end - startMs)

  // The same three questions, three ways.
  const memory = {
    series: () => adapter.getTimeSeries({ range, timeZone, bucket: '6h', metrics: ['cost', 'requests'], groupBy: 'model' }),
    breakdown: () => adapter.getBreakdown({ range, timeZone, groupBy: 'user', metrics: ['requests', 'inputTokens', 'outputTokens', 'cost'], trend: { bucket: '1d', metric: 'requests' } }),
    summary: () => adapter.getSummary({ range, timeZone, metrics: ['requests', 'cost', 'inputTokens', 'outputTokens', 'activeUsers'], compareToPrevious: true }),
  }

  t = performance.now()
  const table = aq.table({
    ts: Float64Array.from(records, (r) => Date.parse(r.timestamp)),
    model: records.map((r) => r.model),
    user: records.map((r) => r.userId),
    cost: Float64Array.from(records, (r) => toNanos(r.cost)),
    input: Float64Array.from(records, (r) => r.inputTokens),
    output: Float64Array.from(records, (r) => r.outputTokens),
  })
  const arqueroIngestMs = performance.now() - t
  const inRange = (from, to) => table.params({ from, to }).filter((d, $) => d.ts >= $.from && d.ts < $.to)
  const arquero = {
    series: () =>
      inRange(startMs, end)
        .derive({ bucket: aq.escape((d) => bucketOf(edges6h, d.ts)) })
        .groupby('model', 'bucket')
        .rollup({ cost: aq.op.sum('cost'), requests: aq.op.count() })
        .objects(),
    breakdown: () => {
      const scoped = inRange(startMs, end)
      const totals = scoped.groupby('user').rollup({ requests: aq.op.count(), input: aq.op.sum('input'), output: aq.op.sum('output'), cost: aq.op.sum('cost') }).objects()
      const trend = scoped.derive({ day: aq.escape((d) => bucketOf(edgesDay, d.ts)) }).groupby('user', 'day').rollup({ requests: aq.op.count() }).objects()
      return [totals, trend]
    },
    summary: () => [startMs, previousStart].map((from) => inRange(from, from === startMs ? end : startMs).rollup({ requests: aq.op.count(), cost: aq.op.sum('cost'), input: aq.op.sum('input'), output: aq.op.sum('output'), users: aq.op.distinct('user') }).objects()),
  }

  // A straightforward loop over the record objects with Maps: what a hand-written endpoint does.
  const baseline = {
    series: () => {
      const cells = new Map()
      for (const r of records) {
        const ts = Date.parse(r.timestamp)
        if (ts < startMs || ts >= end) continue
        const key = `${r.model}|${bucketOf(edges6h, ts)}`
        const cell = cells.get(key) ?? { cost: 0, requests: 0 }
        cell.cost += toNanos(r.cost)
        cell.requests += 1
        cells.set(key, cell)
      }
      return cells
    },
    breakdown: () => {
      const users = new Map()
      for (const r of records) {
        const ts = Date.parse(r.timestamp)
        if (ts < startMs || ts >= end) continue
        const u = users.get(r.userId) ?? { requests: 0, input: 0, output: 0, cost: 0, trend: new Array(days.length).fill(0) }
        u.requests += 1
        u.input += r.inputTokens
        u.output += r.outputTokens
        u.cost += toNanos(r.cost)
        u.trend[bucketOf(edgesDay, ts)] += 1
        users.set(r.userId, u)
      }
      return users
    },
    summary: () =>
      [
        [startMs, end],
        [previousStart, startMs],
      ].map(([from, to]) => {
        const users = new Set()
        let requests = 0
        let cost = 0
        for (const r of records) {
          const ts = Date.parse(r.timestamp)
          if (ts < from || ts >= to) continue
          requests += 1
          cost += toNanos(r.cost)
          users.add(r.userId)
        }
        return { requests, cost, users: users.size }
      }),
  }

  const inRangeCount = (await adapter.getSummary({ range, timeZone, metrics: ['requests'] })).totals.requests
  const once = (value) => ({ median: value, min: value, max: value })
  const rows = [
    row('memory', `${set}generate ${records.length.toLocaleString()} records over ${generatedDays} days (${inRangeCount.toLocaleString()} in the queried 30 days)`, once(generateMs)),
    row('memory', `${set}ingest into typed columns with pre-aggregated cells`, once(ingestMs)),
  ]
  if (plainIngestMs !== undefined) rows.push(row('memory', `${set}ingest into typed columns only (preAggregate: 'never')`, once(plainIngestMs)))
  rows.push(row('memory', `${set}arquero: build its table (same columns)`, once(arqueroIngestMs)))
  const labels = { series: '30 d × 6 h time series by model', breakdown: 'breakdown by user with daily trends', summary: 'summary with previous period' }
  for (const key of ['series', 'breakdown', 'summary']) {
    const ours = await measure(memory[key], { runs: 11, warmup: 3 })
    const theirs = await measure(arquero[key], { runs: 3, warmup: 1 })
    const plain = await measure(baseline[key], { runs: 3, warmup: 1 })
    const ratio = theirs.median / ours.median
    const goal = headline ? 'goal ≤ 15 ms; ' : ''
    rows.push(row('memory', `${set}${labels[key]} — memory adapter`, ours, { budget: 50, note: `${goal}${ratio.toFixed(1)}× faster than arquero (goal ≥ 10×), ${(plain.median / ours.median).toFixed(1)}× faster than a Map loop` }))
    rows.push(row('memory', `${set}${labels[key]} — arquero`, theirs))
    rows.push(row('memory', `${set}${labels[key]} — Map loop over records`, plain))
  }
  return rows
}
