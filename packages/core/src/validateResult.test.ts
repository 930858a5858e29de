import { describe, expect, it } from 'vitest'
import { AdapterResponseError, isAdapterResponseError } from './errors'
import { createMemoryAdapter } from './memory/createMemoryAdapter'
import { testAdapter } from './testing/testAdapter'
import {
  validateBreakdown,
  validateCapabilities,
  validateRequestPage,
  validateSummary,
  validateTimeSeries,
  withValidation,
} from './validateResult'

const range = { start: '2026-11-01T00:00:00.000Z', end: '2026-11-03T00:00:00.000Z' }

function errorOf(fn: () => unknown): AdapterResponseError {
  try {
    fn()
  } catch (error) {
    if (isAdapterResponseError(error)) return error
    throw error
  }
  throw new Error('expected an AdapterResponseError')
}

describe('validateSummary', () => {
  it('normalises counts given as bigint or numeric strings (ClickHouse quotes 64-bit integers)', () => {
    const result = validateSummary({ totals: { requests: 12n, inputTokens: '9007199254740993', cost: '0.000042' } }, { metrics: ['requests', 'inputTokens', 'cost'] })
    expect(result.totals).toEqual({ requests: 12, inputTokens: 9007199254740992, cost: 0.000042 })
  })

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a negative count', -3],
    ['a non-numeric string', '12 requests'],
    ['an object', { value: 3 }],
  ])('rejects %s, naming the method, the field path and the expected shape', (_, value) => {
    const error = errorOf(() => validateSummary({ totals: { requests: value } }, { metrics: ['requests'] }))
    expect(error.method).toBe('getSummary')
    expect(error.path).toBe('totals.requests')
    expect(error.message).toMatch(/^getSummary returned an invalid answer: totals\.requests must be a non-negative finite number/)
    expect(error.message).toMatch(/getSummary must return \{ totals: \{ <each requested metric>/)
  })

  it('rejects missing fields, metrics that were not asked for, and null for a sum', () => {
    expect(errorOf(() => validateSummary({ totals: { requests: 1 } }, { metrics: ['requests', 'cost'] })).message).toMatch(/totals\.cost is missing/)
    const extra = errorOf(() => validateSummary({ totals: { requests: 1, cost: 2 } }, { metrics: ['requests'] }))
    expect(extra.path).toBe('totals.cost')
    expect(extra.message).toMatch(/not part of the answer \(it was not asked for\)/)
    expect(errorOf(() => validateSummary({ totals: { cost: null } }, { metrics: ['cost'] })).message).toMatch(/totals\.cost must be/)
    expect(validateSummary({ totals: { p95LatencyMs: null } }, { metrics: ['p95LatencyMs'] }).totals.p95LatencyMs).toBeNull()
    expect(errorOf(() => validateSummary({ totals: { requests: 1 } }, { metrics: ['requests'], compareToPrevious: true })).path).toBe('previous')
  })
})

describe('validateTimeSeries and validateBreakdown', () => {
  it('requires one value per bucket of bucketBoundaries', () => {
    const buckets = [
      { start: '2026-11-01T00:00:00.000Z', end: '2026-11-02T00:00:00.000Z' },
      { start: '2026-11-02T00:00:00.000Z', end: '2026-11-03T00:00:00.000Z' },
    ]
    const params = { range, timeZone: 'UTC', bucket: '1d' as const, metrics: ['requests'] }
    expect(validateTimeSeries({ buckets, series: [{ key: 'total', label: 'Total', values: { requests: ['3', 4n] } }] }, params).series[0]!.values.requests).toEqual([3, 4])
    const short = errorOf(() => validateTimeSeries({ buckets, series: [{ key: 'total', label: 'Total', values: { requests: [3] } }] }, params))
    expect(short.path).toBe('series[0].values.requests')
    expect(short.message).toMatch(/an array of 2 values, one per bucket/)
    expect(errorOf(() => validateTimeSeries({ buckets: buckets.slice(1), series: [] }, params)).path).toBe('buckets')
  })

  it('checks breakdown rows, models and total', () => {
    const params = { range, timeZone: 'UTC', metrics: ['requests'] }
    const row = { key: 'u1', label: 'Ada', metrics: { requests: 3 }, models: ['a', 'b', 'c'], modelCount: 5 }
    expect(validateBreakdown({ rows: [row], total: 1 }, params).rows[0]!.modelCount).toBe(5)
    expect(errorOf(() => validateBreakdown({ rows: [{ ...row, models: ['a', 'b', 'c', 'd'] }], total: 1 }, params)).message).toMatch(/rows\[0\]\.models must be at most three models/)
    expect(errorOf(() => validateBreakdown({ rows: [row, row], total: 1 }, params)).path).toBe('total')
    expect(errorOf(() => validateBreakdown({ rows: [row] }, params)).message).toMatch(/^getBreakdown returned an invalid answer: total is missing/)
  })

  it('checks request pages and capabilities', () => {
    expect(errorOf(() => validateRequestPage({ items: [{ id: 'r1' }], nextCursor: null })).path).toBe('items[0].timestamp')
    expect(errorOf(() => validateCapabilities({ metrics: [], dimensions: ['user'], currency: 'dollars', requestContent: true, limits: { maxRangeDays: null, maxPageSize: 500 } })).message).toMatch(
      /currency must be an ISO 4217 currency code/,
    )
  })
})

