import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { type CsvColumn, type CsvValue, breakdownCsvColumns, collectCsv, csvFileName, exportBreakdownCsv, exportRequestsCsv, formatIsoInZone, requestCsvColumns, toCsv } from './csv'
import { generateUsageRecords } from '../fixtures/generateUsageRecords'
import { createMemoryAdapter } from '../memory/createMemoryAdapter'
import type { BreakdownRow, RequestSummary, UsageRecord } from '../types'

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

describe('CSV injection (OWASP) for every cell', () => {
  const one = (value: CsvValue, header = 'cell') => toCsv([{ value }], [{ id: 'cell', header, value: (row: { value: CsvValue }) => row.value }])
  /** The data line of a one-cell file, as written. */
  const line = (value: CsvValue) => one(value).split('\r\n').slice(1, -1).join('\r\n')
  /** The cell a CSV reader gets back. */
  const cell = (value: CsvValue) => Papa.parse<string[]>(one(value).trimEnd(), { newline: '\r\n' }).data[1]![0]

  it.each([
    ['=', '=SUM(A1:A2)'],
    ['+', '+1 555 0100'],
    ['-', '-2+3'],
    ['@', '@SUM(1+1)'],
    ['tab', '\t=cmd'],
    ['CR', '\r=cmd'],
    ['LF', '\n=cmd'],
    ['NUL', '\0=cmd'],
  ])('prefixes a text cell starting with %s with a quote and quotes the cell', (_, text) => {
    expect(cell(text)).toBe(`'${text}`)
    expect(line(text).startsWith(`"'`)).toBe(true)
  })

  it('leaves text that does not start like a formula alone', () => {
    for (const text of ['plain', 'a=b', 'x-1', 'e@mail.example', ' =not first', "'quoted"]) expect(cell(text)).toBe(text)
    expect(line('plain')).toBe('plain')
    expect(line('')).toBe('')
  })

  it('escapes a text cell that is a number, but writes number columns raw', () => {
    expect(cell('-1.5')).toBe("'-1.5")
    expect(cell('+44')).toBe("'+44")
    expect(line(-1.5)).toBe('-1.5')
    expect(line(-3)).toBe('-3')
    expect(line(0.000042)).toBe('0.000042')
    expect(line(-12345678901234567890n)).toBe('-12345678901234567890')
    expect(line(false)).toBe('false')
    expect(line(Number.NaN)).toBe('')
    expect(line(null)).toBe('')
  })

  it('escapes each item of a list cell, not only the first', () => {
    expect(cell(['ok', '=HYPERLINK("http://evil.example")', '-1', '@x', '\0nul', '\nlf', 'tail'])).toBe(`ok;'=HYPERLINK("http://evil.example");'-1;'@x;'\0nul;'\nlf;tail`)
    expect(cell(['=a', 'b'])).toBe("'=a;b")
    expect(line([])).toBe('')
    // A list cell holds `;`, the separator of many locales' spreadsheets: always quoted.
    expect(line(['a', 'b'])).toBe('"a;b"')
    expect(line('one;two')).toBe('"one;two"')
  })

  it('quotes cells with the delimiter, quotes or line breaks and doubles the quotes', () => {
    expect(line('say "hi", ok')).toBe('"say ""hi"", ok"')
    expect(line('two\nlines')).toBe('"two\nlines"')
    expect(line('a,b')).toBe('"a,b"')
    expect(cell('say "hi", ok')).toBe('say "hi", ok')
  })

  it('escapes headers the same way', () => {
    expect(one('x', '=evil').split('\r\n')[0]).toBe(`"'=evil"`)
  })

  it('escapes tags and models in every exporter', async () => {
    const request = { id: 'r1', timestamp: '2026-11-01T00:00:00Z', tags: ['prod', '=cmd|\' /C calc\'!A0', '-2'], userName: '-1.5', cost: -0.25 } as unknown as RequestSummary
    const csv = toCsv([request], requestCsvColumns({ timeZone: 'UTC', currency: 'USD', columns: ['id', 'userName', 'tags', 'cost'] }))
    const [row] = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data
    expect(row).toEqual({ request_id: 'r1', user_name: "'-1.5", tags: "prod;'=cmd|' /C calc'!A0;'-2", cost_usd: '-0.25' })

    const breakdownRow = { key: 'u1', label: '@user', models: ['gpt-4o', '+evil'], metrics: { requests: 3, cost: -1.5 } } as unknown as BreakdownRow
    const columns: CsvColumn<BreakdownRow>[] = breakdownCsvColumns({ groupBy: 'team', metrics: ['requests', 'cost'], currency: 'USD' })
    const [b] = Papa.parse<Record<string, string>>(toCsv([breakdownRow], columns), { header: true, skipEmptyLines: true }).data
    expect(b).toEqual({ team_id: 'u1', team: "'@user", models: "gpt-4o;'+evil", requests: '3', cost_usd: '-1.5' })
    // A custom metric named like an Object.prototype member reads nothing from the prototype.
    const odd = toCsv([breakdownRow], breakdownCsvColumns({ groupBy: 'team', metrics: ['toString', 'constructor'], currency: 'USD' }))
    expect(odd).not.toContain('native code')

    // The streaming exporter over an adapter: the same cells.
    const base = generateUsageRecords({ seed: 9, start: range.start, end: range.end, requestsPerDay: 5 })[0]!
    const record: UsageRecord = { ...base, tags: ['ok', '=1+1', '\0x'], userName: '\n=cmd' }
    const streamed = await collectCsv(
      exportRequestsCsv({ adapter: createMemoryAdapter([record]), query: { range, timeZone: 'UTC', filters: {} }, columns: requestCsvColumns({ timeZone: 'UTC', currency: 'USD', columns: ['userName', 'tags'] }) }),
    )
    const [s] = Papa.parse<Record<string, string>>(streamed, { header: true, skipEmptyLines: true }).data
    expect(s).toEqual({ user_name: "'\n=cmd", tags: "ok;'=1+1;'\0x" })
  })
})

describe('requests without a user, and end customers', () => {
  it('writes empty cells where a request has no user or customer, and the customer where it has one', async () => {
    const base = generateUsageRecords({ seed: 9, start: range.start, end: range.end, requestsPerDay: 50 })
    const withoutUser: UsageRecord = { ...base[0]!, id: 'r-nobody', userId: '', customer: null }
    const forCustomer: UsageRecord = { ...base[1]!, id: 'r-globex', customer: 'globex' }
    const columns = requestCsvColumns({ timeZone: 'UTC', currency: 'USD', columns: ['id', 'userId', 'userName', 'userEmail', 'customer'] })
    const csv = await collectCsv(exportRequestsCsv({ adapter: createMemoryAdapter([withoutUser, forCustomer]), query: { range, timeZone: 'UTC' }, columns }))
    expect(csv).not.toContain('undefined')
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data
    expect(rows.find((row) => row.request_id === 'r-nobody')).toEqual({ request_id: 'r-nobody', user_id: '', user_name: '', user_email: '', customer: '' })
    expect(rows.find((row) => row.request_id === 'r-globex')).toMatchObject({ user_id: forCustomer.userId, customer: 'globex' })
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
