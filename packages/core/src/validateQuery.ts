import { BUCKETS, NOMINAL_BUCKET_MS, bucketEdges, isBucket } from './bucketBoundaries'
import { type Dimension, isDimension } from './dimensions'
import { InvalidQueryError } from './errors'
import { type UsageLimits, resolveLimits } from './limits'
import { type Metric, RATIO_METRICS, isRatioMetric } from './metrics'
import { type ParsedRange, parseInstant, parseRange } from './timeRange'
import { assertTimeZone } from './timeZone'
import type {
  AdapterCapabilities,
  Bucket,
  Filters,
  GetBreakdownParams,
  GetDimensionValuesParams,
  GetRequestParams,
  GetSummaryParams,
  GetTimeSeriesParams,
  ListRequestsParams,
  SortDirection,
  UsageQuery,
} from './types'

const DAY = 86_400_000
/** More metrics than any page asks for at once (every standard, ratio and meter metric fits). */
export const MAX_METRICS = 64
/** Largest `offset`: a 32-bit count every engine binds as a plain integer. */
export const MAX_OFFSET = 2 ** 31 - 1
/** The longest cursor any bundled adapter makes is far shorter. */
const MAX_CURSOR_LENGTH = 2_048

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (typeof value === 'object' && value !== null) return 'an object'
  return String(value)
}

/**
 * A text a client sends (search, a filter value, an id, a cursor): a string, at most `max`
 * characters, without NUL (PostgreSQL cannot hold it in text, and no real value carries one).
 */
export function assertText(value: unknown, field: string, max: number): asserts value is string {
  if (typeof value !== 'string') throw new InvalidQueryError(`${field} must be a string (got ${shown(value)}).`, { field })
  if (value.length > max) throw new InvalidQueryError(`${field} is longer than ${max} characters.`, { field, tooLarge: true })
  if (value.includes('\u0000')) throw new InvalidQueryError(`${field} must not contain a NUL character.`, { field })
}

/**
 * Checks the shared part of a query against an adapter's capabilities and returns the parsed range.
 * Throws `InvalidQueryError` naming the field: a bad or reversed range, a range longer than the
 * adapter allows, an unknown time zone, a filter on an unsupported dimension, too many filter values.
 */
export function assertValidQuery(query: UsageQuery, capabilities: AdapterCapabilities, options: FilterCheckOptions = {}): ParsedRange {
  if (typeof query !== 'object' || query === null) throw new InvalidQueryError('The query must be an object with range and timeZone.', { field: 'range' })
  const parsed = parseRange(query.range)
  assertTimeZone(query.timeZone)
  const { maxRangeDays } = resolveLimits(capabilities.limits)
  if (maxRangeDays !== null && parsed.endMs - parsed.startMs > maxRangeDays * DAY) {
    throw new InvalidQueryError(`range is longer than this adapter allows (${maxRangeDays} days).`, {
      field: 'range',
      tooLarge: true,
    })
  }
  assertValidFilters(query.filters, capabilities, options)
  return parsed
}

export interface FilterCheckOptions {
  /**
   * Count filter values against `maxFilterValues` and `maxFilterValuesTotal`. On for what a client
   * sends (`parseParams`); off inside adapters, whose filters also carry the host's own scope
   * (a team lead's scope may list more users than a client may pick).
   */
  countValues?: boolean
}

export function assertValidFilters(filters: Filters | undefined, capabilities: AdapterCapabilities, options: FilterCheckOptions = {}): void {
  if (filters === undefined || filters === null) return
  if (typeof filters !== 'object' || Array.isArray(filters)) {
    throw new InvalidQueryError('filters must be an object of dimension → string[].', { field: 'filters' })
  }
  const limits = resolveLimits(capabilities.limits)
  let total = 0
  for (const [dimension, values] of Object.entries(filters)) {
    const field = `filters.${dimension}`
    assertDimension(dimension, capabilities, field)
    if (values === undefined) continue
    if (!Array.isArray(values)) throw new InvalidQueryError(`${field} must be an array of strings.`, { field })
    if (options.countValues && values.length > limits.maxFilterValues) {
      throw new InvalidQueryError(`${field} has ${values.length} values; this adapter allows at most ${limits.maxFilterValues} per dimension.`, {
        field,
        tooLarge: true,
      })
    }
    total += values.length
    if (options.countValues && total > limits.maxFilterValuesTotal) {
      throw new InvalidQueryError(`filters have more than ${limits.maxFilterValuesTotal} values in all, the most this adapter allows.`, {
        field: 'filters',
        tooLarge: true,
      })
    }
    for (const value of values) assertText(value, field, limits.maxValueLength)
  }
}

export function assertDimension(
  dimension: unknown,
  capabilities: AdapterCapabilities,
  field: string,
): asserts dimension is Dimension {
  if (!isDimension(dimension)) {
    throw new InvalidQueryError(`${field}: ${shown(dimension)} is not a dimension.`, { field })
  }
  if (!capabilities.dimensions.includes(dimension)) {
    throw new InvalidQueryError(
      `${field}: this adapter does not support the dimension "${dimension}" (it supports ${capabilities.dimensions.join(', ')}).`,
      { field },
    )
  }
}

