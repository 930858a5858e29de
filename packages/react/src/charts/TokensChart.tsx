import type { TimeSeriesResult } from '@usagekit/core'
import { forwardRef, useCallback } from 'react'
import { own } from '../components/own.js'
import type { Translate } from '../i18n/translate.js'
import { useMessages } from '../i18n/useMessages.js'
import type { ChartSeries } from './TimeChart.js'
import { UsageChart, type UsageChartProps } from './UsageChart.js'

export interface TokensChartProps extends Omit<UsageChartProps, 'metrics' | 'title' | 'groupBy' | 'buildSeries'> {
  /** `split`: per bucket an input bar (cached + fresh stacked) beside an output bar (seed 002); `byModel`: total tokens stacked by model (seed 000). */
  variant?: 'split' | 'byModel'
  title?: string
}

function splitSeries(result: TimeSeriesResult, t: Translate): ChartSeries[] {
  const values = result.series[0]?.values ?? {}
  const input = own(values, 'inputTokens') ?? []
  const cached = own(values, 'cachedInputTokens')
  const output: ChartSeries = { key: 'outputTokens', label: t('metric.outputTokens'), color: 'var(--_uk-series-1)', values: own(values, 'outputTokens') ?? [], stack: 'output' }
  // Without cached prompt tokens (the adapter does not offer them) input is one bar: nothing is split off as a made-up 0.
  if (!cached) return [{ key: 'inputTokens', label: t('metric.inputTokens'), color: 'var(--_uk-series-0)', values: input, stack: 'input' }, output]
  return [
    { key: 'cachedInputTokens', label: t('chart.cachedInput'), color: 'var(--_uk-series-3)', values: cached, stack: 'input' },
    { key: 'freshInputTokens', label: t('chart.freshInput'), color: 'var(--_uk-series-0)', values: input.map((v, i) => (v === null ? null : v - (cached[i] ?? 0))), stack: 'input' },
    output,
  ]
}

/**
 * Tokens over time: cached + fresh input beside output, or total tokens stacked by model. Over an
 * adapter without cached prompt tokens the split variant draws input beside output, with no cached
 * series, legend entry or tooltip row.
 */
export const TokensChart = forwardRef<HTMLElement, TokensChartProps>(function TokensChart({ variant = 'split', title, ...props }, ref) {
  const t = useMessages()
  const buildSeries = useCallback((result: TimeSeriesResult) => splitSeries(result, t), [t])
  if (variant === 'byModel') {
    return <UsageChart ref={ref} title={title ?? t('chart.tokensByModel')} metrics={['totalTokens']} groupBy="model" {...props} />
  }
  return (
    <UsageChart
      ref={ref}
      title={title ?? t('chart.tokensOverTime')}
      metrics={['inputTokens', 'cachedInputTokens', 'outputTokens']}
      valueMetric="inputTokens"
      buildSeries={buildSeries}
      barsPerBucket={2}
      {...props}
    />
  )
})
TokensChart.displayName = 'TokensChart'
