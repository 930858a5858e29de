import { createRequire } from 'node:module'
import * as sqlModule from '../packages/server/dist/sql/index.js'
const { createSqlAdapter } = sqlModule
const { Session } = createRequire(new URL('../packages/server/package.json', import.meta.url))('chdb')
const DAY = 86400000
const END = Date.parse('2026-11-20T00:00:00.000Z')
const n = process.env.N ?? '10000000'
const db = `ch_${n}`
const session = new Session('/tmp/usagekit-bench-ch/chdb')
const ROLLUPS = (db) => [
  { table: [db, 'usage_15m'], slotMinutes: 15, dimensions: { team: 'team', model: 'model', provider: 'provider', status: 'status', application: 'application', agent: 'agent' },
    sums: { requests: 'requests', successfulRequests: 'successful', inputTokens: 'input_tokens', cachedInputTokens: 'cached_input_tokens', outputTokens: 'output_tokens', cost: 'cost', latencyMs: 'latency_ms' }, users: 'users' },
  { table: [db, 'usage_hourly_user'], slotMinutes: 60, slot: 'hour', dimensions: { user: 'user_id', team: 'team', model: 'model' },
    sums: { requests: 'requests', successfulRequests: 'successful', totalTokens: 'tokens', cost: 'cost' } },
]
const range = { start: new Date(END - 30 * DAY).toISOString(), end: new Date(END).toISOString() }
const timeZone = 'Europe/Berlin'
const WIDGETS = {
  summary: (a) => a.getSummary({ range, timeZone, metrics: ['requests', 'cost', 'totalTokens', 'activeUsers', 'failedRequests'], compareToPrevious: true }),
  p95: (a) => a.getSummary({ range, timeZone, metrics: ['p95LatencyMs'], compareToPrevious: true }),
  breakdown: (a) => a.getBreakdown({ range, timeZone, groupBy: 'user', metrics: ['requests', 'totalTokens', 'cost'], trend: { bucket: '1d', metric: 'cost' }, limit: 50 }),
  menu: (a) => a.getDimensionValues({ range, timeZone, dimension: 'user' }),
}
const log = []
const execute = async (sql, params) => {
  const t = performance.now()
  const text = session.queryBind(sql, Array.isArray(params) ? {} : params, 'JSONEachRow')
  log.push({ ms: performance.now() - t, sql })
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l))
}
const extra = process.env.EXTRA ? JSON.parse(process.env.EXTRA) : {}
const adapter = createSqlAdapter({ dialect: 'clickhouse', now: () => END, table: [db, 'usage_requests'], ...(process.env.RAW ? {} : { rollups: ROLLUPS(db) }), ...extra, execute })
for (const name of (process.env.W ?? 'summary,p95,breakdown,menu').split(',')) {
  await WIDGETS[name](adapter)
  for (let i = 0; i < 2; i++) {
    log.length = 0
    const t = performance.now()
    const c = process.cpuUsage()
    const answer = await WIDGETS[name](adapter)
    const total = performance.now() - t
    const cpu = process.cpuUsage(c)
    if (i === 1) {
      console.log(`== ${name}: ${total.toFixed(1)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms cpu`)
      for (const l of log) console.log(`  ${l.ms.toFixed(1)} ms: ${process.env.SQL ? l.sql : l.sql.slice(0, 160).replace(/\s+/g, ' ')}`)
      if (process.env.ANSWER) console.log(JSON.stringify(answer).slice(0, 600))
    }
  }
}
session.close()
