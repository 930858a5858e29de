// Property-based tests of the usage handler (fast-check), with the memory adapter as the oracle.
import { BUCKETS, DIMENSIONS, type Dimension, type Filters, type UsageAdapter, type UsageRecord } from '@usagekit/core'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { HTTP_ROUTES } from '@usagekit/core/http'
import { createMemoryAdapter } from '@usagekit/core/memory'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createUsageHandler } from './createUsageHandler'
import { recordMatches } from './testAdapters'
import { MATCH_NOTHING, type UsageScope, scopeFilters } from './usageScope'

const RANGE = { start: '2026-11-01T00:00:00.000Z', end: '2026-11-08T00:00:00.000Z' }
const DAY = { start: '2026-11-04T00:00:00.000Z', end: '2026-11-05T00:00:00.000Z' }
const records: UsageRecord[] = generateUsageRecords({ seed: 11, start: RANGE.start, end: RANGE.end, requestsPerDay: 240 })
const memory = createMemoryAdapter(records)
// An adapter that ignores getRequest's filters: the handler's second check must still hold the scope.
const plain: UsageAdapter = { ...memory, getRequest: (params) => memory.getRequest({ id: params.id, content: params.content, signal: params.signal }) }
// FUZZ_SEED and FUZZ_RUNS (a multiplier) replay or widen a run: FUZZ_SEED=7 FUZZ_RUNS=20 pnpm vitest run src/fuzz.test.ts
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_129)
const RUNS = Number(process.env.FUZZ_RUNS ?? 1)

const METRICS = ['requests', 'successfulRequests', 'failedRequests', 'inputTokens', 'cachedInputTokens', 'outputTokens', 'totalTokens', 'cost', 'activeUsers', 'avgLatencyMs', 'p95LatencyMs', 'successRate']
const VALUES: Partial<Record<Dimension, string[]>> = {
  team: [...new Set(records.map((r) => r.team ?? ''))],
  user: [...new Set(records.map((r) => r.userId))],
  model: [...new Set(records.map((r) => r.model))],
  provider: [...new Set(records.map((r) => r.provider))],
  tag: [...new Set(records.flatMap((r) => r.tags))],
  application: [...new Set(records.map((r) => r.application ?? ''))],
}
const SCOPED_DIMENSIONS = Object.keys(VALUES) as Dimension[]

const weighted = <T,>(likely: fc.Arbitrary<T>, rest: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: likely, weight: 12 }, { arbitrary: rest, weight: 1 })

// ------------------------------------------------------------------ (a) any body, any route

