// The demo server answers malformed requests with an error status and keeps serving: raw requests
// over TCP, as a browser or curl would never send them.
import assert from 'node:assert/strict'
import net from 'node:net'
import { after, before, describe, test } from 'node:test'
import { startDemo } from './server.mjs'

/** Sends `text` as is on a new TCP connection; resolves to the status code and the whole answer. */
function raw(url, text) {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname)
    let data = ''
    socket.setEncoding('latin1')
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')))
    socket.on('data', (chunk) => (data += chunk))
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), text: data }))
    socket.on('error', reject)
    socket.write(text)
  })
}

const get = (target, headers = 'Host: 127.0.0.1') => `GET ${target} HTTP/1.1\r\n${headers}\r\nConnection: close\r\n\r\n`

let demo
const unhandled = []
const onUnhandled = (reason) => unhandled.push(reason)
before(async () => {
  process.on('unhandledRejection', onUnhandled)
  demo = await startDemo({ port: 0, database: ':memory:', days: 2, requestsPerDay: 300 })
})
after(async () => {
  process.off('unhandledRejection', onUnhandled)
  await demo?.close()
})

async function assertStillServing() {
  const page = await raw(demo.url, get('/'))
  assert.equal(page.status, 200)
  assert.match(page.text, /<div id="root">/)
  const body = JSON.stringify({ range: { start: new Date(Date.now() - 86_400_000).toISOString(), end: new Date().toISOString() }, timeZone: 'UTC', metrics: ['requests'] })
  const summary = await fetch(`${demo.url}/api/usage/summary`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-demo-user': 'admin' }, body })
  assert.equal(summary.status, 200)
  assert.ok((await summary.json()).totals.requests > 0)
}

describe('the demo server never dies from a request', { timeout: 60_000 }, () => {
  const cases = [
    ['a malformed percent-encoding', get('/%'), 400],
    ['a half percent-encoding', get('/assets/%E0%A4%A'), 400],
    ['an encoded path traversal', get('/..%2f..%2fetc/passwd'), 400],
    ['an encoded dot-dot traversal', get('/%2e%2e/%2e%2e/etc/passwd'), 400],
    ['a plain traversal out of assets', get('/assets/../../server.mjs'), 400],
    ['a backslash traversal', get('/..%5c..%5cserver.mjs'), 400],
    ['a NUL byte', get('/index.html%00.js'), 400],
    ['a 5,000-character path', get(`/${'a'.repeat(5000)}`), 400],
    ['a 20,000-character path (over Node’s header limit)', get(`/${'a'.repeat(20_000)}`), 431],
    ['a missing asset', get('/assets/nope.js'), 404],
    ['an empty authority path', get('//'), 200],
    ['a bad port in Host, on the page', get('/', 'Host: x:99999'), 200],
    ['an unclosed IPv6 Host, on the page', get('/', 'Host: [::1'), 200],
    ['TRACE', 'TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 405],
    ['DELETE on the users list', 'DELETE /api/users HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 405],
    ['an absolute request-target', get('http://evil/'), 200],
    ['an absolute request-target of another scheme', get('ftp://evil/'), 400],
    ['an asterisk request-target', get('*'), 400],
    ['not HTTP at all', 'HELLO\r\n\r\n', 400],
    // The usage API builds a URL from the Host header (toNodeHandler): before this fix a bad Host
    // there was an unhandled rejection that ended the process. The demo refuses it with 400 itself;
    // toNodeHandler is being made never to reject as well (packages/server), which this also covers.
    ['a bad port in Host, on the usage API', get('/api/usage/capabilities', 'Host: x:99999\r\nx-demo-user: admin'), 400],
    ['an unclosed IPv6 Host, on the usage API', get('/api/usage/capabilities', 'Host: [::1\r\nx-demo-user: admin'), 400],
    ['an absolute request-target on the usage API', get('http://evil/api/usage/capabilities', 'Host: 127.0.0.1\r\nx-demo-user: admin'), 200],
    ['a body that is not JSON', 'POST /api/usage/summary HTTP/1.1\r\nHost: 127.0.0.1\r\nx-demo-user: admin\r\ncontent-type: application/json\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{{{', 400],
  ]
  for (const [name, request, status] of cases) {
    test(`${name} → ${status}, and the server still answers`, async () => {
      const answer = await raw(demo.url, request)
      assert.equal(answer.status, status, answer.text.slice(0, 300))
      assert.doesNotMatch(answer.text, /root:|usagekit demo console|createServer|node:internal/, 'no file outside the app and no stack trace')
      await assertStillServing()
    })
  }

  test('a client that hangs up mid-request leaves the server serving', async () => {
    const { hostname, port } = new URL(demo.url)
    const socket = net.connect(Number(port), hostname)
    // Hang up once the partial request has left this side (the write callback), not after a guessed wait.
    await new Promise((resolve) => socket.write('POST /api/usage/summary HTTP/1.1\r\nHost: 127.0.0.1\r\nx-demo-user: admin\r\nContent-Length: 100\r\n\r\n{"range":', resolve))
    socket.destroy()
    await assertStillServing()
  })

  test('HEAD answers headers only', async () => {
    const answer = await raw(demo.url, 'HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    assert.equal(answer.status, 200)
    assert.doesNotMatch(answer.text, /<div/)
  })

  test('no handler error became an unhandled rejection', () => {
    assert.deepEqual(unhandled, [])
  })
})
