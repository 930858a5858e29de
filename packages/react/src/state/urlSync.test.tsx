import { screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useUsageSelection } from '../context/UsageProvider.js'
import { renderUsage } from '../test/renderUsage.js'
import { UsagePage } from '../page/UsagePage.js'
import { selectionFromSearch } from './urlState.js'

function Selection() {
  const { range, view, filters } = useUsageSelection()
  return <output data-testid="selection">{JSON.stringify({ range, view, filters })}</output>
}

describe('URL sync in UsageProvider', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    window.history.replaceState(null, '', '/')
  })

  it('keeps the page up when the link holds malformed values, and ignores them', async () => {
    window.history.replaceState(null, '', '/usage?tab=billing&f.team=%25&f.model=%25E0%25A4&from=2026-13-45&to=99999-01-01&range=1y&view=admin&f.planet=mars')
    renderUsage(
      <>
        <UsagePage sections={[]} live={false} />
        <Selection />
      </>,
      { syncUrl: true },
    )
    expect(screen.getByRole('heading', { level: 1, name: 'Usage' })).toBeInTheDocument()
    await waitFor(() => expect(JSON.parse(screen.getByTestId('selection').textContent!)).toEqual({ range: { preset: '7d' }, view: 'user', filters: { team: ['%'] } }), { timeout: 5000 })
    expect(await screen.findByRole('button', { name: 'Team: %' })).toBeInTheDocument()
    // The URL is rewritten in the current scheme, the host's own param kept, and reads back the same.
    await waitFor(() => expect(window.location.search).toContain('f.team=%5C%25'))
    expect(window.location.search).toContain('tab=billing')
    expect(selectionFromSearch(window.location.search).filters).toEqual({ team: ['%'] })
  })

  it('keeps the page up when the browser refuses to update the URL', async () => {
    window.history.replaceState(null, '', '/usage?view=team')
    const replaceState = vi.spyOn(window.history, 'replaceState').mockImplementation(() => {
      throw new DOMException('Attempt to use history.replaceState() more than 100 times per 10 seconds', 'SecurityError')
    })
    renderUsage(
      <>
        <UsagePage sections={[]} live={false} />
        <Selection />
      </>,
      { syncUrl: true, defaultFilters: { team: ['R&D, Europe'] } },
    )
    await waitFor(() => expect(replaceState).toHaveBeenCalled())
    await waitFor(() => expect(JSON.parse(screen.getByTestId('selection').textContent!)).toMatchObject({ view: 'team', filters: { team: ['R&D, Europe'] } }))
    expect(screen.getByRole('heading', { level: 1, name: 'Usage' })).toBeInTheDocument()
  })
})
