// The usage handler under hostile callers, at the Fetch level (the socket level is in hostile.test.ts).
import {
  ADAPTER_METHODS,
  type AdapterMethod,
  DEFAULT_LIMITS,
  InvalidQueryError,
  NotFoundError,
  type RequestDetail,
  type UsageAdapter,
  isTimeoutError,
  mapAdapter,
} from '@usagekit/core'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { HTTP_ROUTES, createHttpAdapter } from '@usagekit/core/http'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type UsageHandlerOptions, createUsageHandler } from './createUsageHandler'
import { MAX_JSON_DEPTH, isJsonContentType, nestsDeeperThan } from './requestBody'
import { MATCH_NOTHING, type UsageScope, scopeFilters } from './usageScope'

const RANGE = { start: '2026-11-01T00:00:00.000Z', end: '2026-11-08T00:00:00.000Z' }
const records = generateUsageRecords({ seed: 5, start: RANGE.start, end: RANGE.end, requestsPerDay: 300 })
const memory = createMemoryAdapter(records)
const query = { range: RANGE, timeZone: 'UTC' }
const research = records.filter((r) => r.team === 'Research')
const outsider = records.find((r) => r.team !== 'Research')!

/** A valid body for every route. */
const VALID: Record<AdapterMethod, object | null> = {
  getCapabilities: null,
  getSummary: { ...query, metrics: ['requests'] },
  getTimeSeries: { ...query, bucket: '1d', metrics: ['requests'] },
  getBreakdown: { ...query, groupBy: 'team', metrics: ['requests'] },
  listRequests: { ...query, pageSize: 10 },
  getRequest: { id: records[0]!.id },
  getDimensionValues: { ...query, dimension: 'team' },
}

function send(handler: (request: Request) => Promise<Response>, method: AdapterMethod, body: unknown, headers: Record<string, string> = {}, init: RequestInit = {}) {
  const route = HTTP_ROUTES[method]
  return handler(
    new Request(`http://localhost${route.path}`, {
      method: route.method,
      headers: route.method === 'POST' ? { 'content-type': 'application/json', ...headers } : headers,
      body: route.method === 'POST' ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
      ...init,
    }),
  )
}

/** An adapter that records every call (method and params) before passing it on. */
function spy(inner: UsageAdapter) {
  const calls: { method: AdapterMethod; params: Record<string, unknown> }[] = []
  const adapter = mapAdapter((method) => (params) => {
    calls.push({ method, params: { ...(params as object) } })
    return (inner[method] as (p: unknown) => Promise<never>).call(inner, params)
  })
  return { adapter, calls, of: (method: AdapterMethod) => calls.filter((call) => call.method === method) }
}

/** A handler whose caller's scope is `scope`, and an HTTP client talking to it without a socket. */
function scoped(adapter: UsageAdapter, scope: UsageScope | null, options: UsageHandlerOptions = {}) {
  const handler = createUsageHandler(adapter, { ...options, authorize: () => scope })
  const client = createHttpAdapter({ baseUrl: 'http://localhost', fetch: (url, init) => handler(new Request(url, init)) })
  return { handler, client }
}

