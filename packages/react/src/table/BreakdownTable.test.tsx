import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import type { UsageRecord } from '@usagekit/core'
import { describe, expect, it } from 'vitest'
import { ViewToggle } from '../controls/ViewToggle.js'
import { foreignAdapter, foreignRecords } from '../test/foreignAdapter.js'
import { NOW, renderUsage, testAdapter, testRecords } from '../test/renderUsage.js'
import { BreakdownTable } from './BreakdownTable.js'

function bodyRows(): HTMLElement[] {
  return within(screen.getByRole('table', { name: 'Breakdown' }))
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-key'))
}

function columnValues(column: number): string[] {
  return bodyRows().map((row) => row.querySelectorAll('td')[column]!.textContent ?? '')
}

describe('BreakdownTable', () => {
  it('lists users with email, team badge, sparkline and models, sorted by cost', async () => {
    renderUsage(<BreakdownTable />)
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(5))
    const first = bodyRows()[0]!
    expect(first.querySelector('.uk-badge[data-team]')).not.toBeNull()
    expect(first.querySelector('svg.uk-sparkline path')!.getAttribute('d')).toMatch(/^M/)
    expect(first).toHaveTextContent(/@acme\.example/)
    const costHeader = screen.getByRole('columnheader', { name: /Spend/ })
    expect(costHeader).toHaveAttribute('aria-sort', 'descending')
    const costs = columnValues(6).map((text) => Number(text.replace(/[^0-9.]/g, '')))
    expect([...costs].sort((a, b) => b - a)).toEqual(costs)
  })

  it('colours team badges by the teams\' rank (requests, largest first) when no team chart is on the page, as the team chart then does', async () => {
    const { adapter, container } = renderUsage(<BreakdownTable />)
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(5))
    const start = '2026-11-13T15:00:00.000Z'
    const teams = await adapter.getBreakdown({ range: { start, end: NOW }, timeZone: 'Europe/Berlin', groupBy: 'team', metrics: ['requests'], limit: 8 })
    const expected = new Map(teams.rows.map((row, index) => [row.key, `var(--_uk-series-${index})`]))
    await waitFor(() => {
      const badges = [...container.querySelectorAll<HTMLElement>('.uk-badge[data-team]')]
      expect(badges.length).toBeGreaterThan(0)
      for (const badge of badges) {
        const colour = expected.get(badge.dataset.team!)
        if (colour) expect((badge.querySelector('.uk-swatch') as HTMLElement).style.background).toBe(colour)
      }
    })
    // The largest team is shown somewhere in the first rows, in the first colour.
    expect(container.querySelector(`.uk-badge[data-team="${CSS.escape(teams.rows[0]!.key)}"] .uk-swatch`)).not.toBeNull()
  })

  it('shows model badges whole, folding what does not fit into "+N" titled with the models it stands for', async () => {
    const { adapter } = renderUsage(<BreakdownTable />)
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(5))
    const answer = await adapter.getBreakdown({ range: { start: '2026-11-13T15:00:00.000Z', end: NOW }, timeZone: 'Europe/Berlin', groupBy: 'user', metrics: ['cost'] })
    const byKey = new Map(answer.rows.map((row) => [row.key, row]))
    let folded = 0
    for (const row of bodyRows()) {
      const data = byKey.get(row.dataset.key!)!
      const shown = [...row.querySelectorAll('.uk-models .uk-badge:not(.uk-badge-more)')].map((badge) => badge.textContent)
      const more = row.querySelector<HTMLElement>('.uk-badge-more')
      // Every model is accounted for: the whole names shown plus "+N" make the row's model count.
      expect(shown.length + Number(more?.dataset.more ?? 0)).toBe(data.modelCount ?? data.models?.length ?? 0)
      expect(shown).toEqual(data.models!.slice(0, shown.length))
      if (more && shown.length < data.models!.length) {
        folded++
        expect(more.title).toContain(data.models![shown.length]!)
        expect(more).toHaveTextContent(new RegExp(`^\\+${more.dataset.more}`))
      }
    }
    // Some rows have three long names: one of them is folded rather than cut.
    expect(folded).toBeGreaterThan(0)
  })

  it('sorts by clicking a header, and with the keyboard', async () => {
    renderUsage(<BreakdownTable />)
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(5))
    const requestsButton = within(screen.getByRole('columnheader', { name: /Requests/ })).getByRole('button')
    await userEvent.click(requestsButton)
    expect(screen.getByRole('columnheader', { name: /Requests/ })).toHaveAttribute('aria-sort', 'descending')
    const desc = columnValues(3).map((t) => Number(t.replace(/,/g, '')))
    expect([...desc].sort((a, b) => b - a)).toEqual(desc)
    requestsButton.focus()
    await userEvent.keyboard('{Enter}')
    expect(screen.getByRole('columnheader', { name: /Requests/ })).toHaveAttribute('aria-sort', 'ascending')
    const asc = columnValues(3).map((t) => Number(t.replace(/,/g, '')))
    expect([...asc].sort((a, b) => a - b)).toEqual(asc)
  })

  it('searches names and emails (user view) and team names (team view)', async () => {
    renderUsage(
      <>
        <ViewToggle />
        <BreakdownTable />
      </>,
    )
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(5))
    const someone = testRecords().find((r) => r.userName === 'Zoë Ångström-Bjørnsdóttir') ?? testRecords()[0]!
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search name or email' }), someone.userEmail!)
    await waitFor(() => expect(bodyRows()).toHaveLength(1))
    expect(bodyRows()[0]).toHaveTextContent(someone.userName!)
    await userEvent.click(screen.getByRole('radio', { name: 'By team' }))
    await waitFor(() => expect(screen.getByRole('searchbox', { name: 'Search team' })).toBeInTheDocument())
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search team' }), 'données')
    await waitFor(() => expect(bodyRows().map((row) => row.getAttribute('data-key'))).toEqual(['Équipe Données']))
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search team' }))
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search team' }), 'zzz')
    // An empty search says so in the count too ("0 of 7 teams match …"), not the unfiltered count.
    await waitFor(() => expect(screen.getByText('Nothing matches “zzz”.')).toBeInTheDocument())
    expect(screen.getByText(/^0 of \d+ teams match “zzz”$/)).toBeInTheDocument()
  })

  it('never shows the previous grouping while another loads (users are not listed as teams)', async () => {
    renderUsage(
      <>
        <ViewToggle />
        <BreakdownTable />
      </>,
      { adapter: testAdapter({ latency: 150 }) },
    )
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(5))
    expect(bodyRows()[0]!.getAttribute('data-key')).toMatch(/^u_/)
    await userEvent.click(screen.getByRole('radio', { name: 'By team' }))
    // While teams load, the user rows are gone (a skeleton), not shown under the team view.
    expect(screen.queryByRole('table', { name: 'Breakdown' })).toBeNull()
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(3))
    expect(bodyRows().every((row) => !row.getAttribute('data-key')!.startsWith('u_'))).toBe(true)
  })

  it('shows at most three models and "+N" for the rest', async () => {
    const base = testRecords()[0]!
    const models = ['m-a', 'm-b', 'm-c', 'm-d', 'm-e']
    const records: UsageRecord[] = models.map((model, i) => ({ ...base, id: `r${i}`, model, timestamp: '2026-11-19T10:00:00.000Z' }))
    renderUsage(<BreakdownTable />, { adapter: createMemoryAdapter(records) })
    await waitFor(() => expect(bodyRows()).toHaveLength(1))
    expect(bodyRows()[0]).toHaveTextContent('+2')
    expect(bodyRows()[0]!.querySelectorAll('.uk-badge:not([data-team])')).toHaveLength(4)
  })

  it('shows 50 rows, then more on request, keeping the DOM small (virtualized against the page)', async () => {
    const records = generateUsageRecords({ seed: 9, start: '2026-11-19T00:00:00.000Z', end: NOW, requestsPerDay: 200 })
    // 5,000 distinct users: each record gets its own user id.
    const many = Array.from({ length: 5000 }, (_, i) => ({ ...records[i % records.length]!, id: `x${i}`, userId: `user-${i}`, userName: `User ${i}` }))
    renderUsage(<BreakdownTable />, { adapter: createMemoryAdapter(many) })
    await waitFor(() => expect(screen.getByText(/^Showing 50 of/)).toBeInTheDocument(), { timeout: 5000 })
    expect(screen.getByText(/^Showing 50 of/)).toHaveTextContent('Showing 50 of 5,000 users')
    expect(bodyRows().length).toBeGreaterThan(5)
    expect(bodyRows().length).toBeLessThanOrEqual(50)
    await userEvent.click(screen.getByRole('button', { name: 'Show 50 more' }))
    await waitFor(() => expect(screen.getByText('Showing 100 of 5,000 users')).toBeInTheDocument())
    await userEvent.click(screen.getByRole('button', { name: 'Show all' }))
    await waitFor(() => expect(screen.getByText('5,000 users')).toBeInTheDocument())
    expect(screen.queryByRole('button', { name: 'Show all' })).toBeNull()
    expect(bodyRows().length).toBeLessThanOrEqual(60)
    // The page scrolls (not a box of the table's own): the body moves up under the window.
    const body = screen.getByRole('table', { name: 'Breakdown' }).querySelector('tbody')!
    body.getBoundingClientRect = () => ({ top: -48 * 2000, bottom: 0, left: 0, right: 0, width: 0, height: 0, x: 0, y: -48 * 2000, toJSON: () => ({}) })
    fireEvent.scroll(document)
    await waitFor(() => expect(Number(bodyRows()[0]!.getAttribute('aria-rowindex'))).toBeGreaterThan(1000))
    expect(bodyRows().length).toBeLessThanOrEqual(60)
  })

  it('counts a grouping by its own noun and labels its column ("Model", "9 models")', async () => {
    renderUsage(<BreakdownTable groupBy="model" showModels={false} />)
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(1))
    expect(screen.getByRole('columnheader', { name: /^Model/ })).toBeInTheDocument()
    expect(screen.getByText(new RegExp(`^${bodyRows().length} models$`))).toBeInTheDocument()
  })

  it('aligns money on the decimal point and never shows a tiny cost as $0.00', async () => {
    renderUsage(<BreakdownTable />)
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(5))
    const cells = bodyRows().map((row) => row.querySelector('td[data-col="cost"] .uk-decimal') as HTMLElement)
    const widths = new Set(cells.map((cell) => cell.style.getPropertyValue('--uk-tail')))
    expect(widths.size).toBe(1)
    for (const cell of cells) {
      expect(cell.querySelector('.uk-decimal-tail')!.textContent).toMatch(/^\.\d+$/)
      expect(cell.textContent).not.toBe('$0.00')
    }
  })

  it('sorts the card list with its own control (narrow containers have no header row)', async () => {
    renderUsage(<BreakdownTable />)
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(5))
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'requests')
    expect(screen.getByRole('columnheader', { name: /Requests/ })).toHaveAttribute('aria-sort', 'descending')
    const desc = columnValues(3).map((t) => Number(t.replace(/,/g, '')))
    expect([...desc].sort((a, b) => b - a)).toEqual(desc)
    await userEvent.click(screen.getByRole('button', { name: 'Sort ascending' }))
    expect(screen.getByRole('columnheader', { name: /Requests/ })).toHaveAttribute('aria-sort', 'ascending')
  })

  it('colours each sparkline as its row and shows a bucket’s value on hover and with the keyboard', async () => {
    renderUsage(<BreakdownTable />)
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(5))
    const spark = bodyRows()[0]!.querySelector('svg.uk-sparkline') as unknown as HTMLElement
    expect((spark.parentElement as HTMLElement).style.getPropertyValue('--uk-spark')).toMatch(/^var\(--_uk-series-\d\)$|^#/)
    spark.focus()
    await waitFor(() => expect(screen.getByRole('tooltip')).toHaveTextContent(/Requests: \d+/))
    const last = screen.getByRole('tooltip').textContent
    await userEvent.keyboard('{ArrowLeft}')
    expect(screen.getByRole('tooltip').textContent).not.toBe(last)
    spark.blur()
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull())
  })
})

