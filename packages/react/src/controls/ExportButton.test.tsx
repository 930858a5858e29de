import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { UsageAdapter, UsageRecord } from '@usagekit/core'
import { createMemoryAdapter } from '@usagekit/core/memory'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
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
})
