import type { Dimension } from '@usagekit/core'
import { forwardRef, useState } from 'react'
import { useMessages } from '../i18n/useMessages.js'
import { UsageChart, type UsageChartProps } from './UsageChart.js'

export type TrendMeasure = 'total' | 'input' | 'output'
const MEASURE_METRIC = { total: 'totalTokens', input: 'inputTokens', output: 'outputTokens' } as const
const MEASURE_LABEL = { total: 'chart.trend.total', input: 'chart.trend.input', output: 'chart.trend.output' } as const satisfies Record<TrendMeasure, string>

export interface TrendChartProps extends Omit<UsageChartProps, 'metrics' | 'title' | 'kind'> {
  title?: string
  /** One line per group (default model, colour-coded). */
  groupBy?: Dimension
  defaultMeasure?: TrendMeasure
}

/** Seed 004's trend: a line per model, with a Total / Input / Output switch. */
export const TrendChart = forwardRef<HTMLElement, TrendChartProps>(function TrendChart({ title, groupBy = 'model', defaultMeasure = 'total', ...props }, ref) {
  const [measure, setMeasure] = useState<TrendMeasure>(defaultMeasure)
  const t = useMessages()
  const switcher = (
    <div className="uk-segmented" role="group" aria-label={t('chart.trend.measure')}>
      {(Object.keys(MEASURE_METRIC) as TrendMeasure[]).map((key) => (
        <button key={key} type="button" aria-pressed={measure === key} data-state={measure === key ? 'on' : 'off'} onClick={() => setMeasure(key)}>
          {t(MEASURE_LABEL[key])}
        </button>
      ))}
    </div>
  )
  return (
    <UsageChart
      ref={ref}
      title={title ?? t('chart.trend')}
      metrics={[MEASURE_METRIC[measure]]}
      groupBy={groupBy}
      kind="lines"
      stacked={false}
      actions={switcher}
      data-measure={measure}
      {...props}
    />
  )
})
TrendChart.displayName = 'TrendChart'