describe('routing and validation come from the tables of core', () => {
  it('routes every method of HTTP_ROUTES to the same adapter method', async () => {
    const { adapter, of } = spy(memory)
    const handler = createUsageHandler(adapter)
    for (const method of ADAPTER_METHODS) {
      const response = await send(handler, method, VALID[method])
      expect(response.status, method).toBe(200)
      if (method !== 'getCapabilities') expect(of(method), method).toHaveLength(1)
    }
  })

  it.each(ADAPTER_METHODS.filter((method) => method !== 'getCapabilities'))('checks %s params before any adapter call but getCapabilities', async (method) => {
    const { adapter, calls } = spy(memory)
    const handler = createUsageHandler(adapter)
    const bad = method === 'getRequest' ? { id: 42 } : { ...VALID[method], range: { start: RANGE.end, end: RANGE.start } }
    const response = await send(handler, method, bad)
    expect(response.status).toBe(400)
    expect((await response.json()).error.code).toBe('INVALID_QUERY')
    expect(calls.map((call) => call.method)).toEqual(['getCapabilities'])
  })

  it.each([
    ['a filter with more values than the limit', 'getSummary', { ...query, metrics: ['requests'], filters: { team: Array.from({ length: 101 }, (_, i) => `t${i}`) } }, 'filters.team'],
    ['minute buckets over a week', 'getTimeSeries', { ...query, bucket: '1m', metrics: ['requests'] }, 'bucket'],
    ['a limit of 1e20', 'getBreakdown', { ...query, groupBy: 'user', metrics: ['requests'], limit: 1e20 }, 'limit'],
    ['hourly trends over years', 'getBreakdown', { range: { start: '2020-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' }, timeZone: 'UTC', groupBy: 'tag', metrics: ['requests'], trend: { bucket: '1h', metric: 'requests' } }, 'trend.bucket'],
    ['a search text of 10,000 characters', 'listRequests', { ...query, pageSize: 10, search: 'x'.repeat(10_000) }, 'search'],
  ] as const)('refuses %s with 413 naming the field, before the adapter', async (_, method, body, field) => {
    const { adapter, calls } = spy(memory)
    const response = await send(createUsageHandler(adapter), method, body)
    expect(response.status).toBe(413)
    expect((await response.json()).error).toMatchObject({ code: 'INVALID_QUERY', field })
    expect(calls.map((call) => call.method)).toEqual(['getCapabilities'])
  })

  it('answers 404 for unknown routes, 405 with Allow for a wrong method, 501 for a method it does not know', async () => {
    const handler = createUsageHandler(memory, { basePath: '/api/usage' })
    expect((await handler(new Request('http://localhost/api/usage/nothing'))).status).toBe(404)
    const wrong = await handler(new Request('http://localhost/api/usage/summary', { method: 'PUT' }))
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST')
    const unknown = await handler(new Request('http://localhost/api/usage/summary', { method: 'PROPFIND' }))
    expect(unknown.status).toBe(501)
    expect((await unknown.json()).error.code).toBe('NOT_IMPLEMENTED')
  })

  it('answers capabilities with the contract’s fields and every limit in effect', async () => {
    const chatty: UsageAdapter = { ...memory, getCapabilities: async () => ({ ...(await memory.getCapabilities()), dsn: 'postgres://admin:pw@db/usage' }) as never }
    const text = await (await send(createUsageHandler(chatty), 'getCapabilities', null)).text()
    expect(text).not.toMatch(/postgres|dsn/)
    expect(JSON.parse(text).limits).toEqual({ ...DEFAULT_LIMITS, maxRangeDays: null, maxPageSize: 500 })
  })

  it('ignores fields a route does not take: they never reach the adapter', async () => {
    const { adapter, of } = spy(memory)
    await send(createUsageHandler(adapter), 'getSummary', { ...query, metrics: ['requests'], signal: 'x', __proto__: { evil: 1 }, extra: 1 })
    expect(Object.keys(of('getSummary')[0]!.params).sort()).toEqual(['metrics', 'range', 'signal', 'timeZone'])
  })
})

describe('scopes fail closed on every route', () => {
  const nothing: [string, UsageScope, object | undefined][] = [
    ['an empty list in the scope', { filters: { team: [] } }, undefined],
    ['an empty intersection with the client filters', { filters: { team: ['Research'] } }, { team: ['Growth'] }],
    ['an empty list beside a real one', { filters: { team: ['Research'], user: [] } }, undefined],
  ]

  it.each(nothing)('%s matches nothing: totals, series, rows, requests, values and details', async (_, scope, filters) => {
    const { client } = scoped(memory, scope)
    const q = { ...query, ...(filters ? { filters } : {}) }
    expect((await client.getSummary({ ...q, metrics: ['requests', 'cost'] })).totals).toEqual({ requests: 0, cost: 0 })
    const series = await client.getTimeSeries({ ...q, bucket: '1d', metrics: ['requests'], groupBy: 'team' })
    expect(series.series.flatMap((s) => s.values.requests).every((value) => value === 0)).toBe(true)
    expect(series.series.map((s) => s.key).filter((key) => key !== 'total')).toEqual([])
    expect((await client.getBreakdown({ ...q, groupBy: 'user', metrics: ['requests'] })).rows).toEqual([])
    expect((await client.listRequests({ ...q, pageSize: 500 })).items).toEqual([])
    for (const dimension of ['team', 'user', 'model'] as const) {
      const values = await client.getDimensionValues({ ...q, dimension })
      // A dimension's own filter is ignored for its menu (a multi-select keeps its options): cut to the scope.
      if (dimension === 'team' && filters) expect(values.map((v) => v.key)).toEqual(['Research'])
      else expect(values, dimension).toEqual([])
    }
    const detail = await client.getRequest({ id: research[0]!.id, ...(filters ? { filters } : {}) }).catch((error: unknown) => error)
    expect((detail as { code?: string }).code).toBe('NOT_FOUND')
  })

  it('an empty scope list becomes a printable sentinel no record carries (no NUL: PostgreSQL refuses it in text)', () => {
    expect(scopeFilters(undefined, { filters: { team: [] } })).toEqual({ team: [MATCH_NOTHING] })
    expect(MATCH_NOTHING).toMatch(/^[\x21-\x7e]+$/)
    expect(scopeFilters({ team: ['a', 'b'] }, { filters: { team: ['b', 'c'] } })).toEqual({ team: ['b'] })
    expect(scopeFilters({ team: ['a'] }, { filters: { team: ['c'] } })).toEqual({ team: [MATCH_NOTHING] })
    expect(scopeFilters({ model: ['m'] }, {})).toEqual({ model: ['m'] })
  })

  it('{} is everything (an admin); null is 401', async () => {
    const admin = scoped(memory, {}).client
    expect((await admin.getSummary({ ...query, metrics: ['requests'] })).totals.requests).toBe(records.length)
    expect((await admin.getRequest({ id: outsider.id })).id).toBe(outsider.id)
    const { handler } = scoped(memory, null)
    for (const method of ADAPTER_METHODS) expect((await send(handler, method, VALID[method])).status, method).toBe(401)
  })

  it('a scope larger than the limits is not the caller’s mistake: no 413 for the caller', async () => {
    const users = Array.from({ length: 150 }, (_, i) => `u_${i}`)
    // An adapter that does not re-check: the scope reaches it whole, and the caller gets the answer.
    const { adapter, of } = spy({ ...memory, getSummary: async () => ({ totals: { requests: 0 } }) })
    const { client } = scoped(adapter, { filters: { user: users } })
    expect((await client.getSummary({ ...query, metrics: ['requests'] })).totals.requests).toBe(0)
    expect((of('getSummary')[0]!.params.filters as { user: string[] }).user).toHaveLength(150)
    // The bundled adapters count filter values only in what a client sends (parseParams), so a scope
    // listing more users than a client may pick answers too.
    const { client: lead } = scoped(memory, { filters: { user: users } })
    expect((await lead.getSummary({ ...query, metrics: ['requests'] })).totals.requests).toBeTypeOf('number')
  })

  it('a malformed scope fails closed (500 to onError), never open', async () => {
    for (const scope of [{ filters: { team: 'Research' } }, { filters: { planet: ['x'] } }, { filters: { team: [1] } }, 'admin', { requestContent: 'no' }]) {
      const errors: unknown[] = []
      const { handler } = scoped(memory, scope as never, { onError: (error) => errors.push(error) })
      const response = await send(handler, 'getSummary', VALID.getSummary)
      expect(response.status, JSON.stringify(scope)).toBe(500)
      expect(errors).toHaveLength(1)
    }
  })

  it('a scope on a dimension the adapter does not support fails closed', async () => {
    const narrow: UsageAdapter = { ...memory, getCapabilities: async () => ({ ...(await memory.getCapabilities()), dimensions: ['user', 'model'] }) }
    const { handler } = scoped(narrow, { filters: { team: ['Research'] } })
    expect((await send(handler, 'getSummary', VALID.getSummary)).status).toBe(500)
  })
})

