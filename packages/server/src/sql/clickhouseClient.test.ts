import { createClient } from '@clickhouse/client'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { contractFixtures, expectSameAnswer } from '@usagekit/core/testing'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SqlExecute, type SqlRow, createSqlAdapter } from './createSqlAdapter'
import type { SqlValue } from './sqlParameters'
import { type TestDatabase, openChdb } from './testDatabases'

// docs/sql.md's server wiring, unchanged, against a recording transport: an HTTP server that
// speaks ClickHouse's HTTP interface (statement in the body, `param_<name>` in the URL, rows back
// as JSONEachRow), records what arrives and runs it on ClickHouse's engine (chdb).

/** A `param_…` value as ClickHouse's HTTP interface reads it: escaped text, `\N` for NULL. */
function unescapeParam(text: string): string | null {
  if (text === '\\N') return null
  return text.replace(/\\(.)/gs, (_, char: string) => ({ t: '\t', n: '\n', r: '\r', '0': '\u0000' })[char] ?? char)
}

interface Received {
  body: string
  statement: string
  params: Record<string, string | null>
  rawParams: Record<string, string>
  settings: URLSearchParams
}

let database: TestDatabase
let server: Server
let url: string
const received: Received[] = []
const built: { sql: string; params: Record<string, unknown> }[] = []

beforeAll(async () => {
  database = await openChdb()
  await database.load(contractFixtures().records)
  server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      const search = new URL(request.url ?? '/', 'http://localhost').searchParams
      const body = Buffer.concat(chunks).toString('utf8')
      const rawParams = Object.fromEntries([...search].filter(([name]) => name.startsWith('param_')).map(([name, value]) => [name.slice(6), value]))
      const params = Object.fromEntries(Object.entries(rawParams).map(([name, value]) => [name, unescapeParam(value)]))
      // The client appends ` \nFORMAT <format>` to the statement it is given.
      const statement = body.replace(/ \nFORMAT JSONEachRow$/, '')
      received.push({ body, statement, params, rawParams, settings: search })
      try {
        const rows = await database.execute(statement, params, {})
        response.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Format': 'JSONEachRow' })
        response.end(rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length ? '\n' : ''))
      } catch (error) {
        response.writeHead(500, { 'X-ClickHouse-Exception-Code': '1' })
        response.end(`Code: 1. DB::Exception: ${(error as Error).message}`)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await database.close()
})

describe('@clickhouse/client as the execute of dialect "clickhouse"', () => {
  it('sends exactly the statement and query_params the adapter built, and its rows answer as the reference does', async () => {
    const client = createClient({ url })
    // As docs/sql.md wires it.
    const execute: SqlExecute<Record<string, SqlValue>> = async (query, query_params, { signal } = {}) => {
      built.push({ sql: query, params: query_params })
      const result = await client.query({
        query,
        query_params,
        format: 'JSONEachRow',
        abort_signal: signal,
        clickhouse_settings: { cancel_http_readonly_queries_on_client_close: 1 },
      })
      return result.json<SqlRow>()
    }
    const adapter = createSqlAdapter({ dialect: 'clickhouse', execute })
    const reference = createMemoryAdapter(contractFixtures().records)
    const range = { start: '2026-10-01T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z' }
    // Values that must survive the trip as they are: quotes, backslashes, tabs, newlines, non-ASCII.
    const hostile = ["o'brien", 'back\\slash', 'tab\there', 'line\nbreak', 'ünï €', '\\N']
    try {
      expectSameAnswer(
        await adapter.getSummary({ range, timeZone: 'Europe/Berlin', metrics: ['requests', 'cost', 'activeUsers', 'p95LatencyMs'], compareToPrevious: true }),
        await reference.getSummary({ range, timeZone: 'Europe/Berlin', metrics: ['requests', 'cost', 'activeUsers', 'p95LatencyMs'], compareToPrevious: true }),
        'summary',
      )
      const series = { range, timeZone: 'America/New_York', bucket: '1d', metrics: ['cost', 'requests'], groupBy: 'model', limit: 3 } as const
      expectSameAnswer(await adapter.getTimeSeries({ ...series, metrics: [...series.metrics] }), await reference.getTimeSeries({ ...series, metrics: [...series.metrics] }), 'series')
      const filtered = { range, timeZone: 'UTC', metrics: ['requests' as const], filters: { team: hostile, user: hostile } }
      expectSameAnswer(await adapter.getSummary(filtered), await reference.getSummary(filtered), 'hostile filters')
      const page = await adapter.listRequests({ range, timeZone: 'UTC', pageSize: 5, search: "it's \\ 100%" })
      expect(page).toEqual(await reference.listRequests({ range, timeZone: 'UTC', pageSize: 5, search: "it's \\ 100%" }))
    } finally {
      await client.close()
    }
    expect(received.length).toBe(built.length)
    expect(built.length).toBeGreaterThan(3)
    for (const [index, call] of built.entries()) {
      const wire = received[index]!
      expect(wire.body, `statement ${index}`).toBe(`${call.sql} \nFORMAT JSONEachRow`)
      expect(wire.settings.get('cancel_http_readonly_queries_on_client_close'), 'the cancel-on-close setting').toBe('1')
      expect(Object.keys(wire.params).sort(), `parameter names of statement ${index}`).toEqual(Object.keys(call.params).sort())
      for (const [name, value] of Object.entries(call.params)) {
        expect(wire.params[name], `${name} of statement ${index}`).toBe(value === null ? null : String(value))
      }
    }
    const hostileCall = received.find((call) => Object.values(call.params).includes("o'brien"))!
    expect(Object.values(hostileCall.params)).toEqual(expect.arrayContaining(hostile))
    for (const value of hostile) expect(hostileCall.statement).not.toContain(value)
  })
})
