/** The metrics every adapter can answer (subject to its capabilities). */
export type StandardMetric =
  | 'requests'
  | 'successfulRequests'
  | 'failedRequests'
  | 'inputTokens'
  | 'cachedInputTokens'
  | 'outputTokens'
  | 'totalTokens'
  | 'cost'
  | 'activeUsers'
  | 'avgLatencyMs'
  | 'p95LatencyMs'
  | 'cacheHits'

/** Ratios that core derives from sums; adapters never have to compute them. */
export type RatioMetric = 'successRate' | 'requestsPerActiveUser' | 'cachedInputShare'

/** Resource meters of seed 002, answered by adapters that list them in their capabilities. */
export type MeterMetric = 'cpuCoreHours' | 'ramGbHours' | 'storageGbHours' | 'threadsCreated' | 'messagesSent'

/** Money metrics an adapter answers only when given a price table (`PriceTable`): announced then, absent otherwise. */
export type PricedMetric = 'cacheSavings'

/** Any metric id; adapters may add their own meters, described in their capabilities. */
export type Metric = StandardMetric | RatioMetric | MeterMetric | PricedMetric | (string & {})

export type MetricUnit = 'count' | 'tokens' | 'money' | 'milliseconds' | 'coreHours' | 'gbHours' | 'fraction'

/**
 * How a metric combines across records, buckets and groups:
 * - `sum`: adds up; an empty bucket is 0; the only kind a chart may stack.
 * - `distinct`: distinct things (users) in the bucket, group or range; never summed across them.
 * - `avg` / `percentile`: latency; an empty bucket is `null` (a gap, never a fake 0).
 * - `ratio`: derived in core from two sums.
 */
export type AggregationKind = 'sum' | 'distinct' | 'avg' | 'percentile' | 'ratio'

/** Which direction of change is good news: more cost is bad, more requests is neither. */
export type MetricSentiment = 'higherIsBetter' | 'lowerIsBetter' | 'neutral'

export interface MetricDefinition {
  id: Metric
  label: string
  unit: MetricUnit
  aggregation: AggregationKind
  sentiment: MetricSentiment
  /** For `ratio` metrics: numerator / denominator, both `sum` or `distinct` metrics. */
  ratio?: { numerator: Metric; denominator: Metric }
}

function define(
  id: Metric,
  label: string,
  unit: MetricUnit,
  aggregation: AggregationKind,
  sentiment: MetricSentiment,
  ratio?: MetricDefinition['ratio'],
): MetricDefinition {
  return ratio ? { id, label, unit, aggregation, sentiment, ratio } : { id, label, unit, aggregation, sentiment }
}

export const STANDARD_METRICS: Readonly<Record<StandardMetric, MetricDefinition>> = {
  requests: define('requests', 'Requests', 'count', 'sum', 'neutral'),
  successfulRequests: define('successfulRequests', 'Successful requests', 'count', 'sum', 'neutral'),
  failedRequests: define('failedRequests', 'Failed requests', 'count', 'sum', 'lowerIsBetter'),
  inputTokens: define('inputTokens', 'Input tokens', 'tokens', 'sum', 'neutral'),
  cachedInputTokens: define('cachedInputTokens', 'Cached input tokens', 'tokens', 'sum', 'higherIsBetter'),
  outputTokens: define('outputTokens', 'Output tokens', 'tokens', 'sum', 'neutral'),
  totalTokens: define('totalTokens', 'Total tokens', 'tokens', 'sum', 'neutral'),
  cost: define('cost', 'Cost', 'money', 'sum', 'lowerIsBetter'),
  activeUsers: define('activeUsers', 'Active users', 'count', 'distinct', 'higherIsBetter'),
  avgLatencyMs: define('avgLatencyMs', 'Avg latency', 'milliseconds', 'avg', 'lowerIsBetter'),
  p95LatencyMs: define('p95LatencyMs', 'p95 latency', 'milliseconds', 'percentile', 'lowerIsBetter'),
  // Requests the gateway answered from its own cache (no provider call): not prompt caching, which is cachedInputTokens.
  cacheHits: define('cacheHits', 'Cache hits', 'count', 'sum', 'higherIsBetter'),
}

export const RATIO_METRICS: Readonly<Record<RatioMetric, MetricDefinition>> = {
  successRate: define('successRate', 'Success rate', 'fraction', 'ratio', 'higherIsBetter', {
    numerator: 'successfulRequests',
    denominator: 'requests',
  }),
  requestsPerActiveUser: define('requestsPerActiveUser', 'Avg requests / user', 'count', 'ratio', 'neutral', {
    numerator: 'requests',
    denominator: 'activeUsers',
  }),
  cachedInputShare: define('cachedInputShare', 'Cached share of input', 'fraction', 'ratio', 'higherIsBetter', {
    numerator: 'cachedInputTokens',
    denominator: 'inputTokens',
  }),
}

/** Seed 002's meters, for adapters that register them (the memory adapter does when given meters). */
export const METER_METRICS: Readonly<Record<MeterMetric, MetricDefinition>> = {
  cpuCoreHours: define('cpuCoreHours', 'CPU core-hours', 'coreHours', 'sum', 'neutral'),
  ramGbHours: define('ramGbHours', 'RAM GB-hours', 'gbHours', 'sum', 'neutral'),
  storageGbHours: define('storageGbHours', 'Storage GB-hours', 'gbHours', 'sum', 'neutral'),
  threadsCreated: define('threadsCreated', 'Threads created', 'count', 'sum', 'neutral'),
  messagesSent: define('messagesSent', 'Messages sent', 'count', 'sum', 'neutral'),
}