describe('request detail: one scoped call, content as an allow-list', () => {
  const chatty = (detail: RequestDetail) => ({
    ...detail,
    prompt: 'the secret prompt',
    systemPrompt: 'you are a secret',
    apiSecret: 'sk-live-123',
    metadata: { region: 'eu', headers: { authorization: 'Bearer abc' }, __proto__: 'x' } as never,
    messages: [{ role: 'user', content: 'hi', hidden: 'x' }],
    costBreakdown: [{ label: 'Input', amount: detail.cost, quantity: 1200, unit: 'tokens', rate: 3, secret: 1 }],
  })
  const leaky: UsageAdapter = {
    ...memory,
    getRequest: async (params) => chatty(await memory.getRequest(params)),
    listRequests: async (params) => {
      const page = await memory.listRequests(params)
      return { ...page, items: page.items.map((item) => ({ ...item, prompt: 'the secret prompt' })) }
    },
  }

  it('never sends fields outside the contract, with content permission or without', async () => {
    for (const scope of [{}, { requestContent: false }] as UsageScope[]) {
      const { handler } = scoped(leaky, scope)
      const text = await (await send(handler, 'getRequest', { id: records[0]!.id })).text()
      expect(text).not.toMatch(/secret prompt|you are a secret|sk-live|"hidden"|"secret"/)
      const page = await (await send(handler, 'listRequests', { ...query, pageSize: 5 })).text()
      expect(page).not.toMatch(/secret prompt/)
    }
  })

  it('with content: messages, payloads and all metadata; without: none of them, metadata only the allowed keys', async () => {
    const full = (await (await send(scoped(leaky, {}).handler, 'getRequest', { id: records[0]!.id })).json()) as RequestDetail
    expect(full.messages).toEqual([{ role: 'user', content: 'hi' }])
    expect(full.metadata).toMatchObject({ region: 'eu', headers: { authorization: 'Bearer abc' } })
    const hidden = (await (await send(scoped(leaky, { requestContent: false }).handler, 'getRequest', { id: records[0]!.id })).json()) as RequestDetail
    expect(hidden).toMatchObject({ request: null, response: null, messages: [], metadata: {} })
    // A cost line keeps how it came about (quantity, unit, rate) and nothing outside the contract.
    expect(hidden.costBreakdown).toEqual([{ label: 'Input', amount: records[0]!.cost, quantity: 1200, unit: 'tokens', rate: 3 }])
    const some = (await (await send(scoped(leaky, { requestContent: false, metadataKeys: ['region', '__proto__'] }).handler, 'getRequest', { id: records[0]!.id })).json()) as RequestDetail
    expect(some.metadata).toEqual({ region: 'eu', __proto__: 'x' })
    expect(Object.getPrototypeOf(some.metadata)).toBe(Object.prototype)
  })

  it('asks the adapter once, with the scope’s filters and the content flag: nothing else is read', async () => {
    const { adapter, of, calls } = spy(memory)
    const { client } = scoped(adapter, { filters: { team: ['Research'] }, requestContent: false })
    await client.getRequest({ id: research[0]!.id })
    expect(calls.map((call) => call.method)).toEqual(['getCapabilities', 'getRequest'])
    expect(of('getRequest')[0]!.params).toMatchObject({ id: research[0]!.id, filters: { team: ['Research'] }, content: false })
  })

  it('unknown and out-of-scope ids take the same path and get the same 404', async () => {
    const { adapter, of } = spy(memory)
    const { handler } = scoped(adapter, { filters: { team: ['Research'] } })
    const unknown = await send(handler, 'getRequest', { id: 'r_unknown' })
    const foreign = await send(handler, 'getRequest', { id: outsider.id })
    expect([unknown.status, foreign.status]).toEqual([404, 404])
    const normalise = async (response: Response, id: string) => JSON.stringify(await response.json()).replaceAll(id, 'ID')
    expect(await normalise(unknown, 'r_unknown')).toBe(await normalise(foreign, outsider.id))
    expect(of('getRequest').map((call) => Object.keys(call.params).sort())).toEqual([
      ['content', 'filters', 'id', 'signal'],
      ['content', 'filters', 'id', 'signal'],
    ])
  })

  it('behind an adapter that ignores getRequest’s filters, a request outside them is still a 404 (the detail is checked)', async () => {
    const plain = createMemoryAdapter(records) // answers any id, whatever the filters
    const member = research.find((r) => r.userId !== research[0]!.userId)!
    const cases: [UsageScope, string, number][] = [
      [{ filters: { team: ['Research'] } }, outsider.id, 404],
      [{ filters: { team: ['Research'] } }, research[0]!.id, 200],
      [{ filters: { team: [] } }, research[0]!.id, 404],
      [{ filters: { user: [research[0]!.userId] } }, member.id, 404],
      [{ filters: { user: [research[0]!.userId] } }, research[0]!.id, 200],
      [{ filters: { model: [outsider.model === research[0]!.model ? 'other' : research[0]!.model] } }, outsider.id, 404],
      [{ filters: { tag: ['no-such-tag'] } }, research[0]!.id, 404],
      [{ filters: { consumer: [research[0]!.agent || research[0]!.userId] } }, research[0]!.id, 200],
    ]
    for (const [scope, id, status] of cases) {
      const response = await send(scoped(plain, scope).handler, 'getRequest', { id })
      expect(response.status, `${JSON.stringify(scope)} ${id}`).toBe(status)
      if (status === 404) expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: `No request with id "${id}".`, id } })
    }
  })

  it('the 404 is the handler’s own words, whatever the adapter’s NotFound says', async () => {
    const talkative: UsageAdapter = { ...memory, getRequest: async (params) => Promise.reject(new NotFoundError(params.id, `Request ${params.id} exists but belongs to team Growth.`)) }
    const body = await (await send(scoped(talkative, { filters: { team: ['Research'] } }).handler, 'getRequest', { id: outsider.id })).json()
    expect(body).toEqual({ error: { code: 'NOT_FOUND', message: `No request with id "${outsider.id}".`, id: outsider.id } })
  })
})

