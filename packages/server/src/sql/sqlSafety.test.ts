import { type UsageAdapter, type UsageRecord, isInvalidQueryError } from '@usagekit/core'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { expectSameAnswer } from '@usagekit/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqlAdapter } from './createSqlAdapter'
import { type TestDatabase, openDuckdb, openPglite } from './testDatabases'

const range = { start: '2026-10-01T00:00:00.000Z', end: '2026-10-08T00:00:00.000Z' }
const HOSTILE = [
  "O'Brien",
  "x'); DROP TABLE usage_requests; --",
  '100%',
  'under_score',
  'back\\slash',
  'semi;colon',
  'nul\u0000byte',
  'Ünïcødé équipe 李小龙',
  'L'.repeat(5000),
  '$1',
]

function hostileRecords(): UsageRecord[] {
  const base = generateUsageRecords({ seed: 7, ...range, requestsPerDay: 60 })
  return base.map((record, i) => {
    const value = HOSTILE[i % HOSTILE.length]!
    if (i % 3 !== 0) return record
    // PostgreSQL text cannot hold U+0000: such values exist only as search and filter input there.
    const stored = value.replace(/\u0000/g, '')
    return { ...record, team: stored, application: stored, tags: [...record.tags, stored], userName: `${record.userName} ${stored}`.slice(0, 300) }
  })
}

