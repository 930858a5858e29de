import type { Meta, StoryObj } from '@storybook/react-vite'
import { BarList } from '@usagekit/react'

const meta = {
  title: 'Components/BarList',
  component: BarList,
  args: { title: 'Top consumers', subtitle: 'Total tokens, by the agent or user that made the calls', groupBy: 'consumer', metric: 'totalTokens' },
  parameters: { usage: { width: 520 } },
} satisfies Meta<typeof BarList>
export default meta
type Story = StoryObj<typeof meta>

export const TopConsumers: Story = {}
/** Bars in each model's page colour: solid, at least 3:1 against the card in both themes. */
export const ByModel: Story = { args: { title: 'Tokens by model', subtitle: 'Total tokens', groupBy: 'model', colorByKey: true } }
export const ByModelDark: Story = { args: { title: 'Tokens by model', subtitle: 'Total tokens', groupBy: 'model', colorByKey: true }, globals: { theme: 'dark' } }
export const TopAgents: Story = { args: { title: 'Top agents by CPU', subtitle: 'CPU core-hours allocated', groupBy: 'agent', metric: 'cpuCoreHours' } }
/** Long and non-ASCII names are cut with an ellipsis and kept whole in the title. */
export const LongNames: Story = { args: { title: 'Teams by spend', subtitle: 'Spend', groupBy: 'team', metric: 'cost' } }
export const Loading: Story = { parameters: { usage: { width: 520, state: 'loading' } } }
export const Failing: Story = { parameters: { usage: { width: 520, state: 'error' } } }
export const Empty: Story = { parameters: { usage: { width: 520, state: 'empty' } } }
export const Dark: Story = { globals: { theme: 'dark' } }
export const Narrow: Story = { parameters: { usage: { width: 360 } } }
