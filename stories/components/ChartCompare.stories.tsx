import type { Meta, StoryObj } from '@storybook/react-vite'
import { ActivityChart, SpendChart, TokensChart, UsageChart } from '@usagekit/react'

const meta = {
  title: 'Components/Charts/Compare',
  component: UsageChart,
  args: { title: 'Spend', metrics: ['cost'], defaultCompare: true },
  // The last two weeks, running at the story clock: the previous fortnight is compared up to the same elapsed point.
  parameters: { usage: { provider: { defaultRange: { preset: 'last2Weeks' } } } },
} satisfies Meta<typeof UsageChart>
export default meta
type Story = StoryObj<typeof meta>

/** Spend with the previous period as outline bars (the header's Compare toggle is on). */
export const Bars: Story = { render: () => <SpendChart defaultCompare /> }
/** The line form: the previous period is a thin dashed muted line. */
export const Lines: Story = { args: { title: 'Spend', metrics: ['cost'], kind: 'lines', defaultCompare: true } }
/** Stacked by team: the previous period's total behind each stack. */
export const Stacked: Story = { render: () => <ActivityChart variant="byTeam" defaultCompare /> }
/** Two bars a bucket (input, output): one outline each. */
export const Tokens: Story = { render: () => <TokensChart defaultCompare /> }
/** Off, the default: only the toggle in the header. */
export const Off: Story = { render: () => <SpendChart /> }
/** This month so far (1d buckets): day i of the month against day i of the equally long stretch before the 1st, today up to now. */
export const ThisMonth: Story = { render: () => <SpendChart defaultCompare />, parameters: { usage: { provider: { defaultRange: { preset: 'thisMonth' } } } } }
export const Dark: Story = { render: () => <SpendChart defaultCompare />, globals: { theme: 'dark' } }
export const DarkLines: Story = { args: { title: 'Spend', metrics: ['cost'], kind: 'lines', defaultCompare: true }, globals: { theme: 'dark' } }
export const Narrow: Story = { render: () => <SpendChart defaultCompare />, parameters: { usage: { width: 360, provider: { defaultRange: { preset: 'last2Weeks' } } } } }
