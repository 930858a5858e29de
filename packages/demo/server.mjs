// The demo console: a small host app with the usagekit Usage page, served on 127.0.0.1 with its
// usage API (@usagekit/server over the memory adapter, seeded with 90 days of generated usage).
import fs from 'node:fs'
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateMeterRecords, generateUsageRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { createUsageHandler, toNodeHandler } from '@usagekit/server'
import { DEMO_USERS } from './users.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' }

/** Builds the data and starts the server; resolves to { url, close }. */
export async function startDemo({ port = Number(process.env.PORT ?? 5180), host = '127.0.0.1', days = 90, requestsPerDay = 2000 } = {}) {
  const dist = path.join(here, 'dist')
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error('The demo is not built: run `pnpm --filter @usagekit/demo build` (pnpm start does).')
  const end = Date.now()
  const start = end - days * 86_400_000
  const records = generateUsageRecords({ seed: 42, start, end, requestsPerDay })
  const meters = generateMeterRecords({ seed: 42, start, end })
  const adapter = createMemoryAdapter(records, { meters })
  // The member is a real person in the data: the busiest user of the Research team.
  const counts = new Map()
  for (const record of records) if (record.team === 'Research') counts.set(record.userId, (counts.get(record.userId) ?? 0) + 1)
  const memberId = [...counts].sort((a, b) => b[1] - a[1])[0][0]
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
    records: records.length,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now()
  const demo = await startDemo()
  console.log(`usagekit demo console: ${demo.url}  (${demo.records.toLocaleString()} requests over 90 days, ready in ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops)`)
  const stop = async () => {
    await demo.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
