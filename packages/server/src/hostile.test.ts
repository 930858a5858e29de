// Hostile callers at the socket level: raw bytes to a node:http server wired exactly as
// docs/embedding.md shows. After each malformed request a normal one must still be answered.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import { type AddressInfo, type Socket, connect } from 'node:net'
import type { UsageAdapter } from '@usagekit/core'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUsageHandler } from './createUsageHandler'
import { toNodeHandler } from './toNodeHandler'

const RANGE = { start: '2026-11-01T00:00:00.000Z', end: '2026-11-03T00:00:00.000Z' }
const records = generateUsageRecords({ seed: 9, start: RANGE.start, end: RANGE.end, requestsPerDay: 200 })
const SUMMARY = JSON.stringify({ range: RANGE, timeZone: 'UTC', metrics: ['requests'] })

/** Resolves when the server is listening; its port and a close(). */
async function listen(server: Server): Promise<{ port: number; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

interface RawAnswer {
  status: number | null
  head: string
  body: string
}

/** Sends raw bytes, reads until the server closes (or `ms` pass), and parses the status line. */
function raw(port: number, bytes: string | Buffer, ms = 3_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const finish = () => {
      clearTimeout(timer)
      socket.destroy()
      const text = Buffer.concat(chunks).toString('latin1')
      const [head = '', body = ''] = text.split('\r\n\r\n')
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)
      resolve({ status: status ? Number(status[1]) : null, head, body })
    }
    const timer = setTimeout(finish, ms)
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('close', finish)
    socket.on('error', () => {})
    socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes)
  })
}

const get = (path: string, host = 'localhost') => `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`
const post = (path: string, body: string, type = 'application/json') =>
  `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`

const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
const reported: unknown[] = []

let adapter: UsageAdapter
let docs: { port: number; close: () => Promise<void> }
let everything: { port: number; close: () => Promise<void> }
let lenient: { port: number; close: () => Promise<void> }

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  adapter = createMemoryAdapter(records)
  const authorize = (request: Request) => (request.headers.get('x-role') === 'nobody' ? null : {})
  const app = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.end('the host app')
  }
  // Exactly as docs/embedding.md shows.
  const usage = toNodeHandler(createUsageHandler(adapter, { basePath: '/api/usage', authorize, onError: (error) => reported.push(error) }))
  docs = await listen(createServer((req, res) => (req.url?.startsWith('/api/usage/') ? usage(req, res) : app(req, res))))
  // Every request to the usage handler, whatever its target (absolute and asterisk forms included).
  everything = await listen(createServer(usage))
  // A host that turned on Node's lenient parser: header values Fetch refuses get through to toNodeHandler.
  lenient = await listen(createServer({ insecureHTTPParser: true }, usage))
})

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  // None of the hostile requests above was a server failure.
  expect(reported).toEqual([])
  await Promise.all([docs.close(), everything.close(), lenient.close()])
})

async function stillServes(port: number) {
  const answer = await raw(port, post('/api/usage/summary', SUMMARY))
  expect(answer.status).toBe(200)
  expect(JSON.parse(answer.body).totals.requests).toBe(records.length)
}

