import type { Meta, StoryObj } from '@storybook/react-vite'
import { UsagePage } from '@usagekit/react'
import { StoryProvider } from '../support/StoryProvider'

const meta = {
  title: 'Components/UsagePage',
  component: UsagePage,
  render: (args, { globals }) => (
    <StoryProvider framed={false} theme={globals.theme}>
      <UsagePage {...args} />
    </StoryProvider>
  ),
} satisfies Meta<typeof UsagePage>
export default meta
type Story = StoryObj<typeof meta>

export const TeamUsage: Story = { args: { sections: ['team', 'requests'] } }
export const ConsoleSections: Story = { args: { sections: ['llm', 'compute', 'storage', 'platform'], view: false, filters: [], live: false } }