const instant = weighted(
  fc.constantFrom(RANGE.start, RANGE.end, DAY.start, DAY.end, '2026-11-03T12:30:00+05:30'),
  fc.oneof(
    fc.constantFrom('+010000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '2200-01-01T00:00:00Z', 'not a date', '2026-02-30T00:00:00Z', '', '2026-11-01'),
    fc.date({ min: new Date('1900-01-01'), max: new Date('2400-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
    fc.double(),
    fc.jsonValue(),
  ),
)
const metric = weighted(fc.constantFrom(...METRICS), fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'cpuCoreHours'), fc.jsonValue()))
const dimension = weighted(fc.constantFrom(...DIMENSIONS), fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'planet'), fc.jsonValue()))
const bucket = weighted(fc.constantFrom(...BUCKETS), fc.oneof(fc.string(), fc.jsonValue()))
const count = weighted(
  fc.integer({ min: 1, max: 600 }),
  fc.oneof(
  fc.integer({ min: -3, max: 600 }),
  fc.constantFrom(0, 1, 50, 500, 501, 50_000, 50_001, 1e20, 2 ** 31, 2 ** 53, -0, 0.5, -1),
  fc.double(),
  fc.jsonValue(),
  ),
)
const filterValue = weighted(fc.oneof(fc.constantFrom(...Object.values(VALUES).flat(), '__none__', '__other__', MATCH_NOTHING, ''), fc.string()), fc.jsonValue())
const filters = weighted(fc.dictionary(dimension.map(String), fc.array(filterValue, { maxLength: 4 }), { maxKeys: 3 }), fc.jsonValue())
const cursor = fc.oneof(
  { arbitrary: fc.constant(null), weight: 6 },
  { arbitrary: fc.oneof(
  fc.string(),
  fc.base64String(),
  fc
    .record({ v: fc.oneof(fc.constant(1), fc.jsonValue()), q: fc.string(), t: fc.oneof(fc.integer(), fc.double(), fc.constant(1e300), fc.jsonValue()), i: fc.oneof(fc.string(), fc.constant('a\u0000b')) })
    .map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
  ), weight: 1 },
)
const plausibleBody = fc.record(
  {
    range: fc.oneof(
      { arbitrary: fc.constantFrom(RANGE, DAY, { start: '2026-11-03T12:30:00+05:30', end: '2026-11-03T18:00:00Z' }, { start: '2025-11-01T00:00:00Z', end: RANGE.end }), weight: 8 },
      { arbitrary: fc.record({ start: instant, end: instant }), weight: 3 },
      { arbitrary: fc.jsonValue(), weight: 1 },
    ),
    timeZone: weighted(fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'), fc.oneof(fc.constantFrom('Mars/Olympus', '', 'utc', 'Etc/GMT+14'), fc.string(), fc.jsonValue())),
    metrics: weighted(fc.array(metric, { minLength: 1, maxLength: 4 }), fc.jsonValue()),
    groupBy: dimension,
    dimension,
    bucket,
    limit: count,
    offset: count,
    pageSize: count,
    cursor,
    search: weighted(fc.oneof(fc.string(), fc.constantFrom('%', '_', "'; drop table usage; --", 're', 'Research')), fc.oneof(fc.constant('a\u0000b'), fc.jsonValue())),
    id: weighted(fc.oneof(fc.constantFrom(...records.slice(0, 20).map((r) => r.id)), fc.string()), fc.jsonValue()),
    filters,
    sort: weighted(fc.record({ metric, direction: fc.constantFrom('asc', 'desc') }), fc.oneof(fc.record({ metric, direction: fc.string() }), fc.jsonValue())),
    trend: weighted(fc.record({ bucket: fc.constantFrom('1d', '6h', '1w'), metric }), fc.oneof(fc.record({ bucket, metric }), fc.jsonValue())),
    compareToPrevious: weighted(fc.boolean(), fc.jsonValue()),
    content: weighted(fc.boolean(), fc.jsonValue()),
  },
  // Each route's required params are usually there; a missing one is covered by the arbitrary JSON bodies.
  { requiredKeys: ['range', 'timeZone', 'metrics', 'groupBy', 'dimension', 'bucket', 'pageSize', 'id'] },
)
const body: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: plausibleBody.map((value) => JSON.stringify(value)), weight: 6 },
  { arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)), weight: 2 },
  { arbitrary: fc.string(), weight: 1 },
  { arbitrary: fc.constantFrom('', '{', '{"range": ', `{"a":${'['.repeat(100)}${']'.repeat(100)}}`, '\u00ff\u00fe'), weight: 1 },
)
const contentType: fc.Arbitrary<string | null> = fc.oneof(
  { arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8'), weight: 8 },
  { arbitrary: fc.option(fc.oneof(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'APPLICATION/JSON;charset=UTF8', 'application/json; charset=latin1', ''), fc.string({ unit: 'grapheme-ascii' })), { nil: null }), weight: 1 },
)
/** A route and an HTTP method: mostly the route's own, sometimes anything. */
const target = fc.oneof(
  { arbitrary: fc.constantFrom(...Object.values(HTTP_ROUTES)).map((route) => [route.path, route.method] as const), weight: 10 },
  {
    arbitrary: fc.tuple(
      fc.constantFrom(...Object.values(HTTP_ROUTES).map((route) => route.path), '/', '/summary/', '/nothing', '/%', '//summary'),
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'BREW'),
    ),
    weight: 1,
  },
)
const anonymous = fc.oneof({ arbitrary: fc.constant(false), weight: 15 }, { arbitrary: fc.constant(true), weight: 1 })

