import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { UsageAdapter } from '@usagekit/core'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { describe, expect, it, vi } from 'vitest'
import { ActivityChart } from '../charts/ActivityChart.js'
import { BarList } from '../charts/BarList.js'
import { FilterBar } from '../controls/FilterBar.js'
import { BreakdownTable } from '../table/BreakdownTable.js'
import { renderUsage, testRecords } from '../test/renderUsage.js'
import { toggleFilterValue } from './crossFilter.js'
import { useUsageSelection } from './UsageProvider.js'

/** Counts the adapter's calls per method. */
function countingAdapter() {
  const memory = createMemoryAdapter(testRecords())
  const calls: Record<string, unknown[]> = { getTimeSeries: [], getBreakdown: [], listRequests: [] }
  const adapter: UsageAdapter = {
    ...memory,
    getTimeSeries: (p) => (calls.getTimeSeries!.push(p), memory.getTimeSeries(p)),
    getBreakdown: (p) => (calls.getBreakdown!.push(p), memory.getBreakdown(p)),
    listRequests: (p) => (calls.listRequests!.push(p), memory.listRequests(p)),
  }
  return { adapter, calls }
}

function Filters() {
  const { filters } = useUsageSelection()
  return <output aria-label="filters">{JSON.stringify(filters)}</output>
}

describe('toggleFilterValue', () => {
  it('adds a key that is not there and removes one that is, leaving other dimensions alone', () => {
    expect(toggleFilterValue({ model: ['a'] }, 'team', 'Research')).toEqual({ model: ['a'], team: ['Research'] })
    expect(toggleFilterValue({ team: ['Research', 'Growth'] }, 'team', 'Research')).toEqual({ team: ['Growth'] })
    expect(toggleFilterValue({ team: ['Growth'] }, 'team', '__none__')).toEqual({ team: ['Growth', '__none__'] })
  })
})

