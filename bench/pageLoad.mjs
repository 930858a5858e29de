// A real page load for many viewers: the usage API requests the demo page makes on its first load
// (recorded in chromium by bench/recordPageLoad.mjs into pageLoad.requests.json), replayed against the
// demo server over its ~1M-request DuckDB file for 1, 8 and 16 viewers opening the page at the same
// moment, with the handler's cache off and on; then the admin's page load while four members keep
// sending the costliest requests the server's limits allow.
import fs from 'node:fs'
import http from 'node:http'
import { startDemo } from '../packages/demo/server.mjs'
import { RECORDED, recordPageLoad } from './recordPageLoad.mjs'
import { row } from './support.mjs'

const MINUTE = 60_000
const DAY = 86_400_000
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/
const VIEWERS = [1, 8, 16]
/** Moments per viewer count: at most this many, at least 2, and no more once 10 s have gone (the section stays near 2 minutes). */
const ROUNDS = { 1: 10, 8: 5, 16: 4 }
const ROUNDS_BUDGET_MS = 10_000
/** Chromium opens at most 6 connections to one host over HTTP/1.1; each viewer gets its own 6. */
const BROWSER_SOCKETS = 6

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** One HTTP exchange; resolves to { status, ms } (status 0 on a network error), never rejects. */
function send(agent, base, { method, path, body }, user, signal) {
  const started = performance.now()
  return new Promise((resolve) => {
    const payload = body ? JSON.stringify(body) : undefined
    const request = http.request(
      `${base}${path}`,
      {
        method,
        agent,
        signal,
        headers: { 'x-demo-user': user, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      },
      (response) => {
        response.resume()
        response.on('end', () => resolve({ status: response.statusCode, ms: performance.now() - started }))
        response.on('error', () => resolve({ status: 0, ms: performance.now() - started }))
      },
    )
    request.on('error', () => resolve({ status: 0, ms: performance.now() - started }))
    request.end(payload)
  })
}

/** The recorded bodies with every instant moved by `shiftMs` (ranges keep their length and alignment). */
function shifted(requests, shiftMs) {
  const move = (value) => {
    if (typeof value === 'string' && ISO.test(value)) return new Date(Date.parse(value) + shiftMs).toISOString()
    if (Array.isArray(value)) return value.map(move)
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, move(inner)]))
    return value
  }
  return requests.map((request) => ({ ...request, body: move(request.body) }))
}

/** The page's "now" in the recording: the end of the ranges it asked for. */
const recordedAnchor = (requests) => Date.parse(requests.find((request) => request.body?.range)?.body.range.end)

/**
 * One moment: `viewers` people open the page together, each with a browser's 6 connections, each
 * sending the whole list at once. Resolves to each viewer's page-load time (until its last answer)
 * and the number of failed requests.
 */
async function moment(base, requests, viewers, user = 'admin') {
  const agents = Array.from({ length: viewers }, () => new http.Agent({ keepAlive: true, maxSockets: BROWSER_SOCKETS }))
  try {
    const loads = await Promise.all(
      agents.map(async (agent) => {
        const started = performance.now()
        const answers = await Promise.all(requests.map((request) => send(agent, base, request, user)))
        return { ms: performance.now() - started, errors: answers.filter((answer) => answer.status !== 200).length }
      }),
    )
    return { times: loads.map((load) => load.ms), errors: loads.reduce((sum, load) => sum + load.errors, 0) }
  } finally {
    for (const agent of agents) agent.destroy()
  }
}

/**
 * Page loads of `viewers` viewers over up to `rounds` moments (at least 2, fewer than `rounds` once
 * `budgetMs` have gone), each moment a fresh minute (no answer reused across moments).
 */
async function pageLoads(base, recorded, viewers, rounds, nextAnchor, budgetMs = ROUNDS_BUDGET_MS) {
  const times = []
  let errors = 0
  let moments = 0
  const started = performance.now()
  while (moments < rounds && (moments < 2 || performance.now() - started < budgetMs)) {
    const requests = shifted(recorded, nextAnchor() - recordedAnchor(recorded))
    const result = await moment(base, requests, viewers)
    times.push(...result.times)
    errors += result.errors
    moments++
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1], samples: times.length, moments, errors }
}