describe('withValidation', () => {
  it('passes good answers through and turns bad ones into AdapterResponseError', async () => {
    const memory = createMemoryAdapter([])
    const good = withValidation(memory)
    await expect(good.getSummary({ range, timeZone: 'UTC', metrics: ['requests', 'avgLatencyMs'] })).resolves.toEqual({ totals: { requests: 0, avgLatencyMs: null } })
    const bad = withValidation(testAdapter({ getSummary: async () => ({ totals: { requests: Number.NaN } }) }))
    await expect(bad.getSummary({ range, timeZone: 'UTC', metrics: ['requests'] })).rejects.toThrow(/getSummary returned an invalid answer: totals\.requests must be a non-negative finite number .* \(got NaN\)/)
  })
})

describe('the contract tables', () => {
  it('RESULT_VALIDATORS has a validator for every method', async () => {
    const { RESULT_VALIDATORS } = await import('./validateResult')
    const { ADAPTER_METHODS } = await import('./adapterMethods')
    expect(Object.keys(RESULT_VALIDATORS).sort()).toEqual([...ADAPTER_METHODS].sort())
  })

  it('capabilities carry every limit: the adapter’s own, and the defaults for the rest', async () => {
    const { DEFAULT_LIMITS } = await import('./limits')
    const capabilities = validateCapabilities({
      metrics: [],
      dimensions: ['user'],
      currency: 'USD',
      requestContent: false,
      limits: { maxRangeDays: 90, maxPageSize: 100, maxFilterValues: 10 },
    })
    expect(capabilities.limits).toEqual({ ...DEFAULT_LIMITS, maxRangeDays: 90, maxPageSize: 100, maxFilterValues: 10 })
  })
})

describe('request detail metadata', () => {
  const detail = async () => {
    const { generateUsageRecords } = await import('./fixtures/generateUsageRecords')
    const [record] = generateUsageRecords({ seed: 3, start: '2026-11-01T00:00:00Z', end: '2026-11-01T01:00:00Z', requestsPerDay: 500 })
    return createMemoryAdapter([record!]).getRequest({ id: record!.id })
  }

  it('accepts nested JSON (gateway headers, retry lists, routing decisions)', async () => {
    const { validateRequestDetail } = await import('./validateResult')
    const metadata = { headers: { 'x-request-id': 'abc', 'x-retries': [1, 2] }, route: { chosen: { model: 'gpt', score: 0.5, fallback: null } }, ok: true }
    expect(validateRequestDetail({ ...(await detail()), metadata }).metadata).toEqual(metadata)
  })

  it.each([
    ['a function', () => 1],
    ['NaN', Number.NaN],
    ['a Date', new Date(0)],
    ['JSON nested deeper than 32 levels', JSON.parse(`${'['.repeat(40)}1${']'.repeat(40)}`)],
  ])('refuses %s in metadata', async (_, value) => {
    const { validateRequestDetail } = await import('./validateResult')
    const base = await detail()
    expect(() => validateRequestDetail({ ...base, metadata: { value } })).toThrow(/metadata\.value/)
  })
})

