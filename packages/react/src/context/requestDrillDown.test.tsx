import { fireEvent, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ListRequestsParams, UsageAdapter } from '@usagekit/core'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { describe, expect, it, vi } from 'vitest'
import { ActivityChart } from '../charts/ActivityChart.js'
import { RequestLog } from '../requests/RequestLog.js'
import { BreakdownTable } from '../table/BreakdownTable.js'
import { renderUsage, testRecords } from '../test/renderUsage.js'

function recordingAdapter() {
  const memory = createMemoryAdapter(testRecords())
  const listed: ListRequestsParams[] = []
  const adapter: UsageAdapter = { ...memory, listRequests: (p) => (listed.push(p), memory.listRequests(p)) }
  return { adapter, listed }
}

// Queried by selector: role queries over a page of widgets are slow in jsdom.
async function teamRow(name: string): Promise<HTMLElement> {
  const selector = `table[data-kind="breakdown"] tbody tr[data-key="${name}"]`
  await waitFor(() => expect(document.querySelector(selector)).not.toBeNull(), { timeout: 5000 })
  return document.querySelector(selector) as HTMLElement
}

describe('View requests (drill-down)', () => {
  it('opens the request log on the page filtered to a breakdown row’s key and the page’s range, and goes back to all requests', async () => {
    const { adapter, listed } = recordingAdapter()
    renderUsage(
      <>
        <BreakdownTable groupBy="team" />
        <RequestLog title="Requests" />
      </>,
      { adapter },
    )
    const row = await teamRow('Research')
    await waitFor(() => expect(listed.length).toBeGreaterThan(0))
    const pageRange = listed[0]!.range
    await userEvent.click(within(row).getByRole('button', { name: 'View requests of Research' }))
    // The row action is the row's own: it does not also filter the page.
    await waitFor(() => expect(document.querySelector('[data-drill-down]')).not.toBeNull())
    const banner = document.querySelector('[data-drill-down]') as HTMLElement
    expect(banner).toHaveTextContent('Team: Research')
    expect(banner).toHaveFocus()
    await waitFor(() => expect(listed.at(-1)).toMatchObject({ range: pageRange, filters: { team: ['Research'] } }))
    const log = document.querySelector('table[data-kind="requests"]') as HTMLElement
    await waitFor(() => expect(log.querySelectorAll('tbody tr[data-id]').length).toBeGreaterThan(0))
    await userEvent.click(within(banner).getByRole('button', { name: 'Show all requests' }))
    expect(document.querySelector('[data-drill-down]')).toBeNull()
  })

  it('opens the log on one chart bucket’s span and the active series’ key from the keyboard', async () => {
    const { adapter, listed } = recordingAdapter()
    renderUsage(
      <>
        <ActivityChart variant="byTeam" />
        <RequestLog title="Requests" />
      </>,
      { adapter },
    )
    await waitFor(() => expect(document.querySelector('.uk-chart-frame')).not.toBeNull(), { timeout: 5000 })
    const frame = document.querySelector('.uk-chart-frame') as HTMLElement
    frame.focus()
    // The second day of the last week (1d buckets in Berlin), then its largest team.
    fireEvent.keyDown(frame, { key: 'Home' })
    fireEvent.keyDown(frame, { key: 'ArrowRight' })
    fireEvent.keyDown(frame, { key: 'ArrowDown' })
    const active = document.querySelector('.uk-tooltip-row[data-active]') as HTMLElement
    const team = active.querySelector('span[title]')!.textContent!
    await userEvent.click(within(document.querySelector('.uk-tooltip') as HTMLElement).getByRole('button', { name: `View requests of ${team}` }))
    await waitFor(() => expect(listed.at(-1)).toMatchObject({ range: { start: '2026-11-13T23:00:00.000Z', end: '2026-11-14T23:00:00.000Z' }, filters: { team: [team] } }))
    const banner = document.querySelector('[data-drill-down]') as HTMLElement
    expect(banner).toHaveTextContent(`Team: ${team}`)
    expect(banner).toHaveTextContent('Nov 14, 2026')
    // Enter on the bucket alone views its requests with the page's filters only.
    frame.focus()
    fireEvent.keyDown(frame, { key: 'ArrowUp' })
    fireEvent.keyDown(frame, { key: 'Enter' })
    await waitFor(() => expect(listed.at(-1)).toMatchObject({ range: { start: '2026-11-13T23:00:00.000Z', end: '2026-11-14T23:00:00.000Z' } }))
    expect(listed.at(-1)!.filters).toBeUndefined()
  })

  it('hands the span and filters to the host’s onViewRequests when the page has no request log', async () => {
    const onViewRequests = vi.fn()
    renderUsage(<BreakdownTable groupBy="team" />, { onViewRequests, defaultFilters: { model: [] } })
    const row = await teamRow('Growth')
    await userEvent.click(within(row).getByRole('button', { name: 'View requests of Growth' }))
    expect(onViewRequests).toHaveBeenCalledWith({ range: { start: '2026-11-13T15:00:00.000Z', end: '2026-11-20T15:00:00.000Z' }, filters: { team: ['Growth'] } })
  })

  it('offers no "View requests" when nothing would show them', async () => {
    renderUsage(<BreakdownTable groupBy="team" />)
    const row = await teamRow('Growth')
    expect(within(row).queryByRole('button', { name: /View requests/ })).toBeNull()
  })
})
