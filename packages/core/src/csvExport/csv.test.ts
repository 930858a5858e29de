import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { breakdownCsvColumns, collectCsv, csvFileName, exportBreakdownCsv, exportRequestsCsv, formatIsoInZone, requestCsvColumns, toCsv } from './csv'
import { generateUsageRecords } from '../fixtures/generateUsageRecords'
import { createMemoryAdapter } from '../memory/createMemoryAdapter'
import type { RequestSummary } from '../types'

const range = { start: '2026-11-02T05:00:00.000Z', end: '2026-11-09T05:00:00.000Z' }

describe('toCsv', () => {
  it('writes RFC 4180 with a header and raw numbers, escaping formula cells', () => {
    const rows = [
      { name: '=SUM(A1:A9)', note: 'plain', n: 1234.5 },
      { name: '+1 555', note: '-negative text', n: -3 },
      { name: '@handle', note: '\tTabbed', n: 0.000042 },
      { name: 'multi\nline "quoted"', note: '\rcarriage', n: 7 },
      { name: '=1+2\n=3', note: 'a,b', n: 10 },
    ]
    const csv = toCsv(rows, [
      { id: 'name', header: 'name', value: (row) => row.name },
      { id: 'note', header: 'note', value: (row) => row.note },
      { id: 'n', header: 'n', value: (row) => row.n },
    ])
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data
    expect(parsed[0]).toEqual(['name', 'note', 'n'])
    expect(parsed[1]).toEqual(["'=SUM(A1:A9)", 'plain', '1234.5'])
    expect(parsed[2]).toEqual(["'+1 555", "'-negative text", '-3'])
    expect(parsed[3]).toEqual(["'@handle", "'\tTabbed", '0.000042'])
    expect(parsed[4]).toEqual(['multi\nline "quoted"', "'\rcarriage", '7'])
    expect(parsed[5]).toEqual(["'=1+2\n=3", 'a,b', '10'])
    expect(csv.endsWith('\r\n')).toBe(true)
  })
})

describe('timestamps and file names', () => {
  it('writes ISO-8601 with the offset of the chosen zone', () => {
    expect(formatIsoInZone('2026-11-01T05:30:00Z', 'America/New_York')).toBe('2026-11-01T01:30:00.000-04:00')
    expect(formatIsoInZone('2026-11-01T06:30:00Z', 'America/New_York')).toBe('2026-11-01T01:30:00.000-05:00')
    expect(formatIsoInZone('2026-11-01T06:30:00Z', 'Asia/Kolkata')).toBe('2026-11-01T12:00:00.000+05:30')
  })

  it('names the file after the view, the range (To inclusive) and the zone', () => {
    expect(csvFileName({ view: 'requests', range, timeZone: 'America/New_York' })).toBe('usage-requests-2026-11-02-2026-11-08-America_New_York.csv')
    expect(csvFileName({ view: 'by user', range: { start: '2026-11-22T15:42:10Z', end: '2026-11-23T15:42:10Z' }, timeZone: 'UTC' })).toBe(
      'usage-by_user-2026-11-22T1542-2026-11-23T1542-UTC.csv',
    )
  })
})

describe('streaming export', () => {
  const records = generateUsageRecords({ seed: 3, start: range.start, end: range.end, requestsPerDay: 300 })
  const adapter = createMemoryAdapter(records)
  const query = { range, timeZone: 'America/New_York', filters: { team: ['Research', 'Growth'] } }

  it('walks every page of listRequests with the filters, newest first, with progress', async () => {
    const progress: number[] = []
    const columns = requestCsvColumns({ timeZone: 'America/New_York', currency: 'USD' })
    const csv = await collectCsv(exportRequestsCsv({ adapter, query, columns, pageSize: 100, onProgress: (p) => progress.push(p.rows) }))
    const expected = records.filter((r) => r.team === 'Research' || r.team === 'Growth')
    // Exactly one line per request after the header, no blank lines between chunks.
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(csv.slice(0, -2).split('\r\n')).toHaveLength(expected.length + 1)
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data
    expect(parsed).toHaveLength(expected.length)
    expect(Object.keys(parsed[0]!)).toEqual(['timestamp', 'status', 'user_id', 'user_name', 'provider', 'model', 'application', 'input_tokens', 'output_tokens', 'total_tokens', 'latency_ms', 'cost_usd', 'request_id'])
    const newest = expected.reduce((a, b) => (a.timestamp > b.timestamp ? a : b))
    expect(parsed[0]!.request_id).toBe(newest.id)
    expect(parsed[0]!.timestamp).toMatch(/^2026-11-0\dT\d\d:\d\d:\d\d\.\d{3}-05:00$/)
    expect(Number(parsed[0]!.cost_usd)).toBe(newest.cost)
    expect(progress.at(-1)).toBe(expected.length)
    expect(progress.length).toBe(Math.ceil(expected.length / 100))
  })

  it('stops when the signal aborts', async () => {
    const controller = new AbortController()
    const columns = requestCsvColumns({ timeZone: 'UTC', currency: 'USD', columns: ['id'] })
    let pages = 0
    const run = collectCsv(
      exportRequestsCsv({
        adapter,
        query,
        columns,
        pageSize: 50,
        signal: controller.signal,
        onProgress: () => {
          pages += 1
          if (pages === 2) controller.abort(new Error('cancelled by the reader'))
        },
      }),
    )
    await expect(run).rejects.toThrow('cancelled by the reader')
    expect(pages).toBe(2)
  })

  it('exports a whole breakdown across pages', async () => {
    const columns = breakdownCsvColumns({ groupBy: 'user', metrics: ['requests', 'cost'], currency: 'USD' })
    const csv = await collectCsv(exportBreakdownCsv({ adapter, query: { ...query, groupBy: 'user', metrics: ['requests', 'cost'] }, columns, pageSize: 7 }))
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data
    const users = new Set(records.filter((r) => r.team === 'Research' || r.team === 'Growth').map((r) => r.userId))
    expect(parsed).toHaveLength(users.size)
    expect(Object.keys(parsed[0]!)).toEqual(['user_id', 'user', 'email', 'team', 'models', 'requests', 'cost_usd'])
  })

  it('exports only the visible columns', () => {
    const row = { id: 'r1', timestamp: '2026-11-01T00:00:00Z', userId: 'u1', userName: '=cmd' } as RequestSummary
    const csv = toCsv([row], requestCsvColumns({ timeZone: 'UTC', currency: 'EUR', columns: ['userName', 'id'] }))
    expect(csv).toBe('user_name,request_id\r\n"\'=cmd",r1\r\n')
  })
})