/** The finest bucket that splits `days` into at most `max` buckets. */
function finestBucket(days, max) {
  for (const [bucket, ms] of [['1h', 3_600_000], ['6h', 6 * 3_600_000], ['1d', DAY], ['1w', 7 * DAY]]) if ((days * DAY) / ms <= max) return bucket
  return '1mo'
}

const randomText = (length) => Array.from({ length }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')

/**
 * The costliest requests a member may send, sized from the limits the server announces (the
 * defaults where it announces none: no range limit — taken as 400 days —, hourly trends, 200
 * buckets, 50 series, 200-character searches, 500-row pages). Each call varies its range's end by a
 * few milliseconds and its search text, so no cache answers it.
 */
function attackRequests(limits) {
  const rangeDays = Math.min(limits.maxRangeDays ?? 400, 400)
  const trendBucket = limits.maxTrendBuckets ? finestBucket(rangeDays, limits.maxTrendBuckets) : '1h'
  const buckets = Math.min(200, limits.maxBuckets ?? 200)
  // The longest range that still splits into `buckets` buckets of a size the UI offers.
  const [seriesBucket, seriesDays] = [['1d', 1], ['6h', 1 / 4], ['1h', 1 / 24]].map(([bucket, days]) => [bucket, buckets * days]).find(([, days]) => days <= rangeDays) ?? ['1h', rangeDays]
  const metrics = ['cost', 'requests', 'totalTokens', 'p95LatencyMs', 'activeUsers']
  let series = Math.min(50, limits.maxSeries ?? 50)
  if (limits.maxCells) series = Math.max(1, Math.min(series, Math.floor(limits.maxCells / (buckets * metrics.length)) - 2))
  const search = Math.min(200, limits.maxSearchLength ?? 200)
  const pageSize = Math.min(500, limits.maxPageSize ?? 500)
  const range = (days) => {
    const end = Date.now() + Math.floor(Math.random() * 1000)
    return { start: new Date(end - days * DAY).toISOString(), end: new Date(end).toISOString() }
  }
  const describe = `range ${rangeDays} d, tag breakdown with ${trendBucket} trends, ${buckets}-bucket time series (${seriesBucket}) by model (top ${series}, ${metrics.length} metrics), ${search}-character searches, ${pageSize}-row pages`
  const make = [
    () => ({ method: 'POST', path: '/api/usage/breakdown', body: { range: range(rangeDays), timeZone: 'UTC', groupBy: 'tag', metrics, sort: { metric: 'cost', direction: 'desc' }, trend: { bucket: trendBucket, metric: 'cost' } } }),
    () => ({ method: 'POST', path: '/api/usage/time-series', body: { range: range(seriesDays), timeZone: 'UTC', bucket: seriesBucket, metrics, groupBy: 'model', limit: series } }),
    () => ({ method: 'POST', path: '/api/usage/dimension-values', body: { range: range(rangeDays), timeZone: 'UTC', dimension: 'user', search: randomText(search), limit: Math.min(1000, limits.maxDimensionValues ?? 1000) } }),
    () => ({ method: 'POST', path: '/api/usage/requests', body: { range: range(rangeDays), timeZone: 'UTC', cursor: null, pageSize, search: randomText(search) } }),
  ]
  return { make, describe }
}

/** Members who keep one costly request in flight each until stopped; resolves to what they sent. */
function startAttack(base, limits, members) {
  const { make, describe } = attackRequests(limits)
  const controller = new AbortController()
  const statuses = new Map()
  const times = []
  const loops = Array.from({ length: members }, async (_, member) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    for (let i = member; !controller.signal.aborted; i++) {
      const answer = await send(agent, base, make[i % make.length](), 'member', controller.signal)
      if (controller.signal.aborted) break
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
      times.push(answer.ms)
    }
    agent.destroy()
  })
  return {
    describe,
    stop: async () => {
      controller.abort()
      await Promise.all(loops)
      times.sort((a, b) => a - b)
      return { statuses, sent: times.length, p50: times.length ? percentile(times, 50) : 0 }
    },
  }
}