describe('cross-filter', () => {
  it('toggles a team from the chart legend into the filters: the filter bar shows it and every widget refetches once', async () => {
    const { adapter, calls } = countingAdapter()
    renderUsage(
      <>
        <FilterBar dimensions={['team']} />
        <ActivityChart variant="byTeam" />
        <BreakdownTable groupBy="team" />
        <Filters />
      </>,
      { adapter },
    )
    await screen.findByRole('figure', { name: 'Requests by team' })
    // Queried by selector: role queries over a page of widgets are slow in jsdom.
    const legend = document.querySelector('ul.uk-legend') as HTMLElement
    await waitFor(() => expect(screen.getByRole('table', { name: 'Breakdown' }).closest('section')).toHaveAttribute('data-state', 'ready'))
    const before = { series: calls.getTimeSeries!.length, breakdown: calls.getBreakdown!.length }
    await userEvent.click(within(legend).getByRole('button', { name: 'Research' }))
    expect(screen.getByRole('status', { hidden: true, name: 'filters' })).toHaveTextContent('{"team":["Research"]}')
    await waitFor(() => expect(screen.getByRole('button', { name: 'Team: Research' })).toBeInTheDocument())
    await waitFor(() => expect(screen.getByRole('table', { name: 'Breakdown' }).querySelectorAll('tbody tr[data-key]')).toHaveLength(1))
    expect(screen.getByRole('table', { name: 'Breakdown' }).querySelector('tbody tr[data-key]')).toHaveAttribute('data-key', 'Research')
    // One new request per widget, each with the filter.
    expect(calls.getTimeSeries!.length - before.series).toBe(1)
    expect(calls.getBreakdown!.length - before.breakdown).toBe(1)
    expect((calls.getTimeSeries!.at(-1) as { filters: unknown }).filters).toEqual({ team: ['Research'] })
    // The legend name reads as pressed; a second click removes the filter.
    const research = within(document.querySelector('ul.uk-legend') as HTMLElement).getByRole('button', { name: 'Research' })
    await waitFor(() => expect(research).toHaveAttribute('aria-pressed', 'true'))
    await userEvent.click(research)
    expect(screen.getByRole('status', { hidden: true, name: 'filters' })).toHaveTextContent('{"team":[]}')
  })

  it('filters from a breakdown row (click or Enter) and from a bar, (none) included; the filter bar shows a dimension it had no menu for', async () => {
    renderUsage(
      <>
        <FilterBar dimensions={['team']} />
        <BarList title="Requests by customer" groupBy="customer" metric="requests" />
        <BreakdownTable groupBy="team" />
        <Filters />
      </>,
    )
    const table = await screen.findByRole('table', { name: 'Breakdown' })
    await waitFor(() => expect(table.querySelector('tbody tr[data-key="Research"]')).not.toBeNull())
    await userEvent.click(within(table.querySelector('tbody tr[data-key="Research"]') as HTMLElement).getByText('Research'))
    expect(screen.getByRole('status', { hidden: true, name: 'filters' })).toHaveTextContent('{"team":["Research"]}')
    await waitFor(() => expect(table.querySelectorAll('tbody tr[data-key]')).toHaveLength(1))
    const row = table.querySelector('tbody tr[data-key="Research"]') as HTMLElement
    expect(row).toHaveAttribute('aria-selected', 'true')
    row.focus()
    await userEvent.keyboard('{Enter}')
    expect(screen.getByRole('status', { hidden: true, name: 'filters' })).toHaveTextContent('{"team":[]}')

    const bars = await screen.findByRole('list', { name: 'Requests by customer' })
    await waitFor(() => expect(bars.querySelector('li[data-key="__none__"] button')).not.toBeNull())
    await userEvent.click(bars.querySelector('li[data-key="__none__"] button')!)
    expect(screen.getByRole('status', { hidden: true, name: 'filters' })).toHaveTextContent('"customer":["__none__"]')
    // The bar now reads as chosen; the filter bar grew a User menu to show and clear it.
    await waitFor(() => expect(bars.querySelector('li[data-key="__none__"] button')).toHaveAttribute('aria-pressed', 'true'))
    expect(screen.getByRole('group', { name: 'Filters' })).toHaveTextContent(/Customer/)
  })

  it('lets the host cancel: the component’s onSelectKey runs first, then the provider’s; preventDefault or false keeps the filters', async () => {
    const order: string[] = []
    const providerHandler = vi.fn((event: { key: string; source: string; selected: boolean; preventDefault: () => void }) => {
      order.push(`provider ${event.key} ${event.source} ${event.selected}`)
      if (event.key === 'Research') event.preventDefault()
    })
    const componentHandler = vi.fn((event: { key: string }) => {
      order.push(`component ${event.key}`)
      return event.key === 'Growth' ? false : undefined
    })
    renderUsage(
      <>
        <BreakdownTable groupBy="team" onSelectKey={componentHandler} />
        <Filters />
      </>,
      { onSelectKey: providerHandler },
    )
    const table = await screen.findByRole('table', { name: 'Breakdown' })
    await waitFor(() => expect(table.querySelector('tbody tr[data-key="Growth"]')).not.toBeNull())
    await userEvent.click(table.querySelector('tbody tr[data-key="Research"] td')!)
    await userEvent.click(table.querySelector('tbody tr[data-key="Growth"] td')!)
    expect(order).toEqual(['component Research', 'provider Research breakdown true', 'component Growth'])
    expect(screen.getByRole('status', { hidden: true, name: 'filters' })).toHaveTextContent('{}')
    const third = table.querySelector('tbody tr[data-key]:not([data-key="Growth"]):not([data-key="Research"])') as HTMLElement
    await userEvent.click(third.querySelector('td')!)
    expect(screen.getByRole('status', { hidden: true, name: 'filters' })).toHaveTextContent(`{"team":["${third.dataset.key}"]}`)
  })

  it('never filters by a fixed dimension', async () => {
    renderUsage(
      <>
        <BreakdownTable groupBy="team" />
        <Filters />
      </>,
      { fixedFilters: { team: ['Research'] } },
    )
    const table = await screen.findByRole('table', { name: 'Breakdown' })
    await waitFor(() => expect(table.querySelector('tbody tr[data-key="Research"]')).not.toBeNull())
    const row = table.querySelector('tbody tr[data-key="Research"]') as HTMLElement
    expect(row).not.toHaveAttribute('tabindex')
    await userEvent.click(row.querySelector('td')!)
    expect(screen.getByRole('status', { hidden: true, name: 'filters' })).toHaveTextContent('{}')
  })
})
