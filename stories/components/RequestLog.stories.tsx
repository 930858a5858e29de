import type { Meta, StoryObj } from '@storybook/react-vite'
import { ExportButton, RequestLog, requestLogColumns } from '@usagekit/react'
import { foreignStoryRecords } from '../support/storyData'

const meta = { title: 'Components/RequestLog', component: RequestLog } satisfies Meta<typeof RequestLog>
export default meta
type Story = StoryObj<typeof meta>

/** Seed 003's columns: time, status, prompt, completion, total, latency, spend, request ID. */
export const ModelRequests: Story = { args: { pageSize: 20, actions: <ExportButton /> } }
/** Seed 000's detailed usage table. */
export const OrgUsage: Story = { args: { columns: requestLogColumns.orgUsage, pageSize: 20 } }
export const WithoutCost: Story = { args: { pageSize: 10 }, parameters: { usage: { provider: { permissions: { cost: false } } } } }
export const Loading: Story = { parameters: { usage: { state: 'loading' } } }
export const Failing: Story = { parameters: { usage: { state: 'error' } } }
export const Empty: Story = { parameters: { usage: { state: 'empty' } } }
export const Dark: Story = { args: { pageSize: 10 }, globals: { theme: 'dark' } }
export const Narrow: Story = { args: { pageSize: 10 }, parameters: { usage: { width: 360 } } }
/** A gateway's log: end customers, requests without a user as "(none)", no column for what the table lacks. */
export const ForeignTable: Story = {
  args: { columns: requestLogColumns.gateway, pageSize: 20, exportable: true },
  parameters: { usage: { lacks: ['cachedInputTokens', 'team', 'application', 'agent'], adapter: { records: foreignStoryRecords() } } },
}
