import { type Bucket, type Dimension, type Metric, type TimeSeriesResult, type TokenNotation, OTHER_KEY, alignPreviousPeriod, bucketStart, formatTokens } from '@usagekit/core'
import { type HTMLAttributes, type ReactNode, forwardRef, useCallback, useMemo, useRef, useState } from 'react'
import { CompareIcon } from '../components/icons.js'
import { type UsageSelectHandler, useCrossFilter } from '../context/crossFilter.js'
import { useViewBucketRequests } from '../context/requestDrillDown.js'
import { usePreviousTimeSeries } from '../hooks/usePreviousTimeSeries.js'
import { useMessages } from '../i18n/useMessages.js'
import { Card } from '../components/Card.js'
import { MAX_SERIES, type SeriesColors } from '../components/seriesColor.js'
import { ErrorState, EmptyState } from '../components/WidgetState.js'
import { useUsageSelection } from '../context/UsageProvider.js'
import { useSupport } from '../hooks/useCapabilities.js'
import { useFormat } from '../hooks/useFormat.js'
import { useRankedSeriesColors } from '../hooks/useSeriesColors.js'
import { useTimeSeries } from '../hooks/useTimeSeries.js'
import { groupLabel } from '../i18n/coreLabels.js'
import type { Translate } from '../i18n/translate.js'
import { ChartSkeleton } from './ChartSkeleton.js'
import { CHART_MARGIN, type ChartAnomaly, type ChartSeries, type PreviousPeriodOverlay, TimeChart } from './TimeChart.js'
import { anomalyRatio, chartAnomalies } from '../spend/chartAnomalies.js'
import { useMeasuredWidth } from './useElementWidth.js'
import { own } from '../components/own.js'

export interface UsageChartProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title: string
  subtitle?: ReactNode
  /** One metric (per group with `groupBy`), or several side by side. */
  metrics: Metric[]
  groupBy?: Dimension
  /** Top-N groups; the rest fold into a grey "Other". Default and at most 8 (docs/design.md, "Series colours"). */
  limit?: number
  /**
   * The chart's finest bucket; default the range's. The chart coarsens it until every bar is at least
   * 6 px wide, and a range of a week or more draws at least days (docs/design.md, "Buckets from pixels").
   */
  bucket?: Bucket
  /** Keep `bucket` on ranges of a week or more (the pixel rule still applies). */
  keepBucket?: boolean
  kind?: 'bars' | 'lines'
  /** Stack groups of a sum metric (default true); non-sum metrics never stack. */
  stacked?: boolean
  height?: number
  actions?: ReactNode
  /** Build the drawn series from the answer (TokensChart splits input into cached and fresh). */
  buildSeries?: (result: TimeSeriesResult, color: (key: string) => string) => ChartSeries[]
  /** Which metric formats values and the axis (default the first). */
  valueMetric?: Metric
  /** Side-by-side bars per bucket that `buildSeries` draws (default: one per metric, or one stack). */
  barsPerBucket?: number
  /**
   * Several metrics whose scales differ by more than this factor are drawn as small charts, one per
   * metric (two scales are two charts, never two y-axes). Default 4; `false` keeps one chart.
   */
  splitScales?: number | false
  /** Tokens in thousands (seed 004): the tooltip reads "1,234.6K" and the subtitle names the unit. */
  tokenNotation?: TokenNotation
  /**
   * Offer the header's Compare toggle: the previous period drawn quietly behind the data, bucket `i`
   * against bucket `i`, of equal elapsed time (default true where the chart has at most two stacks or
   * lines; a chart of one line per group has none).
   */
  compare?: boolean
  /** Start with the previous period shown (default false). */
  defaultCompare?: boolean
  /**
   * A segment, legend name or tooltip row of a grouped chart was picked to filter the page by; runs
   * before the provider's `onSelectKey`. Cancel with `event.preventDefault()` or by returning `false`.
   */
  onSelectKey?: UsageSelectHandler
  /**
   * Mark unusual buckets of each series (`detectAnomalies` on the chart's data; sum metrics only):
   * a small triangle above the bar, and "3.4× usual spend" in its tooltip. Default true; `false` turns them off.
   */
  anomalies?: boolean
}

/** One word for money in charts: "Spend" (docs/design.md, "Tooltips"). */
export function chartMetricLabel(metric: string, label: string, t: Translate): string {
  return metric === 'cost' ? t('chart.spend') : label
}