describe('bounded work: time budget, capabilities retried', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  const hanging = (seen: AbortSignal[] = []): UsageAdapter => ({
    ...memory,
    getSummary: (params) =>
      new Promise((_, reject) => {
        seen.push(params.signal!)
        params.signal?.addEventListener('abort', () => reject(params.signal!.reason))
      }),
  })

  it('answers 504 TIMEOUT when an adapter call passes timeoutMs, and aborts its signal', async () => {
    const signals: AbortSignal[] = []
    const errors: unknown[] = []
    const handler = createUsageHandler(hanging(signals), { timeoutMs: 1_000, onError: (error) => errors.push(error) })
    const answer = send(handler, 'getSummary', VALID.getSummary)
    await vi.advanceTimersByTimeAsync(1_001)
    const response = await answer
    expect(response.status).toBe(504)
    const body = await response.json()
    expect(body.error).toMatchObject({ code: 'TIMEOUT' })
    expect(body.error.errorId).toMatch(/^[0-9a-f-]{36}$/)
    expect(signals[0]!.aborted).toBe(true)
    expect(isTimeoutError(signals[0]!.reason)).toBe(true)
    expect(isTimeoutError(errors[0])).toBe(true)
  })

  it('the HTTP client turns the 504 back into a TimeoutError', async () => {
    const { client } = scoped(hanging(), {}, { timeoutMs: 500 })
    const call = client.getSummary({ ...query, metrics: ['requests'] }).catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(501)
    expect(isTimeoutError(await call)).toBe(true)
  })

  it('defaults to 30 s, and 0 turns the budget off', async () => {
    const handler = createUsageHandler(hanging())
    let settled = false
    const answer = send(handler, 'getSummary', VALID.getSummary).then((response) => ((settled = true), response))
    await vi.advanceTimersByTimeAsync(29_999)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(2)
    expect((await answer).status).toBe(504)
    const unbounded = createUsageHandler(hanging(), { timeoutMs: 0 })
    let done = false
    void send(unbounded, 'getSummary', VALID.getSummary).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(done).toBe(false)
    expect(() => createUsageHandler(memory, { timeoutMs: -1 })).toThrow(/timeoutMs/)
    expect(() => createUsageHandler(memory, { timeoutMs: 2 ** 40 })).toThrow(/timeoutMs/)
  })

  it('a getCapabilities that never settles gets the budget too, and the next request asks again', async () => {
    let calls = 0
    const stuckOnce: UsageAdapter = {
      ...memory,
      getCapabilities: (params) => (++calls === 1 ? new Promise(() => {}) : memory.getCapabilities(params)),
    }
    const handler = createUsageHandler(stuckOnce, { timeoutMs: 1_000 })
    const first = send(handler, 'getSummary', VALID.getSummary)
    await vi.advanceTimersByTimeAsync(1_001)
    expect((await first).status).toBe(504)
    const second = await send(handler, 'getSummary', VALID.getSummary)
    expect(second.status).toBe(200)
    expect(calls).toBe(2)
    // Once known, capabilities are not asked for again.
    await send(handler, 'getBreakdown', VALID.getBreakdown)
    expect(calls).toBe(2)
  })

  it('a getCapabilities that fails is asked again by the next request', async () => {
    let calls = 0
    const failsOnce: UsageAdapter = { ...memory, getCapabilities: (params) => (++calls === 1 ? Promise.reject(new Error('cold start')) : memory.getCapabilities(params)) }
    const handler = createUsageHandler(failsOnce, { onError: () => {} })
    expect((await send(handler, 'getCapabilities', null)).status).toBe(500)
    expect((await send(handler, 'getCapabilities', null)).status).toBe(200)
  })
})