describe('BreakdownTable over a gateway’s log', () => {
  it('groups by customer, with (none) set apart and gateway cache hits as a sortable count column', async () => {
    const adapter = foreignAdapter(foreignRecords(), [])
    renderUsage(<BreakdownTable groupBy="customer" metrics={['requests', 'cacheHits', 'cost']} />, { adapter })
    await waitFor(() => expect(bodyRows()).toHaveLength(4))
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent)
    expect(headers).toEqual(['Customer', 'Trend', 'Models', 'Requests', 'Cache hits', 'Spend (USD)'])
    expect(screen.getByRole('table', { name: 'Breakdown' }).closest('section')).toHaveTextContent('3 customers')
    expect(screen.getByRole('searchbox', { name: 'Search customer' })).toBeInTheDocument()
    const none = bodyRows().find((row) => row.dataset.key === '__none__')!
    expect(within(none).getByText('(none)')).toHaveClass('uk-none')
    const truth = await adapter.getBreakdown({ range: { start: '2026-11-13T15:00:00.000Z', end: '2026-11-20T15:00:00.000Z' }, timeZone: 'Europe/Berlin', groupBy: 'customer', metrics: ['cacheHits'] })
    const globex = truth.rows.find((row) => row.key === 'Globex')!.metrics.cacheHits!
    expect(globex).toBeGreaterThan(0)
    const globexRow = bodyRows().find((row) => row.dataset.key === 'Globex')!
    expect(globexRow.querySelectorAll('td')[4]).toHaveTextContent(new RegExp(`^${globex.toLocaleString('en-US')}$`))
    await userEvent.click(within(screen.getByRole('columnheader', { name: /Cache hits/ })).getByRole('button'))
    expect(screen.getByRole('columnheader', { name: /Cache hits/ })).toHaveAttribute('aria-sort', 'descending')
    const hits = columnValues(4).map((v) => Number(v.replace(/,/g, '')))
    expect([...hits].sort((a, b) => b - a)).toEqual(hits)
  })

  it('leaves out a metric column the adapter lacks and asks for it nowhere; is not shown grouped by a dimension it lacks', async () => {
    const adapter = foreignAdapter(foreignRecords(), ['cacheHit', 'team'])
    const { container } = renderUsage(
      <>
        <BreakdownTable metrics={['requests', 'cacheHits', 'cost']} trendMetric="cacheHits" />
        <BreakdownTable title="Teams" groupBy="team" />
      </>,
      { adapter },
    )
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(5))
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['User', 'Models', 'Requests', 'Spend (USD)'])
    expect(container.querySelectorAll('table')).toHaveLength(1)
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(JSON.stringify(adapter.calls.map((call) => call.params))).not.toMatch(/cacheHits|"team"/)
  })
})
