import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { RequestSummary } from '@usagekit/core'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { ExportButton } from '../controls/ExportButton.js'
import { renderUsage } from '../test/renderUsage.js'
import { RequestLog } from './RequestLog.js'
import { type RequestLogColumnDef, requestCsvColumnsFor, requestLogColumns } from './requestLogColumns.js'

/** A host's column: tokens per second of the request's latency. */
const speed: RequestLogColumnDef = {
  id: 'speed',
  header: 'Tokens / s',
  label: 'Speed',
  align: 'end',
  cell: (row) => <b>{speedOf(row).toFixed(1)}</b>,
  csv: { header: 'tokens_per_second', value: (row) => speedOf(row) },
}

function speedOf(row: RequestSummary): number {
  return row.latencyMs > 0 ? row.totalTokens / (row.latencyMs / 1000) : 0
}

describe('request log columns as data', () => {
  it('renders built-ins by id or definition and the host’s own column, in the given order', async () => {
    renderUsage(<RequestLog columns={[requestLogColumns.model, 'timestamp', speed, 'cost']} />)
    const table = await screen.findByRole('table', { name: 'Requests' })
    await waitFor(() => expect(table.querySelectorAll('tbody tr[data-id]').length).toBeGreaterThan(3))
    expect(within(table).getAllByRole('columnheader').map((header) => header.getAttribute('data-col'))).toEqual(['model', 'timestamp', 'speed', 'cost'])
    const cell = table.querySelector<HTMLElement>('tbody tr[data-id] td[data-col="speed"]')!
    expect(cell.querySelector('b')!.textContent).toMatch(/^\d+\.\d$/)
    expect(cell).toHaveAttribute('data-numeric', 'true')
    // In the card list it is a labelled value under the time, with the cost beside the time.
    expect(cell).toHaveAttribute('data-role', 'meta')
    expect(cell).toHaveAttribute('data-label', 'Speed')
    expect(table.querySelector('tbody tr[data-id] td[data-col="cost"]')).toHaveAttribute('data-role', 'primary')
  })

  it('keeps the old column sets working, and its CSV follows the shown columns with the host’s value', async () => {
    expect(requestCsvColumnsFor(requestLogColumns.orgUsage)).toEqual(['timestamp', 'userId', 'userName', 'provider', 'model', 'application', 'totalTokens', 'cost'])
    const columns = requestCsvColumnsFor(['timestamp', speed, requestLogColumns.id])
    let file: { blob: Blob } | undefined
    renderUsage(<ExportButton columns={columns} onExport={(f) => (file = f)} />)
    await userEvent.click(await screen.findByRole('button', { name: /Export CSV/ }))
    await waitFor(() => expect(file).toBeDefined())
    const { data, meta } = Papa.parse<Record<string, string>>(await file!.blob.text(), { header: true, skipEmptyLines: true })
    expect(meta.fields).toEqual(['timestamp', 'tokens_per_second', 'request_id'])
    expect(Number(data[0]!.tokens_per_second)).toBeGreaterThan(0)
  })

  it('leaves a column without csv out of the file', () => {
    const plain: RequestLogColumnDef = { id: 'note', header: 'Note', cell: () => 'x' }
    expect(requestCsvColumnsFor(['model', plain])).toEqual(['model'])
  })
})