describe('requests without a user, and details with only what the backend recorded', () => {
  const summary = {
    id: 'r1',
    timestamp: '2026-11-01T00:00:00.000Z',
    status: 'success',
    provider: 'openai',
    model: 'gpt-4.1',
    inputTokens: 10,
    cachedInputTokens: 0,
    outputTokens: 2,
    totalTokens: 12,
    cost: 0.001,
    latencyMs: 300,
    tags: [],
  }
  const detailOf = (fields: Record<string, unknown> = {}) => ({
    ...summary,
    startTime: '2026-11-01T00:00:00.000Z',
    endTime: '2026-11-01T00:00:00.300Z',
    costBreakdown: [],
    request: null,
    response: null,
    messages: [],
    metadata: {},
    ...fields,
  })

  it('accepts a request log item with userId and userName null (a SQL row without a user) and answers them absent', () => {
    const page = validateRequestPage({ items: [{ ...summary, userId: null, userName: null, userEmail: null, team: null, customer: null }], nextCursor: null })
    const [item] = page.items
    for (const field of ['userId', 'userName', 'userEmail', 'team', 'customer']) expect(item).not.toHaveProperty(field)
    expect(validateRequestPage({ items: [summary], nextCursor: null }).items[0]).not.toHaveProperty('userId')
  })

  it('reads empty strings as none: no user, no customer, no empty tag', () => {
    const [item] = validateRequestPage({ items: [{ ...summary, userId: '', userName: '', customer: '', tags: ['', 'prod'] }], nextCursor: null }).items
    expect(item).not.toHaveProperty('userId')
    expect(item).not.toHaveProperty('customer')
    expect(item!.tags).toEqual(['prod'])
  })

  it('keeps the end customer', () => {
    expect(validateRequestPage({ items: [{ ...summary, userId: 'u1', userName: 'Ada', customer: 'globex' }], nextCursor: null }).items[0]).toMatchObject({ userId: 'u1', userName: 'Ada', customer: 'globex' })
  })

  it('refuses a user that is neither text nor none, naming the method, the field and the shape', () => {
    const error = errorOf(() => validateRequestPage({ items: [summary, { ...summary, userId: 42 }], nextCursor: null }))
    expect(error.method).toBe('listRequests')
    expect(error.path).toBe('items[1].userId')
    expect(error.message).toMatch(/^listRequests returned an invalid answer: items\[1\]\.userId must be a string, or null or absent for a request made without a user \(got 42\)\./)
    expect(error.message).toMatch(/listRequests must return \{ items: RequestSummary\[\] .*userId\?, userName\? \(null or absent for a request made without a user\)/)
    expect(errorOf(() => validateRequestPage({ items: [{ ...summary, customer: { id: 'globex' } }], nextCursor: null })).message).toMatch(/items\[0\]\.customer must be a string, or null or absent .* \(got an object\)/)
  })

  it('accepts a detail without call type, model id, retries or cache flag, and with no cost lines', async () => {
    const { validateRequestDetail } = await import('./validateResult')
    const detail = validateRequestDetail(detailOf({ callType: null, retries: null, cacheHit: null }))
    for (const field of ['callType', 'modelId', 'retries', 'cacheHit']) expect(detail).not.toHaveProperty(field)
    expect(detail.costBreakdown).toEqual([])
    expect(validateRequestDetail(detailOf({ retries: '0', cacheHit: false, callType: 'embeddings' }))).toMatchObject({ retries: 0, cacheHit: false, callType: 'embeddings' })
  })

  it('refuses a cache flag, retries or cost line of the wrong shape, naming the field', async () => {
    const { validateRequestDetail } = await import('./validateResult')
    const cacheHit = errorOf(() => validateRequestDetail(detailOf({ cacheHit: 'yes' })))
    expect(cacheHit.message).toMatch(/^getRequest returned an invalid answer: cacheHit must be true or false, or null or absent when the backend does not record gateway cache hits \(got "yes"\)\./)
    expect(cacheHit.message).toMatch(/costBreakdown: \{ label, amount, quantity\?, unit\?, rate\? \(per 1M units\) \}\[\] \(empty when the backend itemises nothing\)/)
    expect(errorOf(() => validateRequestDetail(detailOf({ retries: -1 }))).message).toMatch(/retries must be a non-negative finite number .*\(got -1\)/)
    expect(errorOf(() => validateRequestDetail(detailOf({ costBreakdown: [{ label: 'Input tokens' }] }))).message).toMatch(/costBreakdown\[0\]\.amount is missing/)
  })

  it('keeps a cost line\'s quantity, unit and rate (numeric strings normalised, null as absent), and refuses a rate without its quantity', async () => {
    const { validateRequestDetail } = await import('./validateResult')
    const detail = validateRequestDetail(
      detailOf({
        costBreakdown: [
          { label: 'Input tokens', amount: 0.0372, quantity: '12400', unit: 'tokens', rate: 3 },
          { label: 'Cached input tokens', amount: '0.000015', quantity: 200, unit: 'tokens', rate: '0.075' },
          { label: 'Platform fee', amount: 0.01, quantity: null, unit: null, rate: null },
        ],
      }),
    )
    expect(detail.costBreakdown).toEqual([
      { label: 'Input tokens', amount: 0.0372, quantity: 12400, unit: 'tokens', rate: 3 },
      { label: 'Cached input tokens', amount: 0.000015, quantity: 200, unit: 'tokens', rate: 0.075 },
      { label: 'Platform fee', amount: 0.01 },
    ])
    expect(detail.costBreakdown[2]).not.toHaveProperty('quantity')
    expect(errorOf(() => validateRequestDetail(detailOf({ costBreakdown: [{ label: 'Input tokens', amount: 1, rate: 3 }] }))).message).toMatch(
      /costBreakdown\[0\] must be a quantity beside its unit or rate/,
    )
    expect(errorOf(() => validateRequestDetail(detailOf({ costBreakdown: [{ label: 'Input tokens', amount: 1, quantity: -5 }] }))).message).toMatch(/costBreakdown\[0\]\.quantity must be a non-negative/)
  })

  it('passes the memory adapter’s answers for a request without a user and with a customer', async () => {
    const { validateRequestDetail } = await import('./validateResult')
    const { generateUsageRecords } = await import('./fixtures/generateUsageRecords')
    const record = generateUsageRecords({ seed: 3, start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z', requestsPerDay: 2000 }).find((r) => r.customer)!
    const memory = withValidation(createMemoryAdapter([{ ...record, userId: '' }]))
    const page = await memory.listRequests({ range, timeZone: 'UTC', pageSize: 10 })
    expect(page.items[0]).not.toHaveProperty('userId')
    expect(page.items[0]!.customer).toBe(record.customer)
    expect(validateRequestDetail(await memory.getRequest({ id: record.id }))).toMatchObject({ customer: record.customer, cacheHit: record.cacheHit })
  })
})
