import type { Meta, StoryObj } from '@storybook/react-vite'
import { RequestDrawer } from '@usagekit/react'
import { storyRecords } from '../support/storyData'

const withCache = () => storyRecords().findLast((r) => r.cachedInputTokens > 0 && r.agent && r.status === 'success')!
const failed = () => storyRecords().findLast((r) => r.status === 'error')!
const tricky = () => storyRecords().findLast((r) => r.prompt?.includes('<script>'))!

const meta = {
  title: 'Components/RequestDrawer',
  component: RequestDrawer,
  args: { requestId: null, onClose: () => {} },
} satisfies Meta<typeof RequestDrawer>
export default meta
type Story = StoryObj<typeof meta>

export const Open: Story = { args: { requestId: withCache().id, onPrevious: () => {}, onNext: () => {} } }
export const FailedRequest: Story = { args: { requestId: failed().id } }
/** A prompt with markup renders as text. */
export const MarkupInPrompt: Story = { args: { requestId: tricky().id } }
export const ContentHidden: Story = { args: { requestId: withCache().id }, parameters: { usage: { provider: { permissions: { requestContent: false } } } } }
export const Loading: Story = { args: { requestId: withCache().id }, parameters: { usage: { state: 'loading' } } }
export const Failing: Story = { args: { requestId: withCache().id }, parameters: { usage: { state: 'error' } } }
export const Dark: Story = { args: { requestId: withCache().id }, globals: { theme: 'dark' } }
export const Narrow: Story = { args: { requestId: withCache().id }, parameters: { viewport: { defaultViewport: 'narrow' } }, globals: { viewport: { value: 'narrow' } } }
