import { BUCKETS, isBucket } from './bucketBoundaries'
import { type Dimension, isDimension } from './dimensions'
import { InvalidQueryError } from './errors'
import { type Metric, RATIO_METRICS, isRatioMetric } from './metrics'
import { type ParsedRange, parseRange } from './timeRange'
import { assertTimeZone } from './timeZone'
import type { AdapterCapabilities, Bucket, Filters, GetBreakdownParams, GetTimeSeriesParams, SortDirection, UsageQuery } from './types'

const DAY = 86_400_000

/**
 * Checks the shared part of a query against an adapter's capabilities and returns the parsed range.
 * Throws `InvalidQueryError` naming the field: a bad or reversed range, a range longer than the
 * adapter allows, an unknown time zone, a filter on an unsupported dimension.
 */
export function assertValidQuery(query: UsageQuery, capabilities: AdapterCapabilities): ParsedRange {
  const parsed = parseRange(query.range)
  assertTimeZone(query.timeZone)
  const { maxRangeDays } = capabilities.limits
  if (maxRangeDays !== null && parsed.endMs - parsed.startMs > maxRangeDays * DAY) {
    throw new InvalidQueryError(`range is longer than this adapter allows (${maxRangeDays} days).`, {
      field: 'range',
      tooLarge: true,
    })
  }
  assertValidFilters(query.filters, capabilities)
  return parsed
}

export function assertValidFilters(filters: Filters | undefined, capabilities: AdapterCapabilities): void {
  if (filters === undefined || filters === null) return
  if (typeof filters !== 'object' || Array.isArray(filters)) {
    throw new InvalidQueryError('filters must be an object of dimension → string[].', { field: 'filters' })
  }
  for (const [dimension, values] of Object.entries(filters)) {
    assertDimension(dimension, capabilities, `filters.${dimension}`)
    if (values === undefined) continue
    if (!Array.isArray(values) || values.some((value) => typeof value !== 'string')) {
      throw new InvalidQueryError(`filters.${dimension} must be an array of strings.`, { field: `filters.${dimension}` })
    }
  }
}

export function assertDimension(
  dimension: unknown,
  capabilities: AdapterCapabilities,
  field: string,
): asserts dimension is Dimension {
  if (!isDimension(dimension)) {
    throw new InvalidQueryError(`${field}: ${JSON.stringify(dimension)} is not a dimension.`, { field })
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
  for (const metric of metrics) assertMetric(metric, capabilities, field)
}

export function assertMetric(metric: unknown, capabilities: AdapterCapabilities, field: string): asserts metric is Metric {
  if (typeof metric !== 'string' || !supportsMetric(metric, capabilities)) {
    throw new InvalidQueryError(
      `${field}: this adapter does not support the metric ${JSON.stringify(metric)} (see getCapabilities().metrics).`,
      { field },
    )
  }
}

export function assertBucket(bucket: unknown, field = 'bucket'): asserts bucket is Bucket {
  if (!isBucket(bucket)) {
    throw new InvalidQueryError(`${field} must be one of ${BUCKETS.join(', ')} (got ${JSON.stringify(bucket)}).`, { field })
  }
}

/** `undefined`, or a whole number ≥ `min`. */
export function assertOptionalInteger(value: unknown, field: string, min = 0): asserts value is number | undefined {
  if (value === undefined || value === null) return
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new InvalidQueryError(`${field} must be a whole number ≥ ${min} (got ${JSON.stringify(value)}).`, { field })
  }
}

export function assertPageSize(pageSize: unknown, capabilities: AdapterCapabilities): asserts pageSize is number {
  if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1) {
    throw new InvalidQueryError(`pageSize must be a whole number ≥ 1 (got ${JSON.stringify(pageSize)}).`, {
      field: 'pageSize',
    })
  }
  if (pageSize > capabilities.limits.maxPageSize) {
    throw new InvalidQueryError(`pageSize ${pageSize} is above this adapter's limit of ${capabilities.limits.maxPageSize}.`, {
      field: 'pageSize',
      tooLarge: true,
    })
  }
}

/** Every check of a `getTimeSeries` query, in one call: range, zone, filters, metrics, bucket, limit, groupBy. */
export function assertTimeSeriesQuery(params: GetTimeSeriesParams, capabilities: AdapterCapabilities): ParsedRange {
  const range = assertValidQuery(params, capabilities)
  assertMetrics(params.metrics, capabilities)
  assertBucket(params.bucket)
  assertOptionalInteger(params.limit, 'limit', 1)
  if (params.groupBy !== undefined) assertDimension(params.groupBy, capabilities, 'groupBy')
  return range
}

/**
 * Every check of a `getBreakdown` query, in one call; returns the range and the sort in effect
 * (the first metric, descending, when none is given).
 */
export function assertBreakdownQuery(
  params: GetBreakdownParams,
  capabilities: AdapterCapabilities,
): ParsedRange & { sort: { metric: Metric; direction: SortDirection } } {
  const range = assertValidQuery(params, capabilities)
  assertMetrics(params.metrics, capabilities)
  assertDimension(params.groupBy, capabilities, 'groupBy')
  assertOptionalInteger(params.limit, 'limit', 0)
  assertOptionalInteger(params.offset, 'offset', 0)
  const sort = params.sort ?? { metric: params.metrics[0]!, direction: 'desc' as const }
  assertMetric(sort.metric, capabilities, 'sort.metric')
  if (params.trend) {
    assertBucket(params.trend.bucket, 'trend.bucket')
    assertMetric(params.trend.metric, capabilities, 'trend.metric')
  }
  return { ...range, sort }
}
