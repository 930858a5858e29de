// A gateway's own request log read in place (LiteLLM's spend logs, or any real table): the page shows
// only what the table can answer. Here it has no cached prompt tokens, no teams, applications or
// agents, and some requests were made without a user; it does know end customers and gateway cache hits.
import type { Meta, StoryObj } from '@storybook/react-vite'
import { UsagePage, requestLogColumns } from '@usagekit/react'
import { foreignStoryRecords } from '../support/storyData'

function ForeignTablePage() {
  return (
    <UsagePage
      title="Usage"
      description="Spend, tokens and requests from the proxy’s own spend log."
      sections={['gateway', 'requests']}
      view={['user', 'team', 'customer']}
      filters={['customer', 'team', 'apiKey', 'model']}
      requestColumns={requestLogColumns.gateway}
    />
  )
}

const meta = {
  title: 'Recipes/Foreign table (gateway log)',
  component: ForeignTablePage,
  parameters: {
    usage: { framed: false, lacks: ['cachedInputTokens', 'team', 'application', 'agent'], adapter: { records: foreignStoryRecords() } },
  },
} satisfies Meta<typeof ForeignTablePage>
export default meta
type Story = StoryObj<typeof meta>

/** No cached-token card or series, no team filter or view; customers, cache hits and "(none)" users. */
export const ForeignTable: Story = {}
/** Grouped by the host's end customers (`view=customer`): requests by customer, the breakdown per customer. */
export const ByCustomer: Story = {
  parameters: {
    usage: {
      framed: false,
      lacks: ['cachedInputTokens', 'team', 'application', 'agent'],
      adapter: { records: foreignStoryRecords() },
      provider: { defaultView: 'customer' },
    },
  },
}
/** A table with only what every log has: no customers, cache flag, keys or tags either. */
export const BareTable: Story = {
  parameters: {
    usage: {
      framed: false,
      lacks: ['cachedInputTokens', 'team', 'application', 'agent', 'customer', 'cacheHit', 'apiKey', 'tags'],
      adapter: { records: foreignStoryRecords() },
    },
  },
}
export const Narrow: Story = {
  parameters: {
    usage: { framed: false, width: 360, lacks: ['cachedInputTokens', 'team', 'application', 'agent'], adapter: { records: foreignStoryRecords() } },
  },
}
