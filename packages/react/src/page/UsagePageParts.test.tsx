import { screen, waitFor, within } from '@testing-library/react'
import { createRef } from 'react'
import { describe, expect, it } from 'vitest'
import { BreakdownTable } from '../table/BreakdownTable.js'
import { breakdownColumns } from '../table/breakdownColumns.js'
import { renderUsage } from '../test/renderUsage.js'
import { UsagePage } from './UsagePage.js'

function sectionOrder(): string[] {
  return [...document.querySelectorAll('.uk-page > .uk-section, .uk-page > [data-host]')].map((element) => element.getAttribute('data-section') ?? element.getAttribute('data-host') ?? '')
}

describe('UsagePage parts', () => {
  it('renders its children inside the page, after the sections', async () => {
    renderUsage(
      <UsagePage sections={['model']} view={false} filters={[]} live={false}>
        <UsagePage.Section title="Invoices">
          <p>Next invoice on Dec 1</p>
        </UsagePage.Section>
      </UsagePage>,
    )
    const page = screen.getByRole('region', { name: 'Usage' })
    expect(within(page).getByRole('heading', { level: 2, name: 'Invoices' })).toBeInTheDocument()
    expect(within(page).getByText('Next invoice on Dec 1')).toBeInTheDocument()
    await waitFor(() => expect(sectionOrder()).toEqual(['model', 'custom']))
  })

  it('composes the parts in the host’s order, with its own section and a custom breakdown', async () => {
    const pageRef = createRef<HTMLDivElement>()
    renderUsage(
      <UsagePage.Root ref={pageRef} className="host-page">
        <UsagePage.Header>
          <UsagePage.Heading title="Spend" description="This workspace" />
          <UsagePage.Toolbar live={false}>
            <button type="button">Invite</button>
          </UsagePage.Toolbar>
        </UsagePage.Header>
        <UsagePage.Section section="requests" />
        <div data-host="banner">Budget: 80% used</div>
        <UsagePage.Section title="Who spends">
          <BreakdownTable title="Breakdown" columns={['name', breakdownColumns.cost]} />
        </UsagePage.Section>
        <UsagePage.Filters view={false} filters={['team']} />
      </UsagePage.Root>,
    )
    expect(pageRef.current).toHaveClass('uk-root', 'host-page')
    // The page's region is named by its heading; the host's button sits after Refresh.
    const page = screen.getByRole('region', { name: 'Spend' })
    expect(within(page).getByText('This workspace')).toBeInTheDocument()
    const toolbar = within(page).getByRole('button', { name: 'Invite' }).parentElement!
    expect([...toolbar.querySelectorAll('button')].map((button) => button.textContent)).toEqual(['Refresh', 'Invite'])
    expect(within(page).queryByRole('button', { name: 'Live' })).not.toBeInTheDocument()
    await waitFor(() => expect(sectionOrder()).toEqual(['requests', 'banner', 'custom']))
    // The filters row sits last, where the host put it.
    expect(page.lastElementChild).toHaveClass('uk-page-controls')
    const table = await screen.findByRole('table', { name: 'Breakdown' })
    // The host's columns in its order; the page's request log adds the row action ("View requests") after them.
    const headers = within(table).getAllByRole('columnheader')
    expect(headers.map((header) => header.getAttribute('data-col') ?? header.getAttribute('data-role'))).toEqual(['name', 'cost', 'actions'])
  })

  it('keeps the old props: a replaced header names the region "Usage", the host’s actions after Live', () => {
    renderUsage(<UsagePage sections={[]} header={<div>Acme</div>} actions={<button type="button">Docs</button>} filters={[]} view={false} />)
    const page = screen.getByRole('region', { name: 'Usage' })
    expect([...page.querySelectorAll('.uk-page-actions button')].map((button) => button.textContent)).toEqual(['Refresh', 'Live', 'Docs'])
  })
})
