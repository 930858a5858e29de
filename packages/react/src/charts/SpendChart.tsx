import type { Dimension } from '@usagekit/core'
import { forwardRef } from 'react'
import { useMessages } from '../i18n/useMessages.js'
import { UsageChart, type UsageChartProps } from './UsageChart.js'

export interface SpendChartProps extends Omit<UsageChartProps, 'metrics' | 'title'> {
  title?: string
  /** Stack spend by a dimension (model, team…); default one bar per bucket. */
  groupBy?: Dimension
}

/** Estimated spend over the range (seed 000), in the data's currency. */
export const SpendChart = forwardRef<HTMLElement, SpendChartProps>(function SpendChart({ title, ...props }, ref) {
  const t = useMessages()
  return <UsageChart ref={ref} title={title ?? t('chart.spend')} metrics={['cost']} {...props} />
})
SpendChart.displayName = 'SpendChart'
