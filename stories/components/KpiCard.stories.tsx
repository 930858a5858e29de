import type { Meta, StoryObj } from '@storybook/react-vite'
import { KpiCard } from '@usagekit/react'

const meta = {
  title: 'Components/KpiCard',
  component: KpiCard,
  args: { label: 'Spend', value: '$1,284.16', sub: 'across 9 models', delta: { relative: 0.124, direction: 'up', tone: 'bad', period: 'vs previous 7 days' }, locale: 'en-US' },
  parameters: { usage: { width: 280 } },
} satisfies Meta<typeof KpiCard>
export default meta
type Story = StoryObj<typeof meta>

export const CostUp: Story = {}
export const FailuresDown: Story = { args: { label: 'Failed requests', value: '216', sub: undefined, delta: { relative: -0.31, direction: 'down', tone: 'good', period: 'vs previous 7 days' } } }
export const Neutral: Story = { args: { label: 'Requests', value: '48,210', sub: '97.1% success rate', delta: { relative: 0.02, direction: 'up', tone: 'neutral', period: 'vs previous 24 hours' } } }
export const WithUnit: Story = { args: { label: 'Total usage', value: '12,480.6', unit: 'K tokens', sub: undefined, delta: null } }
/** 0 vs 0 is no change, not "new". */
export const NoChange: Story = { args: { label: 'Failed requests', value: '0', sub: undefined, delta: { relative: null, direction: 'flat', tone: 'neutral', period: 'vs previous 7 days' } } }
/** |Δ| < 1 %: neutral whatever the sentiment (more latency is bad, +0.2 % is noise). */
export const TinyChange: Story = { args: { label: 'Avg latency', value: '812 ms', sub: 'p95 2.1 s', delta: { relative: 0.002, direction: 'up', tone: 'bad', period: 'vs previous 7 days' } } }
/** A running period compared with the same elapsed part of the one before. */
export const EqualElapsed: Story = { args: { label: 'Total usage', value: '26,165.0', unit: 'K tokens', sub: undefined, delta: { relative: -0.092, direction: 'down', tone: 'neutral', period: 'vs Oct 24 – Nov 6, 4:00 PM', periodDetail: 'vs same time last period: Oct 24, 12:00 AM – Nov 6, 4:00 PM' } } }
export const NewSincePrevious: Story = { args: { delta: { relative: null, direction: 'up', tone: 'bad', period: 'vs previous 7 days' } } }
export const LongValue: Story = { args: { label: 'Input tokens', value: '1,234,567,890,123', sub: '987,654,321 of 1,234,567,890,123 input' } }
export const Loading: Story = { args: { loading: true } }
export const Failing: Story = { args: { error: new Error('getSummary timed out after 30 s'), onRetry: () => {} } }
export const Dark: Story = { globals: { theme: 'dark' } }
