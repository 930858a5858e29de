import type { Meta, StoryObj } from '@storybook/react-vite'
import type { UsageRecord } from '@usagekit/core'
import { RequestDrawer } from '@usagekit/react'
import { foreignStoryRecords, storyRecords } from '../support/storyData'

const withCache = () => storyRecords().findLast((r) => r.cachedInputTokens > 0 && r.agent && r.status === 'success')!
const failed = () => storyRecords().findLast((r) => r.status === 'error')!
const tricky = () => storyRecords().findLast((r) => r.prompt?.includes('<script>'))!
/** A gateway log's metadata: headers, a retry list, objects inside objects, one nested past the 8 levels shown. */
const nestedMetadata = () =>
  ({
    ...withCache(),
    id: 'req_nested_metadata',
    metadata: {
      route: 'chat.completions',
      attempt: 2,
      streamed: true,
      traceId: null,
      headers: { 'x-foo': 'bar', 'x-request-id': 'req_01JD2Q8M4Z7W', 'user-agent': 'gateway/2.14 (+https://gateway.example.com/docs/agents)' },
      retries: [1, 2],
      nested: { a: { b: null } },
      fallbacks: [{ model: 'gpt-4o-mini', reason: 'rate_limited', waitMs: 1200 }],
      '<b>markup key</b>': '<img src=x onerror=alert(1)>',
      deep: { l1: { l2: { l3: { l4: { l5: { l6: { l7: { l8: { l9: 'not shown' } } } } } } } } },
    },
  }) as unknown as UsageRecord

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
/**
 * Nested metadata as a collapsible tree (keys and values as text, "…" past 8 levels); opens scrolled
 * to it with every level expanded (the tree itself opens only the first). The answer is validated as
 * every answer is: core's schema takes any JSON up to 32 levels.
 */
export const NestedMetadata: Story = {
  args: { requestId: 'req_nested_metadata' },
  parameters: { usage: { adapter: { records: [nestedMetadata()] } } },
  play: async () => {
    for (let i = 0; i < 50; i++) {
      const metadata = document.querySelector('.uk-drawer section[aria-label="Metadata"]')
      if (metadata) {
        for (const details of metadata.querySelectorAll('details')) details.open = true
        return metadata.scrollIntoView({ block: 'start' })
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  },
}

/**
 * A request from a gateway's own log, made without a user: the table records no call type, model id,
 * retries, cache flag, cached tokens or cost lines, so the drawer shows none of them (the cost stays,
 * in Metrics) and the user reads "(none)".
 */
const foreignRequest = () => {
  const { userName: _name, userEmail: _email, callType: _call, modelId: _model, retries: _retries, cacheHit: _hit, costBreakdown: _lines, ...rest } = foreignStoryRecords().findLast(
    (r) => !r.userId && r.customer && r.status === 'success',
  )!
  return { ...rest, id: 'req_foreign_no_user' } as UsageRecord
}
export const ForeignRequest: Story = {
  args: { requestId: 'req_foreign_no_user' },
  parameters: { usage: { lacks: ['cachedInputTokens', 'team', 'cacheHit'], adapter: { records: [foreignRequest()] } } },
}
export const ForeignRequestNarrow: Story = {
  args: { requestId: 'req_foreign_no_user' },
  parameters: { usage: { lacks: ['cachedInputTokens', 'team', 'cacheHit'], adapter: { records: [foreignRequest()] } }, viewport: { defaultViewport: 'narrow' } },
  globals: { viewport: { value: 'narrow' } },
}
