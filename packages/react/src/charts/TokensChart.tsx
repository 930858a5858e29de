import { type TimeSeriesResult, STANDARD_METRICS } from '@usagekit/core'
import { forwardRef } from 'react'
import { own } from '../components/own.js'
import type { ChartSeries } from './TimeChart.js'
import { UsageChart, type UsageChartProps } from './UsageChart.js'

export interface TokensChartProps extends Omit<UsageChartProps, 'metrics' | 'title' | 'groupBy' | 'buildSeries'> {
  /** `split`: per bucket an input bar (cached + fresh stacked) beside an output bar (seed 002); `byModel`: total tokens stacked by model (seed 000). */
  variant?: 'split' | 'byModel'
  title?: string
}

function splitSeries(result: TimeSeriesResult): ChartSeries[] {
  const values = result.series[0]?.values ?? {}
  const input = own(values, 'inputTokens') ?? []
  const cached = own(values, 'cachedInputTokens')
  const output: ChartSeries = { key: 'outputTokens', label: STANDARD_METRICS.outputTokens.label, color: 'var(--_uk-series-1)', values: own(values, 'outputTokens') ?? [], stack: 'output' }
  // Without cached prompt tokens (the adapter does not offer them) input is one bar: nothing is split off as a made-up 0.
  if (!cached) return [{ key: 'inputTokens', label: STANDARD_METRICS.inputTokens.label, color: 'var(--_uk-series-0)', values: input, stack: 'input' }, output]
  return [
    { key: 'cachedInputTokens', label: 'Cached input', color: 'var(--_uk-series-3)', values: cached, stack: 'input' },
    { key: 'freshInputTokens', label: 'Fresh input', color: 'var(--_uk-series-0)', values: input.map((v, i) => (v === null ? null : v - (cached[i] ?? 0))), stack: 'input' },
    output,
  ]
}

/**
 * Tokens over time: cached + fresh input beside output, or total tokens stacked by model. Over an
 * adapter without cached prompt tokens the split variant draws input beside output, with no cached
 * series, legend entry or tooltip row.
 */
export const TokensChart = forwardRef<HTMLElement, TokensChartProps>(function TokensChart({ variant = 'split', title, ...props }, ref) {
  if (variant === 'byModel') {
    return <UsageChart ref={ref} title={title ?? 'Tokens by model'} metrics={['totalTokens']} groupBy="model" {...props} />
  }
  return (
    <UsageChart
      ref={ref}
      title={title ?? 'Tokens over time'}
      metrics={['inputTokens', 'cachedInputTokens', 'outputTokens']}
      valueMetric="inputTokens"
      buildSeries={splitSeries}
      barsPerBucket={2}
      {...props}
    />
  )
})
TokensChart.displayName = 'TokensChart'
