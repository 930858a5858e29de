// Seed 004 — "Usage Statistics": API key and model filters, "Last 2 weeks" by default, the
// K-tokens overview and the per-model trend with Total / Input / Output. deepseek-r1 is purple (the
// seed says so): the palette's violet slot, reserved for it and lifted for the dark theme.
import type { Meta, StoryObj } from '@storybook/react-vite'
import { UsagePage } from '@usagekit/react'

function UsageStatisticsPage() {
  return (
    <UsagePage
      title="Usage Statistics"
      description="Calls and token consumption by model, in thousands of tokens."
      sections={['statistics']}
      view={false}
      filters={['apiKey', 'model']}
      singleSelectFilters
      presets={['last2Weeks', 'thisMonth', '7d', '30d']}
      live={false}
    />
  )
}

const meta = {
  title: 'Recipes/Usage statistics (seed 004)',
  component: UsageStatisticsPage,
  parameters: { usage: { framed: false, provider: { defaultRange: { preset: 'last2Weeks' }, seriesColors: { 'public/deepseek-r1': 'var(--uk-series-6)' } } } },
} satisfies Meta<typeof UsageStatisticsPage>
export default meta

export const UsageStatistics: StoryObj<typeof meta> = {}
