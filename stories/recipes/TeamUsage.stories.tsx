// Seed 001 — "Usage": By user / By team, time range, API key, tag and team filters, Live mode,
// the KPI cards, the activity chart and the breakdown table.
import type { Meta, StoryObj } from '@storybook/react-vite'
import { UsagePage } from '@usagekit/react'

function TeamUsagePage() {
  return (
    <UsagePage
      title="Usage"
      description="Who is consuming AI resources and what it costs, by team or by user."
      sections={['team']}
      filters={['apiKey', 'tag', 'team']}
      presets={['24h', '7d', '14d', '30d']}
    />
  )
}

const meta = {
  title: 'Recipes/Team and user usage (seed 001)',
  component: TeamUsagePage,
  parameters: { usage: { framed: false } },
} satisfies Meta<typeof TeamUsagePage>
export default meta
type Story = StoryObj<typeof meta>

export const ByUser: Story = {}
export const ByTeam: Story = { parameters: { usage: { framed: false, provider: { defaultView: 'team', defaultRange: { preset: '30d' } } } } }
