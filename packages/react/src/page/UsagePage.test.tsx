import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { UsageAdapter } from '@usagekit/core'
import { generateMeterRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { renderToString } from 'react-dom/server'
import { hydrateRoot } from 'react-dom/client'
import { act } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { UsageProvider } from '../context/UsageProvider.js'
import { NOW, renderUsage, testQueryClient, testRecords } from '../test/renderUsage.js'
import { UsagePage } from './UsagePage.js'

describe('UsagePage', () => {
  it('composes seed 001: view toggle, filters, KPI cards, activity chart and breakdown that follow the view', async () => {
    renderUsage(<UsagePage sections={['team']} />)
    expect(screen.getByRole('heading', { level: 1, name: 'Usage' })).toBeInTheDocument()
    // The menus appear once the capabilities say which dimensions the adapter offers.
    await waitFor(() => expect(screen.getByRole('group', { name: 'Filters' })).toHaveTextContent(/API key/))
    await waitFor(() => expect(screen.getByText('Active users', { selector: '.uk-kpi-label' }).closest('section')).toHaveAttribute('data-state', 'ready'))
    expect(await screen.findByRole('figure', { name: 'Active users per day' })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('radio', { name: 'By team' }))
    expect(await screen.findByRole('figure', { name: 'Requests by team' })).toBeInTheDocument()
    await waitFor(() => expect(screen.getByRole('table', { name: 'Breakdown' }).closest('section')).toHaveAttribute('data-view', 'team'))
  })

  it('lays out seed 002’s sections and hides the ones the adapter cannot answer', async () => {
    const meters = generateMeterRecords({ seed: 5, start: '2026-11-06T00:00:00.000Z', end: NOW })
    const { unmount } = renderUsage(<UsagePage sections={['llm', 'compute', 'storage', 'platform']} view={false} filters={[]} live={false} />, {
      adapter: createMemoryAdapter(testRecords(), { meters }),
    })
    for (const name of ['LLM', 'Compute', 'Storage', 'Platform activity']) expect(await screen.findByRole('heading', { level: 2, name })).toBeInTheDocument()
    expect(await screen.findByRole('figure', { name: 'Tokens over time' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Live' })).not.toBeInTheDocument()
    unmount()
    renderUsage(<UsagePage sections={['llm', 'compute']} view={false} filters={[]} />)
    expect(await screen.findByRole('heading', { level: 2, name: 'LLM' })).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByRole('heading', { level: 2, name: 'Compute' })).not.toBeInTheDocument())
  })

  it('applies a filter chosen in a menu to every widget', async () => {
    const memory = createMemoryAdapter(testRecords())
    const seen: unknown[] = []
    const adapter: UsageAdapter = { ...memory, getSummary: (p) => (seen.push(p.filters), memory.getSummary(p)) }
    renderUsage(<UsagePage sections={['model']} view={false} filters={['team']} />, { adapter })
    await userEvent.click(await screen.findByRole('button', { name: 'Team: All' }))
    const option = await screen.findByRole('checkbox', { name: /Research/ })
    await userEvent.click(option)
    await waitFor(() => expect(seen.at(-1)).toEqual({ team: ['Research'] }))
    await userEvent.keyboard('{Escape}')
    expect(screen.getByRole('button', { name: 'Team: Research' })).toBeInTheDocument()
  })

  it('switches the time range from the picker', async () => {
    const memory = createMemoryAdapter(testRecords())
    const ranges: string[] = []
    const adapter: UsageAdapter = { ...memory, getSummary: (p) => (ranges.push(`${p.range.start}/${p.range.end}`), memory.getSummary(p)) }
    renderUsage(<UsagePage sections={['model']} view={false} filters={[]} />, { adapter })
    await waitFor(() => expect(ranges).toContain('2026-11-13T15:00:00.000Z/2026-11-20T15:00:00.000Z'))
    // One control: a button that says the range in words and opens the presets beside the calendar.
    const trigger = screen.getByRole('button', { name: /^Time range: Last 7 days/ })
    expect(trigger).toHaveTextContent(/Nov 13\s–\s20, 2026/)
    await userEvent.click(trigger)
    await userEvent.click(await screen.findByRole('button', { name: /^Last 2 weeks/ }))
    expect(screen.getByRole('button', { name: /^Time range: Last 2 weeks/ })).toHaveTextContent(/Nov 7\s–\s20, 2026/)
    await waitFor(() => expect(ranges.at(-1)).toBe('2026-11-06T23:00:00.000Z/2026-11-20T23:00:00.000Z'))
  })

  it('keeps the page up when one widget throws while rendering: its error state offers Retry, the rest works', async () => {
    const memory = createMemoryAdapter(testRecords())
    let broken = true
    let calls = 0
    // Without validation an answer of the wrong shape reaches the widget, which throws while rendering.
    const adapter: UsageAdapter = {
      ...memory,
      getBreakdown: async (p) => (calls++, broken ? ({ rows: [null], total: 1 } as unknown as Awaited<ReturnType<UsageAdapter['getBreakdown']>>) : memory.getBreakdown(p)),
    }
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    renderUsage(<UsagePage sections={['team', 'requests']} />, { adapter, validate: false })
    // Under a loaded test run the first answers can take a while.
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 })
    expect(alert).toHaveTextContent('This widget could not be shown')
    // The host page, the other widgets of the section and the next section are still there.
    expect(screen.getByRole('heading', { level: 1, name: 'Usage' })).toBeInTheDocument()
    await waitFor(() => expect(screen.getByText('Active users', { selector: '.uk-kpi-label' }).closest('section')).toHaveAttribute('data-state', 'ready'), { timeout: 5000 })
    expect(await screen.findByRole('figure', { name: 'Active users per day' }, { timeout: 5000 })).toBeInTheDocument()
    expect(screen.getByRole('heading', { level: 2, name: 'Requests' })).toBeInTheDocument()
    // Retry fetches the widget's data anew (the table's rows and the team ranking its badges use): still broken, so the error state comes back…
    const before = calls
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(calls).toBeGreaterThan(before), { timeout: 5000 })
    expect(await screen.findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('This widget could not be shown')
    // …until the adapter answers properly.
    broken = false
    await userEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('table', { name: 'Breakdown' }, { timeout: 5000 })).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    errors.mockRestore()
  })

  it('renders on the server and hydrates without a mismatch', async () => {
    const adapter = createMemoryAdapter(testRecords())
    const page = (client = testQueryClient()) => (
      <UsageProvider adapter={adapter} queryClient={client} timeZone="Europe/Berlin" now={NOW} locale="en-US">
        <UsagePage sections={['team', 'requests']} />
      </UsageProvider>
    )
    const html = renderToString(page())
    expect(html).toContain('Usage')
    expect(html).toContain('uk-skeleton')
    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    await act(async () => {
      hydrateRoot(container, page())
    })
    await waitFor(() => expect(within(container).getByText('Active users', { selector: '.uk-kpi-label' }).closest('section')).toHaveAttribute('data-state', 'ready'))
    const messages = errors.mock.calls.map((call) => String(call[0]))
    errors.mockRestore()
    // React 19 says "hydration … mismatch"; React 18 says "… did not match" or "Expected server HTML to contain …".
    expect(messages.filter((m) => /hydrat|did not match|mismatch|server HTML/i.test(m))).toEqual([])
  })

  it('renders skeletons on the server when no time zone is given, then fills in on the client', () => {
    const html = renderToString(
      <UsageProvider adapter={createMemoryAdapter([])} queryClient={testQueryClient()}>
        <UsagePage sections={['team']} />
      </UsageProvider>,
    )
    expect(html).toContain('uk-skeleton')
  })
})
