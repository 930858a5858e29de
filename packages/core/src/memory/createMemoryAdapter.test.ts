import { describe, expect, it } from 'vitest'
import { bucketBoundaries } from '../bucketBoundaries'
import type { Dimension } from '../dimensions'
import { isInvalidQueryError, isNotFoundError } from '../errors'
import { generateMeterRecords } from '../fixtures/generateMeterRecords'
import { generateUsageRecords } from '../fixtures/generateUsageRecords'
import { toNanos } from '../money'
import type { OptionalRecordField } from '../recordFields'
import { redactApiKey } from '../redact'
import type { Filters, UsageRecord } from '../types'
import { createMemoryAdapter } from './createMemoryAdapter'

const RANGE = { start: '2026-10-19T00:00:00.000Z', end: '2026-11-02T00:00:00.000Z' }
const records = generateUsageRecords({ seed: 7, start: RANGE.start, end: RANGE.end, requestsPerDay: 400 })
const adapter = createMemoryAdapter(records)

// ------------------------------------------------------------------ a naive oracle over plain records

/** A record's values for a dimension; an empty string is no value, like null (empty means none). */
function valuesOf(record: UsageRecord, dimension: string): (string | null)[] {
  const valueOf: Record<string, (r: UsageRecord) => (string | null | undefined)[]> = {
    user: (r) => [r.userId],
    team: (r) => [r.team],
    model: (r) => [r.model],
    provider: (r) => [r.provider],
    apiKey: (r) => [r.apiKey],
    tag: (r) => r.tags,
    application: (r) => [r.application],
    agent: (r) => [r.agent],
    consumer: (r) => [r.agent || r.userId],
    status: (r) => [r.status],
    customer: (r) => [r.customer],
  }
  const values = valueOf[dimension]!(record).filter((value): value is string => typeof value === 'string' && value !== '')
  return values.length ? values : [null]
}

function matches(record: UsageRecord, filters: Filters = {}): boolean {
  return Object.entries(filters).every(([dimension, values]) => {
    if (!values || values.length === 0) return true
    return valuesOf(record, dimension).some((value) => values.includes(value ?? '__none__'))
  })
}

function inRange(record: UsageRecord, start: string, end: string): boolean {
  const t = Date.parse(record.timestamp)
  return t >= Date.parse(start) && t < Date.parse(end)
}

function naive(list: UsageRecord[]) {
  const latencies = list.map((r) => r.latencyMs).sort((a, b) => a - b)
  return {
    requests: list.length,
    successfulRequests: list.filter((r) => r.status === 'success').length,
    failedRequests: list.filter((r) => r.status === 'error').length,
    inputTokens: list.reduce((s, r) => s + r.inputTokens, 0),
    cachedInputTokens: list.reduce((s, r) => s + r.cachedInputTokens, 0),
    outputTokens: list.reduce((s, r) => s + r.outputTokens, 0),
    totalTokens: list.reduce((s, r) => s + r.inputTokens + r.outputTokens, 0),
    costNanos: list.reduce((s, r) => s + toNanos(r.cost), 0),
    cacheHits: list.filter((r) => r.cacheHit === true).length,
    // Distinct users; a request without a user is nobody, and a cell without users is a gap.
    activeUsers: new Set(list.map((r) => r.userId).filter((id) => id !== '')).size || null,
    avgLatencyMs: list.length ? list.reduce((s, r) => s + r.latencyMs, 0) / list.length : null,
    p95LatencyMs: list.length ? latencies[Math.ceil(0.95 * list.length) - 1]! : null,
  }
}

const METRICS = ['requests', 'successfulRequests', 'failedRequests', 'inputTokens', 'cachedInputTokens', 'outputTokens', 'totalTokens', 'cost', 'cacheHits', 'activeUsers', 'avgLatencyMs', 'p95LatencyMs']

function expectMatchesNaive(values: Record<string, number | null>, list: UsageRecord[]) {
  const { costNanos, avgLatencyMs, ...rest } = naive(list)
  for (const [metric, value] of Object.entries(rest)) expect(values[metric], metric).toBe(value)
  expect(toNanos(values.cost!), 'cost').toBe(costNanos)
  if (avgLatencyMs === null) expect(values.avgLatencyMs).toBeNull()
  else expect(values.avgLatencyMs).toBeCloseTo(avgLatencyMs, 9)
}

// ------------------------------------------------------------------

describe('getSummary', () => {
  const filterCases: Filters[] = [
    {},
    { team: ['Research'] },
    { model: ['gpt-4.1-mini', 'claude-haiku-4.5'], status: ['error'] },
    { tag: ['batch', 'eval'] },
    { tag: ['__none__'] },
    { consumer: ['data-pipeline-agent'] },
    { agent: ['__none__'], team: ['Growth', 'Finance'] },
    { customer: ['globex', 'initech'] },
    { customer: ['__none__'], status: ['success'] },
    { team: ['nobody'] },
  ]
  it.each(filterCases.map((filters) => [JSON.stringify(filters), filters]))('matches a naive scan with filters %s', async (_, filters) => {
    const result = await adapter.getSummary({ range: RANGE, timeZone: 'UTC', filters, metrics: METRICS, compareToPrevious: true })
    expectMatchesNaive(result.totals, records.filter((r) => matches(r, filters)))
    expectMatchesNaive(result.previous!, [])
  })

  it('answers only the requested metrics, ratios derived from sums', async () => {
    const result = await adapter.getSummary({ range: RANGE, timeZone: 'UTC', metrics: ['successRate', 'requestsPerActiveUser', 'cachedInputShare'] })
    const n = naive(records)
    expect(Object.keys(result.totals)).toEqual(['successRate', 'requestsPerActiveUser', 'cachedInputShare'])
    expect(result.totals.successRate).toBeCloseTo(n.successfulRequests / n.requests, 12)
    expect(result.totals.requestsPerActiveUser).toBeCloseTo(n.requests / n.activeUsers!, 12)
    expect(result.totals.cachedInputShare).toBeCloseTo(n.cachedInputTokens / n.inputTokens, 12)
  })

  it('compares with the equally long period before', async () => {
    const second = { start: '2026-10-26T00:00:00.000Z', end: RANGE.end }
    const result = await adapter.getSummary({ range: second, timeZone: 'UTC', metrics: ['requests', 'cost'], compareToPrevious: true })
    expect(result.previous!.requests).toBe(records.filter((r) => inRange(r, RANGE.start, second.start)).length)
  })

  it('rejects unsupported metrics, dimensions and bad ranges with InvalidQueryError', async () => {
    const expectInvalid = async (promise: Promise<unknown>, pattern: RegExp) => {
      const error = await promise.then(() => null, (e: unknown) => e)
      expect(isInvalidQueryError(error)).toBe(true)
      expect((error as Error).message).toMatch(pattern)
    }
    await expectInvalid(adapter.getSummary({ range: RANGE, timeZone: 'UTC', metrics: ['gpuHours'] }), /does not support the metric "gpuHours"/)
    await expectInvalid(adapter.getSummary({ range: RANGE, timeZone: 'UTC', metrics: [] }), /non-empty array/)
    await expectInvalid(adapter.getSummary({ range: { start: RANGE.end, end: RANGE.start }, timeZone: 'UTC', metrics: ['requests'] }), /must be after/)
    await expectInvalid(adapter.getSummary({ range: RANGE, timeZone: 'Europe/Atlantis', metrics: ['requests'] }), /IANA time zone/)
    await expectInvalid(adapter.getSummary({ range: RANGE, timeZone: 'UTC', metrics: ['requests'], filters: { region: ['eu'] } as Filters }), /not a dimension/)
    await expectInvalid(adapter.getTimeSeries({ range: RANGE, timeZone: 'UTC', metrics: ['requests'], bucket: '1d', limit: 0 }), /limit must be a whole number ≥ 1/)
  })
})

