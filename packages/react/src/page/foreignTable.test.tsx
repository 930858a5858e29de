import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { useUsageSelection } from '../context/UsageProvider.js'
import { requestLogColumns } from '../requests/requestLogColumns.js'
import { foreignAdapter, foreignRecords } from '../test/foreignAdapter.js'
import { renderUsage } from '../test/renderUsage.js'
import { UsagePage } from './UsagePage.js'

function Selection() {
  const { view, filters } = useUsageSelection()
  return <output data-testid="selection">{JSON.stringify({ view, filters })}</output>
}

const cardLabels = () => [...document.querySelectorAll('.uk-kpi-label')].map((label) => label.textContent)

describe('a page over a foreign table (capabilities follow the data)', () => {
  it('shows no cached-token card or series, no team filter or view, and asks for none of them', async () => {
    const adapter = foreignAdapter(foreignRecords(), ['cachedInputTokens', 'team'])
    renderUsage(
      <UsagePage sections={['gateway', 'llm', 'requests']} view={['user', 'team', 'customer']} filters={['customer', 'team', 'apiKey']} requestColumns={requestLogColumns.gateway} live={false} />,
      { adapter },
    )
    await waitFor(() => expect(document.querySelectorAll('.uk-kpi[data-state="ready"]').length).toBeGreaterThan(8))
    // Cards: the gateway's and seed 002's, without "Cached tokens" and with no placeholder in its place.
    expect(cardLabels()).toEqual([
      'Requests', 'Spend', 'Tokens', 'Cache hits', 'Avg latency',
      'Input tokens', 'Output tokens', 'Successful requests', 'Failed requests',
    ])
    // Both token charts: input beside output, no cached series, legend entry or table column.
    const charts = await screen.findAllByRole('figure', { name: 'Tokens over time' })
    expect(charts).toHaveLength(2)
    for (const chart of charts) {
      expect(within(chart).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Period', 'Input tokens', 'Output tokens'])
      expect(within(chart).queryByText(/cached/i)).not.toBeInTheDocument()
      expect(chart.querySelector('[data-series="cachedInputTokens"], [data-series="freshInputTokens"]')).toBeNull()
    }
    // Top customers leave out the requests made for no customer.
    const top = await screen.findByRole('list', { name: 'Top customers by spend' })
    await waitFor(() => expect(within(top).getAllByRole('listitem').map((item) => item.dataset.key).sort()).toEqual(['Acme Corp', 'Globex', 'Initech']))
    // Controls: customers but no teams.
    const filters = screen.getByRole('group', { name: 'Filters' })
    expect(within(filters).getByRole('button', { name: 'Customer: All' })).toBeInTheDocument()
    expect(within(filters).getByRole('button', { name: 'API key: All' })).toBeInTheDocument()
    expect(within(filters).queryByRole('button', { name: /Team/ })).not.toBeInTheDocument()
    expect(screen.getAllByRole('radio').map((radio) => radio.textContent)).toEqual(['By user', 'By customer'])
    // The request log has no Team column to offer; it shows customers.
    await waitFor(() => expect(screen.getByRole('table', { name: 'Requests' })).toBeInTheDocument())
    expect(within(screen.getByRole('table', { name: 'Requests' })).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Time', 'Status', 'User', 'Customer', 'Provider / Model', 'Total tokens', 'Latency (ms)', 'Spend (USD)', 'Request',
    ])
    await waitFor(() => expect(screen.getByRole('table', { name: 'Breakdown' }).closest('section')).toHaveAttribute('data-state', 'ready'))
    // The adapter refuses what it lacks: no widget asked for it, so none failed.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    const asked = JSON.stringify(adapter.calls.filter((call) => call.method !== 'getCapabilities').map((call) => call.params))
    expect(asked).not.toMatch(/cachedInputTokens|"team"|cachedInputShare/)
  })

  it('groups by customer from the view toggle, keeps it in the URL, and filters by a customer', async () => {
    window.history.replaceState(null, '', '/usage?tab=gateway')
    try {
      const adapter = foreignAdapter(foreignRecords(), ['team'])
      renderUsage(
        <>
          <UsagePage sections={['team']} view={['user', 'team', 'customer']} filters={['customer']} live={false} />
          <Selection />
        </>,
        { adapter, syncUrl: true },
      )
      await userEvent.click(await screen.findByRole('radio', { name: 'By customer' }))
      expect(await screen.findByRole('figure', { name: 'Requests by customer' })).toBeInTheDocument()
      const breakdown = screen.getByRole('table', { name: 'Breakdown' })
      await waitFor(() => expect(breakdown.closest('section')).toHaveAttribute('data-view', 'customer'))
      await waitFor(() => expect(within(breakdown).getAllByRole('row').length).toBeGreaterThan(3))
      expect(within(breakdown).getAllByRole('columnheader')[0]).toHaveTextContent('Customer')
      expect(breakdown.closest('section')).toHaveTextContent('3 customers')
      // Usage for no customer is one row, "(none)", set apart from the names.
      expect(within(breakdown).getByText('(none)')).toHaveClass('uk-none')
      await waitFor(() => expect(window.location.search).toContain('view=customer'))
      expect(window.location.search).toContain('tab=gateway')

      await userEvent.click(screen.getByRole('button', { name: 'Customer: All' }))
      await userEvent.click(await screen.findByRole('checkbox', { name: /Globex/ }))
      await userEvent.keyboard('{Escape}')
      expect(screen.getByRole('button', { name: 'Customer: Globex' })).toBeInTheDocument()
      await waitFor(() => expect(window.location.search).toContain('f.customer=Globex'))
      await waitFor(() => expect(within(breakdown).getAllByRole('row').filter((row) => row.hasAttribute('data-key')).map((row) => row.dataset.key)).toEqual(['Globex']))
      const summary = adapter.calls.filter((call) => call.method === 'getSummary').at(-1)!.params as { filters?: unknown }
      expect(summary.filters).toEqual({ customer: ['Globex'] })
    } finally {
      window.history.replaceState(null, '', '/')
    }
  })

  it('opens a link to a view and filter the adapter cannot answer by user, without asking for them', async () => {
    window.history.replaceState(null, '', '/usage?view=team&f.team=Research&f.customer=Acme+Corp')
    try {
      const adapter = foreignAdapter(foreignRecords(), ['team'])
      renderUsage(<UsagePage sections={['team']} view={['user', 'team', 'customer']} filters={['customer', 'team']} live={false} />, { adapter, syncUrl: true })
      expect(await screen.findByRole('figure', { name: 'Active users per day' })).toBeInTheDocument()
      expect(screen.getByRole('radio', { name: 'By user' })).toBeChecked()
      expect(await screen.findByRole('button', { name: 'Customer: Acme Corp' })).toBeInTheDocument()
      await waitFor(() => expect(screen.getByRole('table', { name: 'Breakdown' }).closest('section')).toHaveAttribute('data-state', 'ready'))
      expect(screen.queryByRole('alert')).not.toBeInTheDocument()
      const filters = adapter.calls.filter((call) => call.method === 'getSummary').map((call) => (call.params as { filters?: unknown }).filters)
      expect(filters).toContainEqual({ customer: ['Acme Corp'] })
      expect(JSON.stringify(filters)).not.toContain('team')
    } finally {
      window.history.replaceState(null, '', '/')
    }
  })
})