describe('rejected input keeps nothing', () => {
  it('enforces the body limit while the body streams: an endless body is cancelled after the limit and one chunk', async () => {
    const chunk = new Uint8Array(16 * 1024).fill(0x20)
    let pulled = 0
    let cancelled = false
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength
        controller.enqueue(chunk)
      },
      cancel() {
        cancelled = true
      },
    })
    const handler = createUsageHandler(memory)
    const response = await handler(
      new Request('http://localhost/summary', { method: 'POST', headers: { 'content-type': 'application/json' }, body: endless, duplex: 'half' } as RequestInit),
    )
    expect(response.status).toBe(413)
    expect((await response.json()).error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(cancelled).toBe(true)
    expect(pulled).toBeLessThanOrEqual(64 * 1024 + 2 * chunk.byteLength)
  })

  it('a body stream that breaks mid-way is the caller’s 400, not a server failure', async () => {
    const errors: unknown[] = []
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"range":'))
        controller.error(new Error('socket hang up'))
      },
    })
    const handler = createUsageHandler(memory, { onError: (error) => errors.push(error) })
    const response = await handler(new Request('http://localhost/summary', { method: 'POST', headers: { 'content-type': 'application/json' }, body: broken, duplex: 'half' } as RequestInit))
    expect(response.status).toBe(400)
    expect(errors).toEqual([])
  })

  it('refuses a declared content-length over the limit without reading the body', async () => {
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        controller.enqueue(new Uint8Array(1024))
      },
    })
    const handler = createUsageHandler(memory, { maxBodyBytes: 1_000 })
    const response = await handler(
      new Request('http://localhost/summary', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '5000' }, body, duplex: 'half' } as RequestInit),
    )
    expect(response.status).toBe(413)
    expect(pulled).toBeLessThanOrEqual(1)
  })

  it('a deeply nested body is a 400, never a stack overflow (and the limit is on nesting, not on brackets in strings)', async () => {
    const handler = createUsageHandler(memory)
    const deep = `{"range":${'['.repeat(30_000)}${']'.repeat(30_000)}}`
    const response = await send(handler, 'getSummary', deep)
    expect(response.status).toBe(400)
    expect((await response.json()).error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/nests deeper than 64/) })
    const inString = await send(handler, 'getSummary', { ...query, metrics: ['requests'], search: '['.repeat(1_000) })
    expect(inString.status).toBe(200)
    const atLimit = `{"a":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`
    expect(nestsDeeperThan(atLimit, MAX_JSON_DEPTH)).toBe(false)
    expect(nestsDeeperThan(`[${atLimit}]`, MAX_JSON_DEPTH)).toBe(true)
    expect(nestsDeeperThan('["\\"[[[[", {"a": "]]]"}]', 2)).toBe(false)
  })

  it.each([
    ['an array', '[1,2]'],
    ['a string', '"x"'],
    ['null', 'null'],
    ['a number', '42'],
    ['nothing', ''],
    ['malformed JSON', '{"range": '],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d])],
  ])('a body that is %s is a 400', async (_, body) => {
    const handler = createUsageHandler(memory)
    const response = await handler(new Request('http://localhost/summary', { method: 'POST', headers: { 'content-type': 'application/json' }, body }))
    expect(response.status).toBe(400)
    expect((await response.json()).error.code).toBe('BAD_REQUEST')
  })
})

