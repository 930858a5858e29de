import type { Metric } from '@usagekit/core'
import { forwardRef } from 'react'
import { useView } from '../hooks/useView.js'
import { useMessages } from '../i18n/useMessages.js'
import { UsageChart, type UsageChartProps } from './UsageChart.js'

export interface ActivityChartProps extends Omit<UsageChartProps, 'metrics' | 'title' | 'groupBy' | 'kind'> {
  /**
   * `activeUsers`: distinct users per day (seed 001, By user); `byTeam`: requests stacked by team
   * (seed 001, By team); `byCustomer`: requests stacked by the host's end customer (By customer);
   * `sideBySide`: several metrics as bars side by side (seed 002's threads and messages).
   * Default: follows the page's view.
   */
  variant?: 'activeUsers' | 'byTeam' | 'byCustomer' | 'sideBySide'
  title?: string
  /** For `byTeam` / `byCustomer` (default requests) or `sideBySide` (default threads created, messages sent). */
  metrics?: Metric[]
}

/** Activity over the range: active users per day, requests stacked by team or customer, or metrics side by side. */
export const ActivityChart = forwardRef<HTMLElement, ActivityChartProps>(function ActivityChart({ variant, title, metrics, ...props }, ref) {
  const view = useView()
  const t = useMessages()
  const chosen = variant ?? (view === 'team' ? 'byTeam' : view === 'customer' ? 'byCustomer' : 'activeUsers')
  if (chosen === 'activeUsers') {
    return <UsageChart ref={ref} title={title ?? t('chart.activeUsersPerDay')} metrics={['activeUsers']} bucket="1d" {...props} />
  }
  if (chosen === 'byTeam') {
    return <UsageChart ref={ref} title={title ?? t('chart.requestsByTeam')} metrics={metrics ?? ['requests']} groupBy="team" {...props} />
  }
  if (chosen === 'byCustomer') {
    return <UsageChart ref={ref} title={title ?? t('chart.requestsByCustomer')} metrics={metrics ?? ['requests']} groupBy="customer" {...props} />
  }
  return <UsageChart ref={ref} title={title ?? t('chart.activity')} metrics={metrics ?? ['threadsCreated', 'messagesSent']} {...props} />
})
ActivityChart.displayName = 'ActivityChart'
