import type { Meta, StoryObj } from '@storybook/react-vite'
import { RequestDrawer } from '@usagekit/react'
import { StoryProvider } from '../support/StoryProvider'
import { storyRecords } from '../support/storyData'

const meta = {
  title: 'Components/RequestDrawer',
  component: RequestDrawer,
  args: { requestId: null, onClose: () => {} },
  render: (args, { globals }) => (
    <StoryProvider theme={globals.theme}>
      <RequestDrawer {...args} />
    </StoryProvider>
  ),
} satisfies Meta<typeof RequestDrawer>
export default meta
type Story = StoryObj<typeof meta>

const withCache = () => storyRecords().findLast((r) => r.cachedInputTokens > 0 && r.agent && r.status === 'success')!
const failed = () => storyRecords().findLast((r) => r.status === 'error')!

export const Open: Story = { args: { requestId: withCache().id, onPrevious: () => {}, onNext: () => {} } }
export const FailedRequest: Story = { args: { requestId: failed().id } }
