import { type UsageAdapter, type UsageRecord, isInvalidQueryError, isNotFoundError } from '@usagekit/core'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { createHttpAdapter } from '@usagekit/core/http'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { describeAdapterContract } from '@usagekit/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUsageHandler } from './createUsageHandler'
import { listenOnLoopback } from './testServer'
import type { UsageScope } from './usageScope'

// The HTTP adapter talking to the handler over a real socket answers like the reference.
describeAdapterContract({
  name: 'HTTP adapter ↔ usage handler (loopback)',
  createAdapter: async ({ records, meters }) => {
    const memory = createMemoryAdapter(records, { meters })
    const served = await listenOnLoopback(createUsageHandler(memory, { basePath: '/api/usage' }))
    return {
      adapter: createHttpAdapter({ baseUrl: `${served.url}/api/usage` }),
      insert: (more: UsageRecord[]) => memory.insert(more),
      cleanup: served.close,
    }
  },
})

const RANGE = { start: '2026-11-01T00:00:00.000Z', end: '2026-11-08T00:00:00.000Z' }
const records = generateUsageRecords({ seed: 3, start: RANGE.start, end: RANGE.end, requestsPerDay: 300 })
const query = { range: RANGE, timeZone: 'Europe/Berlin' }

describe('bad input gets the right status and a JSON error that says what was wrong', () => {
  let served: Awaited<ReturnType<typeof listenOnLoopback>>
  let failures: unknown[] = []
  beforeAll(async () => {
    const memory = createMemoryAdapter(records)
    const broken: UsageAdapter = { ...memory, getBreakdown: async () => { throw new Error('connection to warehouse refused (password=hunter2)') } }
    served = await listenOnLoopback(createUsageHandler(broken, { basePath: '/usage', onError: (error) => failures.push(error) }))
  })
  afterAll(() => served.close())

  const post = (path: string, body: unknown, init: RequestInit = {}) =>
    fetch(`${served.url}/usage${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body), ...init })

  it.each([
    ['malformed JSON', '/summary', '{"range": ', 400, 'BAD_REQUEST', /not valid JSON/],
    ['an unknown metric', '/summary', { ...query, metrics: ['vibes'] }, 400, 'INVALID_QUERY', /does not support the metric "vibes"/],
    ['an unknown dimension', '/breakdown', { ...query, groupBy: 'planet', metrics: ['requests'] }, 400, 'INVALID_QUERY', /"planet" is not a dimension/],
    ['an invalid time zone', '/time-series', { ...query, timeZone: 'Mars/Olympus', bucket: '1d', metrics: ['requests'] }, 400, 'INVALID_QUERY', /IANA time zone/],
    ['a reversed range', '/summary', { range: { start: RANGE.end, end: RANGE.start }, timeZone: 'UTC', metrics: ['requests'] }, 400, 'INVALID_QUERY', /must be after/],
    ['an oversized page', '/requests', { ...query, pageSize: 100_000 }, 413, 'INVALID_QUERY', /above this adapter's limit/],
    ['an unknown request id', '/request', { id: 'nope' }, 404, 'NOT_FOUND', /No request with id "nope"/],
    ['a body past the size limit', '/summary', JSON.stringify({ ...query, metrics: ['requests'], pad: 'x'.repeat(70_000) }), 413, 'PAYLOAD_TOO_LARGE', /larger than/],
  ])('%s → %i', async (_, path, body, status, code, message) => {
    const response = await post(path, body)
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    const json = await response.json()
    expect(json.error.code).toBe(code)
    expect(json.error.message).toMatch(message)
  })

  it('names the field at fault', async () => {
    const json = await (await post('/time-series', { ...query, bucket: '2d', metrics: ['requests'] })).json()
    expect(json.error.field).toBe('bucket')
  })

  it('answers adapter failures with 500, an error id and no internals', async () => {
    const response = await post('/breakdown', { ...query, groupBy: 'team', metrics: ['requests'] })
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(text).not.toMatch(/hunter2|warehouse|at \w+ \(/)
    const json = JSON.parse(text)
    expect(json.error).toMatchObject({ code: 'INTERNAL', message: 'getBreakdown failed on the server.' })
    expect(json.error.errorId).toMatch(/^[0-9a-f-]{36}$/)
    expect(failures).toHaveLength(1)
  })

  it('refuses unknown routes (404) and wrong methods (405)', async () => {
    expect((await fetch(`${served.url}/usage/nothing`)).status).toBe(404)
    const wrong = await fetch(`${served.url}/usage/summary`)
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST')
  })

  it('maps HTTP errors back to the typed errors of core', async () => {
    const http = createHttpAdapter({ baseUrl: `${served.url}/usage` })
    const invalid = await http.getSummary({ ...query, metrics: ['vibes'] }).catch((e: unknown) => e)
    expect(isInvalidQueryError(invalid)).toBe(true)
    const missing = await http.getRequest({ id: 'nope' }).catch((e: unknown) => e)
    expect(isNotFoundError(missing)).toBe(true)
    expect((missing as { id: string }).id).toBe('nope')
    const tooBig = await http.listRequests({ ...query, pageSize: 100_000 }).catch((e: unknown) => e)
    expect(isInvalidQueryError(tooBig) && (tooBig as { tooLarge: boolean }).tooLarge).toBe(true)
  })
})

describe('cost lines over HTTP', () => {
  it('keep how they came about (quantity, unit, rate) from the adapter through the handler to the HTTP client', async () => {
    const served = await listenOnLoopback(createUsageHandler(createMemoryAdapter(records), { basePath: '/usage' }))
    try {
      const record = records.find((r) => r.status === 'success' && r.cachedInputTokens > 0)!
      const detail = await createHttpAdapter({ baseUrl: `${served.url}/usage` }).getRequest({ id: record.id })
      expect(detail.costBreakdown).toEqual(record.costBreakdown)
      expect(detail.costBreakdown[0]).toMatchObject({ unit: 'tokens', quantity: record.inputTokens - record.cachedInputTokens })
      expect(detail.costBreakdown.every((line) => typeof line.rate === 'number')).toBe(true)
    } finally {
      await served.close()
    }
  })
})

describe('a client that disconnects aborts the adapter call', () => {
  it('passes the abort through the socket to the adapter’s signal', async () => {
    const memory = createMemoryAdapter(records)
    let aborted: (reason: unknown) => void = () => {}
    const sawAbort = new Promise((resolve) => (aborted = resolve))
    let started: () => void = () => {}
    const adapterCalled = new Promise<void>((resolve) => (started = resolve))
    const slow: UsageAdapter = {
      ...memory,
      getSummary: (params) =>
        new Promise((_, reject) => {
          started()
          params.signal?.addEventListener('abort', () => {
            aborted(params.signal?.reason)
            reject(params.signal?.reason)
          })
        }),
    }
    const served = await listenOnLoopback(createUsageHandler(slow))
    const http = createHttpAdapter({ baseUrl: served.url })
    const controller = new AbortController()
    const call = http.getSummary({ ...query, metrics: ['requests'], signal: controller.signal }).catch((e: unknown) => e)
    // Abort once the call has reached the adapter, so it is the socket's close that aborts it.
    await adapterCalled
    controller.abort()
    await expect(sawAbort).resolves.toBeInstanceOf(Error)
    await call
    await served.close()
  })
})

describe('who sees what is enforced on the server', () => {
  const research = records.filter((r) => r.team === 'Research')
  const someone = research[0]!.userId
  const outsider = records.find((r) => r.team !== 'Research')!
  const scopes: Record<string, UsageScope> = {
    admin: {},
    lead: { filters: { team: ['Research'] } },
    member: { filters: { user: [someone] }, requestContent: false },
  }
  let served: Awaited<ReturnType<typeof listenOnLoopback>>
  const as = (role: string) => createHttpAdapter({ baseUrl: served.url, headers: { 'x-role': role } })
  beforeAll(async () => {
    served = await listenOnLoopback(createUsageHandler(createMemoryAdapter(records), { authorize: (request) => scopes[request.headers.get('x-role') ?? ''] ?? null }))
  })
  afterAll(() => served.close())

  it('refuses callers without a scope (401)', async () => {
    const response = await fetch(`${served.url}/capabilities`)
    expect(response.status).toBe(401)
  })

  it('a team lead sees only their team, whatever filters they send', async () => {
    const lead = as('lead')
    const teams = await lead.getBreakdown({ ...query, groupBy: 'team', metrics: ['requests'] })
    expect(teams.rows.map((row) => row.key)).toEqual(['Research'])
    expect(teams.rows[0]!.metrics.requests).toBe(research.length)
    const widened = await lead.getSummary({ ...query, metrics: ['requests'], filters: { team: ['Research', 'Growth'] } })
    expect(widened.totals.requests).toBe(research.length)
    const other = await lead.getSummary({ ...query, metrics: ['requests'], filters: { team: ['Growth'] } })
    expect(other.totals.requests).toBe(0)
    const values = await lead.getDimensionValues({ ...query, dimension: 'team' })
    expect(values.map((value) => value.key)).toEqual(['Research'])
    const users = await lead.getBreakdown({ ...query, groupBy: 'user', metrics: ['requests'] })
    expect(users.rows.every((row) => row.team === 'Research')).toBe(true)
    const series = await lead.getTimeSeries({ ...query, bucket: '1d', metrics: ['requests'], groupBy: 'team' })
    expect(series.series.map((s) => s.key)).toEqual(['Research'])
    let cursor: string | null = null
    const seen: string[] = []
    do {
      const page = await lead.listRequests({ ...query, pageSize: 500, cursor, filters: { team: ['Growth'] } })
      seen.push(...page.items.map((item) => item.team ?? ''))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual([])
    const found = await lead.getRequest({ id: outsider.id }).catch((e: unknown) => e)
    expect(isNotFoundError(found)).toBe(true)
    expect((await lead.getRequest({ id: research[0]!.id })).team).toBe('Research')
  })

  it('a member sees only their own requests, and no request content', async () => {
    const member = as('member')
    const summary = await member.getSummary({ ...query, metrics: ['requests', 'activeUsers'] })
    expect(summary.totals).toEqual({ requests: records.filter((r) => r.userId === someone).length, activeUsers: 1 })
    const mine = records.find((r) => r.userId === someone)!
    const detail = await member.getRequest({ id: mine.id })
    expect(detail.messages).toEqual([])
    expect(detail.request).toBeNull()
    expect(detail.response).toBeNull()
    expect((await member.getCapabilities()).requestContent).toBe(false)
    const colleague = research.find((r) => r.userId !== someone)!
    expect(isNotFoundError(await member.getRequest({ id: colleague.id }).catch((e: unknown) => e))).toBe(true)
    const users = await member.getDimensionValues({ ...query, dimension: 'user' })
    expect(users.map((user) => user.key)).toEqual([someone])
  })

  it('an admin sees everything, content included', async () => {
    const admin = as('admin')
    expect((await admin.getSummary({ ...query, metrics: ['requests'] })).totals.requests).toBe(records.length)
    expect((await admin.getRequest({ id: outsider.id })).messages.length).toBeGreaterThan(0)
  })
})

describe('the OpenAPI document', () => {
  it('describes every route the handler serves', async () => {
    const { openApiDocument } = await import('./openApiDocument')
    const { HTTP_ROUTES } = await import('@usagekit/core/http')
    expect(openApiDocument.openapi).toBe('3.1.0')
    for (const route of Object.values(HTTP_ROUTES)) {
      const path = openApiDocument.paths[route.path as keyof typeof openApiDocument.paths] as Record<string, unknown>
      expect(path?.[route.method.toLowerCase()], route.path).toBeDefined()
    }
  })
})

describe('the OpenAPI document names the hardened statuses and the limits', () => {
  it('413, 415 and 504 on the POST routes, the limits in capabilities, filters and content on /request', async () => {
    const { openApiDocument } = await import('./openApiDocument')
    const { HTTP_ROUTES } = await import('@usagekit/core/http')
    const { DEFAULT_LIMITS } = await import('@usagekit/core')
    const doc = JSON.parse(JSON.stringify(openApiDocument))
    for (const route of Object.values(HTTP_ROUTES)) {
      const responses = doc.paths[route.path][route.method.toLowerCase()].responses
      expect(Object.keys(responses), route.path).toEqual(expect.arrayContaining(['401', '500', '504', ...(route.method === 'POST' ? ['400', '413', '415'] : [])]))
    }
    expect(Object.keys(doc.components.schemas.Capabilities.properties.limits.properties).sort()).toEqual(Object.keys(DEFAULT_LIMITS).sort())
    expect(Object.keys(doc.paths['/request'].post.requestBody.content['application/json'].schema.properties).sort()).toEqual(['content', 'filters', 'id'])
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(expect.arrayContaining(['UNSUPPORTED_MEDIA_TYPE', 'TIMEOUT', 'NOT_IMPLEMENTED']))
  })
})

describe('docs/openapi.json', () => {
  it('is the exported document (regenerate with pnpm --filter @usagekit/server openapi)', async () => {
    const { readFileSync } = await import('node:fs')
    const { openApiDocument } = await import('./openApiDocument')
    const onDisk = JSON.parse(readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8'))
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(openApiDocument)))
  })
})
