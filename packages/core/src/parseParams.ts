import type { AdapterMethod, AdapterParams } from './adapterMethods'
import { InvalidQueryError } from './errors'
import { resolveLimits } from './limits'
import type { AdapterCapabilities } from './types'
import {
  assertBreakdownQuery,
  assertDimensionValuesQuery,
  assertListRequestsQuery,
  assertMetrics,
  assertGetRequestQuery,
  assertTimeSeriesQuery,
  assertValidQuery,
  summaryNow,
} from './validateQuery'

/** A method's params as a client may send them: everything but the AbortSignal. */
export type ParsedParams<M extends AdapterMethod> = Omit<AdapterParams<M>, 'signal'>

type Body = Record<string, unknown>

/** Copies only the named keys that are present: whatever else a client sends never reaches an adapter. */
function pick<K extends string>(body: Body, keys: readonly K[]): Partial<Record<K, unknown>> {
  const out: Partial<Record<K, unknown>> = {}
  for (const key of keys) if (body[key] !== undefined && body[key] !== null) out[key] = body[key]
  return out
}

const QUERY_KEYS = ['range', 'timeZone', 'filters'] as const

function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'boolean') throw new InvalidQueryError(`${field} must be true or false.`, { field })
  return value
}

/** What a client sends is also held to the filter-value counts (a host's scope is not). */
const CLIENT = { countValues: true } as const

/**
 * One parser per method: it keeps the method's own params, checks every one of them against the
 * adapter's capabilities and limits (an `InvalidQueryError` naming the field, `tooLarge` above a
 * limit), and returns params ready for the adapter. Keyed by the contract's methods, so the
 * compiler names a method without one.
 */
export const PARAMS_PARSERS: { readonly [M in AdapterMethod]: (body: Body, capabilities: AdapterCapabilities) => ParsedParams<M> } = {
  getCapabilities: () => ({}),
  getSummary(body, capabilities) {
    const params = { ...pick(body, QUERY_KEYS), ...pick(body, ['metrics'] as const) } as ParsedParams<'getSummary'>
    assertValidQuery(params, capabilities, CLIENT)
    assertMetrics(params.metrics, capabilities)
    const compareToPrevious = optionalBoolean(body.compareToPrevious, 'compareToPrevious')
    const withNow = body.now === undefined || body.now === null ? params : { ...params, now: body.now as string }
    summaryNow(withNow)
    return compareToPrevious ? { ...withNow, compareToPrevious } : withNow
  },
  getTimeSeries(body, capabilities) {
    const params = { ...pick(body, QUERY_KEYS), ...pick(body, ['bucket', 'metrics', 'groupBy', 'limit'] as const) } as ParsedParams<'getTimeSeries'>
    // A grouped series asked for without a limit answers the top `maxSeries` groups and Other.
    if (params.groupBy !== undefined && params.limit === undefined) params.limit = resolveLimits(capabilities.limits).maxSeries
    assertTimeSeriesQuery(params, capabilities, CLIENT)
    return params
  },
  getBreakdown(body, capabilities) {
    const params = {
      ...pick(body, QUERY_KEYS),
      ...pick(body, ['groupBy', 'metrics', 'sort', 'search', 'limit', 'offset', 'trend'] as const),
    } as ParsedParams<'getBreakdown'>
    assertBreakdownQuery(params, capabilities, CLIENT)
    if (params.sort) params.sort = { metric: params.sort.metric, direction: params.sort.direction }
    if (params.trend) params.trend = { bucket: params.trend.bucket, metric: params.trend.metric }
    return params
  },
  listRequests(body, capabilities) {
    const params = { ...pick(body, QUERY_KEYS), ...pick(body, ['cursor', 'pageSize', 'search'] as const) } as ParsedParams<'listRequests'>
    assertListRequestsQuery(params, capabilities, CLIENT)
    return params
  },
  getRequest(body, capabilities) {
    const params = pick(body, ['id', 'filters', 'content'] as const) as ParsedParams<'getRequest'>
    assertGetRequestQuery(params, capabilities, CLIENT)
    return params
  },
  getDimensionValues(body, capabilities) {
    const params = { ...pick(body, QUERY_KEYS), ...pick(body, ['dimension', 'search', 'limit'] as const) } as ParsedParams<'getDimensionValues'>
    assertDimensionValuesQuery(params, capabilities, CLIENT)
    return params
  },
}

/**
 * A client's params for `method`, checked and cleaned: what the HTTP handler runs before any
 * adapter call. `body` must be a plain object (an `InvalidQueryError` otherwise).
 */
export function parseParams<M extends AdapterMethod>(method: M, body: unknown, capabilities: AdapterCapabilities): ParsedParams<M> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidQueryError('The params must be a JSON object.', { field: '(body)' })
  }
  return (PARAMS_PARSERS[method] as (body: Body, capabilities: AdapterCapabilities) => ParsedParams<M>)(body as Body, capabilities)
}
