import { DEFAULT_LIMITS, type UsageAdapter, type UsageRecord, encodeCursor, isInvalidQueryError, parseParams } from '@usagekit/core'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { expectSameAnswer } from '@usagekit/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqlAdapter } from './createSqlAdapter'
import { type TestDatabase, openChdb, openDuckdb, openPglite } from './testDatabases'
import type { SqlStatementParams } from './sqlParameters'

const range = { start: '2026-10-01T00:00:00.000Z', end: '2026-10-08T00:00:00.000Z' }
/** Values stored in the table and then asked for: each must match itself literally, as a bound parameter. */
const HOSTILE = [
  "O'Brien",
  "x'); DROP TABLE usage_requests; --",
  '100%',
  'under_score',
  'back\\slash',
  'semi;colon',
  'Ünïcødé équipe 李小龙',
  // As long as a filter value may be (limits.maxValueLength); searches are cut to limits.maxSearchLength.
  'L'.repeat(DEFAULT_LIMITS.maxValueLength),
  '$1',
  'tab\tand 😀 emoji',
]

function hostileRecords(): UsageRecord[] {
  const base = generateUsageRecords({ seed: 7, ...range, requestsPerDay: 60 })
  return base.map((record, i) => {
    const value = HOSTILE[i % HOSTILE.length]!
    if (i % 3 !== 0) return record
    return { ...record, team: value, application: value, tags: [...record.tags, value], userName: `${record.userName} ${value}`.slice(0, 300) }
  })
}

/** The error a call rejects with (or fails the test when it answers). */
async function rejection(call: () => Promise<unknown>): Promise<{ code?: string; field?: string; tooLarge?: boolean; message: string }> {
  const result = await call().then(
    (answer) => ({ answer }),
    (error: unknown) => ({ error }),
  )
  if ('answer' in result) throw new Error(`expected a rejection, got an answer: ${JSON.stringify(result.answer).slice(0, 200)}`)
  return result.error as never
}