/** Times each kind of attack request alone (for the note and for sizing the attack by hand). */
async function attackAlone(base, limits) {
  const { make } = attackRequests(limits)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const out = []
  for (const build of make) {
    const request = build()
    const answers = []
    for (let i = 0; i < 3; i++) answers.push(await send(agent, base, build(), 'member'))
    out.push(`${request.path.replace('/api/usage/', '')} ${answers.map((a) => (a.status === 200 ? `${Math.round(a.ms)}` : `HTTP ${a.status}`)).join('/')} ms`)
  }
  agent.destroy()
  return out.join(', ')
}

/** The recorded page load, recorded now in chromium if the file is missing. */
async function recordedRequests() {
  if (!fs.existsSync(RECORDED)) fs.writeFileSync(RECORDED, `${JSON.stringify(await recordPageLoad(), null, 2)}\n`)
  return JSON.parse(fs.readFileSync(RECORDED, 'utf8')).requests
}

/**
 * Options (for exploring; `pnpm bench pageload` passes none): `connections`, `threads` and `fair`
 * go to startDemo; `only: 'viewers' | 'attack'` runs half the section; `attackLimits` sizes the
 * attack from these limits instead of the announced ones.
 */
export async function pageLoadBench({ connections, threads, fair, only, attackLimits } = {}) {
  const recorded = await recordedRequests()
  const rows = []
  // Each moment gets its own minute, so neither the cache nor anything else answers a moment from an
  // earlier one: with the cache on, only the viewers of the same moment share answers.
  let minute = Math.floor(Date.now() / MINUTE)
  const nextAnchor = () => (minute -= 1) * MINUTE
  const cacheImplemented = fs.readFileSync(new URL('../packages/server/dist/index.js', import.meta.url), 'utf8').includes('ttlMs')
  const cacheNote = cacheImplemented ? '' : ' (this @usagekit/server build ignores the cache option: on = off until it lands)'

  if (only !== 'attack') {
    for (const cache of [false, { ttlMs: 5000 }]) {
      const demo = await startDemo({ port: 0, cache, connections, threads, fair })
      const label = cache ? 'cache on' : 'cache off'
      let errors = 0
      let samples = 0
      try {
        await moment(demo.url, shifted(recorded, nextAnchor() - recordedAnchor(recorded)), 1) // warm-up
        for (const viewers of VIEWERS) {
          const result = await pageLoads(demo.url, recorded, viewers, ROUNDS[viewers], nextAnchor)
          errors += result.errors
          samples += result.samples
          const who = viewers === 1 ? '1 viewer' : `${viewers} viewers at once`
          rows.push(
            row('pageload', `page load (${recorded.length} API requests), ${who}, ${label}: p95 (range: p50 – max)`, { median: result.p95, min: result.p50, max: result.max }, {
              // The demo serves with the cache on: the budget is for that. Without it every viewer's
              // statements run, and on this machine they queue for the cores (the row shows by how much).
              budget: viewers === 16 && cache ? 500 : undefined,
              note: `p50 ${Math.round(result.p50)} ms; ${result.samples} page loads over ${result.moments} moments; ${demo.connections} DuckDB connections${viewers === 16 ? (cache ? '; goal ≤ 150 ms' : '; no budget without the cache') : ''}${cache ? cacheNote : ''}`,
            }),
          )
        }
      } finally {
        await demo.close()
      }
      rows.push(row('pageload', `page loads, ${label}: failed requests`, { median: errors, min: errors, max: errors }, { budget: 0, unit: 'errors', note: `${samples * recorded.length} requests` }))
    }
  }

  if (only !== 'viewers') {
    const demo = await startDemo({ port: 0, connections, threads, fair })
    try {
      const capabilities = await (await fetch(`${demo.url}/api/usage/capabilities`, { headers: { 'x-demo-user': 'member' } })).json()
      const limits = attackLimits ?? capabilities.limits ?? {}
      const alone = await attackAlone(demo.url, limits)
      await moment(demo.url, shifted(recorded, nextAnchor() - recordedAnchor(recorded)), 1) // warm-up
      // 20 page loads each where time allows: p95 is then the second slowest, not the slowest.
      const rounds = 20
      const baseline = await pageLoads(demo.url, recorded, 1, rounds, nextAnchor, 12_000)
      const attack = startAttack(demo.url, limits, 4)
      await sleep(500)
      const attacked = await pageLoads(demo.url, recorded, 1, rounds, nextAnchor, 25_000)
      const sent = await attack.stop()
      const ratio = attacked.p95 / baseline.p95
      const refused = [...sent.statuses].filter(([status]) => status !== 200).map(([status, n]) => `${n} × HTTP ${status}`)
      rows.push(row('pageload', "admin's page load alone (attack baseline): p95 (range: p50 – max)", { median: baseline.p95, min: baseline.p50, max: baseline.max }, { note: `p50 ${Math.round(baseline.p50)} ms, ${baseline.samples} page loads, cache on, ${demo.connections} DuckDB connections, ${fair === false ? 'plain FIFO' : 'each user held to half of them'}` }))
      rows.push(
        row('pageload', "admin's page load while 4 members send the costliest requests: p95 (range: p50 – max)", { median: attacked.p95, min: attacked.p50, max: attacked.max }, {
          note: `p50 ${Math.round(attacked.p50)} ms over ${attacked.samples} page loads; members sent ${sent.sent} requests (p50 ${Math.round(sent.p50)} ms${refused.length ? `; refused: ${refused.join(', ')}` : ''}), one in flight each: ${attack.describe}; each alone: ${alone}`,
        }),
      )
      rows.push(row('pageload', "admin's page-load p95 under attack ÷ alone", { median: ratio, min: ratio, max: ratio }, { budget: 2, unit: '×', note: `limits read from /api/usage/capabilities: ${JSON.stringify(limits)}` }))
      const errors = baseline.errors + attacked.errors
      rows.push(row('pageload', "admin's page loads with and without the attack: failed requests", { median: errors, min: errors, max: errors }, { budget: 0, unit: 'errors' }))
    } finally {
      await demo.close()
    }
  }
  return rows
}