for (const [engine, open] of [
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
] as const) {
  describe(`SQL adapter on ${engine}: hostile values, mapping errors, failures`, () => {
    let database: TestDatabase
    let adapter: UsageAdapter
    const records = hostileRecords()
    const reference = createMemoryAdapter(records)

    beforeAll(async () => {
      database = await open()
      await database.load(records)
      adapter = createSqlAdapter({ dialect: database.dialect, execute: database.execute })
    }, 60_000)
    afterAll(() => database.close())

    it('matches quotes, %, _, backslashes, semicolons, NUL, long and non-ASCII values literally, as bound parameters', async () => {
      for (const value of HOSTILE) {
        database.statements.length = 0
        const query = { range, timeZone: 'UTC', filters: { team: [value] } }
        expectSameAnswer(
          await adapter.getSummary({ ...query, metrics: ['requests', 'cost'] }),
          await reference.getSummary({ ...query, metrics: ['requests', 'cost'] }),
          `summary filtered to ${JSON.stringify(value.slice(0, 20))}`,
        )
        const search = { range, timeZone: 'UTC', groupBy: 'user' as const, metrics: ['requests'], search: value }
        expectSameAnswer(await adapter.getBreakdown(search), await reference.getBreakdown(search), `breakdown search ${JSON.stringify(value.slice(0, 20))}`)
        const page = { range, timeZone: 'UTC', pageSize: 50, search: value }
        expectSameAnswer(
          (await adapter.listRequests(page)).items.map((item) => item.id),
          (await reference.listRequests(page)).items.map((item) => item.id),
          `request search ${JSON.stringify(value.slice(0, 20))}`,
        )
        const tag = { range, timeZone: 'UTC', dimension: 'tag' as const, search: value }
        expectSameAnswer(await adapter.getDimensionValues(tag), await reference.getDimensionValues(tag), `tag values ${JSON.stringify(value.slice(0, 20))}`)
        // No value ever reaches the SQL text: every one travels as a parameter.
        for (const statement of database.statements) {
          if (value.length > 3) expect(statement.sql).not.toContain(value)
          expect(statement.sql).not.toContain('DROP')
        }
      }
      const [{ n }] = (await database.execute('SELECT count(*) AS n FROM usage_requests', [], {})) as [{ n: unknown }]
      expect(Number(n)).toBe(records.length)
    })

    it('a filter value that matches a stored value exactly finds only that value', async () => {
      const team = "x'); DROP TABLE usage_requests; --"
      const expected = records.filter((record) => record.team === team).length
      expect(expected).toBeGreaterThan(0)
      const summary = await adapter.getSummary({ range, timeZone: 'UTC', filters: { team: [team] }, metrics: ['requests'] })
      expect(summary.totals.requests).toBe(expected)
      const percent = await adapter.getSummary({ range, timeZone: 'UTC', filters: { team: ['100'] }, metrics: ['requests'] })
      expect(percent.totals.requests).toBe(0)
    })

    it('rejects an unknown time zone, dimension or metric before any SQL runs', async () => {
      database.statements.length = 0
      const calls = [
        () => adapter.getTimeSeries({ range, timeZone: 'Mars/Olympus_Mons', bucket: '1d', metrics: ['requests'] }),
        () => adapter.getBreakdown({ range, timeZone: 'UTC', groupBy: 'planet' as never, metrics: ['requests'] }),
        () => adapter.getSummary({ range, timeZone: 'UTC', metrics: ['requests'], filters: { 'team"; --': ['x'] } as never }),
        () => adapter.getSummary({ range, timeZone: 'UTC', metrics: ['cost; DROP'] }),
      ]
      for (const call of calls) {
        const error = await call().then(() => null, (caught: unknown) => caught)
        expect(isInvalidQueryError(error)).toBe(true)
      }
      expect(database.statements).toHaveLength(0)
    })

    it('an unknown request id is NotFoundError, including ids PostgreSQL could not store', async () => {
      for (const id of ['no-such-id', "' OR '1'='1", 'nul\u0000id']) {
        await expect(adapter.getRequest({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      }
    })

    it('a failing database rejects the one call, with the driver error as is', async () => {
      const failing = createSqlAdapter({
        dialect: database.dialect,
        execute: async () => {
          throw new Error('connection terminated unexpectedly')
        },
      })
      await expect(failing.getSummary({ range, timeZone: 'UTC', metrics: ['requests'] })).rejects.toThrow('connection terminated unexpectedly')
    })

    it('an aborted signal stops the call before the statement runs', async () => {
      database.statements.length = 0
      const controller = new AbortController()
      controller.abort()
      await expect(adapter.getSummary({ range, timeZone: 'UTC', metrics: ['requests'], signal: controller.signal })).rejects.toBeDefined()
      expect(database.statements).toHaveLength(0)
    })
  })
}

describe('column mapping', () => {
  it('rejects unknown fields and missing required columns when the adapter is created', () => {
    const execute = async () => []
    expect(() => createSqlAdapter({ dialect: 'postgres', execute, columns: { bogus: 'x' } as never })).toThrow(/columns\.bogus is not a record field/)
    expect(() => createSqlAdapter({ dialect: 'postgres', execute, columns: { cost: null } })).toThrow(/columns\.cost is required/)
    expect(() => createSqlAdapter({ dialect: 'postgres', execute, columns: { model: '' } })).toThrow(/columns\.model must be a column name/)
    expect(() => createSqlAdapter({ dialect: 'mysql' as never, execute })).toThrow(/dialect must be "postgres" or "duckdb"/)
  })

  it('answers over a host table with its own names, a float cost and no agent column, exactly', async () => {
    const records = generateUsageRecords({ seed: 11, ...range, requestsPerDay: 200 }).map((record) => ({ ...record, agent: null }))
    const database = await openPglite()
    try {
      await database.load(records)
      await database.execute(
        `CREATE VIEW "Host Log" AS SELECT id AS request_id, ts AS created_at, user_id AS uid, user_name AS display_name,
           user_email AS email, team, api_key, api_key_name, tags, application, provider, model, status,
           input_tokens AS prompt_tokens, cached_input_tokens, output_tokens AS completion_tokens,
           cost::float8 AS cost_usd, latency_ms AS duration_ms, ttft_ms FROM usage_requests`,
        [],
        {},
      )
      const adapter = createSqlAdapter({
        dialect: 'postgres',
        execute: database.execute,
        table: 'Host Log',
        columns: {
          id: 'request_id',
          timestamp: 'created_at',
          userId: 'uid',
          userName: 'display_name',
          userEmail: 'email',
          agent: null,
          inputTokens: 'prompt_tokens',
          outputTokens: 'completion_tokens',
          cost: 'cost_usd',
          latencyMs: 'duration_ms',
          callType: null,
          modelId: null,
          apiBase: null,
          ip: null,
          overheadMs: null,
          retries: null,
          costBreakdown: null,
          errorMessage: null,
          systemPrompt: null,
          prompt: null,
          completion: null,
          request: null,
          response: null,
          metadata: null,
        },
      })
      const reference = createMemoryAdapter(records)
      const capabilities = await adapter.getCapabilities()
      expect(capabilities.dimensions).not.toContain('agent')
      expect(capabilities.requestContent).toBe(false)
      const query = { range, timeZone: 'America/New_York', metrics: ['cost', 'requests', 'p95LatencyMs', 'successRate'] }
      expectSameAnswer(await adapter.getSummary({ ...query, compareToPrevious: true }), await reference.getSummary({ ...query, compareToPrevious: true }))
      const breakdown = { ...query, groupBy: 'user' as const, trend: { bucket: '1d' as const, metric: 'cost' } }
      expectSameAnswer(await adapter.getBreakdown(breakdown), await reference.getBreakdown(breakdown))
      const series = { ...query, groupBy: 'consumer' as const, bucket: '6h' as const, limit: 3 }
      expectSameAnswer(await adapter.getTimeSeries(series), await reference.getTimeSeries(series))
    } finally {
      await database.close()
    }
  })
})
