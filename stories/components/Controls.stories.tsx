import type { Meta, StoryObj } from '@storybook/react-vite'
import { DimensionFilter, ExportButton, FilterBar, LiveBanner, LiveToggle, RefreshButton, TimeRangePicker, ViewToggle } from '@usagekit/react'
import { expect, userEvent, within } from 'storybook/test'

const meta = { title: 'Components/Controls', component: FilterBar } satisfies Meta<typeof FilterBar>
export default meta
type Story = StoryObj<typeof meta>

/** Seed 001's filters: API keys, tags, teams; "All" by default. */
export const Filters: Story = { args: { dimensions: ['apiKey', 'tag', 'team'], labels: { apiKey: 'API keys', tag: 'Tags', team: 'Teams' } } }
/** Seed 004: single-select API key and model menus. */
export const SingleSelect: Story = { args: { dimensions: ['apiKey', 'model'], single: true } }
/** An open menu with search and counts. */
export const FilterMenuOpen: Story = {
  render: () => <DimensionFilter dimension="user" label="Users" />,
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: /Users/ }))
    await expect(await within(document.body).findByRole('searchbox', { name: 'Search user' })).toBeVisible()
  },
}
export const Filtered: Story = { args: { dimensions: ['team', 'model'] }, parameters: { usage: { provider: { defaultFilters: { team: ['Research', 'Équipe Données'], model: ['gpt-4.1'] } } } } }
export const TimeRange: Story = { render: () => <TimeRangePicker /> }
/** The custom From–To calendar, open. */
export const CustomRangeOpen: Story = {
  render: () => <TimeRangePicker />,
  parameters: { usage: { provider: { defaultRange: { from: '2026-11-02', to: '2026-11-08' } } } },
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: /^Time range:/ }))
    await expect(await within(document.body).findByRole('button', { name: 'Apply' })).toBeVisible()
  },
}
export const View: Story = { render: () => <ViewToggle /> }
export const LiveOff: Story = { render: () => (<><LiveToggle /><RefreshButton /><LiveBanner /></>) }
export const LiveOn: Story = {
  render: () => (<><LiveToggle /><RefreshButton /><LiveBanner /></>),
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Live' }))
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Live')
  },
}
export const Export: Story = { render: () => <ExportButton /> }
export const Dark: Story = { args: { dimensions: ['apiKey', 'tag', 'team'] }, globals: { theme: 'dark' } }
export const Narrow: Story = { args: { dimensions: ['apiKey', 'tag', 'team'] }, parameters: { usage: { width: 360 } } }