/**
 * `cacheSavings`: what the cached input tokens would have cost at the uncached input price minus
 * what they cost (see `cacheSavings`); a sum of money, exact to 1e-9 like cost.
 */
export const PRICED_METRICS: Readonly<Record<PricedMetric, MetricDefinition>> = {
  cacheSavings: define('cacheSavings', 'Saved by prompt caching', 'money', 'sum', 'higherIsBetter'),
}

export function isRatioMetric(metric: Metric): metric is RatioMetric {
  return Object.prototype.hasOwnProperty.call(RATIO_METRICS, metric)
}

/**
 * The definition of a metric: the adapter's own (from its capabilities) first, then core's registry.
 * Returns `undefined` for a metric nobody has defined.
 */
export function getMetricDefinition(
  metric: Metric,
  adapterMetrics?: readonly MetricDefinition[],
): MetricDefinition | undefined {
  if (isRatioMetric(metric)) return RATIO_METRICS[metric]
  const own = adapterMetrics?.find((definition) => definition.id === metric)
  if (own) return own
  if (Object.prototype.hasOwnProperty.call(STANDARD_METRICS, metric)) return STANDARD_METRICS[metric as StandardMetric]
  if (Object.prototype.hasOwnProperty.call(METER_METRICS, metric)) return METER_METRICS[metric as MeterMetric]
  if (Object.prototype.hasOwnProperty.call(PRICED_METRICS, metric)) return PRICED_METRICS[metric as PricedMetric]
  return undefined
}

/**
 * The metrics to ask an adapter for so that `metrics` can be answered: ratios are replaced by
 * their numerator and denominator. Order is kept (the first metric ranks top-N), duplicates dropped.
 */
export function expandMetrics(metrics: readonly Metric[]): Metric[] {
  const out: Metric[] = []
  const add = (metric: Metric) => {
    if (!out.includes(metric)) out.push(metric)
  }
  for (const metric of metrics) {
    if (isRatioMetric(metric)) {
      const { numerator, denominator } = RATIO_METRICS[metric].ratio!
      add(numerator)
      add(denominator)
    } else {
      add(metric)
    }
  }
  return out
}

/** A ratio of two values; `null` when either is missing or the denominator is 0. */
export function ratioValue(numerator: number | null | undefined, denominator: number | null | undefined): number | null {
  if (numerator == null || denominator == null || denominator === 0) return null
  return numerator / denominator
}

/**
 * Picks `metrics` out of base values, computing ratio metrics from their sums.
 * `values` holds the expanded metrics (see `expandMetrics`).
 */
export function deriveMetricValues(
  values: Readonly<Record<string, number | null>>,
  metrics: readonly Metric[],
): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const metric of metrics) {
    if (isRatioMetric(metric)) {
      const { numerator, denominator } = RATIO_METRICS[metric].ratio!
      out[metric] = ratioValue(values[numerator], values[denominator])
    } else {
      out[metric] = values[metric] ?? null
    }
  }
  return out
}

/** Same as `deriveMetricValues`, bucket by bucket. */
export function deriveMetricSeries(
  values: Readonly<Record<string, readonly (number | null)[]>>,
  metrics: readonly Metric[],
  length: number,
): Record<string, (number | null)[]> {
  const out: Record<string, (number | null)[]> = {}
  for (const metric of metrics) {
    if (isRatioMetric(metric)) {
      const { numerator, denominator } = RATIO_METRICS[metric].ratio!
      const num = values[numerator] ?? []
      const den = values[denominator] ?? []
      out[metric] = Array.from({ length }, (_, i) => ratioValue(num[i], den[i]))
    } else {
      out[metric] = [...(values[metric] ?? Array.from({ length }, () => null))]
    }
  }
  return out
}

export type DeltaTone = 'good' | 'bad' | 'neutral'

export interface MetricDelta {
  /** current − previous */
  difference: number
  /** (current − previous) / previous; `null` when the previous period is 0 (no meaningful percentage). */
  relative: number | null
  direction: 'up' | 'down' | 'flat'
  /** What the change means for the reader, from the metric's sentiment. */
  tone: DeltaTone
}

/** The change of a metric against the previous period; `null` when either side has no value. */
export function metricDelta(
  definition: Pick<MetricDefinition, 'sentiment'>,
  current: number | null | undefined,
  previous: number | null | undefined,
): MetricDelta | null {
  if (current == null || previous == null) return null
  const difference = current - previous
  const relative = previous === 0 ? null : difference / Math.abs(previous)
  const direction = difference > 0 ? 'up' : difference < 0 ? 'down' : 'flat'
  let tone: DeltaTone = 'neutral'
  if (direction !== 'flat' && definition.sentiment !== 'neutral') {
    const good = (direction === 'up') === (definition.sentiment === 'higherIsBetter')
    tone = good ? 'good' : 'bad'
  }
  return { difference, relative, direction, tone }
}
