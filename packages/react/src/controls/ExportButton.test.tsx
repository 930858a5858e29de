import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { UsageAdapter, UsageRecord } from '@usagekit/core'
import { createMemoryAdapter } from '@usagekit/core/memory'
import Papa from 'papaparse'
import { describe, expect, it, vi } from 'vitest'
import { RequestLog } from '../requests/RequestLog.js'
import { foreignAdapter, foreignRecords } from '../test/foreignAdapter.js'
import { renderUsage, testRecords } from '../test/renderUsage.js'
import { ExportButton } from './ExportButton.js'

async function text(blob: Blob): Promise<string> {
  return blob.text()
}

describe('ExportButton', () => {
  it('exports every page of the request log with the filters, raw numbers, zone offsets and formula cells escaped', async () => {
    const base = testRecords()[0]!
    const records: UsageRecord[] = Array.from({ length: 1200 }, (_, i) => ({
      ...base,
      id: `r-${String(i).padStart(4, '0')}`,
      timestamp: new Date(Date.parse('2026-11-19T00:00:00.000Z') + i * 60_000).toISOString(),
      userName: i === 0 ? '=HYPERLINK("http://evil.example","x")' : i === 1 ? '@SUM(1+1)' : `User ${i}`,
      team: i % 2 ? 'Research' : 'Growth',
      cost: 0.000042,
    }))
    let file: { blob: Blob; fileName: string; rows: number } | undefined
    renderUsage(<ExportButton columns={['timestamp', 'userName', 'team', 'cost', 'id']} onExport={(f) => (file = f)} />, {
      adapter: createMemoryAdapter(records),
      defaultFilters: { team: ['Growth'] },
    })
    await userEvent.click(await screen.findByRole('button', { name: /Export CSV/ }))
    await waitFor(() => expect(file).toBeDefined())
    expect(file!.fileName).toBe('usage-requests-2026-11-13T1600-2026-11-20T1600-Europe_Berlin.csv')
    const parsed = Papa.parse<Record<string, string>>(await text(file!.blob), { header: true, skipEmptyLines: true }).data
    expect(parsed).toHaveLength(600)
    expect(file!.rows).toBe(600)
    expect(parsed.every((row) => row.team === 'Growth')).toBe(true)
    const first = parsed.find((row) => row.request_id === 'r-0000')!
    expect(first.user_name).toBe('\'=HYPERLINK("http://evil.example","x")')
    expect(first.cost_usd).toBe('0.000042')
    expect(first.timestamp).toBe('2026-11-19T01:00:00.000+01:00')
    expect(screen.getByText('Exported 600 rows.')).toBeInTheDocument()
  })

  it('escapes every item of a list cell (tags) and keeps money raw, through the exporter the button runs', async () => {
    const base = testRecords().at(-1)!
    const records: UsageRecord[] = [{ ...base, id: 'r-tags', tags: ['prod', '=HYPERLINK("http://evil.example","x")', '-1', '\0nul'], cost: 0.5 }]
    let file: { blob: Blob } | undefined
    renderUsage(<ExportButton columns={['id', 'tags', 'cost']} onExport={(f) => (file = f)} />, { adapter: createMemoryAdapter(records) })
    await userEvent.click(await screen.findByRole('button', { name: /Export CSV/ }))
    await waitFor(() => expect(file).toBeDefined())
    const written = await text(file!.blob)
    const [row] = Papa.parse<Record<string, string>>(written, { header: true, skipEmptyLines: true }).data
    expect(row).toEqual({ request_id: 'r-tags', tags: `prod;'=HYPERLINK("http://evil.example","x");'-1;'\0nul`, cost_usd: '0.5' })
  })

  it('shows progress and can be cancelled', async () => {
    const memory = createMemoryAdapter(testRecords())
    let release: () => void = () => {}
    const slow: UsageAdapter = {
      ...memory,
      listRequests: async (p) => {
        await new Promise<void>((resolve) => {
          release = resolve
        })
        return memory.listRequests(p)
      },
    }
    let exported = false
    renderUsage(<ExportButton onExport={() => (exported = true)} />, { adapter: slow })
    await userEvent.click(await screen.findByRole('button', { name: /Export CSV/ }))
    expect(await screen.findByText(/Exporting… 0 rows/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    release()
    expect(await screen.findByText('Export cancelled.')).toBeInTheDocument()
    expect(exported).toBe(false)
  })

  it('exports the breakdown of the current view', async () => {
    let file: { blob: Blob; fileName: string } | undefined
    renderUsage(<ExportButton kind="breakdown" onExport={(f) => (file = f)} />, { defaultView: 'team' })
    await userEvent.click(await screen.findByRole('button', { name: /Export CSV/ }))
    await waitFor(() => expect(file).toBeDefined())
    expect(file!.fileName).toMatch(/^usage-by-team-/)
    const parsed = Papa.parse<Record<string, string>>(await text(file!.blob), { header: true, skipEmptyLines: true }).data
    expect(Object.keys(parsed[0]!)).toEqual(['team_id', 'team', 'models', 'requests', 'input_tokens', 'output_tokens', 'cost_usd'])
  })

  it('exports the customer column the request log shows, empty for none, and no column the table lacks', async () => {
    let file: { blob: Blob; rows: number } | undefined
    const { unmount } = renderUsage(<ExportButton columns={['id', 'userId', 'customer', 'team']} onExport={(f) => (file = f)} />, { adapter: foreignAdapter(foreignRecords(), []) })
    await userEvent.click(await screen.findByRole('button', { name: /Export CSV/ }))
    await waitFor(() => expect(file).toBeDefined())
    const parsed = Papa.parse<Record<string, string>>(await text(file!.blob), { header: true, skipEmptyLines: true })
    expect(parsed.meta.fields).toEqual(['request_id', 'user_id', 'customer', 'team'])
    const byId = new Map(foreignRecords().map((r) => [r.id, r]))
    for (const row of parsed.data) {
      const record = byId.get(row.request_id!)!
      expect(row.customer).toBe(record.customer ?? '')
      expect(row.user_id).toBe(record.userId)
    }
    expect(parsed.data.some((row) => row.user_id === '')).toBe(true)
    unmount()
    file = undefined
    renderUsage(<ExportButton columns={['id', 'customer', 'team', 'cachedInputTokens', 'cost']} onExport={(f) => (file = f)} />, {
      adapter: foreignAdapter(foreignRecords(), ['customer', 'team', 'cachedInputTokens']),
    })
    await userEvent.click(await screen.findByRole('button', { name: /Export CSV/ }))
    await waitFor(() => expect(file).toBeDefined())
    expect(Papa.parse(await text(file!.blob), { header: true }).meta.fields).toEqual(['request_id', 'cost_usd'])
  })

  it('exports what the request log shows: its customer column, none it leaves out', async () => {
    // The log's own button downloads: catch the file it hands to the browser.
    const files: Blob[] = []
    const createObjectURL = vi.fn((blob: Blob) => (files.push(blob), 'blob:usage'))
    const original = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL }
    Object.assign(URL, { createObjectURL, revokeObjectURL: () => {} })
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    try {
      const columns = ['timestamp', 'userName', 'customer', 'team', 'cost'] as const
      const { unmount } = renderUsage(<RequestLog columns={[...columns]} exportable />, { adapter: foreignAdapter(foreignRecords(), ['team']) })
      await userEvent.click(await screen.findByRole('button', { name: /Export CSV/ }))
      await waitFor(() => expect(files).toHaveLength(1))
      expect(Papa.parse(await text(files[0]!), { header: true }).meta.fields).toEqual(['timestamp', 'user_name', 'customer', 'cost_usd'])
      unmount()
      renderUsage(<RequestLog columns={[...columns]} exportable />, { adapter: foreignAdapter(foreignRecords(), ['customer']) })
      await userEvent.click(await screen.findByRole('button', { name: /Export CSV/ }))
      await waitFor(() => expect(files).toHaveLength(2))
      expect(Papa.parse(await text(files[1]!), { header: true }).meta.fields).toEqual(['timestamp', 'user_name', 'team', 'cost_usd'])
      expect(click).toHaveBeenCalledTimes(2)
    } finally {
      click.mockRestore()
      Object.assign(URL, original)
    }
  })
})
