import type { Meta, StoryObj } from '@storybook/react-vite'
import { KpiGrid } from '@usagekit/react'

const meta = { title: 'Components/KpiGrid', component: KpiGrid, args: { preset: 'teamUsage' } } satisfies Meta<typeof KpiGrid>
export default meta
type Story = StoryObj<typeof meta>

/** Seed 001: team and user usage. */
export const TeamUsage: Story = {}
/** Seed 002: the LLM section ("X of Y" cached). */
export const Llm: Story = { args: { preset: 'llm' } }
/** Seed 003: a model's four cards. */
export const ModelUsage: Story = { args: { preset: 'modelUsage' } }
/** Seed 004: thousands of tokens. */
export const TokenOverview: Story = { args: { preset: 'tokenOverview' } }
export const Compute: Story = { args: { preset: 'compute' } }
export const WithoutDeltas: Story = { args: { preset: 'modelUsage', compare: false } }
export const Loading: Story = { parameters: { usage: { state: 'loading' } } }
export const Failing: Story = { parameters: { usage: { state: 'error' } } }
export const Empty: Story = { parameters: { usage: { state: 'empty' } } }
export const Dark: Story = { args: { preset: 'modelUsage' }, globals: { theme: 'dark' } }
export const Narrow: Story = { args: { preset: 'modelUsage' }, parameters: { usage: { width: 360 } } }
