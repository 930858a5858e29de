import type { Meta, StoryObj } from '@storybook/react-vite'
import { ActivityChart, SpendChart, TokensChart, TrendChart, UsageChart } from '@usagekit/react'

const meta = {
  title: 'Components/Charts',
  component: UsageChart,
  args: { title: 'Requests', metrics: ['requests'] },
} satisfies Meta<typeof UsageChart>
export default meta
type Story = StoryObj<typeof meta>

/** Seed 001, By user: distinct active users per day. */
export const ActiveUsersPerDay: Story = { render: () => <ActivityChart variant="activeUsers" /> }
/** Seed 001, By team: requests stacked by team. */
export const RequestsByTeam: Story = { render: () => <ActivityChart variant="byTeam" /> }
/** Seed 002, platform: threads and messages side by side. */
export const SideBySide: Story = { render: () => <ActivityChart variant="sideBySide" metrics={['threadsCreated', 'messagesSent']} /> }
/** Seed 002: cached + fresh input beside output. */
export const TokensSplit: Story = { render: () => <TokensChart /> }
/** Seed 000: tokens by model. */
export const TokensByModel: Story = { render: () => <TokensChart variant="byModel" /> }
/** Seed 000: spend over time, stacked by model. */
export const Spend: Story = { render: () => <SpendChart groupBy="model" /> }
/** Seed 004: a line per model with Total / Input / Output. */
export const Trend: Story = { render: () => <TrendChart /> }
/** Many series: asked for the top 20 users, a chart draws at most 8 (colours by rank) and the rest as Other (grey). */
export const ManySeries: Story = { args: { title: 'Requests by user (top 20)', metrics: ['requests'], groupBy: 'user', limit: 20 } }
/** Thirty days of 1-hour buckets would be 720 bars: the chart draws the bucket its width allows (days). */
export const DenseRange: Story = { args: { title: 'Cost, 30 days', metrics: ['cost'], bucket: '1h' }, parameters: { usage: { provider: { defaultRange: { preset: '30d' } } } } }
/** Seed 002, compute: one small chart per unit. */
export const CpuCoreHours: Story = { args: { title: 'CPU core-hours', metrics: ['cpuCoreHours'], height: 180 } }
export const Loading: Story = { parameters: { usage: { state: 'loading' } } }
export const Failing: Story = { parameters: { usage: { state: 'error' } } }
export const Empty: Story = { parameters: { usage: { state: 'empty' } } }
export const Dark: Story = { render: () => <ActivityChart variant="byTeam" />, globals: { theme: 'dark' } }
export const Narrow: Story = { render: () => <TokensChart />, parameters: { usage: { width: 360 } } }
/** A team name longer than the tooltip: the tooltip wraps inside the card and the viewport. */
export const SpendLast14Days: Story = { render: () => <SpendChart groupBy="team" />, parameters: { usage: { provider: { defaultRange: { preset: '14d' } } } } }
/** The last 24 hours: sub-day buckets, as fine as the width allows. */
export const Last24Hours: Story = { render: () => <TokensChart />, parameters: { usage: { provider: { defaultRange: { preset: '24h' } } } } }
