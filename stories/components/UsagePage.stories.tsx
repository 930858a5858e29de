import type { Meta, StoryObj } from '@storybook/react-vite'
import { UsagePage } from '@usagekit/react'

const meta = {
  title: 'Components/UsagePage',
  component: UsagePage,
  parameters: { usage: { framed: false } },
} satisfies Meta<typeof UsagePage>
export default meta
type Story = StoryObj<typeof meta>

export const TeamUsage: Story = { args: { sections: ['team', 'requests'] } }
export const ConsoleSections: Story = { args: { sections: ['llm', 'compute', 'storage', 'platform'], view: false, filters: [], live: false } }
export const Loading: Story = { args: { sections: ['team'] }, parameters: { usage: { framed: false, state: 'loading' } } }
export const Failing: Story = { args: { sections: ['team'] }, parameters: { usage: { framed: false, state: 'error' } } }
export const Empty: Story = { args: { sections: ['team', 'requests'] }, parameters: { usage: { framed: false, state: 'empty' } } }
export const Dark: Story = { args: { sections: ['team'] }, globals: { theme: 'dark' } }
export const Narrow: Story = { args: { sections: ['team', 'requests'] }, parameters: { usage: { framed: false, width: 360 } } }
export const Compact: Story = { args: { sections: ['team'] }, parameters: { usage: { framed: false, provider: { density: 'compact' } } } }
