// Seed 000 — "Usage": spend over time, tokens by model, requests by user, a From–To range,
// and the detailed usage table with search, filtering and export.
import type { Meta, StoryObj } from '@storybook/react-vite'
import { UsagePage, requestLogColumns } from '@usagekit/react'

function OrgUsagePage() {
  return (
    <UsagePage
      title="Usage"
      description="How models and services are used across the organisation: spend, token consumption and request activity."
      sections={['spend', 'requests']}
      view={false}
      filters={['user', 'model', 'application']}
      live={false}
      requestColumns={requestLogColumns.orgUsage}
    />
  )
}

const meta = {
  title: 'Recipes/Org usage (seed 000)',
  component: OrgUsagePage,
  parameters: { usage: { framed: false, provider: { defaultRange: { from: '2026-11-06', to: '2026-11-19' } } } },
} satisfies Meta<typeof OrgUsagePage>
export default meta

export const OrgUsage: StoryObj<typeof meta> = {}
