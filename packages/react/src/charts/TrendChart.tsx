import type { Dimension } from '@usagekit/core'
import { forwardRef, useState } from 'react'
import { UsageChart, type UsageChartProps } from './UsageChart.js'

export type TrendMeasure = 'total' | 'input' | 'output'
const MEASURE_METRIC = { total: 'totalTokens', input: 'inputTokens', output: 'outputTokens' } as const
const MEASURE_LABEL: Record<TrendMeasure, string> = { total: 'Total', input: 'Input', output: 'Output' }

export interface TrendChartProps extends Omit<UsageChartProps, 'metrics' | 'title' | 'kind'> {
  title?: string
  /** One line per group (default model, colour-coded). */
  groupBy?: Dimension
  defaultMeasure?: TrendMeasure
}

/** Seed 004's trend: a line per model, with a Total / Input / Output switch. */
export const TrendChart = forwardRef<HTMLElement, TrendChartProps>(function TrendChart({ title, groupBy = 'model', defaultMeasure = 'total', ...props }, ref) {
  const [measure, setMeasure] = useState<TrendMeasure>(defaultMeasure)
  const switcher = (
    <div className="uk-segmented" role="group" aria-label="Tokens shown">
      {(Object.keys(MEASURE_METRIC) as TrendMeasure[]).map((key) => (
        <button key={key} type="button" aria-pressed={measure === key} data-state={measure === key ? 'on' : 'off'} onClick={() => setMeasure(key)}>
          {MEASURE_LABEL[key]}
        </button>
      ))}
    </div>
  )
  return (
    <UsageChart
      ref={ref}
      title={title ?? 'Usage trend by model'}
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
