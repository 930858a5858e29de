import type { Meta, StoryObj } from '@storybook/react-vite'
import { BreakdownTable, ExportButton } from '@usagekit/react'
import { storyRecords } from '../support/storyData'

/** Every fixture request under its own user: thousands of rows from the same generator. */
function manyUsers() {
  return storyRecords().slice(-12_000).map((record, i) => ({ ...record, userId: `u-${i % 6000}`, userName: `${record.userName} ${i % 6000}`, userEmail: `user${i % 6000}@acme.example` }))
}

const meta = { title: 'Components/BreakdownTable', component: BreakdownTable } satisfies Meta<typeof BreakdownTable>
export default meta
type Story = StoryObj<typeof meta>

/** Seed 001, By user: name + email + team badge, sparkline, models "+N", sortable numbers. */
export const ByUser: Story = { args: { groupBy: 'user', actions: <ExportButton kind="breakdown" /> } }
/** Seed 001, By team. */
export const ByTeam: Story = { args: { groupBy: 'team' } }
export const ByModel: Story = { args: { groupBy: 'model', showModels: false } }
/** 6,000 users, virtualized: at most a screenful of rows in the DOM. */
export const Dense: Story = { args: { groupBy: 'user' }, parameters: { usage: { adapter: { records: manyUsers() } } } }
export const Loading: Story = { parameters: { usage: { state: 'loading' } } }
export const Failing: Story = { parameters: { usage: { state: 'error' } } }
export const Empty: Story = { parameters: { usage: { state: 'empty' } } }
export const Dark: Story = { args: { groupBy: 'user' }, globals: { theme: 'dark' } }
/** 360 px: a card list — name and team, the cost beside it, the other numbers below; a Sort by control. */
export const Narrow: Story = { args: { groupBy: 'user' }, parameters: { usage: { width: 360 } } }
