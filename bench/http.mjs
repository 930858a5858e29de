// A bounded load against the demo server on 127.0.0.1 over ~1M requests (its DuckDB file, through
// the SQL adapter): requests per second and p95 latency for the summary and time-series routes,
// one viewer at a time and eight at once, zero errors, ends by itself. The handler's answer cache is
// off here: every request of the loop is the same query, so with it on this would time the cache
// (the pageload section measures the page with the cache off and on).
import autocannon from 'autocannon'
import { startDemo } from '../packages/demo/server.mjs'
import { row } from './support.mjs'

function run(options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)))
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false })
  })
}

export async function httpBench() {
  const demo = await startDemo({ port: 0, cache: false })
  const now = Date.now()
  const query = { range: { start: new Date(now - 30 * 86_400_000).toISOString(), end: new Date(now).toISOString() }, timeZone: 'Europe/Berlin' }
  const routes = [
    ['summary (6 metrics + previous period)', '/api/usage/summary', { ...query, metrics: ['requests', 'cost', 'inputTokens', 'outputTokens', 'activeUsers', 'p95LatencyMs'], compareToPrevious: true }],
    ['time series (30 d × 6 h, top 8 models)', '/api/usage/time-series', { ...query, bucket: '6h', metrics: ['cost', 'requests'], groupBy: 'model', limit: 8 }],
  ]
  const rows = []
  try {
    for (const [name, path, body] of routes) {
      for (const connections of [1, 8]) {
        const result = await run({
          url: `${demo.url}${path}`,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-demo-user': 'admin' },
          body: JSON.stringify(body),
          connections,
          duration: 8,
        })
        const errors = result.errors + result.non2xx + result.timeouts
        const who = connections === 1 ? 'one viewer' : `${connections} concurrent viewers`
        rows.push(row('http', `${name}, ${who}: p97.5 latency (autocannon reports no p95; p95 ≤ this), ${demo.records.toLocaleString()} requests held`, { median: result.latency.p97_5, min: result.latency.p50, max: result.latency.max }, { note: `${Math.round(result.requests.average)} req/s, p90 ${result.latency.p90} ms, ${result.requests.total} requests, ${errors} errors; range is p50 – max` }))
        rows.push(row('http', `${name}, ${who}: errors`, { median: errors, min: errors, max: errors }, { budget: 0, unit: 'errors' }))
      }
    }
  } finally {
    await demo.close()
  }
  return rows
}