describe('getTimeSeries', () => {
  const query = { range: RANGE, timeZone: 'Europe/Berlin' }

  it('puts each record in the bucket of bucketBoundaries, sums 0 and other kinds null when empty', async () => {
    const result = await adapter.getTimeSeries({ ...query, bucket: '6h', metrics: METRICS, filters: { team: ['Finance'] } })
    const buckets = bucketBoundaries(RANGE, '6h', 'Europe/Berlin')
    expect(result.buckets).toEqual(buckets)
    expect(result.series).toHaveLength(1)
    expect(result.series[0]!.key).toBe('total')
    const finance = records.filter((r) => r.team === 'Finance')
    buckets.forEach((bucket, i) => {
      const inBucket = finance.filter((r) => inRange(r, bucket.start, bucket.end))
      const values = Object.fromEntries(METRICS.map((metric) => [metric, result.series[0]!.values[metric]![i]!]))
      expectMatchesNaive(values, inBucket)
    })
    expect(result.series[0]!.values.requests!.some((v) => v === 0)).toBe(true)
    expect(result.series[0]!.values.avgLatencyMs!.some((v) => v === null)).toBe(true)
  })

  it('buckets add up to the total to the last nano-unit', async () => {
    const series = await adapter.getTimeSeries({ ...query, bucket: '1h', metrics: ['cost'] })
    const total = await adapter.getSummary({ ...query, metrics: ['cost'] })
    const nanos = series.series[0]!.values.cost!.reduce((s: number, v) => s + toNanos(v!), 0)
    expect(nanos).toBe(toNanos(total.totals.cost!))
  })

  it('ranks top-N groups by the first metric over the range, folding the rest into __other__', async () => {
    const result = await adapter.getTimeSeries({ ...query, bucket: '1d', metrics: ['cost', 'requests', 'activeUsers'], groupBy: 'team', limit: 3 })
    const byTeam = new Map<string, number>()
    for (const r of records) byTeam.set(r.team!, (byTeam.get(r.team!) ?? 0) + toNanos(r.cost))
    const ranked = [...byTeam].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([team]) => team)
    expect(result.series.map((s) => s.key)).toEqual([...ranked.slice(0, 3), '__other__'])
    expect(result.series.at(-1)!.label).toBe('Other')
    const rest = records.filter((r) => ranked.slice(3).includes(r.team!))
    const sum = (values: (number | null)[]) => values.reduce((s: number, v) => s + (v ?? 0), 0)
    expect(sum(result.series.at(-1)!.values.requests!)).toBe(rest.length)
    // Distinct users are counted over the folded groups, never summed.
    result.buckets.forEach((bucket, i) => {
      const users = new Set(rest.filter((r) => inRange(r, bucket.start, bucket.end)).map((r) => r.userId))
      expect(result.series.at(-1)!.values.activeUsers![i]).toBe(users.size || null)
    })
  })

  it('groups records without a value under __none__ and counts a request under each of its tags', async () => {
    const agents = await adapter.getTimeSeries({ ...query, bucket: '1w', metrics: ['requests'], groupBy: 'agent' })
    const none = agents.series.find((s) => s.key === '__none__')!
    expect(none.label).toBe('(none)')
    expect(none.values.requests!.reduce((s: number, v) => s + v!, 0)).toBe(records.filter((r) => !r.agent).length)
    const tags = await adapter.getTimeSeries({ ...query, bucket: '1w', metrics: ['requests'], groupBy: 'tag' })
    const total = (key: string) => tags.series.find((s) => s.key === key)!.values.requests!.reduce((s: number, v) => s + v!, 0)
    expect(total('prod')).toBe(records.filter((r) => r.tags.includes('prod')).length)
    const allTagged = tags.series.reduce((s, series) => s + series.values.requests!.reduce((a: number, v) => a + v!, 0), 0)
    expect(allTagged).toBeGreaterThan(records.length) // tag groups add up to more than the total
  })

  it('uses users’ names as labels and never mixes metrics between series', async () => {
    const result = await adapter.getTimeSeries({ ...query, bucket: '1d', metrics: ['requests'], groupBy: 'user', limit: 2 })
    const top = result.series[0]!
    const user = records.find((r) => r.userId === top.key)!
    expect(top.label).toBe(user.userName)
  })
})

