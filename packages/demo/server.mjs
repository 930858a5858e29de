// The demo console: a small host app with the usagekit Usage page, served on 127.0.0.1 with its
// usage API (@usagekit/server over the SQL adapter on an embedded DuckDB file holding 90 days of
// generated usage, about a million requests, made on first start and reused after that).
// USAGEKIT_DEMO_ENGINE=clickhouse serves the same data from ClickHouse in-process (chdb, an optional
// dependency loaded only then; clickhouse.mjs says what differs).
import { AsyncLocalStorage } from 'node:async_hooks'
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

/** The engine: `duckdb` (default) or `clickhouse` (chdb), from USAGEKIT_DEMO_ENGINE. */
export const DEFAULT_ENGINE = process.env.USAGEKIT_DEMO_ENGINE || 'duckdb'
const ENGINES = ['duckdb', 'clickhouse']

/**
 * The database: DuckDB's file, or chdb's Session folder (separate, so switching engines rebuilds
 * neither). Reused across starts (`USAGEKIT_DEMO_DB` to move it; `:memory:` for a throwaway one).
 */
export function defaultDatabase(engine = DEFAULT_ENGINE) {
  return process.env.USAGEKIT_DEMO_DB ?? path.join(here, '.data', engine === 'clickhouse' ? 'usage.chdb' : 'usage.duckdb')
}
export const DEFAULT_DATABASE = defaultDatabase()

/** Longest request path the static route looks up (longer is 400; Node itself refuses heads over 16 KiB). */
const MAX_PATH = 1024

/**
 * The request's path, raw (still percent-encoded) and without the query: from the origin form
 * (`/a/b?x`) or the absolute form (`http://host/a/b`); null when it is neither.
 */
function requestPath(target) {
  if (target.startsWith('/')) return target.replace(/[?#].*$/s, '')
  try {
    const url = new URL(target)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.pathname : null
  } catch {
    return null
  }
}

/** Whether a Host header value makes a valid `http://host` origin (the usage API builds its URL from it). */
function validHost(host) {
  if (host === undefined) return true
  try {
    return new URL(`http://${host}`).host !== ''
  } catch {
    return false
  }
}

function answer(res, status, message, headers = {}) {
  if (res.headersSent) return void res.destroy()
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers })
  res.end(`${message}\n`)
}

/**
 * A file of the built app for a request path: the file itself, `index.html` for a path without an
 * extension (the app's own URLs), or an error status. Never a file outside `dist`.
 */
function staticFile(dist, rawPath) {
  if (rawPath.length > MAX_PATH) return { status: 400, message: 'The path is too long.' }
  let decoded
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return { status: 400, message: 'The path is not valid percent-encoding.' }
  }
  // Checked after decoding, so `%2e%2e%2f`, `%5c` and `%00` are caught as well as their plain forms.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((part) => part === '..')) {
    return { status: 400, message: 'The path is not allowed.' }
  }
  const file = path.join(dist, decoded)
  if (file !== dist && !file.startsWith(dist + path.sep)) return { status: 400, message: 'The path is not allowed.' }
  let stat = null
  try {
    stat = fs.statSync(file)
  } catch {}
  if (stat?.isFile()) return { file, size: stat.size }
  if (path.extname(decoded) !== '') return { status: 404, message: 'Not found.' }
  const index = path.join(dist, 'index.html')
  return { file: index, size: fs.statSync(index).size }
}