const EXPECTED = new Set([200, 400, 401, 404, 405, 413, 415, 501])

describe('fuzz: any body on any route', () => {
  it('never answers 500 (or 5xx at all), never throws, and always answers JSON', async () => {
    const errors: unknown[] = []
    const handlers = [
      createUsageHandler(memory, { onError: (error) => errors.push(error) }),
      createUsageHandler(memory, {
        cursorSecret: 'fuzz',
        cache: { ttlMs: 1_000 },
        authorize: (request) => (request.headers.get('x-scope') === 'none' ? null : { filters: { team: ['Research'] }, requestContent: false }),
        onError: (error) => errors.push(error),
      }),
    ]
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1), target, contentType, body, anonymous, async (which, [route, verb], type, text, unsigned) => {
        const headers: Record<string, string> = {}
        if (type !== null) headers['content-type'] = type
        if (unsigned) headers['x-scope'] = 'none'
        const withBody = verb !== 'GET' && verb !== 'HEAD'
        const response = await handlers[which]!(new Request(`http://localhost${route}`, { method: verb, headers, body: withBody ? text : undefined }))
        expect(EXPECTED.has(response.status), `${response.status} ${await response.clone().text()}`).toBe(true)
        if (verb !== 'HEAD') JSON.parse(await response.text())
      }),
      { numRuns: 400 * RUNS, seed: SEED },
    )
    expect(errors).toEqual([])
  })
})

// ------------------------------------------------------------------ (b) scopes contain every answer

const scopeArb: fc.Arbitrary<UsageScope> = fc.record(
  {
    filters: fc
      .subarray(SCOPED_DIMENSIONS, { maxLength: 2 })
      .chain((dimensions) =>
        fc.tuple(...dimensions.map((d) => fc.tuple(fc.constant(d), fc.subarray(VALUES[d]!, { maxLength: 3 }), fc.boolean()))).map((entries) =>
          Object.fromEntries(entries.map(([d, values, unknown]) => [d, unknown ? [...values, 'nobody-has-this'] : values])),
        ),
      ),
    requestContent: fc.boolean(),
  },
  { requiredKeys: ['filters'] },
)
const clientFilters: fc.Arbitrary<Filters> = fc
  .subarray(SCOPED_DIMENSIONS, { maxLength: 2 })
  .chain((dimensions) => fc.tuple(...dimensions.map((d) => fc.tuple(fc.constant(d), fc.subarray(VALUES[d]!, { maxLength: 3 })))).map((entries) => Object.fromEntries(entries)))

/** Whether the scope allows nothing at all (an empty list anywhere). */
const allowsNothing = (scope: UsageScope) => Object.values(scope.filters ?? {}).some((values) => values?.length === 0)