describe('getBreakdown', () => {
  const query = { range: RANGE, timeZone: 'America/New_York' }

  it('gives each user with name, email, team, models (+N) and metrics, sorted by the first metric', async () => {
    const result = await adapter.getBreakdown({ ...query, groupBy: 'user', metrics: ['requests', 'cost'] })
    const users = new Set(records.map((r) => r.userId))
    expect(result.total).toBe(users.size)
    expect(result.rows).toHaveLength(users.size)
    const counts = result.rows.map((row) => row.metrics.requests!)
    expect([...counts].sort((a, b) => b - a)).toEqual(counts)
    const row = result.rows[0]!
    const mine = records.filter((r) => r.userId === row.key)
    expect(row.label).toBe(mine[0]!.userName)
    expect(row.secondary).toBe(mine[0]!.userEmail)
    expect(row.team).toBe(mine[0]!.team)
    const models = new Map<string, number>()
    for (const r of mine) models.set(r.model, (models.get(r.model) ?? 0) + 1)
    const expected = [...models].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([m]) => m)
    expect(row.models).toEqual(expected.slice(0, 3))
    expect(row.modelCount).toBe(models.size)
    expectMatchesNaive({ ...row.metrics, ...naiveRestFor(mine) }, mine)
  })

  it('searches names, emails and teams; pages with offset/limit and total before paging', async () => {
    const all = await adapter.getBreakdown({ ...query, groupBy: 'user', metrics: ['cost'], sort: { metric: 'cost', direction: 'asc' } })
    const page = await adapter.getBreakdown({ ...query, groupBy: 'user', metrics: ['cost'], sort: { metric: 'cost', direction: 'asc' }, offset: 5, limit: 5 })
    expect(page.total).toBe(all.total)
    expect(page.rows.map((r) => r.key)).toEqual(all.rows.slice(5, 10).map((r) => r.key))
    const byTeam = await adapter.getBreakdown({ ...query, groupBy: 'user', metrics: ['requests'], search: 'DONNÉES' })
    expect(byTeam.rows.length).toBeGreaterThan(0)
    expect(byTeam.rows.every((r) => r.team === 'Équipe Données')).toBe(true)
    const byEmail = await adapter.getBreakdown({ ...query, groupBy: 'user', metrics: ['requests'], search: all.rows[0]!.secondary! })
    expect(byEmail.rows.map((r) => r.key)).toEqual([all.rows[0]!.key])
    const none = await adapter.getBreakdown({ ...query, groupBy: 'team', metrics: ['requests'], search: 'zzz' })
    expect(none).toEqual({ rows: [], total: 0 })
  })

  it('adds a trend per row aligned with bucketBoundaries', async () => {
    const result = await adapter.getBreakdown({ ...query, groupBy: 'team', metrics: ['requests'], trend: { bucket: '1d', metric: 'requests' }, limit: 2 })
    const buckets = bucketBoundaries(RANGE, '1d', 'America/New_York')
    for (const row of result.rows) {
      expect(row.trend).toHaveLength(buckets.length)
      buckets.forEach((bucket, i) => {
        expect(row.trend![i]).toBe(records.filter((r) => r.team === row.key && inRange(r, bucket.start, bucket.end)).length)
      })
    }
  })
})

function naiveRestFor(list: UsageRecord[]) {
  const n = naive(list)
  const { costNanos: _, ...rest } = n
  return rest
}