describe('the process never dies from a request', () => {
  it.each([
    ['Host: x:99999', () => docs.port, get('/api/usage/capabilities', 'x:99999'), 200],
    ['Host: [::1', () => docs.port, get('/api/usage/capabilities', '[::1'), 200],
    ['a Host with a path and credentials', () => docs.port, get('/api/usage/capabilities', 'user:pw@evil.example/x?'), 200],
    ['no Host at all (HTTP/1.0)', () => docs.port, 'GET /api/usage/capabilities HTTP/1.0\r\n\r\n', 200],
    ['TRACE', () => docs.port, 'TRACE /api/usage/capabilities HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405],
    ['TRACK (Node answers 400)', () => docs.port, 'TRACK /api/usage/capabilities HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
    ['CONNECT (Node closes the connection)', () => docs.port, 'CONNECT /api/usage/summary HTTP/1.1\r\nHost: x\r\n\r\n', null],
    ['a method no server knows (Node answers 400)', () => docs.port, 'BREW /api/usage/summary HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
    ['a method Node knows but the handler does not', () => docs.port, 'PROPFIND /api/usage/summary HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 501],
    ['a lone %', () => docs.port, get('/api/usage/%'), 404],
    ['a path that looks like another origin', () => everything.port, get('//evil.example/api/usage/capabilities'), 404],
    ['an absolute-form target with a bad port', () => everything.port, get('http://evil.example:99999/api/usage/capabilities'), 400],
    ['an absolute-form target (its host is ignored)', () => everything.port, get('http://evil.example/api/usage/capabilities'), 200],
    ['an absolute-form target of another scheme', () => everything.port, get('ftp://evil.example/api/usage/capabilities'), 400],
    ['the asterisk form', () => everything.port, 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
    ['a header value Fetch refuses (NUL, lenient parser)', () => lenient.port, 'GET /api/usage/capabilities HTTP/1.1\r\nHost: x\r\nX-Evil: a\u0000b\r\nConnection: close\r\n\r\n', 400],
    ['a POST that is not JSON', () => docs.port, post('/api/usage/summary', SUMMARY, 'text/plain'), 415],
    ['a POST without a body', () => docs.port, 'POST /api/usage/summary HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n', 400],
    ['a body that ends early', () => docs.port, 'POST /api/usage/summary HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ra', null],
    ['a broken chunked body', () => docs.port, 'POST /api/usage/summary HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n', 400],
    ['deeply nested JSON', () => docs.port, post('/api/usage/summary', `{"range":${'['.repeat(30_000)}${']'.repeat(30_000)}}`), 400],
    ['no scope', () => docs.port, 'GET /api/usage/capabilities HTTP/1.1\r\nHost: x\r\nX-Role: nobody\r\nConnection: close\r\n\r\n', 401],
  ])('%s, then a normal request', async (_, port, bytes, status) => {
    const answer = await raw(port(), bytes, status === null ? 500 : 3_000)
    expect(answer.status).toBe(status)
    if (status !== null && status >= 400 && answer.body) expect(JSON.parse(answer.body).error.code).toBeTypeOf('string')
    await stillServes(docs.port)
    expect(unhandled).toEqual([])
  })

  it('builds request.url on a fixed origin; the Host header stays a header', async () => {
    let seen: Request | undefined
    const server = await listen(createServer(toNodeHandler(async (request) => ((seen = request), new Response('ok')))))
    await raw(server.port, get('/api/usage/capabilities?x=1', 'evil.example:8080'))
    expect(seen!.url).toBe('http://localhost/api/usage/capabilities?x=1')
    expect(seen!.headers.get('host')).toBe('evil.example:8080')
    await server.close()
  })

  it('a handler that throws, or answers with something other than a Response, is a 500 through onError', async () => {
    const errors: unknown[] = []
    const throwing = await listen(createServer(toNodeHandler(() => Promise.reject(new Error('bug: hunter2')), { onError: (error) => errors.push(error) })))
    const answer = await raw(throwing.port, get('/x'))
    expect(answer.status).toBe(500)
    expect(answer.body).not.toMatch(/hunter2/)
    expect(JSON.parse(answer.body).error.errorId).toMatch(/^[0-9a-f-]{36}$/)
    const odd = await listen(createServer(toNodeHandler((() => 'not a response') as never, { onError: (error) => errors.push(error) })))
    expect((await raw(odd.port, get('/x'))).status).toBe(500)
    expect(errors).toHaveLength(2)
    await Promise.all([throwing.close(), odd.close()])
    expect(unhandled).toEqual([])
  })

  it('an answer for a caller who already left is dropped, not a crash', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    let entered: () => void = () => {}
    const adapterCalled = new Promise<void>((resolve) => (entered = resolve))
    let answered = false
    // An adapter that ignores its signal and answers after the caller has gone.
    const deaf: UsageAdapter = { ...adapter, getSummary: async () => (entered(), await gate, (answered = true), { totals: { requests: 1 } }) }
    const nodeHandler = toNodeHandler(createUsageHandler(deaf))
    let handled: Promise<void> | undefined
    const server = await listen(createServer((req, res) => void (handled = nodeHandler(req, res))))
    const socket: Socket = connect(server.port, '127.0.0.1')
    socket.on('error', () => {})
    await new Promise((resolve) => socket.once('connect', resolve))
    socket.write(post('/summary', SUMMARY).replace('Connection: close\r\n', ''))
    await adapterCalled
    const closed = new Promise((resolve) => socket.once('close', resolve))
    socket.destroy()
    await closed
    release()
    // The handler's own promise settles once its answer has been dropped.
    await handled
    expect(answered).toBe(true)
    expect((await raw(server.port, post('/summary', SUMMARY))).status).toBe(200)
    await server.close()
    expect(unhandled).toEqual([])
  })
})

describe('rejected input keeps nothing, at the socket', () => {
  it('a 300 MB chunked body is cut off after the limit: 413, the socket read stays small, memory stays flat', async () => {
    let bytesRead = 0
    const server = createServer((req, res) => (req.url?.startsWith('/api/usage/') ? usage(req, res) : res.end()))
    const usage = toNodeHandler(createUsageHandler(adapter, { basePath: '/api/usage' }))
    let serverSideClosed: Promise<void> = Promise.resolve()
    server.on('connection', (socket) => {
      serverSideClosed = new Promise((resolve) => socket.on('close', () => ((bytesRead = socket.bytesRead), resolve())))
    })
    const { port, close } = await listen(server)
    const rssBefore = process.memoryUsage().rss
    const socket = connect(port, '127.0.0.1')
    socket.on('error', () => {})
    let answer = ''
    socket.on('data', (data) => (answer += data.toString('latin1')))
    await new Promise((resolve) => socket.once('connect', resolve))
    socket.write('POST /api/usage/summary HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n')
    // An attacker that ignores the answer and keeps sending, as fast as the socket takes it.
    const chunk = Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(0x10000, 0x20), Buffer.from('\r\n')])
    let sent = 0
    const closed = new Promise((resolve) => socket.once('close', resolve))
    let open = true
    socket.once('close', () => (open = false))
    while (open && sent < 300 * 2 ** 20) {
      sent += 0x10000
      if (!socket.write(chunk)) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), closed])
    }
    await closed
    await serverSideClosed
    if (process.env.USAGEKIT_REPORT) console.log({ sent, bytesRead, rssGrowth: process.memoryUsage().rss - rssBefore })
    expect(answer).toMatch(/^HTTP\/1\.1 413/)
    expect(answer).toMatch(/PAYLOAD_TOO_LARGE/)
    expect(sent).toBeLessThan(300 * 2 ** 20)
    // 64 KiB limit + the linger (256 KiB) + a few socket buffers.
    expect(bytesRead).toBeLessThan(2 * 2 ** 20)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 2 ** 20)
    await close()
  })

  it('a client that stops sending at the 413 (as curl does) reads it in full', async () => {
    const { port, close } = await listen(createServer(toNodeHandler(createUsageHandler(adapter))))
    const answer = await raw(port, Buffer.concat([Buffer.from('POST /summary HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n'), Buffer.alloc(200_000, 0x20)]))
    expect(answer.status).toBe(413)
    expect(answer.head).toMatch(/connection: close/i)
    expect(JSON.parse(answer.body).error.code).toBe('PAYLOAD_TOO_LARGE')
    await close()
  })
})
