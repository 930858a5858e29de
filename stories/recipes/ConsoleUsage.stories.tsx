// Seed 002 — "Usage" in the console: LLM, Compute, Storage and Platform sections with their
// cards and charts, bucket sizes per preset, and no live mode.
import type { Meta, StoryObj } from '@storybook/react-vite'
import { UsagePage } from '@usagekit/react'

function ConsoleUsagePage() {
  return (
    <UsagePage
      title="Usage"
      description="Resource consumption for your organization: LLM tokens, compute hours, storage and platform activity."
      sections={['llm', 'compute', 'storage', 'platform']}
      view={false}
      filters={[]}
      presets={['24h', '7d', '30d']}
      live={false}
      refresh={false}
    />
  )
}

const meta = {
  title: 'Recipes/Console usage (seed 002)',
  component: ConsoleUsagePage,
  parameters: { usage: { framed: false } },
} satisfies Meta<typeof ConsoleUsagePage>
export default meta

export const ConsoleUsage: StoryObj<typeof meta> = {}