async function post(scope: UsageScope, route: string, payload: object) {
  const handler = createUsageHandler(memory, { authorize: () => scope })
  const response = await handler(new Request(`http://localhost${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) }))
  expect(response.status, await response.clone().text()).toBe(200)
  return response.json()
}

describe('fuzz: every answer is contained in the scope’s answer', () => {
  const q = { range: RANGE, timeZone: 'UTC' }

  it('summary and series never count more than the scope allows', async () => {
    await fc.assert(
      fc.asyncProperty(scopeArb, clientFilters, async (scope, filters) => {
        const oracle = allowsNothing(scope) ? 0 : (await memory.getSummary({ ...q, metrics: ['requests'], filters: scope.filters })).totals.requests!
        const answer = await post(scope, '/summary', { ...q, metrics: ['requests', 'cost'], filters })
        expect(answer.totals.requests).toBeLessThanOrEqual(oracle)
        const series = await post(scope, '/time-series', { ...q, bucket: '1d', metrics: ['requests'], filters })
        const oracleSeries = allowsNothing(scope) ? null : await memory.getTimeSeries({ ...q, bucket: '1d', metrics: ['requests'], filters: scope.filters })
        series.series[0].values.requests.forEach((value: number, i: number) => expect(value).toBeLessThanOrEqual(oracleSeries ? oracleSeries.series[0]!.values.requests![i]! : 0))
      }),
      { numRuns: 60 * RUNS, seed: SEED },
    )
  })

  it('breakdown rows and dimension values are among the scope’s', async () => {
    await fc.assert(
      fc.asyncProperty(scopeArb, clientFilters, fc.constantFrom<Dimension>('team', 'user', 'model', 'tag', 'application', 'provider'), async (scope, filters, groupBy) => {
        const answer = await post(scope, '/breakdown', { ...q, groupBy, metrics: ['requests'], filters })
        const oracle = allowsNothing(scope) ? [] : (await memory.getBreakdown({ ...q, groupBy, metrics: ['requests'], filters: scope.filters })).rows
        const allowed = new Map(oracle.map((row) => [row.key, row.metrics.requests!]))
        for (const row of answer.rows) {
          expect(allowed.has(row.key), `${groupBy} ${row.key}`).toBe(true)
          expect(row.metrics.requests).toBeLessThanOrEqual(allowed.get(row.key)!)
        }
        const values = await post(scope, '/dimension-values', { ...q, dimension: groupBy, filters, limit: 1_000 })
        let oracleValues = allowsNothing(scope) ? [] : await memory.getDimensionValues({ ...q, dimension: groupBy, filters: scope.filters, limit: 1_000 })
        const own = scope.filters?.[groupBy]
        if (own) oracleValues = oracleValues.filter((value) => own.includes(value.key))
        const allowedValues = new Set(oracleValues.map((value) => value.key))
        for (const value of values) expect(allowedValues.has(value.key), `${groupBy} value ${value.key}`).toBe(true)
      }),
      { numRuns: 60 * RUNS, seed: SEED },
    )
  })

  it('listed requests and request details are ones the scope may see, with content only when allowed', async () => {
    const byId = new Map(records.map((record) => [record.id, record]))
    const visible = (record: UsageRecord, scope: UsageScope) => !allowsNothing(scope) && recordMatches(record, scope.filters)
    await fc.assert(
      fc.asyncProperty(scopeArb, clientFilters, fc.constantFrom(...records.filter((_, i) => i % 20 === 0).map((r) => r.id)), async (scope, filters, id) => {
        const page = await post(scope, '/requests', { range: DAY, timeZone: 'UTC', pageSize: 500, filters })
        for (const item of page.items) expect(visible(byId.get(item.id)!, scope), item.id).toBe(true)
        const record = byId.get(id)!
        // Both behind an adapter that honours getRequest's filters and behind one that ignores them (the handler checks the detail).
        for (const adapter of [memory, plain]) {
          const handler = createUsageHandler(adapter, { authorize: () => scope })
          const response = await handler(new Request('http://localhost/request', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id, filters }) }))
          // Found exactly when the effective filters match (on a multi-valued dimension such as tag, the
          // scope's and the client's lists intersect, which is narrower than both) — and never outside the scope.
          if (!recordMatches(record, scopeFilters(filters, scope))) expect(response.status).toBe(404)
          else {
            expect(response.status).toBe(200)
            expect(visible(record, scope) && recordMatches(record, filters)).toBe(true)
            const detail = await response.json()
            if (scope.requestContent === false) expect([detail.request, detail.response, detail.messages, detail.metadata]).toEqual([null, null, [], {}])
          }
        }
      }),
      { numRuns: 80 * RUNS, seed: SEED },
    )
  })
})