if (process.argv[1] && new URL(import.meta.url).pathname === (await import('node:path')).resolve(process.argv[1])) {
  // DuckDB pool sizes and threads compared on the page load, cache off, interleaved (one moment of
  // each configuration in turn, so a busy spell of a shared machine hits them all alike), each on its
  // own copy of the database file:
  //   node bench/pageLoad.mjs --configs 1x2,2x1,4x1,4x1fifo --viewers 1,16 --rounds 3
  // (connections × DuckDB threads; `fifo`: statements in arrival order, not each user held to half the pool)
  const os = await import('node:os')
  const path = await import('node:path')
  const { DEFAULT_DATABASE } = await import('../packages/demo/server.mjs')
  const { values } = (await import('node:util')).parseArgs({ options: { configs: { type: 'string', default: '1x2,2x1,2x2,4x1,8x1' }, viewers: { type: 'string', default: '1,8,16' }, rounds: { type: 'string', default: '3' } } })
  const recorded = await recordedRequests()
  let minute = Math.floor(Date.now() / MINUTE)
  const nextAnchor = () => (minute -= 1) * MINUTE
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'usagekit-pool-'))
  const configs = []
  try {
    for (const config of values.configs.split(',')) {
      const [connections, threads] = config.replace('fifo', '').split('x').map(Number)
      const database = path.join(dir, `${config}.duckdb`)
      fs.copyFileSync(DEFAULT_DATABASE, database)
      const demo = await startDemo({ port: 0, cache: false, connections, threads, fair: !config.endsWith('fifo'), database })
      await moment(demo.url, shifted(recorded, nextAnchor() - recordedAnchor(recorded)), 1)
      configs.push({ config, demo, times: new Map() })
    }
    const viewerCounts = values.viewers.split(',').map(Number)
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const viewers of viewerCounts) {
        for (const entry of configs) {
          const result = await moment(entry.demo.url, shifted(recorded, nextAnchor() - recordedAnchor(recorded)), viewers)
          entry.times.set(viewers, [...(entry.times.get(viewers) ?? []), ...result.times])
        }
      }
    }
    for (const { config, times } of configs) {
      const line = [`${config.replace('x', ' connection(s) × threads ').replace('fifo', ', FIFO')}:`]
      for (const [viewers, list] of times) {
        list.sort((a, b) => a - b)
        line.push(`${viewers} viewers p50 ${Math.round(percentile(list, 50))} / p95 ${Math.round(percentile(list, 95))} ms`)
      }
      console.log(line.join('  '))
    }
  } finally {
    for (const { demo } of configs) await demo.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  process.exit(0)
}
