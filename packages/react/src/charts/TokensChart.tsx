import { type TimeSeriesResult, STANDARD_METRICS } from '@usagekit/core'
import { forwardRef } from 'react'
import type { ChartSeries } from './TimeChart.js'
import { UsageChart, type UsageChartProps } from './UsageChart.js'

export interface TokensChartProps extends Omit<UsageChartProps, 'metrics' | 'title' | 'groupBy' | 'buildSeries'> {
  /** `split`: per bucket an input bar (cached + fresh stacked) beside an output bar (seed 002); `byModel`: total tokens stacked by model (seed 000). */
  variant?: 'split' | 'byModel'
  title?: string
}

function splitSeries(result: TimeSeriesResult): ChartSeries[] {
  const values = result.series[0]?.values ?? {}
  const input = values.inputTokens ?? []
  const cached = values.cachedInputTokens ?? []
  return [
    { key: 'cachedInputTokens', label: 'Cached input', color: 'var(--uk-series-3)', values: cached, stack: 'input' },
    { key: 'freshInputTokens', label: 'Fresh input', color: 'var(--uk-series-0)', values: input.map((v, i) => (v === null ? null : v - (cached[i] ?? 0))), stack: 'input' },
    { key: 'outputTokens', label: STANDARD_METRICS.outputTokens.label, color: 'var(--uk-series-1)', values: values.outputTokens ?? [], stack: 'output' },
  ]
}

/** Tokens over time: cached + fresh input beside output, or total tokens stacked by model. */
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
      {...props}
    />
  )
})
TokensChart.displayName = 'TokensChart'
