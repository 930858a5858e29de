// Seed 003 — a deployed model's Usage tab: time window, Refresh, Live every 15 s with a banner and
// Stop, the four cards, the request log and the request detail drawer.
import type { Meta, StoryObj } from '@storybook/react-vite'
import { UsagePage } from '@usagekit/react'

function ModelUsageTab() {
  return (
    <UsagePage
      title="gpt-4.1-mini · Usage"
      description="Requests, tokens, latency and spend for this deployment."
      sections={['model', 'requests']}
      view={false}
      filters={[]}
      presets={['24h', '7d', '30d']}
    />
  )
}

const meta = {
  title: 'Recipes/Model usage tab (seed 003)',
  component: ModelUsageTab,
  // The host pins the model: every widget is scoped to it and no menu offers another.
  parameters: { usage: { framed: false, provider: { fixedFilters: { model: ['gpt-4.1-mini'] } } } },
} satisfies Meta<typeof ModelUsageTab>
export default meta

export const ModelUsage: StoryObj<typeof meta> = {}
