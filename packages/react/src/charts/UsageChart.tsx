import { type Bucket, type Dimension, type Metric, type TimeSeriesResult, bucketStart } from '@usagekit/core'
import { type HTMLAttributes, type ReactNode, forwardRef, useMemo } from 'react'
import { Card } from '../components/Card.js'
import { ErrorState, EmptyState, Skeleton } from '../components/WidgetState.js'
import { useUsageConfig } from '../context/UsageProvider.js'
import { useSupport } from '../hooks/useCapabilities.js'
import { useFormat } from '../hooks/useFormat.js'
import { useTimeSeries } from '../hooks/useTimeSeries.js'
import { type ChartSeries, TimeChart } from './TimeChart.js'
import { own } from '../components/own.js'

export interface UsageChartProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title: string
  subtitle?: ReactNode
  /** One metric (per group with `groupBy`), or several side by side. */
  metrics: Metric[]
  groupBy?: Dimension
  /** Top-N groups; the rest fold into "Other". Default 8. */
  limit?: number
  /** The chart's own bucket; default the range's. */
  bucket?: Bucket
  kind?: 'bars' | 'lines'
  /** Stack groups of a sum metric (default true); non-sum metrics never stack. */
  stacked?: boolean
  height?: number
  actions?: ReactNode
  /** Build the drawn series from the answer (TokensChart splits input into cached and fresh). */
  buildSeries?: (result: TimeSeriesResult, color: (key: string) => string) => ChartSeries[]
  /** Which metric formats values and the axis (default the first). */
  valueMetric?: Metric
}

/**
 * A titled chart card over one time-series query: skeleton, error with retry, empty, chart. It asks
 * only for the metrics the adapter offers (a series it cannot answer is not drawn, not drawn as 0), and
 * is not shown at all when none of them is offered or its `groupBy` dimension is not.
 */
export const UsageChart = forwardRef<HTMLElement, UsageChartProps>(function UsageChart(
  { title, subtitle, metrics: wanted, groupBy, limit = 8, bucket, kind = 'bars', stacked = true, height = 240, actions, buildSeries, valueMetric, ...props },
  ref,
) {
  const { colorOf } = useUsageConfig()
  const format = useFormat()
  const support = useSupport()
  const metrics = useMemo(() => wanted.filter(support.metric), [wanted.join(','), support])
  const hidden = support.known && (metrics.length === 0 || (groupBy !== undefined && !support.dimension(groupBy)) || (valueMetric !== undefined && !support.metric(valueMetric)))
  // Every drawn segment counts: a stacked column of seven teams is seven bars.
  const barsPerBucket = groupBy ? limit + 1 : metrics.length
  const query = useTimeSeries({
    metrics,
    bucket,
    groupBy,
    limit: groupBy ? limit : undefined,
    maxBars: Math.floor(1000 / Math.max(1, barsPerBucket)),
    enabled: support.known && !hidden,
  })
  const result = query.data
  const metric = valueMetric ?? metrics[0] ?? wanted[0]!
  const stacks = stacked && format.definition(metric).aggregation === 'sum'
  const color = (key: string) => colorOf(key, groupBy)
  const series = useMemo<ChartSeries[]>(() => {
    if (!result) return []
    if (buildSeries) return buildSeries(result, color)
    if (groupBy) {
      return result.series.map((s) => ({ key: s.key, label: s.label, color: color(s.key), values: own(s.values, metric) ?? [], stack: stacks ? 'all' : s.key }))
    }
    return metrics.map((m, i) => ({
      key: m,
      label: format.definition(m).label,
      color: metrics.length > 1 ? `var(--uk-series-${i})` : 'var(--uk-accent)',
      values: own(result.series[0]?.values, m) ?? [],
    }))
  }, [result, buildSeries, groupBy, metric, metrics, stacks, format, colorOf])
  const empty = series.every((s) => s.values.every((v) => !v))
  const size: Bucket = query.bucket ?? bucket ?? '1d'
  const state = query.isError ? 'error' : query.isPending ? 'loading' : empty ? 'empty' : 'ready'
  if (hidden) return null
  return (
    <Card ref={ref} title={title} subtitle={subtitle} actions={actions} state={state} aria-busy={query.isPending || undefined} {...props}>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} minHeight={height} />
      ) : query.isPending || !result ? (
        <Skeleton height={height} />
      ) : empty ? (
        <EmptyState minHeight={height} />
      ) : (
        <TimeChart
          title={title}
          buckets={result.buckets}
          bucketSize={size}
          series={series}
          kind={kind}
          height={height}
          formatValue={(value) => format.metric(value, metric)}
          formatAxisValue={(value) => format.metric(value, metric, { compact: true })}
          formatBucketLabel={(b) => format.bucketLabel(b, size)}
          formatBucketRange={(b) => format.bucketRange(b, size)}
          isDayStart={(b) => bucketStart(b.start, '1d', format.timeZone) === Date.parse(b.start)}
        />
      )}
    </Card>
  )
})
UsageChart.displayName = 'UsageChart'