describe('listRequests', () => {
  const query = { range: RANGE, timeZone: 'UTC', filters: { team: ['Growth', 'Research'] } }
  const expectedOrder = records
    .filter((r) => matches(r, query.filters))
    .sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp) || (a.id < b.id ? 1 : -1))
    .map((r) => r.id)

  it('walks every request newest first (timestamp desc, id desc) in pages', async () => {
    const ids: string[] = []
    let cursor: string | null = null
    do {
      const page = await adapter.listRequests({ ...query, cursor, pageSize: 250 })
      expect(page.items.length).toBeLessThanOrEqual(250)
      ids.push(...page.items.map((item) => item.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(ids).toEqual(expectedOrder)
  })

  it('keeps pages stable while newer requests arrive, and orders equal timestamps by id', async () => {
    const live = createMemoryAdapter(records.slice(0, 2000))
    const base = { range: RANGE, timeZone: 'UTC' }
    const first = await live.listRequests({ ...base, pageSize: 100 })
    const template = records[0]!
    live.insert([
      { ...template, id: 'zz-new-1', timestamp: new Date(Date.parse(first.items[0]!.timestamp) + 1000).toISOString() },
      { ...template, id: 'zz-new-2', timestamp: new Date(Date.parse(first.items[0]!.timestamp) + 1000).toISOString() },
      // A late arrival in the middle of history rebuilds the columns, and still shifts nothing.
      { ...template, id: 'late-arrival', timestamp: records[5]!.timestamp },
    ])
    const second = await live.listRequests({ ...base, pageSize: 100, cursor: first.nextCursor })
    const before = createMemoryAdapter(records.slice(0, 2000))
    const p1 = await before.listRequests({ ...base, pageSize: 100 })
    const p2 = await before.listRequests({ ...base, pageSize: 100, cursor: p1.nextCursor })
    expect(second.items.map((i) => i.id)).toEqual(p2.items.map((i) => i.id))
    const fresh = await live.listRequests({ ...base, pageSize: 2 })
    expect(fresh.items.map((i) => i.id)).toEqual(['zz-new-2', 'zz-new-1'])
  })

  it('binds cursors to their query and caps the page size', async () => {
    const page = await adapter.listRequests({ ...query, pageSize: 10 })
    const foreign = await adapter.listRequests({ ...query, filters: { team: ['Growth'] }, pageSize: 10, cursor: page.nextCursor }).catch((e: unknown) => e)
    expect(isInvalidQueryError(foreign)).toBe(true)
    expect((foreign as Error).message).toMatch(/belongs to another query/)
    const big = await adapter.listRequests({ ...query, pageSize: 501 }).catch((e: unknown) => e)
    expect(isInvalidQueryError(big)).toBe(true)
    expect((big as { tooLarge: boolean }).tooLarge).toBe(true)
  })

  it('searches ids, names, emails, models, applications and tags', async () => {
    const page = await adapter.listRequests({ range: RANGE, timeZone: 'UTC', pageSize: 500, search: 'NIGHTLY etl' })
    expect(page.items.length).toBeGreaterThan(0)
    expect(page.items.every((item) => item.application === 'Nightly ETL')).toBe(true)
  })
})

describe('getRequest', () => {
  it('returns the recorded details: cost lines that add up to the cost, call type, retries, cache flag, redacted IP and key', async () => {
    const picked = [records[0]!, records.find((r) => r.status === 'error')!, records.find((r) => r.cachedInputTokens > 0)!, records.find((r) => r.cacheHit)!]
    for (const record of picked) {
      const detail = await adapter.getRequest({ id: record.id })
      expect(detail.id).toBe(record.id)
      // A failed fixture request itemises nothing and costs nothing: no lines at all.
      expect(detail.costBreakdown).toEqual(record.costBreakdown)
      const sum = detail.costBreakdown.reduce((s, line) => s + toNanos(line.amount), 0)
      expect(sum).toBe(toNanos(record.cost))
      expect(detail.ip).toMatch(/^203\.0\.113\.xxx$/)
      expect(detail.apiKey).not.toBe(record.apiKey)
      expect(detail).toMatchObject({ callType: record.callType, modelId: record.modelId, retries: record.retries, cacheHit: record.cacheHit })
      expect(Date.parse(detail.endTime) - Date.parse(detail.startTime)).toBe(record.latencyMs)
    }
    expect(picked.some((record) => record.costBreakdown!.length === 0)).toBe(true)
    expect((await adapter.getRequest({ id: picked[3]!.id })).cacheHit).toBe(true)
    const withContent = await adapter.getRequest({ id: records[0]!.id })
    expect(withContent.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant'])
  })

  it('hides content when the host says so, and says NotFound for unknown ids', async () => {
    const hidden = createMemoryAdapter(records.slice(0, 10), { requestContent: false })
    const detail = await hidden.getRequest({ id: records[0]!.id })
    expect(detail.messages).toEqual([])
    expect(detail.request).toBeNull()
    expect(detail.response).toBeNull()
    const missing = await adapter.getRequest({ id: 'nope' }).catch((e: unknown) => e)
    expect(isNotFoundError(missing)).toBe(true)
  })
})

describe('getDimensionValues', () => {
  it('lists values by requests with search, ignoring the filter on the same dimension', async () => {
    const values = await adapter.getDimensionValues({ range: RANGE, timeZone: 'UTC', dimension: 'team', filters: { team: ['Finance'] } })
    expect(values.length).toBe(new Set(records.map((r) => r.team)).size)
    expect(values[0]!.count).toBeGreaterThanOrEqual(values[1]!.count!)
    const users = await adapter.getDimensionValues({ range: RANGE, timeZone: 'UTC', dimension: 'user', search: '李', limit: 5 })
    expect(users.every((u) => u.label.includes('李'))).toBe(true)
    const keys = await adapter.getDimensionValues({ range: RANGE, timeZone: 'UTC', dimension: 'apiKey' })
    expect(keys[0]!.label).toMatch(/ — (production|staging)$/)
  })
})

describe('meters', () => {
  it('spreads allocations pro rata over buckets and puts instant events in one bucket', async () => {
    const meterAdapter = createMemoryAdapter([], {
      meters: [
        { meter: 'cpuCoreHours', agent: 'a1', start: '2026-11-01T05:00:00Z', end: '2026-11-01T08:00:00Z', quantity: 6 },
        { meter: 'storageGbHours', agent: 'a2', start: '2026-10-31T00:00:00Z', end: '2026-11-02T00:00:00Z', quantity: 480 },
        { meter: 'threadsCreated', agent: 'a1', start: '2026-11-01T06:59:00Z', end: '2026-11-01T06:59:00Z', quantity: 3 },
      ],
    })
    const result = await meterAdapter.getTimeSeries({
      range: { start: '2026-11-01T00:00:00Z', end: '2026-11-01T12:00:00Z' },
      timeZone: 'UTC',
      bucket: '6h',
      metrics: ['cpuCoreHours', 'storageGbHours', 'threadsCreated'],
      groupBy: 'agent',
    })
    const a1 = result.series.find((s) => s.key === 'a1')!
    expect(a1.values.cpuCoreHours).toEqual([2, 4])
    expect(a1.values.threadsCreated).toEqual([0, 3]) // 06:59 is in the 06:00–12:00 bucket
    const a2 = result.series.find((s) => s.key === 'a2')!
    expect(a2.values.storageGbHours).toEqual([60, 60])
    const capabilities = await meterAdapter.getCapabilities()
    expect(capabilities.metrics.find((m) => m.id === 'cpuCoreHours')).toMatchObject({ unit: 'coreHours', aggregation: 'sum' })
  })

  it('answers seed 002’s meters from the fixtures, by agent, beside request metrics', async () => {
    const meters = generateMeterRecords({ seed: 7, start: RANGE.start, end: RANGE.end })
    const both = createMemoryAdapter(records, { meters })
    const summary = await both.getSummary({ range: RANGE, timeZone: 'UTC', metrics: ['requests', 'cpuCoreHours', 'ramGbHours', 'storageGbHours', 'threadsCreated', 'messagesSent'] })
    const expectedCpu = meters.filter((m) => m.meter === 'cpuCoreHours').reduce((s, m) => s + m.quantity, 0)
    expect(summary.totals.cpuCoreHours).toBeCloseTo(expectedCpu, 6)
    expect(summary.totals.requests).toBe(records.length)
    const top = await both.getBreakdown({ range: RANGE, timeZone: 'UTC', groupBy: 'agent', metrics: ['cpuCoreHours'], limit: 3 })
    expect(top.rows).toHaveLength(3)
    expect(top.rows[0]!.metrics.cpuCoreHours).toBeGreaterThan(top.rows[2]!.metrics.cpuCoreHours!)
  })
})

describe('money past 2^53 nano-units', () => {
  it('stays exact with the split accumulators', async () => {
    const template = records[0]!
    const big = [1, 2, 3].map((i) => ({ ...template, id: `big-${i}`, cost: 4_000_000.000000001, timestamp: `2026-11-01T0${i}:00:00.000Z` }))
    const summary = await createMemoryAdapter(big).getSummary({ range: RANGE, timeZone: 'UTC', metrics: ['cost'] })
    expect(toNanos(summary.totals.cost!)).toBe(12_000_000_000_000_003)
  })
})

describe('simulation for stories', () => {
  it('fails the methods asked to fail, and honours abort during simulated latency', async () => {
    const failing = createMemoryAdapter(records.slice(0, 10), { failMethods: ['getBreakdown'] })
    await expect(failing.getBreakdown({ range: RANGE, timeZone: 'UTC', groupBy: 'user', metrics: ['requests'] })).rejects.toThrow(/Simulated failure of getBreakdown/)
    await expect(failing.getSummary({ range: RANGE, timeZone: 'UTC', metrics: ['requests'] })).resolves.toBeTruthy()
    const slow = createMemoryAdapter(records.slice(0, 10), { latency: 5_000 })
    const controller = new AbortController()
    const call = slow.getSummary({ range: RANGE, timeZone: 'UTC', metrics: ['requests'], signal: controller.signal })
    controller.abort(new Error('widget unmounted'))
    await expect(call).rejects.toThrow('widget unmounted')
  })
})

describe('labels follow the rows a query counts', () => {
  // Ada works in Research as "Ada Old" with the Research key, then moves to Platform as "Ada New".
  const base = records[0]!
  const at = (day: number, hour = 12) => `2026-10-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`
  const person = (id: string, day: number, side: 'old' | 'new', extra: Partial<UsageRecord> = {}): UsageRecord => ({
    ...base,
    id,
    timestamp: at(day),
    userId: 'u_ada',
    userName: side === 'old' ? 'Ada Old' : 'Ada New',
    userEmail: side === 'old' ? 'ada@research.example' : 'ada@platform.example',
    team: side === 'old' ? 'Research' : 'Platform',
    apiKey: 'key_shared_0001',
    apiKeyName: side === 'old' ? 'Research key' : 'Platform key',
    agent: null,
    tags: [],
    ...extra,
  })
  const moved = createMemoryAdapter([
    person('a1', 20, 'old'),
    person('a2', 21, 'old'),
    // A call without a key name says nothing about the key's name.
    person('a3', 22, 'old', { apiKeyName: undefined }),
    person('b1', 24, 'new'),
    person('b2', 25, 'new'),
    person('b3', 26, 'new', { agent: 'triage-agent' }),
  ])
  const query = { range: RANGE, timeZone: 'UTC' }

  it('shows a user who moved as each side of the move saw them, in every method', async () => {
    const research = { ...query, filters: { team: ['Research'] } }
    const platform = { ...query, filters: { team: ['Platform'] } }
    const before = { range: { start: RANGE.start, end: at(23) }, timeZone: 'UTC' }
    const user = async (q: typeof query & { filters?: Filters }) => (await moved.getBreakdown({ ...q, groupBy: 'user', metrics: ['requests'] })).rows[0]
    expect(await user(research)).toMatchObject({ label: 'Ada Old', secondary: 'ada@research.example', team: 'Research' })
    expect(await user(platform)).toMatchObject({ label: 'Ada New', secondary: 'ada@platform.example', team: 'Platform' })
    expect(await user(before)).toMatchObject({ label: 'Ada Old', team: 'Research' })
    expect(await user(query)).toMatchObject({ label: 'Ada New', team: 'Platform' })
    const values = await moved.getDimensionValues({ ...research, dimension: 'user' })
    expect(values).toEqual([{ key: 'u_ada', label: 'Ada Old', secondary: 'ada@research.example', count: 3 }])
    const series = await moved.getTimeSeries({ ...research, bucket: '1d', metrics: ['requests'], groupBy: 'user' })
    expect(series.series.map((s) => s.label)).toEqual(['Ada Old'])
    // The consumer is the user for their own calls; the agent's call is the agent's.
    const consumers = await moved.getBreakdown({ ...platform, groupBy: 'consumer', metrics: ['requests'] })
    expect(consumers.rows.map((row) => [row.key, row.label, row.secondary])).toEqual([
      ['u_ada', 'Ada New', 'ada@platform.example'],
      ['triage-agent', 'triage-agent', 'Agent'],
    ])
  })

  it('names an API key from the latest counted row that names it', async () => {
    const keys = async (filters: Filters) => (await moved.getDimensionValues({ ...query, dimension: 'apiKey', filters })).map((value) => value.label)
    expect(await keys({ team: ['Research'] })).toEqual(['Research key'])
    expect(await keys({ team: ['Platform'] })).toEqual(['Platform key'])
    expect(await keys({ status: ['success', 'error'] })).toEqual(['Platform key'])
  })

  it('searches only the labels of the rows it counts', async () => {
    const research = { ...query, filters: { team: ['Research'] }, groupBy: 'user' as const, metrics: ['requests'] }
    for (const search of ['ada new', 'platform', '@platform.example']) {
      expect((await moved.getBreakdown({ ...research, search })).total).toBe(0)
      expect(await moved.getDimensionValues({ ...query, filters: { team: ['Research'] }, dimension: 'user', search })).toEqual([])
    }
    expect((await moved.getBreakdown({ ...research, search: 'ADA OLD' })).total).toBe(1)
  })
})

describe('getRequest scoped by filters', () => {
  const record = records.find((r) => r.team && r.tags.length > 0)!
  it('finds a request its filters match, and answers a request they do not match exactly like an unknown id', async () => {
    await expect(adapter.getRequest({ id: record.id, filters: { team: [record.team!], tag: [record.tags[0]!] } })).resolves.toMatchObject({ id: record.id })
    const hidden = await adapter.getRequest({ id: record.id, filters: { team: ['__usagekit_match_nothing__'] } }).catch((e: unknown) => e)
    const unknown = await adapter.getRequest({ id: 'nope' }).catch((e: unknown) => e)
    expect(isNotFoundError(hidden)).toBe(true)
    expect((hidden as Error).message).toBe((unknown as Error).message.replace('nope', record.id))
    await expect(adapter.getRequest({ id: record.id, filters: { tag: ['__none__'] } })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('with content: false answers no prompts, responses or messages', async () => {
    const detail = await adapter.getRequest({ id: record.id, content: false })
    expect(detail).toMatchObject({ request: null, response: null, messages: [] })
    await expect(adapter.getRequest({ id: record.id, content: 'false' as never })).rejects.toMatchObject({ code: 'INVALID_QUERY', field: 'content' })
  })

  it('refuses ids and filter values with NUL, and ids that are not text, as InvalidQueryError', async () => {
    await expect(adapter.getRequest({ id: 'a\u0000' })).rejects.toMatchObject({ code: 'INVALID_QUERY', field: 'id' })
    await expect(adapter.getRequest({ id: 7 as never })).rejects.toMatchObject({ code: 'INVALID_QUERY', field: 'id' })
    await expect(adapter.getRequest({ id: record.id, filters: { team: ['\u0000'] } })).rejects.toMatchObject({ code: 'INVALID_QUERY', field: 'filters.team' })
  })
})

describe('limits', () => {
  it('announces DEFAULT_LIMITS with the options over them, and refuses a query above one as tooLarge', async () => {
    const limited = createMemoryAdapter(records, { maxPageSize: 50, maxRangeDays: 30, limits: { maxFilterValues: 2, maxBuckets: 100 } })
    const { limits } = await limited.getCapabilities()
    expect(limits).toMatchObject({ maxPageSize: 50, maxRangeDays: 30, maxFilterValues: 2, maxBuckets: 100, maxCells: 100_000, maxSearchLength: 200 })
    const refused = [
      limited.listRequests({ range: RANGE, timeZone: 'UTC', pageSize: 51 }),
      limited.getTimeSeries({ range: RANGE, timeZone: 'UTC', metrics: ['requests'], bucket: '1h' }),
      limited.getSummary({ range: { start: '2026-01-01T00:00:00Z', end: '2026-03-01T00:00:00Z' }, timeZone: 'UTC', metrics: ['requests'] }),
    ]
    for (const call of refused) await expect(call).rejects.toMatchObject({ code: 'INVALID_QUERY', tooLarge: true })
    // Filter-value counts limit what a client sends (parseParams), not the filters an adapter receives (a host's scope).
    await expect(limited.getSummary({ range: RANGE, timeZone: 'UTC', metrics: ['requests'], filters: { team: ['a', 'b', 'c'] } })).resolves.toMatchObject({ totals: { requests: 0 } })
    // limits.maxPageSize wins over the older maxPageSize option.
    expect((await createMemoryAdapter([], { maxPageSize: 50, limits: { maxPageSize: 20 } }).getCapabilities()).limits.maxPageSize).toBe(20)
  })

  it('refuses bad limits when the adapter is created', () => {
    expect(() => createMemoryAdapter([], { limits: { maxBuckets: 0 } })).toThrow(/limits\.maxBuckets must be a whole number ≥ 1/)
    expect(() => createMemoryAdapter([], { limits: { maxRows: 5 } as never })).toThrow(/limits\.maxRows is not a limit/)
    expect(() => createMemoryAdapter([], { maxPageSize: Number.NaN })).toThrow(/limits\.maxPageSize/)
    expect(() => createMemoryAdapter([], { limits: { maxRangeDays: null } })).not.toThrow()
  })
})

// ------------------------------------------------------------------ foreign logs (issue 12)

const DAY_RANGE = { start: '2026-11-01T00:00:00.000Z', end: '2026-11-04T00:00:00.000Z' }
const at = (day: number, hour: number, minute = 0) => `2026-11-0${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`

/** A record with the required fields and a value for every dimension, none of the optional detail. */
function bareRecord(id: string, timestamp: string, fields: Partial<UsageRecord> = {}): UsageRecord {
  return {
    id,
    timestamp,
    userId: 'u_ada',
    userName: 'Ada',
    userEmail: 'ada@example.com',
    team: 'Research',
    apiKey: 'key_research_0001',
    tags: ['prod'],
    application: 'Support Copilot',
    agent: 'triage-agent',
    customer: 'globex',
    provider: 'openai',
    model: 'gpt-4.1',
    status: 'success',
    inputTokens: 100,
    cachedInputTokens: 20,
    outputTokens: 10,
    cost: 0.000123456,
    latencyMs: 400,
    ttftMs: 90,
    ...fields,
  }
}

describe('empty means none', () => {
  // For each single-valued dimension, the fields a record leaves empty to have no value for it.
  const blanks: [Dimension, Partial<UsageRecord>][] = [
    ['user', { userId: '' }],
    ['team', { team: '' }],
    ['apiKey', { apiKey: '' }],
    ['application', { application: '' }],
    ['agent', { agent: '' }],
    ['customer', { customer: '' }],
    ['consumer', { agent: '', userId: '' }],
  ]

  it.each(blanks)('an empty %s is __none__ in breakdowns, series, filters and filter menus', async (dimension, blank) => {
    const memory = createMemoryAdapter([
      bareRecord('r1', at(1, 9)),
      bareRecord('r2', at(1, 10)),
      bareRecord('r3', at(1, 11), blank),
      bareRecord('r4', at(2, 11), blank),
      bareRecord('r5', at(2, 12), blank),
    ])
    const query = { range: DAY_RANGE, timeZone: 'UTC' }
    const breakdown = await memory.getBreakdown({ ...query, groupBy: dimension, metrics: ['requests', 'activeUsers'] })
    // Without a user, the none group has no active user (a gap), and the total counts Ada alone.
    const noneUsers = blank.userId === '' ? null : 1
    expect(breakdown.rows.map((row) => [row.key, row.label, row.metrics.requests, row.metrics.activeUsers])).toContainEqual(['__none__', '(none)', 3, noneUsers])
    expect((await memory.getSummary({ ...query, metrics: ['activeUsers'] })).totals.activeUsers).toBe(1)
    expect(breakdown.rows.map((row) => row.key)).not.toContain('')
    expect(breakdown.total).toBe(2)
    const series = await memory.getTimeSeries({ ...query, bucket: '1d', metrics: ['requests'], groupBy: dimension })
    expect(series.series.find((s) => s.key === '__none__')!.values.requests).toEqual([1, 2, 0])
    const none = await memory.getSummary({ ...query, metrics: ['requests'], filters: { [dimension]: ['__none__'] } })
    expect(none.totals.requests).toBe(3)
    const empty = await memory.getSummary({ ...query, metrics: ['requests'], filters: { [dimension]: [''] } })
    expect(empty.totals.requests).toBe(0)
    const menu = await memory.getDimensionValues({ ...query, dimension })
    expect(menu.map((value) => [value.key, value.label, value.count])).toContainEqual(['__none__', '(none)', 3])
    expect(menu.map((value) => value.key)).not.toContain('')
    await expect(memory.getRequest({ id: 'r4', filters: { [dimension]: ['__none__'] } })).resolves.toMatchObject({ id: 'r4' })
  })

  it('an empty tag is no tag: a request with only empty tags is __none__, and summaries leave empty tags out', async () => {
    const memory = createMemoryAdapter([
      bareRecord('r1', at(1, 9), { tags: [''] }),
      bareRecord('r2', at(1, 10), { tags: ['', 'prod'] }),
      bareRecord('r3', at(1, 11), { tags: [] }),
    ])
    const query = { range: DAY_RANGE, timeZone: 'UTC' }
    const tags = await memory.getBreakdown({ ...query, groupBy: 'tag', metrics: ['requests'] })
    expect(tags.rows.map((row) => [row.key, row.metrics.requests])).toEqual([
      ['__none__', 2],
      ['prod', 1],
    ])
    expect((await memory.getSummary({ ...query, metrics: ['requests'], filters: { tag: ['__none__'] } })).totals.requests).toBe(2)
    const page = await memory.listRequests({ ...query, pageSize: 10 })
    expect(page.items.map((item) => item.tags)).toEqual([[], ['prod'], []])
  })

  it('a request without a user is never an active user: in the summary, in a bucket, in a group', async () => {
    const memory = createMemoryAdapter([
      // Day 1: two users and three requests without one.
      bareRecord('a1', at(1, 9), { userId: 'u_ada' }),
      bareRecord('a2', at(1, 10), { userId: 'u_bo', team: 'Platform' }),
      bareRecord('a3', at(1, 11), { userId: '' }),
      bareRecord('a4', at(1, 12), { userId: '' }),
      bareRecord('a5', at(1, 13), { userId: '', team: 'Platform' }),
      // Day 2: only requests without a user.
      bareRecord('b1', at(2, 9), { userId: '' }),
      bareRecord('b2', at(2, 10), { userId: '', team: 'Platform' }),
      // Day 3: one user, and an agent's call without a user.
      bareRecord('c1', at(3, 9), { userId: 'u_ada' }),
      bareRecord('c2', at(3, 10), { userId: '', agent: 'triage-agent' }),
    ])
    const query = { range: DAY_RANGE, timeZone: 'UTC' }
    expect((await memory.getSummary({ ...query, metrics: ['activeUsers', 'requests'] })).totals).toEqual({ activeUsers: 2, requests: 9 })
    const total = await memory.getTimeSeries({ ...query, bucket: '1d', metrics: ['activeUsers'] })
    expect(total.series[0]!.values.activeUsers).toEqual([2, null, 1])
    // Grouped, each group's cell counts its own users only (Platform's no-user rows must not count as Research's users, or the other way round).
    const byTeam = await memory.getTimeSeries({ ...query, bucket: '1d', metrics: ['requests', 'activeUsers'], groupBy: 'team' })
    expect(Object.fromEntries(byTeam.series.map((s) => [s.key, s.values.activeUsers]))).toEqual({ Research: [1, null, 1], Platform: [1, null, null] })
    const byUser = await memory.getBreakdown({ ...query, groupBy: 'user', metrics: ['requests', 'activeUsers'] })
    expect(byUser.rows.map((row) => [row.key, row.metrics.requests, row.metrics.activeUsers])).toEqual([
      ['__none__', 6, null],
      ['u_ada', 2, 1],
      ['u_bo', 1, 1],
    ])
  })

  it('a request without a user has no user fields in the request log', async () => {
    const memory = createMemoryAdapter([bareRecord('r1', at(1, 9), { userId: '', userName: 'stale name', userEmail: 'stale@example.com' })])
    const [item] = (await memory.listRequests({ range: DAY_RANGE, timeZone: 'UTC', pageSize: 10 })).items
    expect(item).not.toHaveProperty('userId')
    expect(item).not.toHaveProperty('userName')
    expect(item).not.toHaveProperty('userEmail')
  })

  it('an empty API key name is no name: the key shows redacted', async () => {
    const memory = createMemoryAdapter([bareRecord('r1', at(1, 9), { apiKeyName: '' })])
    const [value] = await memory.getDimensionValues({ range: DAY_RANGE, timeZone: 'UTC', dimension: 'apiKey' })
    expect(value!.label).toBe(redactApiKey('key_research_0001'))
    expect((await memory.listRequests({ range: DAY_RANGE, timeZone: 'UTC', pageSize: 1 })).items[0]!.apiKey).toBe(redactApiKey('key_research_0001'))
  })
})

describe('the customer dimension', () => {
  const query = { range: RANGE, timeZone: 'UTC' }
  const byCustomer = new Map<string, UsageRecord[]>()
  for (const record of records) {
    const key = record.customer || '__none__'
    byCustomer.set(key, [...(byCustomer.get(key) ?? []), record])
  }

  it('groups the fixtures by end customer, with __none__ for calls made for no customer', async () => {
    expect(byCustomer.size).toBeGreaterThan(3)
    const breakdown = await adapter.getBreakdown({ ...query, groupBy: 'customer', metrics: ['requests', 'cost', 'activeUsers'] })
    expect(breakdown.total).toBe(byCustomer.size)
    for (const row of breakdown.rows) {
      const mine = byCustomer.get(row.key)!
      expect(row.label).toBe(row.key === '__none__' ? '(none)' : row.key)
      expect(row.metrics.requests).toBe(mine.length)
      expect(toNanos(row.metrics.cost!)).toBe(mine.reduce((sum, r) => sum + toNanos(r.cost), 0))
      expect(row.metrics.activeUsers).toBe(new Set(mine.map((r) => r.userId)).size)
    }
  })

  it('ranks customers in a top-N series and lists them in the filter menu', async () => {
    const series = await adapter.getTimeSeries({ ...query, bucket: '1d', metrics: ['requests'], groupBy: 'customer', limit: 2, filters: { customer: ['globex', 'initech', 'hooli'] } })
    const counts = ['globex', 'initech', 'hooli'].map((key) => [key, byCustomer.get(key)!.length] as const).sort((a, b) => b[1] - a[1])
    expect(series.series.map((s) => s.key)).toEqual([counts[0]![0], counts[1]![0], '__other__'])
    expect(series.series[2]!.values.requests!.reduce((sum: number, v) => sum + v!, 0)).toBe(counts[2]![1])
    const menu = await adapter.getDimensionValues({ ...query, dimension: 'customer', filters: { customer: ['globex'] } })
    expect(new Set(menu.map((value) => value.key))).toEqual(new Set(byCustomer.keys()))
    expect(menu.find((value) => value.key === 'globex')).toEqual({ key: 'globex', label: 'globex', count: byCustomer.get('globex')!.length })
    const searched = await adapter.getDimensionValues({ ...query, dimension: 'customer', search: 'GLOB' })
    expect(searched.map((value) => value.key)).toEqual(['globex'])
  })

  it('shows the customer on the request log', async () => {
    const page = await adapter.listRequests({ ...query, pageSize: 50, filters: { customer: ['initech'] } })
    expect(page.items.length).toBe(50)
    expect(page.items.every((item) => item.customer === 'initech')).toBe(true)
  })
})

describe('the cacheHits metric', () => {
  it('sums requests the gateway answered from its cache: cacheHit true, not prompt caching, not an unknown flag', async () => {
    const memory = createMemoryAdapter([
      bareRecord('r1', at(1, 9), { cacheHit: true, cachedInputTokens: 0 }),
      bareRecord('r2', at(1, 10), { cacheHit: false, cachedInputTokens: 80 }),
      bareRecord('r3', at(1, 11), { cacheHit: null }),
      bareRecord('r4', at(1, 12)),
      bareRecord('r5', at(3, 9), { cacheHit: true, model: 'gpt-4.1-mini' }),
    ])
    const query = { range: DAY_RANGE, timeZone: 'UTC' }
    expect((await memory.getSummary({ ...query, metrics: ['cacheHits'] })).totals).toEqual({ cacheHits: 2 })
    // A sum: 0 in a bucket without hits, never a gap.
    expect((await memory.getTimeSeries({ ...query, bucket: '1d', metrics: ['cacheHits'] })).series[0]!.values.cacheHits).toEqual([1, 0, 1])
    const byModel = await memory.getBreakdown({ ...query, groupBy: 'model', metrics: ['cacheHits'] })
    expect(byModel.rows.map((row) => [row.key, row.metrics.cacheHits])).toEqual([
      ['gpt-4.1', 1],
      ['gpt-4.1-mini', 1],
    ])
    const capabilities = await memory.getCapabilities()
    expect(capabilities.metrics.find((metric) => metric.id === 'cacheHits')).toMatchObject({ unit: 'count', aggregation: 'sum' })
  })
})

describe('details carry only what the record holds', () => {
  it('invents no call type, model id, retries, cache flag or cost line', async () => {
    const memory = createMemoryAdapter([bareRecord('r1', at(1, 9))])
    const detail = await memory.getRequest({ id: 'r1' })
    for (const field of ['callType', 'modelId', 'retries', 'cacheHit']) expect(detail).not.toHaveProperty(field)
    expect(detail.costBreakdown).toEqual([])
    expect(detail).toMatchObject({ apiBase: null, ip: null, overheadMs: null })
  })

  it('keeps recorded zeros and false, and completes partial cost lines with "Other" to the nano-unit', async () => {
    const memory = createMemoryAdapter([
      bareRecord('r1', at(1, 9), { retries: 0, cacheHit: false, callType: 'embeddings', costBreakdown: [{ label: 'Input tokens', amount: 0.0001 }] }),
    ])
    const detail = await memory.getRequest({ id: 'r1' })
    expect(detail).toMatchObject({ retries: 0, cacheHit: false, callType: 'embeddings' })
    expect(detail.costBreakdown).toEqual([
      { label: 'Input tokens', amount: 0.0001 },
      { label: 'Other', amount: 0.000023456 },
    ])
  })
})

describe('lacks: a backend without some record fields', () => {
  const lacking = createMemoryAdapter(records, { lacks: ['customer', 'cacheHit', 'cachedInputTokens', 'userName', 'callType'] })
  const query = { range: RANGE, timeZone: 'UTC' }

  it('offers none of the metrics and dimensions those fields answer', async () => {
    const capabilities = await lacking.getCapabilities()
    expect(capabilities.dimensions).not.toContain('customer')
    expect(capabilities.dimensions).toContain('team')
    const metrics = capabilities.metrics.map((metric) => metric.id)
    expect(metrics).not.toContain('cacheHits')
    expect(metrics).not.toContain('cachedInputTokens')
    expect(metrics).toContain('inputTokens')
  })

  it('refuses queries for them with InvalidQueryError, like any unsupported metric or dimension', async () => {
    const refused: [Promise<unknown>, RegExp][] = [
      [lacking.getSummary({ ...query, metrics: ['requests', 'cacheHits'] }), /does not support the metric "cacheHits"/],
      [lacking.getSummary({ ...query, metrics: ['cachedInputShare'] }), /does not support the metric "cachedInputShare"/],
      [lacking.getSummary({ ...query, metrics: ['requests'], filters: { customer: ['globex'] } }), /does not support the dimension "customer"/],
      [lacking.getTimeSeries({ ...query, bucket: '1d', metrics: ['requests'], groupBy: 'customer' }), /dimension "customer"/],
      [lacking.getBreakdown({ ...query, groupBy: 'customer', metrics: ['requests'] }), /dimension "customer"/],
      [lacking.getBreakdown({ ...query, groupBy: 'team', metrics: ['requests'], sort: { metric: 'cachedInputTokens', direction: 'desc' } }), /metric "cachedInputTokens"/],
      [lacking.getDimensionValues({ ...query, dimension: 'customer' }), /dimension "customer"/],
      [lacking.listRequests({ ...query, pageSize: 10, filters: { customer: ['__none__'] } }), /dimension "customer"/],
    ]
    for (const [call, message] of refused) {
      const error = await call.then(() => null, (e: unknown) => e)
      expect(isInvalidQueryError(error), String(message)).toBe(true)
      expect((error as Error).message).toMatch(message)
    }
  })

  it('reads the records without those fields, in the request log, the drawer and the labels', async () => {
    const record = records.find((r) => r.customer && r.cacheHit && r.cachedInputTokens > 0)!
    const detail = await lacking.getRequest({ id: record.id })
    for (const field of ['customer', 'cacheHit', 'callType']) expect(detail).not.toHaveProperty(field)
    expect(detail.cachedInputTokens).toBe(0)
    expect(detail.userName).toBe(record.userId)
    expect(detail.modelId).toBe(record.modelId)
    const users = await lacking.getBreakdown({ ...query, groupBy: 'user', metrics: ['requests'], limit: 1 })
    expect(users.rows[0]!.label).toBe(users.rows[0]!.key)
    lacking.insert([{ ...record, id: 'zz-inserted', timestamp: '2026-11-01T23:00:00.000Z' }])
    expect(await lacking.getRequest({ id: 'zz-inserted' })).not.toHaveProperty('customer')
    // The caller's records are read, never changed.
    expect(record.customer).toBeTruthy()
  })

  it('refuses a field that is not an optional record field when created', () => {
    expect(() => createMemoryAdapter([], { lacks: ['customers' as OptionalRecordField] })).toThrow(/lacks lists "customers", which is not an optional record field/)
    expect(() => createMemoryAdapter([], { lacks: ['cost' as OptionalRecordField] })).toThrow(/"cost"/)
  })
})
