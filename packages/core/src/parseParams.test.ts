import { describe, expect, it } from 'vitest'
import { InvalidQueryError, isInvalidQueryError } from './errors'
import { DEFAULT_LIMITS } from './limits'
import { STANDARD_METRICS } from './metrics'
import { PARAMS_PARSERS, parseParams } from './parseParams'
import { ADAPTER_METHODS } from './adapterMethods'
import type { AdapterCapabilities } from './types'
import { DIMENSIONS } from './dimensions'

const capabilities: AdapterCapabilities = {
  metrics: Object.values(STANDARD_METRICS).filter((metric) => metric.aggregation !== 'ratio'),
  dimensions: [...DIMENSIONS],
  currency: 'USD',
  requestContent: true,
  limits: { maxRangeDays: 400, maxPageSize: 500 },
}
const query = { range: { start: '2026-11-01T00:00:00.000Z', end: '2026-11-08T00:00:00.000Z' }, timeZone: 'Europe/Berlin' }

function refusal(fn: () => unknown): InvalidQueryError {
  try {
    fn()
  } catch (error) {
    if (isInvalidQueryError(error)) return error
    throw error
  }
  throw new Error('expected an InvalidQueryError')
}

describe('PARAMS_PARSERS', () => {
  it('has a parser for every method of the contract', () => {
    expect(Object.keys(PARAMS_PARSERS).sort()).toEqual([...ADAPTER_METHODS].sort())
  })

  it('keeps only the method’s own params: extra keys a client sends never reach the adapter', () => {
    const params = parseParams('getSummary', { ...query, metrics: ['cost'], signal: 'x', sql: 'DROP TABLE', pageSize: 3 }, capabilities)
    expect(params).toEqual({ ...query, metrics: ['cost'] })
  })

  it('gives a grouped series without a limit the top maxSeries groups', () => {
    const params = parseParams('getTimeSeries', { ...query, bucket: '1d', metrics: ['cost'], groupBy: 'user' }, capabilities)
    expect(params.limit).toBe(DEFAULT_LIMITS.maxSeries)
  })

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'text', 42]) expect(refusal(() => parseParams('getSummary', body, capabilities)).field).toBe('(body)')
  })
})