/** What a stack is called in the tooltip: its one series' label, or the stack id ("input", "output") capitalised. */
function stackLabel(stack: string, series: readonly ChartSeries[]): string | undefined {
  const members = series.filter((s) => (s.stack ?? s.key) === stack)
  if (members.length === 1) return members[0]!.label
  return members.length ? stack.charAt(0).toUpperCase() + stack.slice(1) : undefined
}

/** The largest value of a series, ignoring gaps. */
function peak(values: (number | null)[]): number {
  let max = 0
  for (const v of values) if (v !== null && v > max) max = v
  return max
}

/**
 * A titled chart card over one time-series query: skeleton in the chart's shape, error with retry,
 * empty, chart. It measures its width first and asks for the bucket that fits it (docs/design.md,
 * "Buckets from pixels"), asks only for the metrics the adapter offers (a series it cannot answer is
 * not drawn, not drawn as 0), and is not shown at all when none of them is offered or its `groupBy`
 * dimension is not.
 */
export const UsageChart = forwardRef<HTMLElement, UsageChartProps>(function UsageChart(
  {
    title,
    subtitle,
    metrics: wanted,
    groupBy,
    limit: wantedLimit = MAX_SERIES,
    bucket,
    keepBucket = false,
    kind = 'bars',
    stacked = true,
    height = 240,
    actions,
    buildSeries,
    valueMetric,
    barsPerBucket: wantedBars,
    splitScales = 4,
    tokenNotation,
    compare: offerCompare = true,
    defaultCompare = false,
    onSelectKey,
    anomalies: markAnomalies = true,
    ...props
  },
  ref,
) {
  const format = useFormat()
  const t = useMessages()
  const crossFilter = useCrossFilter()
  const viewBucketRequests = useViewBucketRequests()
  const [comparing, setComparing] = useState(defaultCompare)
  const support = useSupport()
  const { anchor } = useUsageSelection()
  const bodyRef = useRef<HTMLDivElement>(null)
  const width = useMeasuredWidth(bodyRef, 640)
  const limit = Math.max(1, Math.min(wantedLimit, MAX_SERIES))
  const metrics = useMemo(() => wanted.filter(support.metric), [wanted.join(','), support])
  const hidden = support.known && (metrics.length === 0 || (groupBy !== undefined && !support.dimension(groupBy)) || (valueMetric !== undefined && !support.metric(valueMetric)))
  const metric = valueMetric ?? metrics[0] ?? wanted[0]!
  const stacks = stacked && format.definition(metric).aggregation === 'sum'
  // Side-by-side bars in one bucket: a stack counts once; unstacked groups or metrics stand apart.
  const barsPerBucket = wantedBars ?? (kind === 'lines' ? 1 : groupBy ? (stacks ? 1 : limit + 1) : metrics.length)
  const plot = width === undefined ? undefined : { widthPx: Math.max(40, width - CHART_MARGIN.left - CHART_MARGIN.right), kind, barsPerBucket, keepFinest: keepBucket }
  const query = useTimeSeries({
    metrics,
    bucket,
    groupBy,
    limit: groupBy ? limit : undefined,
    maxBars: Math.floor(1000 / Math.max(1, groupBy ? limit + 1 : metrics.length)),
    enabled: support.known && !hidden && plot !== undefined,
    plot,
  })
  const result = query.data
  // Groups come ranked (largest first); the page's registry gives them colours in that order.
  const rankedKeys = useMemo(() => (groupBy && result ? result.series.map((s) => s.key).filter((key) => key !== OTHER_KEY) : []), [groupBy, result])
  const color: SeriesColors = useRankedSeriesColors(groupBy, rankedKeys)
  const series = useMemo<ChartSeries[]>(() => {
    if (!result) return []
    if (buildSeries) return buildSeries(result, (key) => color(key, groupBy))
    if (groupBy) {
      return result.series.map((s) => ({ key: s.key, label: groupLabel(s, t), color: color(s.key, groupBy), values: own(s.values, metric) ?? [], stack: stacks ? 'all' : s.key }))
    }
    return metrics.map((m, i) => ({
      key: m,
      label: chartMetricLabel(m, format.definition(m).label, t),
      color: metrics.length > 1 ? `var(--_uk-series-${i})` : 'var(--_uk-accent)',
      values: own(result.series[0]?.values, m) ?? [],
    }))
  }, [result, buildSeries, groupBy, metric, metrics, stacks, format, color, t])
  const empty = series.every((s) => s.values.every((v) => !v))
  // Compare: one stack (or line) or two (input beside output); never one line per group.
  const stackIds = useMemo(() => [...new Set(series.map((s) => s.stack ?? s.key))], [series])
  const comparable = offerCompare && !(groupBy && !stacks) && (stackIds.length > 0 ? stackIds.length <= 2 : true)
  const previousQuery = usePreviousTimeSeries(query.params, { enabled: comparable && comparing && !hidden, total: Boolean(groupBy) })
  const previous = useMemo<PreviousPeriodOverlay[] | undefined>(() => {
    const before = previousQuery.data
    if (!comparable || !comparing || !before || !result || !query.params) return undefined
    // The previous answer built like this one's: its series summed per stack (a grouped chart asked for its total).
    const built: ChartSeries[] = buildSeries
      ? buildSeries(before, (key) => color(key, groupBy))
      : groupBy
        ? [{ key: 'total', label: title, color: '', values: own(before.series[0]?.values, metric) ?? [], stack: stackIds[0] }]
        : metrics.map((m) => ({ key: m, label: chartMetricLabel(m, format.definition(m).label, t), color: '', values: own(before.series[0]?.values, m) ?? [] }))
    return stackIds.map((stack) => {
      const parts = built.filter((s) => (s.stack ?? s.key) === stack)
      const sums = before.buckets.map((_, i) => (parts.some((s) => (s.values[i] ?? null) !== null) ? parts.reduce((sum, s) => sum + (s.values[i] ?? 0), 0) : null))
      const points = alignPreviousPeriod(result.buckets, before.buckets, sums, { range: query.params!.range, now: anchor })
      return { stack, label: stackIds.length > 1 ? (stackLabel(stack, series) ?? stack) : title, values: points.map((p) => p.value), buckets: points.map((p) => p.bucket) }
    })
  }, [comparable, comparing, previousQuery.data, result, query.params, buildSeries, color, groupBy, title, metric, metrics, format, stackIds, anchor, series, t])
  const selectable = useCallback((key: string) => crossFilter.canSelect(groupBy, key), [crossFilter, groupBy])
  const selected = useCallback((key: string) => crossFilter.isSelected(groupBy, key), [crossFilter, groupBy])
  const onSelectSeries = useCallback(
    (key: string, source: 'chart' | 'legend') => {
      if (!groupBy) return
      crossFilter.select({ dimension: groupBy, key, label: series.find((s) => s.key === key)?.label ?? key, source }, onSelectKey)
    },
    [crossFilter, groupBy, series, onSelectKey],
  )
  const onViewRequests = useMemo(() => {
    if (!viewBucketRequests || !result) return undefined
    return (index: number, key: string | undefined) => {
      const bucket = result.buckets[index]
      if (!bucket) return
      viewBucketRequests(bucket, key && groupBy ? { dimension: groupBy, key, label: series.find((s) => s.key === key)?.label ?? key } : undefined)
    }
  }, [viewBucketRequests, result, groupBy, series])
  const anomalies = useMemo<ChartAnomaly[] | undefined>(() => {
    if (!markAnomalies || !result || format.definition(metric).aggregation !== 'sum') return undefined
    const decimal = new Intl.NumberFormat(format.locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 })
    return chartAnomalies(result.buckets, series, {
      timeZone: format.timeZone,
      describe: (anomaly) => {
        const ratio = anomalyRatio(anomaly)
        if (ratio === null) return t('spend.anomalyUnusual', { value: format.metric(anomaly.value, metric) })
        return t(metric === 'cost' ? 'spend.anomalySpend' : 'spend.anomalyUsual', { ratio: decimal.format(ratio) })
      },
    })
  }, [markAnomalies, result, series, metric, format, t])
  const formatChange = useMemo(() => {
    const percent = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' })
    return (fraction: number) => percent.format(fraction)
  }, [format.locale])
  const size: Bucket = query.bucket ?? bucket ?? '1d'
  const state = query.isError ? 'error' : query.isPending || !result ? 'loading' : empty ? 'empty' : 'ready'
  // Two scales far apart (threads ~20, messages ~200) are two small charts: the small one never lies flat.
  const panels = useMemo(() => {
    if (splitScales === false || groupBy || buildSeries || series.length < 2) return null
    const peaks = series.map((s) => peak(s.values)).filter((p) => p > 0)
    if (peaks.length < 2 || Math.max(...peaks) / Math.min(...peaks) <= splitScales) return null
    return series
  }, [splitScales, groupBy, buildSeries, series])

  const thousands = tokenNotation === 'thousands' && format.definition(metric).unit === 'tokens'
  const formatValue = (value: number | null) =>
    thousands && value !== null ? t('chart.thousandsValue', { value: formatTokens(value, { locale: format.locale, notation: 'thousands' }) }) : format.metric(value, metric, { tokenNotation })
  // In thousands the axis stays on the subtitle's scale: "1,000K", never a "1M" above "800K".
  const formatAxis = (value: number) =>
    thousands ? `${new Intl.NumberFormat(format.locale, { maximumFractionDigits: Math.abs(value) < 10_000 ? 1 : 0 }).format(value / 1000)}K` : format.metric(value, metric, { compact: true })
  const shownSubtitle = subtitle ?? (thousands ? t('chart.inThousands') : undefined)
  if (hidden) return null
  const chart = (drawn: ChartSeries[], chartTitle: string, chartHeight: number, valueOf: (value: number | null) => string, axisOf: (value: number) => string) => (
    <TimeChart
      title={chartTitle}
      buckets={result!.buckets}
      bucketSize={size}
      series={drawn}
      kind={kind}
      height={chartHeight}
      formatValue={valueOf}
      formatAxisValue={axisOf}
      formatBucketLabel={(b) => format.bucketLabel(b, size)}
      formatBucketRange={(b) => format.bucketRange(b, size)}
      isDayStart={(b) => bucketStart(b.start, '1d', format.timeZone) === Date.parse(b.start)}
      now={anchor}
      range={query.range}
      formatInstant={(iso) => format.dateTime(iso)}
      total={groupBy ? stacks && kind === 'bars' : undefined}
      selectable={groupBy ? selectable : undefined}
      selected={groupBy ? selected : undefined}
      onSelectSeries={groupBy ? onSelectSeries : undefined}
      onViewRequests={onViewRequests}
      previous={previous?.filter((overlay) => drawn.some((s) => (s.stack ?? s.key) === overlay.stack))}
      formatChange={formatChange}
      anomalies={anomalies}
    />
  )
  const compareToggle = comparable ? (
    <button
      type="button"
      className="uk-button"
      data-variant="ghost"
      data-compare="true"
      aria-pressed={comparing}
      title={t('crossFilter.compareTitle')}
      onClick={() => setComparing((on) => !on)}
    >
      <CompareIcon />
      {t('crossFilter.compare')}
    </button>
  ) : null
  return (
    <Card
      ref={ref}
      title={title}
      subtitle={shownSubtitle}
      actions={
        compareToggle || actions ? (
          <>
            {compareToggle}
            {actions}
          </>
        ) : undefined
      }
      state={state}
      data-compare={comparable ? (comparing ? 'on' : 'off') : undefined} aria-busy={state === 'loading' || undefined} {...props}>
      <div ref={bodyRef} className="uk-chart-body">
        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} minHeight={height} />
        ) : state === 'loading' ? (
          <ChartSkeleton height={height} kind={kind} />
        ) : empty ? (
          <EmptyState minHeight={height} />
        ) : panels ? (
          <div className="uk-chart-panels" data-panels={panels.length}>
            {panels.map((s) => (
              <div key={s.key} className="uk-chart-panel">
                <h4 className="uk-chart-panel-title">
                  <span className="uk-swatch" style={{ background: s.color }} aria-hidden="true" />
                  {s.label}
                </h4>
                {chart(
                  [{ ...s, color: s.color }],
                  t('chart.panel', { chart: title, series: s.label }),
                  Math.max(140, Math.round(height * 0.75)),
                  (value) => format.metric(value, s.key),
                  (value) => format.metric(value, s.key, { compact: true }),
                )}
              </div>
            ))}
          </div>
        ) : (
          chart(series, title, height, formatValue, formatAxis)
        )}
      </div>
    </Card>
  )
})
UsageChart.displayName = 'UsageChart'