for (const [engine, open] of [
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
  ['ClickHouse (chdb)', openChdb],
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

    it('matches quotes, %, _, backslashes, semicolons, long and non-ASCII values literally, as bound parameters', async () => {
      for (const value of HOSTILE) {
        database.statements.length = 0
        const query = { range, timeZone: 'UTC', filters: { team: [value] } }
        expectSameAnswer(
          await adapter.getSummary({ ...query, metrics: ['requests', 'cost'] }),
          await reference.getSummary({ ...query, metrics: ['requests', 'cost'] }),
          `summary filtered to ${JSON.stringify(value.slice(0, 20))}`,
        )
        const needle = value.slice(0, DEFAULT_LIMITS.maxSearchLength)
        const search = { range, timeZone: 'UTC', groupBy: 'user' as const, metrics: ['requests'], search: needle }
        expectSameAnswer(await adapter.getBreakdown(search), await reference.getBreakdown(search), `breakdown search ${JSON.stringify(value.slice(0, 20))}`)
        const page = { range, timeZone: 'UTC', pageSize: 50, search: needle }
        expectSameAnswer(
          (await adapter.listRequests(page)).items.map((item) => item.id),
          (await reference.listRequests(page)).items.map((item) => item.id),
          `request search ${JSON.stringify(value.slice(0, 20))}`,
        )
        const tag = { range, timeZone: 'UTC', dimension: 'tag' as const, search: needle }
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

    it('an unknown request id is NotFoundError', async () => {
      for (const id of ['no-such-id', "' OR '1'='1", '%']) {
        await expect(adapter.getRequest({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      }
    })

    it('refuses NUL in any text (filters, searches, ids, cursor ids) as InvalidQueryError naming the field, before any SQL runs', async () => {
      const nul = 'a\u0000b'
      const cursor = encodeCursor({ ts: Date.parse(range.start) * 1000 + 1, id: nul }, { range, timeZone: 'UTC' })
      const cases: [string, () => Promise<unknown>][] = [
        ['filters.team', () => adapter.getSummary({ range, timeZone: 'UTC', metrics: ['requests'], filters: { team: [nul] } })],
        ['filters.tag', () => adapter.getTimeSeries({ range, timeZone: 'UTC', bucket: '1d', metrics: ['requests'], filters: { tag: ['prod', nul] } })],
        ['filters.user', () => adapter.getBreakdown({ range, timeZone: 'UTC', groupBy: 'team', metrics: ['requests'], filters: { user: [nul] } })],
        ['search', () => adapter.getBreakdown({ range, timeZone: 'UTC', groupBy: 'user', metrics: ['requests'], search: nul })],
        ['search', () => adapter.listRequests({ range, timeZone: 'UTC', pageSize: 10, search: nul })],
        ['search', () => adapter.getDimensionValues({ range, timeZone: 'UTC', dimension: 'team', search: nul })],
        ['filters.model', () => adapter.getDimensionValues({ range, timeZone: 'UTC', dimension: 'team', filters: { model: [nul] } })],
        ['id', () => adapter.getRequest({ id: nul })],
        ['filters.apiKey', () => adapter.getRequest({ id: records[0]!.id, filters: { apiKey: [nul] } })],
        ['cursor', () => adapter.listRequests({ range, timeZone: 'UTC', pageSize: 10, cursor })],
      ]
      for (const [field, call] of cases) {
        database.statements.length = 0
        const error = await rejection(call)
        expect(isInvalidQueryError(error), `${field}: ${error.message}`).toBe(true)
        expect(error.field).toBe(field)
        expect(database.statements).toHaveLength(0)
      }
    })

    it('refuses forged cursors (a huge, negative or fractional timestamp, an id that is not a string) naming the cursor', async () => {
      const query = { range, timeZone: 'UTC' }
      const forged = (t: unknown, i: unknown) => encodeCursor({ ts: t as number, id: i as string }, query)
      const start = Date.parse(range.start) * 1000
      for (const cursor of [
        forged(1e20, 'x'),
        forged(2 ** 62, 'x'),
        forged(-1, 'x'),
        forged(-(2 ** 50), 'x'),
        forged(start + 0.5, 'x'),
        forged(start + 1, 42),
        forged(start + 1, null),
        forged(start + 1, 'i'.repeat(600)),
        // A real position, but outside the query's range: no cursor of this query points there.
        forged(Date.parse('2030-01-01T00:00:00Z') * 1000, 'x'),
        'x'.repeat(5000),
      ]) {
        database.statements.length = 0
        const error = await rejection(() => adapter.listRequests({ ...query, pageSize: 10, cursor }))
        expect(isInvalidQueryError(error), error.message).toBe(true)
        expect(error.field).toBe('cursor')
        expect(database.statements).toHaveLength(0)
      }
      // A real cursor still pages.
      const first = await adapter.listRequests({ ...query, pageSize: 10 })
      const second = await adapter.listRequests({ ...query, pageSize: 10, cursor: first.nextCursor })
      expect(second.items).toHaveLength(10)
    })

    it('refuses limits and offsets of 1e20, years past 9999 and a 10,000-bucket series, naming the field', async () => {
      const week = { range, timeZone: 'UTC' }
      const cases: [string, boolean, () => Promise<unknown>][] = [
        ['limit', true, () => adapter.getTimeSeries({ ...week, bucket: '1d', metrics: ['requests'], groupBy: 'model', limit: 1e20 })],
        ['limit', true, () => adapter.getBreakdown({ ...week, groupBy: 'user', metrics: ['requests'], limit: 1e20 })],
        ['offset', true, () => adapter.getBreakdown({ ...week, groupBy: 'user', metrics: ['requests'], offset: 1e20 })],
        ['limit', true, () => adapter.getDimensionValues({ ...week, dimension: 'user', limit: 1e20 })],
        ['pageSize', true, () => adapter.listRequests({ ...week, pageSize: 1e20 })],
        ['offset', false, () => adapter.getBreakdown({ ...week, groupBy: 'user', metrics: ['requests'], offset: -1 })],
        ['limit', false, () => adapter.getDimensionValues({ ...week, dimension: 'user', limit: 0.5 })],
        ['range.end', false, () => adapter.getSummary({ range: { start: range.start, end: '+010000-01-01T00:00:00Z' }, timeZone: 'UTC', metrics: ['requests'] })],
        ['range.start', false, () => adapter.listRequests({ range: { start: '+010000-01-01T00:00:00Z', end: '+010001-01-01T00:00:00Z' }, timeZone: 'UTC', pageSize: 5 })],
        ['range.end', false, () => adapter.getTimeSeries({ range: { start: range.start, end: '9999-12-31T23:59:59Z' }, timeZone: 'UTC', bucket: '1mo', metrics: ['requests'] })],
        ['bucket', true, () => adapter.getTimeSeries({ ...week, bucket: '1m', metrics: ['requests'] })],
        ['trend.bucket', true, () => adapter.getBreakdown({ ...week, groupBy: 'team', metrics: ['requests'], trend: { bucket: '1m', metric: 'requests' } })],
        ['bucket', true, () => adapter.getTimeSeries({ ...week, bucket: '15m', metrics: ['requests', 'cost', 'totalTokens'], groupBy: 'user', limit: 50 })],
      ]
      for (const [field, tooLarge, call] of cases) {
        database.statements.length = 0
        const error = await rejection(call)
        expect(isInvalidQueryError(error), `${field}: ${error.message}`).toBe(true)
        expect(error.field, error.message).toBe(field)
        expect(Boolean(error.tooLarge), error.message).toBe(tooLarge)
        expect(database.statements).toHaveLength(0)
      }
    })

    it('10,000 filter values: the HTTP params check refuses them from a client; an adapter given them (a host scope) answers, never an engine error', async () => {
      const many = Array.from({ length: 10_000 }, (_, i) => `team-${i}`)
      const capabilities = await adapter.getCapabilities()
      const week = { range, timeZone: 'UTC' }
      for (const [method, body, field] of [
        ['getSummary', { ...week, metrics: ['requests'], filters: { team: many } }, 'filters.team'],
        ['getRequest', { id: records[0]!.id, filters: { team: many } }, 'filters.team'],
        ['listRequests', { ...week, pageSize: 5, filters: { team: many.slice(0, 100), model: many.slice(0, 100), user: ['u'] } }, 'filters'],
      ] as const) {
        let error: unknown
        try {
          parseParams(method, body, capabilities)
        } catch (caught) {
          error = caught
        }
        expect(error).toMatchObject({ code: 'INVALID_QUERY', field, tooLarge: true })
      }
      const team = records.find((record) => record.team)!.team!
      const scoped = { ...week, filters: { team: [...many, team], model: many } }
      expectSameAnswer(
        await adapter.getBreakdown({ ...scoped, groupBy: 'user', metrics: ['requests', 'cost'] }),
        await reference.getBreakdown({ ...scoped, groupBy: 'user', metrics: ['requests', 'cost'] }),
      )
      const own = { ...week, filters: { team: [...many, team] } }
      expectSameAnswer(
        await adapter.getDimensionValues({ ...own, dimension: 'user' }),
        await reference.getDimensionValues({ ...own, dimension: 'user' }),
      )
      // The label lookup re-reads the answer's rows with the same placeholders: each value is bound once.
      database.statements.length = 0
      await adapter.getBreakdown({ ...own, groupBy: 'user', metrics: ['requests'] })
      expect(Object.values(database.statements[0]!.params).length).toBeLessThan(10_020)
      await expect(adapter.getRequest({ id: records.find((record) => record.team === team)!.id, filters: own.filters })).resolves.toMatchObject({ team })
    })

    it('getRequest is one statement with the id and the filters; content: false never reads a content column', async () => {
      const record = records.find((r) => r.team && r.systemPrompt)!
      database.statements.length = 0
      const detail = await adapter.getRequest({ id: record.id, filters: { team: [record.team!], tag: [...record.tags, '__none__'] } })
      expect(detail.messages.length).toBeGreaterThan(0)
      expect(database.statements).toHaveLength(1)
      expect(Object.values(database.statements[0]!.params)).toContain(record.team)
      database.statements.length = 0
      await expect(adapter.getRequest({ id: record.id, filters: { team: ['Growth', 'Finance'].filter((team) => team !== record.team) } })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: `No request with id "${record.id}".`,
      })
      expect(database.statements).toHaveLength(1)
      database.statements.length = 0
      const hidden = await adapter.getRequest({ id: record.id, content: false })
      expect(hidden).toMatchObject({ request: null, response: null, messages: [] })
      expect(hidden.cost).toBe(record.cost)
      const sql = database.statements[0]!.sql
      for (const column of ['"system_prompt"', '"prompt"', '"completion"', '"request"', '"response"']) expect(sql).not.toContain(column)
      await expect(adapter.getRequest({ id: record.id, content: 'no' as never })).rejects.toMatchObject({ code: 'INVALID_QUERY', field: 'content' })
    })

    it('an aborted signal stops every method before its statement, and a statement the abort outlives does not answer', async () => {
      const controller = new AbortController()
      controller.abort(new Error('the viewer left'))
      const signal = controller.signal
      const query = { range, timeZone: 'UTC', signal }
      const calls: (() => Promise<unknown>)[] = [
        () => adapter.getCapabilities({ signal }),
        () => adapter.getSummary({ ...query, metrics: ['requests'], compareToPrevious: true }),
        () => adapter.getTimeSeries({ ...query, bucket: '1d', metrics: ['requests'], groupBy: 'team', limit: 3 }),
        () => adapter.getBreakdown({ ...query, groupBy: 'user', metrics: ['requests'], trend: { bucket: '1d', metric: 'requests' } }),
        () => adapter.listRequests({ ...query, pageSize: 10 }),
        () => adapter.getRequest({ id: records[0]!.id, signal }),
        () => adapter.getDimensionValues({ ...query, dimension: 'user' }),
      ]
      database.statements.length = 0
      for (const call of calls) await expect(call()).rejects.toThrow('the viewer left')
      expect(database.statements).toHaveLength(0)
      // A driver that ignores the signal: the statement finishes after the abort, and its rows are dropped.
      const late = new AbortController()
      const slow = createSqlAdapter({
        dialect: database.dialect,
        execute: async (sql: string, params: SqlStatementParams, options: { signal?: AbortSignal }) => {
          const rows = await database.execute(sql, params, options)
          late.abort(new Error('timed out'))
          return rows
        },
      })
      await expect(slow.getSummary({ range, timeZone: 'UTC', metrics: ['requests'], signal: late.signal })).rejects.toThrow('timed out')
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

    it('an aborted signal stops a call before its statement runs', async () => {
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
    expect(() => createSqlAdapter({ dialect: 'postgres', execute, columns: { cost: null as never } })).toThrow(/columns\.cost is required/)
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

describe('limits', () => {
  it('announces DEFAULT_LIMITS with the options over them, and refuses a query above one before any SQL', async () => {
    const statements: string[] = []
    const adapter = createSqlAdapter({
      dialect: 'duckdb',
      execute: async (sql) => {
        statements.push(sql)
        return []
      },
      maxPageSize: 100,
      maxRangeDays: 31,
      limits: { maxFilterValues: 5, maxSearchLength: 20, maxSeries: 8 },
      // No table behind this execute: the reference schema is assumed, so no statement at all runs.
      checkCatalog: false,
    })
    const { limits } = await adapter.getCapabilities()
    expect(limits).toEqual({ ...DEFAULT_LIMITS, maxPageSize: 100, maxRangeDays: 31, maxFilterValues: 5, maxSearchLength: 20, maxSeries: 8 })
    const refused: [string, () => Promise<unknown>][] = [
      ['pageSize', () => adapter.listRequests({ range, timeZone: 'UTC', pageSize: 101 })],
      ['range', () => adapter.getSummary({ range: { start: '2026-01-01T00:00:00Z', end: '2026-03-01T00:00:00Z' }, timeZone: 'UTC', metrics: ['requests'] })],
      ['search', () => adapter.getDimensionValues({ range, timeZone: 'UTC', dimension: 'user', search: 's'.repeat(21) })],
      ['limit', () => adapter.getTimeSeries({ range, timeZone: 'UTC', bucket: '1d', metrics: ['requests'], groupBy: 'model', limit: 9 })],
    ]
    for (const [field, call] of refused) {
      const error = await rejection(call)
      expect(error).toMatchObject({ code: 'INVALID_QUERY', field, tooLarge: true })
    }
    expect(statements).toHaveLength(0)
    // Filter-value counts are the HTTP params check's (what a client sends), not the adapter's.
    await adapter.getBreakdown({ range, timeZone: 'UTC', groupBy: 'user', metrics: ['requests'], filters: { model: ['a', 'b', 'c', 'd', 'e', 'f'] } })
    const capabilities = await adapter.getCapabilities()
    expect(() => parseParams('getSummary', { range, timeZone: 'UTC', metrics: ['requests'], filters: { model: ['a', 'b', 'c', 'd', 'e', 'f'] } }, capabilities)).toThrow(/at most 5/)
  })

  it('refuses bad limits when the adapter is created', () => {
    const execute = async () => []
    expect(() => createSqlAdapter({ dialect: 'postgres', execute, limits: { maxCells: -1 } })).toThrow(/createSqlAdapter: limits\.maxCells must be a whole number ≥ 1, got -1/)
    expect(() => createSqlAdapter({ dialect: 'postgres', execute, limits: { maxRangeDays: 0 } })).toThrow(/limits\.maxRangeDays must be a positive number of days or null/)
    expect(() => createSqlAdapter({ dialect: 'postgres', execute, limits: { pageSize: 5 } as never })).toThrow(/limits\.pageSize is not a limit/)
  })
})