describe('limits (each refused before any adapter call, naming the field)', () => {
  it.each([
    ['too many values in one filter', 'getSummary', { ...query, metrics: ['cost'], filters: { user: Array.from({ length: 101 }, (_, i) => `u${i}`) } }, 'filters.user', true],
    ['too many filter values in all', 'getSummary', { ...query, metrics: ['cost'], filters: { user: Array.from({ length: 100 }, (_, i) => `u${i}`), team: Array.from({ length: 100 }, (_, i) => `t${i}`), model: ['m'] } }, 'filters', true],
    ['a filter value with NUL', 'getSummary', { ...query, metrics: ['cost'], filters: { model: ['gpt\u0000'] } }, 'filters.model', false],
    ['a very long filter value', 'getSummary', { ...query, metrics: ['cost'], filters: { model: ['m'.repeat(600)] } }, 'filters.model', true],
    ['1,440 hourly buckets (60 days)', 'getTimeSeries', { ...query, range: { start: '2026-09-01T00:00:00Z', end: '2026-10-31T00:00:00Z' }, bucket: '1h', metrics: ['cost'] }, 'bucket', true],
    ['1-minute buckets over a year', 'getTimeSeries', { ...query, range: { start: '2025-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' }, bucket: '1m', metrics: ['cost'] }, 'bucket', true],
    ['too many cells (52 series × 720 hours × 4 metrics)', 'getTimeSeries', { ...query, range: { start: '2026-10-01T00:00:00Z', end: '2026-10-31T00:00:00Z' }, bucket: '1h', metrics: ['cost', 'requests', 'inputTokens', 'outputTokens'], groupBy: 'user', limit: 50 }, 'bucket', true],
    ['a series limit above maxSeries', 'getTimeSeries', { ...query, bucket: '1d', metrics: ['cost'], groupBy: 'user', limit: 51 }, 'limit', true],
    ['hourly trends over a year', 'getBreakdown', { ...query, range: { start: '2025-11-01T00:00:00Z', end: '2026-11-01T00:00:00Z' }, groupBy: 'tag', metrics: ['cost'], trend: { bucket: '1h', metric: 'cost' } }, 'trend.bucket', true],
    ['limit 1e20', 'getBreakdown', { ...query, groupBy: 'user', metrics: ['cost'], limit: 1e20 }, 'limit', true],
    ['offset 1e20', 'getBreakdown', { ...query, groupBy: 'user', metrics: ['cost'], offset: 1e20 }, 'offset', true],
    ['a negative offset', 'getBreakdown', { ...query, groupBy: 'user', metrics: ['cost'], offset: -1 }, 'offset', false],
    ['a sort direction that is not asc/desc', 'getBreakdown', { ...query, groupBy: 'user', metrics: ['cost'], sort: { metric: 'cost', direction: 'sideways' } }, 'sort.direction', false],
    ['a search longer than maxSearchLength', 'getBreakdown', { ...query, groupBy: 'user', metrics: ['cost'], search: 'x'.repeat(201) }, 'search', true],
    ['a page above maxPageSize', 'listRequests', { ...query, pageSize: 501 }, 'pageSize', true],
    ['a cursor that is not a string', 'listRequests', { ...query, pageSize: 50, cursor: { t: 1 } }, 'cursor', false],
    ['dimension values limit above the maximum', 'getDimensionValues', { ...query, dimension: 'user', limit: 1_000_000 }, 'limit', true],
    ['a request id with NUL', 'getRequest', { id: 'req\u0000' }, 'id', false],
    ['an empty request id', 'getRequest', { id: '' }, 'id', false],
    ['a year ≥ 10000', 'getSummary', { ...query, range: { start: '+010000-01-01T00:00:00Z', end: '+010000-01-02T00:00:00Z' }, metrics: ['cost'] }, 'range.start', false],
    ['a range before 1970', 'getSummary', { ...query, range: { start: '1960-01-01T00:00:00Z', end: '1960-01-02T00:00:00Z' }, metrics: ['cost'] }, 'range.start', false],
    ['a range longer than maxRangeDays', 'getSummary', { ...query, range: { start: '2024-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' }, metrics: ['cost'] }, 'range', true],
    ['an invalid time zone', 'getSummary', { ...query, timeZone: 'Mars/Olympus', metrics: ['cost'] }, 'timeZone', false],
    ['compareToPrevious that is not a boolean', 'getSummary', { ...query, metrics: ['cost'], compareToPrevious: 'yes' }, 'compareToPrevious', false],
    ['now that is not an instant', 'getSummary', { ...query, metrics: ['cost'], compareToPrevious: true, now: 'yesterday' }, 'now', false],
    ['now on 30 February', 'getSummary', { ...query, metrics: ['cost'], now: '2026-02-30T10:00:00Z' }, 'now', false],
    ['too many metrics', 'getSummary', { ...query, metrics: Array.from({ length: 65 }, () => 'cost') }, 'metrics', true],
  ] as const)('%s', (_, method, body, field, tooLarge) => {
    const error = refusal(() => parseParams(method, body, capabilities))
    expect(error.field).toBe(field)
    expect(error.tooLarge).toBe(tooLarge)
    expect(error.message.length).toBeLessThan(400)
  })

  it('lets what the UI asks for through: a day in 5-minute buckets, top 8 models over 30 days in 6 h, 50,000 breakdown rows with daily trends', () => {
    expect(() => parseParams('getTimeSeries', { ...query, range: { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' }, bucket: '5m', metrics: ['cost', 'requests'] }, capabilities)).not.toThrow()
    expect(() => parseParams('getTimeSeries', { ...query, range: { start: '2026-10-01T00:00:00Z', end: '2026-10-31T00:00:00Z' }, bucket: '6h', metrics: ['cost', 'requests'], groupBy: 'model', limit: 8 }, capabilities)).not.toThrow()
    expect(() => parseParams('getBreakdown', { ...query, groupBy: 'user', metrics: ['requests', 'inputTokens', 'outputTokens', 'cost'], limit: 50_000, trend: { bucket: '1d', metric: 'cost' } }, capabilities)).not.toThrow()
  })

  it('takes an adapter’s own limits over the defaults', () => {
    const strict = { ...capabilities, limits: { ...capabilities.limits, maxFilterValues: 2 } }
    expect(refusal(() => parseParams('getSummary', { ...query, metrics: ['cost'], filters: { model: ['a', 'b', 'c'] } }, strict)).field).toBe('filters.model')
  })
})

describe('filter value counts', () => {
  it('are a limit on what a client sends, not on the filters an adapter receives (they carry the host’s scope)', async () => {
    const { assertValidQuery } = await import('./validateQuery')
    const scoped = { ...query, filters: { user: Array.from({ length: 500 }, (_, i) => `u${i}`) } }
    expect(() => assertValidQuery(scoped, capabilities)).not.toThrow()
    expect(refusal(() => parseParams('getSummary', { ...scoped, metrics: ['cost'] }, capabilities)).field).toBe('filters.user')
    expect(refusal(() => parseParams('getRequest', { id: 'r', filters: scoped.filters }, capabilities)).field).toBe('filters.user')
  })
})

describe('instants', () => {
  it.each([
    ['30 February', '2026-02-30T00:00:00Z'],
    ['a day 31 in a 30-day month', '2026-11-31'],
    ['hour 24', '2026-11-30T24:00:00Z'],
    ['minute 60', '2026-11-30T10:60:00Z'],
    ['a date-time without a zone (read in the server’s zone)', '2026-11-30T10:00:00'],
    ['a non-ISO date', 'Nov 30 2026'],
    ['a number as text', '1796032800000'],
  ])('refuses %s', async (_, start) => {
    const { parseRange } = await import('./timeRange')
    expect(() => parseRange({ start, end: '2026-12-31T00:00:00Z' })).toThrow(/range\.start/)
  })

  it.each(['2026-11-30', '2026-11-30T10:00Z', '2026-11-30T10:00:00+01:00', '2026-11-30T10:00:00.123456Z', '2028-02-29T00:00:00Z'])('accepts %s', async (start) => {
    const { parseRange } = await import('./timeRange')
    expect(parseRange({ start, end: '2028-12-31T00:00:00Z' }).startMs).toBe(Date.parse(start))
  })
})
