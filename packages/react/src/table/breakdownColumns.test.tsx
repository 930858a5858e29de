import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { BreakdownRow } from '@usagekit/core'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { ExportButton } from '../controls/ExportButton.js'
import { renderUsage } from '../test/renderUsage.js'
import { BreakdownTable } from './BreakdownTable.js'
import { type BreakdownColumnDef, breakdownColumns, breakdownCsvColumnsFor } from './breakdownColumns.js'

/** A host's column: cost per request, from two metrics the table asks for. */
const perRequest: BreakdownColumnDef = {
  id: 'costPerRequest',
  header: 'Per request',
  align: 'end',
  metrics: ['cost', 'requests'],
  sortValue: (row) => perRequestOf(row),
  cell: (row) => <span data-testid="per-request">{(perRequestOf(row) ?? 0).toFixed(4)}</span>,
  csv: { header: 'cost_per_request', value: (row) => perRequestOf(row) },
}

function perRequestOf(row: BreakdownRow): number | null {
  const requests = row.metrics.requests ?? 0
  return requests > 0 ? (row.metrics.cost ?? 0) / requests : null
}

function headers(): string[] {
  return within(screen.getByRole('table', { name: 'Breakdown' }))
    .getAllByRole('columnheader')
    .map((header) => header.getAttribute('data-col') ?? '')
}

function cellsOf(column: string): HTMLElement[] {
  return [...screen.getByRole('table', { name: 'Breakdown' }).querySelectorAll<HTMLElement>(`tbody tr[data-key] td[data-col="${column}"]`)]
}

describe('breakdown columns as data', () => {
  it('lays out the host’s list in its order, built-ins by id or definition, with the host’s cell', async () => {
    renderUsage(<BreakdownTable columns={[breakdownColumns.cost, 'name', perRequest, 'requests']} />)
    await waitFor(() => expect(cellsOf('costPerRequest').length).toBeGreaterThan(3))
    expect(headers()).toEqual(['cost', 'name', 'costPerRequest', 'requests'])
    expect(cellsOf('costPerRequest')[0]!.querySelector('[data-testid="per-request"]')!.textContent).toMatch(/^\d+\.\d{4}$/)
    // The host's column is a labelled value in the card list; cost stays the value beside the name.
    expect(cellsOf('costPerRequest')[0]).toHaveAttribute('data-role', 'meta')
    expect(cellsOf('costPerRequest')[0]).toHaveAttribute('data-label', 'Per request')
    expect(cellsOf('cost')[0]).toHaveAttribute('data-role', 'primary')
    expect(screen.queryByRole('columnheader', { name: 'Trend' })).not.toBeInTheDocument()
  })

  it('sorts by the host’s sort value from the header and from the card list’s menu', async () => {
    renderUsage(<BreakdownTable columns={['name', perRequest, 'cost']} />)
    await waitFor(() => expect(cellsOf('costPerRequest').length).toBeGreaterThan(3))
    const values = () => cellsOf('costPerRequest').map((cell) => Number(cell.textContent))
    await userEvent.click(within(screen.getByRole('columnheader', { name: /Per request/ })).getByRole('button'))
    // Numbers sort largest first on the first click.
    expect(screen.getByRole('columnheader', { name: /Per request/ })).toHaveAttribute('aria-sort', 'descending')
    expect(values()).toEqual([...values()].sort((a, b) => b - a))
    await userEvent.click(within(screen.getByRole('columnheader', { name: /Per request/ })).getByRole('button'))
    expect(values()).toEqual([...values()].sort((a, b) => a - b))
    expect(within(screen.getByRole('combobox')).getByRole('option', { name: 'Per request' })).toBeInTheDocument()
  })

  it('leaves out a column whose metric the adapter lacks', async () => {
    const own: BreakdownColumnDef = { id: 'gpu', header: 'GPU', metrics: ['gpuHours'], cell: () => 'x' }
    renderUsage(<BreakdownTable columns={['name', own, 'requests']} />)
    await waitFor(() => expect(cellsOf('requests').length).toBeGreaterThan(3))
    expect(headers()).toEqual(['name', 'requests'])
  })

  it('writes the CSV in the shown order, the host’s column with its own value', async () => {
    const csvColumns = breakdownCsvColumnsFor([breakdownColumns.name, breakdownColumns.trend, perRequest, breakdownColumns.cost])
    expect(csvColumns.map((column) => (typeof column === 'string' ? column : column.id))).toEqual(['key', 'label', 'secondary', 'team', 'costPerRequest', 'cost'])
    let file: { blob: Blob } | undefined
    renderUsage(<ExportButton kind="breakdown" groupBy="team" metrics={['cost', 'requests']} columns={csvColumns} onExport={(f) => (file = f)} />)
    await userEvent.click(await screen.findByRole('button', { name: /Export CSV/ }))
    await waitFor(() => expect(file).toBeDefined())
    const { data, meta } = Papa.parse<Record<string, string>>(await file!.blob.text(), { header: true, skipEmptyLines: true })
    // A team breakdown has no email or team of a user: those ids are left out.
    expect(meta.fields).toEqual(['team_id', 'team', 'cost_per_request', 'cost_usd'])
    const row = data[0]!
    expect(Number(row.cost_per_request)).toBeGreaterThan(0)
    expect(Number(row.cost_per_request)).toBeLessThan(Number(row.cost_usd))
  })
})