/** Whether the adapter answers a metric; ratios count when both their parts are answered. */
export function supportsMetric(metric: Metric, capabilities: AdapterCapabilities): boolean {
  if (isRatioMetric(metric)) {
    const { numerator, denominator } = RATIO_METRICS[metric].ratio!
    return supportsMetric(numerator, capabilities) && supportsMetric(denominator, capabilities)
  }
  return capabilities.metrics.some((definition) => definition.id === metric)
}

export function assertMetrics(metrics: unknown, capabilities: AdapterCapabilities, field = 'metrics'): asserts metrics is Metric[] {
  if (!Array.isArray(metrics) || metrics.length === 0) {
    throw new InvalidQueryError(`${field} must be a non-empty array of metric ids.`, { field })
  }
  if (metrics.length > MAX_METRICS) throw new InvalidQueryError(`${field} has more than ${MAX_METRICS} metrics.`, { field, tooLarge: true })
  for (const metric of metrics) assertMetric(metric, capabilities, field)
}

export function assertMetric(metric: unknown, capabilities: AdapterCapabilities, field: string): asserts metric is Metric {
  if (typeof metric !== 'string' || !supportsMetric(metric, capabilities)) {
    throw new InvalidQueryError(
      `${field}: this adapter does not support the metric ${shown(metric)} (see getCapabilities().metrics).`,
      { field },
    )
  }
}

export function assertBucket(bucket: unknown, field = 'bucket'): asserts bucket is Bucket {
  if (!isBucket(bucket)) {
    throw new InvalidQueryError(`${field} must be one of ${BUCKETS.join(', ')} (got ${shown(bucket)}).`, { field })
  }
}

/** `undefined`, or a whole number from `min` up to `max` (above `max` is "too large": HTTP 413). */
export function assertOptionalInteger(value: unknown, field: string, min = 0, max = MAX_OFFSET): asserts value is number | undefined {
  if (value === undefined || value === null) return
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidQueryError(`${field} must be a whole number ≥ ${min} (got ${shown(value)}).`, { field })
  }
  if (value > max) throw new InvalidQueryError(`${field} ${value} is above this adapter's limit of ${max}.`, { field, tooLarge: true })
}

export function assertPageSize(pageSize: unknown, capabilities: AdapterCapabilities): asserts pageSize is number {
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1) {
    throw new InvalidQueryError(`pageSize must be a whole number ≥ 1 (got ${shown(pageSize)}).`, {
      field: 'pageSize',
    })
  }
  const { maxPageSize } = resolveLimits(capabilities.limits)
  if (pageSize > maxPageSize) {
    throw new InvalidQueryError(`pageSize ${pageSize} is above this adapter's limit of ${maxPageSize}.`, {
      field: 'pageSize',
      tooLarge: true,
    })
  }
}

/** `undefined` or a search text within the adapter's length limit. */
export function assertSearch(search: unknown, capabilities: AdapterCapabilities, field = 'search'): asserts search is string | undefined {
  if (search === undefined || search === null) return
  assertText(search, field, resolveLimits(capabilities.limits).maxSearchLength)
}

/** How many buckets `bucket` splits the range into, refusing more than `max` before building them. */
export function countBuckets(range: ParsedRange, bucket: Bucket, timeZone: string, max: number, field: string): number {
  // A cheap estimate first: an absurd count (1m buckets over a year) is refused without a loop.
  if ((range.endMs - range.startMs) / NOMINAL_BUCKET_MS[bucket] > max * 1.2 + 2) tooManyBuckets(bucket, max, field)
  try {
    return bucketEdges(range.startMs, range.endMs, bucket, timeZone, max).length - 1
  } catch {
    return tooManyBuckets(bucket, max, field)
  }
}

function tooManyBuckets(bucket: Bucket, max: number, field: string): never {
  throw new InvalidQueryError(`${field} "${bucket}" would split this range into more than ${max} buckets, the most this adapter allows; choose a coarser bucket.`, {
    field,
    tooLarge: true,
  })
}

/**
 * Every check of a `getTimeSeries` query, in one call: range, zone, filters, metrics, bucket,
 * limit, groupBy, and the buckets and cells it would answer against the adapter's limits.
 */
export function assertTimeSeriesQuery(params: GetTimeSeriesParams, capabilities: AdapterCapabilities, options: FilterCheckOptions = {}): ParsedRange {
  const range = assertValidQuery(params, capabilities, options)
  const limits = resolveLimits(capabilities.limits)
  assertMetrics(params.metrics, capabilities)
  assertBucket(params.bucket)
  assertOptionalInteger(params.limit, 'limit', 1, limits.maxSeries)
  if (params.groupBy !== undefined) assertDimension(params.groupBy, capabilities, 'groupBy')
  const buckets = countBuckets(range, params.bucket, params.timeZone, limits.maxBuckets, 'bucket')
  // Top-N groups, plus Other and (none). A grouped series without a limit is bounded by the data alone.
  const series = params.groupBy === undefined ? 1 : params.limit !== undefined ? params.limit + 2 : 1
  const cells = series * buckets * params.metrics.length
  if (cells > limits.maxCells) {
    throw new InvalidQueryError(
      `this time series would answer ${cells.toLocaleString('en-US')} values (series × buckets × metrics); this adapter allows ${limits.maxCells.toLocaleString('en-US')}. Ask for fewer groups, metrics or a coarser bucket.`,
      { field: 'bucket', tooLarge: true },
    )
  }
  return range
}