describe('JSON only', () => {
  it.each([
    ['no content type', undefined],
    ['text/plain (a cross-site simple POST)', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['another charset', 'application/json; charset=latin1'],
    ['a JSON look-alike', 'application/jsonp'],
  ])('refuses %s with 415 before authorize and the adapter', async (_, contentType) => {
    const { adapter, calls } = spy(memory)
    const authorize = vi.fn(() => ({}))
    const handler = createUsageHandler(adapter, { authorize })
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {}
    const response = await handler(new Request('http://localhost/summary', { method: 'POST', headers, body: JSON.stringify(VALID.getSummary) }))
    expect(response.status).toBe(415)
    expect((await response.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    expect(calls).toEqual([])
    expect(authorize).not.toHaveBeenCalled()
  })

  it('takes application/json in any case, with a UTF-8 charset; GET capabilities needs none', async () => {
    for (const type of ['application/json', 'Application/JSON', 'application/json; charset=UTF-8', 'application/json;charset="utf-8"']) expect(isJsonContentType(type), type).toBe(true)
    const handler = createUsageHandler(memory)
    expect((await handler(new Request('http://localhost/capabilities'))).status).toBe(200)
  })
})

describe('only branded errors are the caller’s mistakes', () => {
  it.each([
    ['a plain object with code INVALID_QUERY', { code: 'INVALID_QUERY', message: 'password=hunter2', field: 'range', tooLarge: true }],
    ['an Error with code NOT_FOUND', Object.assign(new Error('row 7 of secret_table'), { code: 'NOT_FOUND', id: 'x' })],
    ['an Error with code TIMEOUT', Object.assign(new Error('db at 10.0.0.7 timed out'), { code: 'TIMEOUT' })],
    ['a driver error', Object.assign(new Error('relation "usage" does not exist'), { code: '42P01' })],
  ])('%s from the adapter is a 500 with an error id, logged, its message never sent', async (_, thrown) => {
    const reported: { error: unknown; errorId: string }[] = []
    const failing: UsageAdapter = { ...memory, getSummary: () => Promise.reject(thrown), getRequest: () => Promise.reject(thrown) }
    const handler = createUsageHandler(failing, { onError: (error, { errorId }) => reported.push({ error, errorId }) })
    for (const method of ['getSummary', 'getRequest'] as const) {
      const response = await send(handler, method, VALID[method])
      expect(response.status).toBe(500)
      const text = await response.text()
      expect(text).not.toMatch(/hunter2|secret_table|10\.0\.0\.7|relation|at \w+ \(/)
      const body = JSON.parse(text)
      expect(body.error.code).toBe('INTERNAL')
      expect(reported.at(-1)).toEqual({ error: thrown, errorId: body.error.errorId })
    }
  })

  it('a branded InvalidQueryError from the adapter (another query’s cursor) is a 400', async () => {
    const handler = createUsageHandler({ ...memory, listRequests: () => Promise.reject(new InvalidQueryError('cursor belongs to another query.', { field: 'cursor' })) })
    const response = await send(handler, 'listRequests', VALID.listRequests)
    expect(response.status).toBe(400)
    expect((await response.json()).error).toMatchObject({ code: 'INVALID_QUERY', field: 'cursor' })
  })

  it('usagekit’s own errors count only where they mean something: a TimeoutError is a 504, a NotFoundError outside /request a 500', async () => {
    const { TimeoutError } = await import('@usagekit/core')
    const errors: unknown[] = []
    const handler = createUsageHandler(
      { ...memory, getSummary: () => Promise.reject(new TimeoutError('getSummary', 10)), getBreakdown: () => Promise.reject(new NotFoundError('x')) },
      { onError: (error) => errors.push(error) },
    )
    expect((await send(handler, 'getSummary', VALID.getSummary)).status).toBe(504)
    const misplaced = await send(handler, 'getBreakdown', VALID.getBreakdown)
    expect(misplaced.status).toBe(500)
    expect(await misplaced.text()).not.toMatch(/No request with id/)
    expect(errors).toHaveLength(2)
  })

  it('an onError that throws does not break the answer', async () => {
    const handler = createUsageHandler({ ...memory, getSummary: () => Promise.reject(new Error('x')) }, { onError: () => { throw new Error('logger down') } })
    expect((await send(handler, 'getSummary', VALID.getSummary)).status).toBe(500)
  })

  it('an authorize that throws is a 500, never a crash', async () => {
    const handler = createUsageHandler(memory, { authorize: () => { throw new Error('session store down') }, onError: () => {} })
    expect((await send(handler, 'getSummary', VALID.getSummary)).status).toBe(500)
  })
})

describe('signed cursors', () => {
  const secret = 'test-secret-0123456789'
  const lead: UsageScope = { filters: { team: ['Research'] } }

  async function page(handler: (request: Request) => Promise<Response>, cursor?: string | null) {
    const response = await send(handler, 'listRequests', { ...query, pageSize: 20, cursor })
    return { status: response.status, body: await response.json() }
  }

  it('signs every nextCursor and takes it back; the adapter sees its own cursor', async () => {
    const { adapter, of } = spy(memory)
    const { handler } = scoped(adapter, lead, { cursorSecret: secret })
    const first = await page(handler)
    expect(first.body.nextCursor).toMatch(/\.[A-Za-z0-9_-]{43}$/)
    const second = await page(handler, first.body.nextCursor)
    expect(second.status).toBe(200)
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id)
    const raw = of('listRequests')[1]!.params.cursor as string
    expect(first.body.nextCursor.startsWith(`${raw}.`)).toBe(true)
  })

  it('refuses an altered, unsigned or another caller’s cursor with 400 field cursor, before the adapter', async () => {
    const { adapter, of } = spy(memory)
    const handler = createUsageHandler(adapter, { cursorSecret: secret, authorize: (request) => (request.headers.get('x-role') === 'member' ? { filters: { user: [research[0]!.userId] } } : lead) })
    const first = await page(handler)
    const signed: string = first.body.nextCursor
    const [cursor, signature] = [signed.slice(0, signed.lastIndexOf('.')), signed.slice(signed.lastIndexOf('.') + 1)]
    const altered = `${cursor.slice(0, -2)}${cursor.endsWith('A') ? 'B' : 'A'}${cursor.slice(-1)}.${signature}`
    const before = of('listRequests').length
    for (const forged of [altered, cursor, `${cursor}.${'A'.repeat(43)}`, `${cursor}.x`, '.', '']) {
      const answer = await page(handler, forged)
      expect(answer.status, forged).toBe(400)
      expect(answer.body.error).toMatchObject({ code: 'INVALID_QUERY', field: 'cursor' })
    }
    const replayed = await send(handler, 'listRequests', { ...query, pageSize: 20, cursor: signed }, { 'x-role': 'member' })
    expect(replayed.status).toBe(400)
    expect(of('listRequests').length).toBe(before)
  })

  it('is off without a secret: the adapter’s cursor passes as it is', async () => {
    const { handler } = scoped(memory, lead)
    const first = await page(handler)
    expect(first.body.nextCursor).not.toMatch(/\./)
    expect((await page(handler, first.body.nextCursor)).status).toBe(200)
    expect(() => createUsageHandler(memory, { cursorSecret: '' })).toThrow(/cursorSecret/)
  })
})

describe('many viewers: coalescing and a short cache', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  /** An adapter whose getSummary answers only when told to, counting calls and aborts. */
  function gated() {
    const pending: { resolve: (value: unknown) => void; reject: (error: unknown) => void; signal: AbortSignal }[] = []
    const adapter: UsageAdapter = {
      ...memory,
      getSummary: (params) =>
        new Promise((resolve, reject) => {
          pending.push({ resolve: resolve as (value: unknown) => void, reject, signal: params.signal! })
          params.signal?.addEventListener('abort', () => reject(params.signal!.reason))
        }),
    }
    return { adapter, pending }
  }
  const summary = (requests: number) => ({ totals: { requests } })

  it('identical calls in flight share one adapter call', async () => {
    const { adapter, pending } = gated()
    const handler = createUsageHandler(adapter, { cache: { ttlMs: 5_000 } })
    const answers = [send(handler, 'getSummary', VALID.getSummary), send(handler, 'getSummary', VALID.getSummary), send(handler, 'getSummary', VALID.getSummary)]
    await vi.advanceTimersByTimeAsync(0)
    expect(pending).toHaveLength(1)
    pending[0]!.resolve(summary(7))
    for (const answer of answers) expect(await (await answer).json()).toEqual(summary(7))
  })

  it('keeps answers for ttlMs, then asks again', async () => {
    const { adapter, of } = spy(memory)
    const handler = createUsageHandler(adapter, { cache: { ttlMs: 5_000 } })
    await send(handler, 'getSummary', VALID.getSummary)
    await vi.advanceTimersByTimeAsync(4_999)
    await send(handler, 'getSummary', VALID.getSummary)
    expect(of('getSummary')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(2)
    await send(handler, 'getSummary', VALID.getSummary)
    expect(of('getSummary')).toHaveLength(2)
  })

  it('keys by the exact scoped params: two callers with the same effective scope share, others do not', async () => {
    const { adapter, of } = spy(memory)
    const handler = createUsageHandler(adapter, {
      cache: { ttlMs: 60_000 },
      authorize: (request) => ({ lead: { filters: { team: ['Research'] } }, admin: {}, other: { filters: { team: ['Growth'] } } })[request.headers.get('x-role')!] ?? null,
    })
    await send(handler, 'getSummary', VALID.getSummary, { 'x-role': 'lead' })
    await send(handler, 'getSummary', { ...VALID.getSummary, filters: { team: ['Research'] } }, { 'x-role': 'admin' })
    expect(of('getSummary')).toHaveLength(1)
    const other = await (await send(handler, 'getSummary', VALID.getSummary, { 'x-role': 'other' })).json()
    const admin = await (await send(handler, 'getSummary', VALID.getSummary, { 'x-role': 'admin' })).json()
    expect(of('getSummary')).toHaveLength(3)
    expect(other.totals.requests).toBeLessThan(admin.totals.requests)
    // The content flag is part of the key: a detail without content is never served to a caller with it, nor the reverse.
    const detail = (role: string) => send(handler, 'getRequest', { id: research[0]!.id, content: role === 'x' ? false : undefined }, { 'x-role': 'lead' })
    await detail('x')
    const withContent = await (await detail('y')).json()
    expect(of('getRequest')).toHaveLength(2)
    expect(withContent.messages.length).toBeGreaterThan(0)
  })

  it('one caller leaving does not abort the call others wait for; the last one leaving does', async () => {
    const { adapter, pending } = gated()
    const handler = createUsageHandler(adapter, { cache: { ttlMs: 5_000 } })
    const a = new AbortController()
    const b = new AbortController()
    const first = send(handler, 'getSummary', VALID.getSummary, {}, { signal: a.signal }).catch((error: unknown) => error)
    const second = send(handler, 'getSummary', VALID.getSummary, {}, { signal: b.signal }).catch((error: unknown) => error)
    const third = send(handler, 'getSummary', VALID.getSummary)
    await vi.advanceTimersByTimeAsync(0)
    expect(pending).toHaveLength(1)
    a.abort()
    await vi.advanceTimersByTimeAsync(0)
    expect(pending[0]!.signal.aborted).toBe(false)
    pending[0]!.resolve(summary(3))
    expect(await (await third).json()).toEqual(summary(3))
    await first
    await second

    // Now everyone leaves: the shared call is aborted, and nothing is kept.
    const { adapter: adapter2, pending: pending2 } = gated()
    const handler2 = createUsageHandler(adapter2, { cache: { ttlMs: 5_000 } })
    const c = new AbortController()
    const d = new AbortController()
    const left = [c, d].map((controller) => send(handler2, 'getSummary', VALID.getSummary, {}, { signal: controller.signal }).catch((error: unknown) => error))
    await vi.advanceTimersByTimeAsync(0)
    c.abort()
    await vi.advanceTimersByTimeAsync(0)
    expect(pending2[0]!.signal.aborted).toBe(false)
    d.abort()
    await vi.advanceTimersByTimeAsync(0)
    expect(pending2[0]!.signal.aborted).toBe(true)
    await Promise.all(left)
    const again = send(handler2, 'getSummary', VALID.getSummary)
    await vi.advanceTimersByTimeAsync(0)
    expect(pending2).toHaveLength(2)
    pending2[1]!.resolve(summary(1))
    expect((await again).status).toBe(200)
  })

  it('never keeps a failure', async () => {
    let calls = 0
    const flaky: UsageAdapter = { ...memory, getSummary: async () => (++calls === 1 ? Promise.reject(new Error('blip')) : summary(calls)) }
    const handler = createUsageHandler(flaky, { cache: { ttlMs: 60_000 }, onError: () => {} })
    expect((await send(handler, 'getSummary', VALID.getSummary)).status).toBe(500)
    expect((await send(handler, 'getSummary', VALID.getSummary)).status).toBe(200)
    expect(calls).toBe(2)
  })

  it('keeps at most maxEntries answers, the least recently used going first', async () => {
    const { adapter, of } = spy(memory)
    const handler = createUsageHandler(adapter, { cache: { ttlMs: 60_000, maxEntries: 2 } })
    const ask = (metric: string) => send(handler, 'getSummary', { ...query, metrics: [metric] })
    await ask('requests')
    await ask('cost')
    await ask('requests') // a hit: 'cost' is now the least recently used
    await ask('inputTokens') // evicts 'cost'
    expect(of('getSummary')).toHaveLength(3)
    await ask('requests')
    expect(of('getSummary')).toHaveLength(3)
    await ask('cost')
    expect(of('getSummary')).toHaveLength(4)
  })

  it('is off by default: every call reaches the adapter', async () => {
    const { adapter, of } = spy(memory)
    const handler = createUsageHandler(adapter)
    await Promise.all([send(handler, 'getSummary', VALID.getSummary), send(handler, 'getSummary', VALID.getSummary)])
    expect(of('getSummary')).toHaveLength(2)
  })
})
