// The demo console: a small host app with the usagekit Usage page, served on 127.0.0.1 with its
// usage API (@usagekit/server over the SQL adapter on an embedded DuckDB file holding 90 days of
// generated usage, about a million requests, made on first start and reused after that).
import fs from 'node:fs'
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createUsageHandler, toNodeHandler } from '@usagekit/server'
import { createSqlAdapter } from '@usagekit/server/sql'
import { openDemoDatabase } from './database.mjs'
import { DEMO_USERS } from './users.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' }

/** The database file: reused across starts (`USAGEKIT_DEMO_DB` to move it; `:memory:` for a throwaway one). */
export const DEFAULT_DATABASE = process.env.USAGEKIT_DEMO_DB ?? path.join(here, '.data', 'usage.duckdb')

/** Opens the data and starts the server; resolves to { url, records, created, close }. */
export async function startDemo({
  port = Number(process.env.PORT ?? 5180),
  host = '127.0.0.1',
  days = 90,
  requestsPerDay = 11_500,
  database = DEFAULT_DATABASE,
  onProgress,
} = {}) {
  const dist = path.join(here, 'dist')
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error('The demo is not built: run `pnpm --filter @usagekit/demo build` (pnpm start does).')
  const db = await openDemoDatabase({ file: database, days, requestsPerDay, onProgress })
  const adapter = createSqlAdapter({ dialect: 'duckdb', execute: db.execute })
  // The member is a real person in the data: the busiest user of the Research team.
  const range = { start: new Date(Date.now() - (days + 1) * 86_400_000).toISOString(), end: new Date(Date.now() + 3_600_000).toISOString() }
  const busiest = await adapter.getBreakdown({ range, timeZone: 'UTC', groupBy: 'user', metrics: ['requests'], filters: { team: ['Research'] }, limit: 1 })
  const memberId = busiest.rows[0].key
  const users = DEMO_USERS.map((user) => (user.id === 'member' ? { ...user, scope: { filters: { user: [memberId] } } } : user))
  const handler = createUsageHandler(adapter, {
    basePath: '/api/usage',
    authorize: (request) => users.find((user) => user.id === request.headers.get('x-demo-user'))?.scope ?? null,
    onError: (error, { errorId }) => console.error(`[usage api] ${errorId}`, error),
  })
  const api = toNodeHandler(handler)
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname.startsWith('/api/usage/')) return void api(req, res)
    if (url.pathname === '/api/users') {
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify(users.map(({ id, name, role }) => ({ id, name, role }))))
    }
    let file = path.join(dist, decodeURIComponent(url.pathname))
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, 'index.html')
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' })
    fs.createReadStream(file).pipe(res)
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  const address = server.address()
  return {
    url: `http://${host}:${address.port}`,
    records: db.records,
    created: db.created,
    close: async () => {
      await new Promise((resolve) => server.close(resolve))
      await db.close()
    },
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now()
  if (!fs.existsSync(DEFAULT_DATABASE)) console.log(`First start: generating 90 days of usage into ${path.relative(process.cwd(), DEFAULT_DATABASE)} (about half a minute; reused after that) …`)
  let shown = 0
  const demo = await startDemo({
    onProgress: (loaded) => {
      if (loaded - shown >= 250_000) console.log(`  ${(shown = loaded).toLocaleString()} requests …`)
    },
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(`usagekit demo console: ${demo.url}  (${demo.records.toLocaleString()} requests over 90 days in DuckDB, ${demo.created ? 'generated' : 'reused'}, ready in ${seconds} s; Ctrl-C stops)`)
  const stop = async () => {
    await demo.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