/** Opens the data and starts the server; resolves to { url, records, created, connections, close }. */
export async function startDemo({
  port = Number(process.env.PORT ?? 5180),
  host = '127.0.0.1',
  days = 90,
  requestsPerDay = 11_500,
  // The hour the generated data ends at (tests pin it, so two engines hold the same rows).
  now,
  engine = DEFAULT_ENGINE,
  database = defaultDatabase(engine),
  // Many people open the same usage page at once (a team's dashboard on Monday morning): identical
  // scoped queries in flight are answered by one statement, and answers are kept for 5 s, so N
  // viewers cost about one viewer's queries (the page asks with "now" to the minute, src/App.tsx, so
  // its queries are identical). `false` turns it off (bench/pageLoad.mjs measures both).
  cache = { ttlMs: 5000 },
  // DuckDB connections and worker threads (database.mjs picks them for the machine); `fair: false`
  // queues statements in plain arrival order instead of holding each signed-in user to half the pool.
  connections,
  threads,
  fair = true,
  onProgress,
} = {}) {
  const dist = path.join(here, 'dist')
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error('The demo is not built: run `pnpm --filter @usagekit/demo build` (pnpm start does).')
  // Who is asking, for the connection pool: each usage request runs in its signed-in user's context,
  // so one user's burst of costly queries never takes every connection from the others.
  const callers = new AsyncLocalStorage()
  const callerOf = fair ? () => callers.getStore() : undefined
  if (!ENGINES.includes(engine)) throw new Error(`USAGEKIT_DEMO_ENGINE is "${engine}": use duckdb (the default) or clickhouse.`)
  // chdb is imported by clickhouse.mjs only now, so the DuckDB demo runs without it installed.
  const db =
    engine === 'clickhouse'
      ? await (await import('./clickhouse.mjs')).openChdbDemoDatabase({ folder: database, days, requestsPerDay, now, onProgress, callerOf })
      : await openDemoDatabase({ file: database, days, requestsPerDay, now, onProgress, connections, threads, callerOf })
  const adapter = createSqlAdapter({ dialect: engine, execute: db.execute })
  // The member is a real person in the data: the busiest user of the Research team.
  const at = now ?? Date.now()
  const range = { start: new Date(at - (days + 1) * 86_400_000).toISOString(), end: new Date(at + 3_600_000).toISOString() }
  const busiest = await adapter.getBreakdown({ range, timeZone: 'UTC', groupBy: 'user', metrics: ['requests'], filters: { team: ['Research'] }, limit: 1 })
  const memberId = busiest.rows[0].key
  const users = DEMO_USERS.map((user) => (user.id === 'member' ? { ...user, scope: { filters: { user: [memberId] } } } : user))
  const handler = createUsageHandler(adapter, {
    basePath: '/api/usage',
    authorize: (request) => users.find((user) => user.id === request.headers.get('x-demo-user'))?.scope ?? null,
    onError: (error, { errorId }) => console.error(`[usage api] ${errorId}`, error),
    // Identical scoped queries from many viewers of the same page share one statement and a
    // 5-second answer (see `cache` above). A query still running after 10 s is aborted, and the pool
    // interrupts its statement (database.mjs), so none holds a connection longer than that. chdb
    // cannot be interrupted: there the caller hears the abort at once, and ClickHouse's own
    // max_execution_time (11 s, clickhouse.mjs) ends the statement.
    ...(cache ? { cache } : {}),
    timeoutMs: 10_000,
  })
  const api = toNodeHandler(handler)

  const route = async (req, res) => {
    const target = requestPath(req.url ?? '/')
    if (target === null) return answer(res, 400, 'The request target is not a path.')
    if (target.startsWith('/api/usage/')) {
      if (!validHost(req.headers.host)) return answer(res, 400, 'The Host header is not valid.')
      // The absolute form (`GET http://host/api/…`) is passed on as the path the handler expects.
      if (!req.url.startsWith('/')) req.url = target
      return await callers.run(String(req.headers['x-demo-user'] ?? ''), () => api(req, res))
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, `${req.method} is not allowed here.`, { allow: 'GET, HEAD' })
    if (target === '/api/users') {
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end(JSON.stringify(users.map(({ id, name, role }) => ({ id, name, role }))))
    }
    const found = staticFile(dist, target)
    if (!found.file) return answer(res, found.status, found.message)
    // Read at once, not streamed: the files are small, and a synchronous read never waits for one of
    // libuv's worker threads, which running DuckDB statements hold (database.mjs).
    const body = req.method === 'HEAD' ? null : fs.readFileSync(found.file)
    res.writeHead(200, { 'content-type': TYPES[path.extname(found.file)] ?? 'application/octet-stream', 'content-length': body?.length ?? found.size })
    res.end(body)
  }
  const server = createServer((req, res) => {
    // Whatever a handler throws or rejects with ends that response (500, or a reset when it had
    // started), never the process.
    route(req, res).catch((error) => {
      console.error(`[demo] ${req.method} ${String(req.url).slice(0, 200)} failed`, error)
      answer(res, 500, 'Internal error.')
    })
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  const address = server.address()
  return {
    url: `http://${host}:${address.port}`,
    engine,
    records: db.records,
    created: db.created,
    connections: db.connections,
    close: async () => {
      await new Promise((resolve) => server.close(resolve))
      await db.close()
    },
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now()
  const engineName = DEFAULT_ENGINE === 'clickhouse' ? 'ClickHouse (chdb)' : 'DuckDB'
  if (!fs.existsSync(DEFAULT_DATABASE)) console.log(`First start: generating 90 days of usage into ${path.relative(process.cwd(), DEFAULT_DATABASE)} (${engineName}; about half a minute; reused after that) …`)
  let shown = 0
  const demo = await startDemo({
    database: DEFAULT_DATABASE,
    onProgress: (loaded) => {
      if (loaded - shown >= 250_000) console.log(`  ${(shown = loaded).toLocaleString()} requests …`)
    },
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(`usagekit demo console: ${demo.url}  (${demo.records.toLocaleString()} requests over 90 days in ${engineName}, ${demo.created ? 'generated' : 'reused'}, ready in ${seconds} s; Ctrl-C stops)`)
  const stop = async () => {
    await demo.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