/**
 * Every check of a `getBreakdown` query, in one call; returns the range and the sort in effect
 * (the first metric, descending, when none is given).
 */
export function assertBreakdownQuery(
  params: GetBreakdownParams,
  capabilities: AdapterCapabilities,
  options: FilterCheckOptions = {},
): ParsedRange & { sort: { metric: Metric; direction: SortDirection } } {
  const range = assertValidQuery(params, capabilities, options)
  const limits = resolveLimits(capabilities.limits)
  assertMetrics(params.metrics, capabilities)
  assertDimension(params.groupBy, capabilities, 'groupBy')
  assertOptionalInteger(params.limit, 'limit', 0, limits.maxBreakdownRows)
  assertOptionalInteger(params.offset, 'offset', 0)
  assertSearch(params.search, capabilities)
  const sort = params.sort ?? { metric: params.metrics[0]!, direction: 'desc' as const }
  if (typeof sort !== 'object' || sort === null) throw new InvalidQueryError('sort must be { metric, direction }.', { field: 'sort' })
  assertMetric(sort.metric, capabilities, 'sort.metric')
  if (sort.direction !== 'asc' && sort.direction !== 'desc') {
    throw new InvalidQueryError(`sort.direction must be "asc" or "desc" (got ${shown(sort.direction)}).`, { field: 'sort.direction' })
  }
  if (params.trend !== undefined && params.trend !== null) {
    if (typeof params.trend !== 'object') throw new InvalidQueryError('trend must be { bucket, metric }.', { field: 'trend' })
    assertBucket(params.trend.bucket, 'trend.bucket')
    assertMetric(params.trend.metric, capabilities, 'trend.metric')
    countBuckets(range, params.trend.bucket, params.timeZone, limits.maxTrendBuckets, 'trend.bucket')
  }
  return { ...range, sort }
}

/** Every check of a `listRequests` query: range, zone, filters, page size, cursor and search. */
export function assertListRequestsQuery(params: ListRequestsParams, capabilities: AdapterCapabilities, options: FilterCheckOptions = {}): ParsedRange {
  const range = assertValidQuery(params, capabilities, options)
  assertPageSize(params.pageSize, capabilities)
  if (params.cursor !== undefined && params.cursor !== null) assertText(params.cursor, 'cursor', MAX_CURSOR_LENGTH)
  assertSearch(params.search, capabilities)
  return range
}

/** Every check of a `getDimensionValues` query: range, zone, filters, dimension, search and limit. */
export function assertDimensionValuesQuery(params: GetDimensionValuesParams, capabilities: AdapterCapabilities, options: FilterCheckOptions = {}): ParsedRange {
  const range = assertValidQuery(params, capabilities, options)
  assertDimension(params.dimension, capabilities, 'dimension')
  assertSearch(params.search, capabilities)
  assertOptionalInteger(params.limit, 'limit', 1, resolveLimits(capabilities.limits).maxDimensionValues)
  return range
}

/**
 * Every check of a `getRequest` query: the id, the filters and `content` (true unless the caller
 * says false; anything but a boolean is refused). Returns whether content was asked for.
 */
export function assertGetRequestQuery(params: GetRequestParams, capabilities: AdapterCapabilities, options: FilterCheckOptions = {}): { content: boolean } {
  assertRequestId(params.id, capabilities)
  assertValidFilters(params.filters, capabilities, options)
  const content = (params as { content?: unknown }).content
  if (content !== undefined && content !== null && typeof content !== 'boolean') {
    throw new InvalidQueryError('content must be true or false.', { field: 'content' })
  }
  return { content: content !== false }
}

/** A request id: a non-empty text within the limit for values. */
export function assertRequestId(id: unknown, capabilities: AdapterCapabilities): asserts id is string {
  assertText(id, 'id', resolveLimits(capabilities.limits).maxValueLength)
  if (id === '') throw new InvalidQueryError('id must be a non-empty string.', { field: 'id' })
}

export type { UsageLimits }

/** A summary's `now` as epoch ms (undefined when not given), checked like the range's instants. */
export function summaryNow(params: GetSummaryParams): number | undefined {
  if (params.now === undefined || params.now === null) return undefined
  const ms = parseInstant(params.now)
  if (Number.isNaN(ms)) throw new InvalidQueryError(`now must be an ISO-8601 instant with a time zone (e.g. "2026-11-19T15:30:00Z"), got ${shown(params.now)}.`, { field: 'now' })
  return ms
}
