import type { OptionalRecordField, UsageAdapter, UsageRecord } from '@usagekit/core'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { expectSameAnswer } from '@usagekit/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SqlAdapterOptions, createSqlAdapter } from './createSqlAdapter'
import type { SqlColumnMapping } from './sqlColumnSpec'
import type { SqlDialectName } from './dialects/sqlDialect'
import { type TestDatabase, openChdb, openDuckdb, openPglite } from './testDatabases'

/**
 * A request log usagekit did not design: wall-clock UTC timestamps, '' for "no user", its own status
 * words (and older rows with the outcome only in a JSON column), tags as JSON, cached tokens and
 * the key's alias inside JSON, a float cost, a text cache flag. The adapter over it must answer
 * exactly what the memory adapter answers over the same requests.
 */
const range = { start: '2026-10-05T00:00:00.000Z', end: '2026-10-12T00:00:00.000Z' }

const LACKS: OptionalRecordField[] = [
  'userName',
  'userEmail',
  'agent',
  'ttftMs',
  'callType',
  'modelId',
  'apiBase',
  'ip',
  'overheadMs',
  'retries',
  'costBreakdown',
  'errorMessage',
  'systemPrompt',
  'prompt',
  'completion',
  'request',
  'response',
  'metadata',
]

/** The fixtures as this log can hold them: millisecond instants, whole-millisecond latencies, some calls without a user. */
function foreignRecords(): UsageRecord[] {
  return generateUsageRecords({ seed: 21, ...range, requestsPerDay: 300 }).map((record, i) => ({
    ...record,
    latencyMs: Math.round(record.latencyMs),
    userId: i % 17 === 0 ? '' : record.userId,
    team: i % 23 === 0 ? '' : record.team,
    tags: i % 29 === 0 ? [...record.tags, ''] : record.tags,
  }))
}

function ddl(dialect: SqlDialectName): string[] {
  if (dialect === 'clickhouse') {
    // ClickHouse's own shapes: a zone-less DateTime64 (wall clock), tags as an array, meta as JSON text.
    return [
      `CREATE TABLE llm_calls (call_id String, started_at DateTime64(3), account String DEFAULT '', team_name Nullable(String), ` +
        `key_hash Nullable(String), labels Array(String), app Nullable(String), customer_id Nullable(String), vendor String, model String, ` +
        `outcome Nullable(String), tokens_in Int32, tokens_out Int32, cost_usd Float64, duration_ms Int32, meta JSON, gateway_cache Nullable(String)) ` +
        'ENGINE = MergeTree ORDER BY started_at',
    ]
  }
  const pg = dialect === 'postgres'
  const json = pg ? 'jsonb' : 'JSON'
  const text = pg ? 'text' : 'VARCHAR'
  return [
    `CREATE TABLE llm_calls (call_id ${text} NOT NULL, started_at ${pg ? 'timestamp(3) without time zone' : 'TIMESTAMP'} NOT NULL, ` +
      `account ${text} NOT NULL DEFAULT '', team_name ${text}, key_hash ${text}, labels ${json}, app ${text}, customer_id ${text}, ` +
      `vendor ${text} NOT NULL, model ${text} NOT NULL, outcome ${text}, tokens_in integer NOT NULL, tokens_out integer NOT NULL, ` +
      `cost_usd ${pg ? 'double precision' : 'DOUBLE'} NOT NULL, duration_ms integer NOT NULL, meta ${json}, gateway_cache ${text})`,
    'CREATE INDEX llm_calls_started_at ON llm_calls (started_at)',
  ]
}

/** A row as the foreign log writes it: every third error carries its outcome only in `meta`. */
function row(record: UsageRecord, i: number): unknown[] {
  const failed = record.status === 'error'
  const outcomeInMeta = i % 3 === 0
  const meta: Record<string, unknown> = { cached: record.cachedInputTokens, key_alias: record.apiKeyName ?? null }
  if (outcomeInMeta) meta.outcome = failed ? 'failed' : 'ok'
  return [
    record.id,
    record.timestamp.replace('T', ' ').replace('Z', ''),
    record.userId,
    record.team,
    record.apiKey,
    JSON.stringify(record.tags),
    record.application,
    record.customer ?? null,
    record.provider,
    record.model,
    outcomeInMeta ? null : failed ? 'failed' : 'ok',
    record.inputTokens,
    record.outputTokens,
    record.cost,
    record.latencyMs,
    JSON.stringify(meta),
    record.cacheHit ? 'True' : 'False',
  ]
}

async function load(database: TestDatabase, records: readonly UsageRecord[]): Promise<void> {
  for (const statement of ddl(database.dialect)) await database.execute(statement, [])
  const pg = database.dialect === 'postgres'
  if (database.dialect === 'clickhouse') {
    const types = ['String', 'String', 'String', 'Nullable(String)', 'Nullable(String)', 'String', 'Nullable(String)', 'Nullable(String)', 'String', 'String', 'Nullable(String)', 'Int64', 'Int64', 'Float64', 'Int64', 'String', 'Nullable(String)']
    for (let from = 0; from < records.length; from += 200) {
      const params: Record<string, unknown> = {}
      const tuples = records.slice(from, from + 200).map((record, j) =>
        row(record, from + j).map((cell, k) => {
          const name = `p${Object.keys(params).length + 1}`
          params[name] = cell
          const placeholder = `{${name}:${cell === null ? 'Nullable(String)' : types[k]}}`
          return k === 1 ? `parseDateTime64BestEffort(${placeholder}, 3, 'UTC')` : k === 5 ? `JSONExtract(${placeholder}, 'Array(String)')` : placeholder
        }),
      )
      await database.execute(`INSERT INTO llm_calls SELECT ${tuples.map((cells) => `(${cells.join(', ')})`).join(' UNION ALL SELECT ')}`.replace(/SELECT \(/g, 'SELECT ').replace(/\)( UNION|$)/g, '$1'), params as never)
    }
    database.statements.length = 0
    return
  }
  for (let from = 0; from < records.length; from += 200) {
    const values: unknown[] = []
    const tuples = records.slice(from, from + 200).map((record, j) => {
      const cells = row(record, from + j)
      const placeholders = cells.map((cell) => {
        values.push(cell)
        return `$${values.length}`
      })
      // started_at, labels and meta need their types spelled out for DuckDB's prepared INSERT.
      placeholders[1] = pg ? `${placeholders[1]}::timestamp` : `CAST(${placeholders[1]} AS TIMESTAMP)`
      placeholders[5] = pg ? `${placeholders[5]}::jsonb` : `CAST(${placeholders[5]} AS JSON)`
      placeholders[15] = pg ? `${placeholders[15]}::jsonb` : `CAST(${placeholders[15]} AS JSON)`
      return `(${placeholders.join(', ')})`
    })
    await database.execute(`INSERT INTO llm_calls VALUES ${tuples.join(', ')}`, values as never)
  }
  database.statements.length = 0
}

const COLUMNS: SqlColumnMapping = {
  id: 'call_id',
  timestamp: { column: 'started_at', type: 'timestamp', zone: 'UTC' },
  userId: 'account',
  userName: null,
  userEmail: null,
  team: 'team_name',
  apiKey: 'key_hash',
  apiKeyName: { column: 'meta', path: ['key_alias'] },
  tags: 'labels',
  application: 'app',
  agent: null,
  customer: 'customer_id',
  provider: 'vendor',
  model: 'model',
  status: { column: 'outcome', successValues: ['ok'], orElse: { column: 'meta', path: ['outcome'] } },
  cacheHit: { column: 'gateway_cache', trueValues: ['True'] },
  inputTokens: 'tokens_in',
  cachedInputTokens: { column: 'meta', path: ['cached'] },
  outputTokens: 'tokens_out',
  cost: 'cost_usd',
  latencyMs: 'duration_ms',
}

for (const [engine, open] of [
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
  ['ClickHouse (chdb)', openChdb],
] as const) {
  describe(`SQL adapter on a foreign table (${engine})`, () => {
    let database: TestDatabase
    let adapter: UsageAdapter
    let reference: UsageAdapter
    const records = foreignRecords()
    const options = (): SqlAdapterOptions => ({ dialect: database.dialect, execute: database.execute, table: 'llm_calls', columns: COLUMNS })

    beforeAll(async () => {
      database = await open({ schema: false })
      await load(database, records)
      adapter = createSqlAdapter(options())
      reference = createMemoryAdapter(records, { lacks: LACKS })
    }, 60_000)
    afterAll(() => database.close())

    it('offers what the table holds, nothing more', async () => {
      const capabilities = await adapter.getCapabilities()
      const expected = await reference.getCapabilities()
      expect(capabilities.dimensions).toEqual(expected.dimensions)
      expect(capabilities.metrics.map((metric) => metric.id)).toEqual(expected.metrics.map((metric) => metric.id))
      expect(capabilities.dimensions).toContain('customer')
      expect(capabilities.dimensions).not.toContain('agent')
      expect(capabilities.metrics.map((metric) => metric.id)).toContain('cacheHits')
      expect(capabilities.requestContent).toBe(false)
    })

    it('answers every metric exactly as the reference, '+ "'' users never active users", async () => {
      const query = { range, timeZone: 'America/New_York', metrics: ['requests', 'failedRequests', 'cachedInputTokens', 'cost', 'activeUsers', 'cacheHits', 'p95LatencyMs'], compareToPrevious: true }
      const answer = await adapter.getSummary(query)
      expectSameAnswer(answer, await reference.getSummary(query))
      const users = new Set(records.filter((record) => Date.parse(record.timestamp) >= Date.parse(range.start) && record.userId !== '').map((record) => record.userId))
      expect(answer.totals.activeUsers).toBe(users.size)
      expect(answer.totals.failedRequests).toBeGreaterThan(0)
    })

    it('reads status words and the JSON fallback as success/error, in groups and filters', async () => {
      const breakdown = { range, timeZone: 'UTC', groupBy: 'status' as const, metrics: ['requests'] }
      const answer = await adapter.getBreakdown(breakdown)
      expect(answer.rows.map((row) => row.key).sort()).toEqual(['error', 'success'])
      expectSameAnswer(answer, await reference.getBreakdown(breakdown))
      const failed = { range, timeZone: 'UTC', pageSize: 50, filters: { status: ['error'] } }
      const page = await adapter.listRequests(failed)
      expect(page.items.length).toBeGreaterThan(0)
      expect(page.items.every((item) => item.status === 'error')).toBe(true)
      // Cursors are each adapter's own (opaque); the items must agree.
      expectSameAnswer(page.items, (await reference.listRequests(failed)).items)
    })

    it('groups users, teams, tags and customers with empty values under __none__', async () => {
      for (const groupBy of ['user', 'team', 'tag', 'customer', 'apiKey'] as const) {
        const query = { range, timeZone: 'Europe/Berlin', groupBy, metrics: ['cost', 'activeUsers'], limit: 8, trend: { bucket: '1d' as const, metric: 'requests' } }
        expectSameAnswer(await adapter.getBreakdown(query), await reference.getBreakdown(query), `breakdown by ${groupBy}`)
        const series = { range, timeZone: 'Europe/Berlin', bucket: '6h' as const, groupBy, metrics: ['requests', 'cacheHits'], limit: 5 }
        expectSameAnswer(await adapter.getTimeSeries(series), await reference.getTimeSeries(series), `series by ${groupBy}`)
        const values = { range, timeZone: 'UTC', dimension: groupBy, limit: 50 }
        expectSameAnswer(await adapter.getDimensionValues(values), await reference.getDimensionValues(values), `values of ${groupBy}`)
      }
      const none = { range, timeZone: 'UTC', metrics: ['requests', 'activeUsers'], filters: { user: ['__none__'] } }
      const answer = await adapter.getSummary(none)
      expect(answer.totals.requests).toBe(records.filter((record) => record.userId === '').length)
      expect(answer.totals.activeUsers).toBeNull()
    })

    it('shows requests without a user, and only what the table recorded', async () => {
      const noUser = records.find((record) => record.userId === '')!
      const detail = await adapter.getRequest({ id: noUser.id })
      expectSameAnswer(detail, await reference.getRequest({ id: noUser.id }))
      expect(detail.userId).toBeUndefined()
      expect(detail).not.toHaveProperty('retries')
      expect(detail).not.toHaveProperty('callType')
      expect(detail.costBreakdown).toEqual([])
      expect(typeof detail.cacheHit).toBe('boolean')
      let cursor: string | null = null
      let referenceCursor: string | null = null
      let seen = 0
      do {
        const query = { range, timeZone: 'UTC', pageSize: 500 }
        const page = await adapter.listRequests({ ...query, cursor })
        const expected = await reference.listRequests({ ...query, cursor: referenceCursor })
        expectSameAnswer(page.items, expected.items)
        seen += page.items.length
        cursor = page.nextCursor
        referenceCursor = expected.nextCursor
      } while (cursor)
      expect(seen).toBe(records.length)
    })

    it('gives the same answers whatever the session time zone', async () => {
      if (database.dialect !== 'postgres') return
      const query = { range, timeZone: 'Asia/Kolkata', bucket: '1d' as const, metrics: ['requests', 'cost'] }
      const inUtc = await adapter.getTimeSeries(query)
      for (const zone of ['America/New_York', 'Europe/Berlin']) {
        await database.execute(`SET TimeZone = '${zone}'`, [])
        expectSameAnswer(await adapter.getTimeSeries(query), inUtc, `series in a ${zone} session`)
        expectSameAnswer((await adapter.listRequests({ range, timeZone: 'UTC', pageSize: 5 })).items, (await reference.listRequests({ range, timeZone: 'UTC', pageSize: 5 })).items)
      }
      await database.execute(`SET TimeZone = 'UTC'`, [])
    })

    it('compares the wall-clock column with converted bounds, so its index is used', async () => {
      if (database.dialect !== 'postgres') return
      database.statements.length = 0
      await adapter.listRequests({ range, timeZone: 'UTC', pageSize: 20 })
      const { sql, params } = database.statements.at(-1)!
      await database.execute('SET enable_seqscan = off', [])
      const plan = JSON.stringify(await database.execute(`EXPLAIN (FORMAT JSON) ${sql}`, params as never))
      await database.execute('SET enable_seqscan = on', [])
      // A bound the column would have to be cast for could not use the index, whatever the planner is told.
      expect(plan).toContain('llm_calls_started_at')
      expect(plan).not.toMatch(/started_at\)::timestamp with time zone|timezone\(/)
    })
  })
}

describe('the mapping is checked against the catalog before the first answer', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await openPglite({ schema: false })
    for (const statement of ddl('postgres')) await database.execute(statement, [])
  })
  afterAll(() => database.close())
  const create = (columns: SqlColumnMapping) => createSqlAdapter({ dialect: 'postgres', execute: database.execute, table: 'llm_calls', columns })

  it('names every field whose column is missing or unusable, in one error', async () => {
    const adapter = create({ ...COLUMNS, cost: 'no_such_column', team: 'nope', tags: 'app', timestamp: 'started_at' })
    const error = await adapter.getCapabilities().then(
      () => null,
      (caught: Error) => caught,
    )
    expect(error?.name).toBe('SqlMappingError')
    expect(error?.message).toMatch(/columns\.cost: "llm_calls" has no column "no_such_column"/)
    expect(error?.message).toMatch(/columns\.team: "llm_calls" has no column "nope"/)
    expect(error?.message).toMatch(/columns\.tags: "app" is text: say how tags are separated/)
    expect(error?.message).toMatch(/columns\.timestamp: "started_at" is timestamp\(3\) without time zone.*zone: 'UTC'/)
  })

  it('drops optional fields left at reference names the table lacks, instead of failing when the drawer opens', async () => {
    const { errorMessage: _, ...withoutError } = { ...COLUMNS, errorMessage: undefined }
    const adapter = create(withoutError)
    const capabilities = await adapter.getCapabilities()
    expect(capabilities.dimensions).not.toContain('agent')
    await expect(adapter.listRequests({ range, timeZone: 'UTC', pageSize: 5 })).resolves.toEqual({ items: [], nextCursor: null })
  })

  it('reports a missing table, and keeps no failure: the next call reads the catalog again', async () => {
    const adapter = createSqlAdapter({ dialect: 'postgres', execute: database.execute, table: 'later_calls', columns: COLUMNS })
    await expect(adapter.getCapabilities()).rejects.toThrow(/table "later_calls" was not found/)
    await database.execute('CREATE TABLE later_calls AS SELECT * FROM llm_calls', [])
    await expect(adapter.getCapabilities()).resolves.toMatchObject({ currency: 'USD' })
  })

  it('refuses specs that cannot be right when the adapter is created', () => {
    const execute = database.execute
    expect(() => createSqlAdapter({ dialect: 'postgres', execute, columns: { timestamp: { column: 'ts', type: 'timestamp' } as never } })).toThrow(/needs the zone/)
    expect(() => createSqlAdapter({ dialect: 'postgres', execute, columns: { timestamp: { column: 'ts', type: 'timestamp', zone: 'Europe/Berlin' } } })).toThrow(/fixed offset/)
    expect(() => createSqlAdapter({ dialect: 'postgres', execute, columns: { apiKeyName: { column: 'meta', path: ["it's"] } } })).toThrow(/path must be/)
    expect(() => createSqlAdapter({ dialect: 'postgres', execute, columns: { status: { column: 's', successValues: ['ok'], errorValues: ['no'] } } })).toThrow(/not both/)
    expect(() => createSqlAdapter({ dialect: 'postgres', execute, columns: { tags: { column: 't', type: 'delimited' } as never } })).toThrow(/separator/)
  })
})

/**
 * A second foreign shape: the instant as a number since the epoch (seconds on PGlite, milliseconds
 * on DuckDB), tags as '|'-separated text, statuses named by their error word, a boolean cache flag
 * and the latency as the time between two timestamptz columns.
 */
for (const [engine, open, type] of [
  ['PGlite', openPglite, 'epochSeconds'],
  ['DuckDB', openDuckdb, 'epochMillis'],
  ['ClickHouse (chdb)', openChdb, 'epochSeconds'],
] as const) {
  describe(`SQL adapter on an epoch-numbered log with delimited tags (${engine}, ${type})`, () => {
    let database: TestDatabase
    let adapter: UsageAdapter
    let reference: UsageAdapter
    // Whole seconds when the log keeps seconds (the reference holds what the table can).
    const records = foreignRecords().map((record) => ({
      ...record,
      timestamp: type === 'epochSeconds' ? new Date(Math.floor(Date.parse(record.timestamp) / 1000) * 1000).toISOString() : record.timestamp,
      tags: record.tags.filter((tag) => !tag.includes('|')),
    }))

    beforeAll(async () => {
      database = await open({ schema: false })
      const pg = database.dialect === 'postgres'
      const ch = database.dialect === 'clickhouse'
      const text = pg ? 'text' : 'VARCHAR'
      const tz = pg ? 'timestamptz' : 'TIMESTAMPTZ'
      if (ch) {
        await database.execute(
          'CREATE TABLE epoch_calls (id String, at_n Int64, who Nullable(String), tag_list Nullable(String), vendor Nullable(String), model Nullable(String), ' +
            "result Nullable(String), tin Nullable(Int64), tout Nullable(Int64), usd Nullable(Decimal(20, 9)), cached Nullable(Bool), began Nullable(DateTime64(3, 'UTC')), " +
            "finished Nullable(DateTime64(3, 'UTC'))) ENGINE = MergeTree ORDER BY at_n",
          [],
        )
      } else await database.execute(
        `CREATE TABLE epoch_calls (id ${text}, at_n bigint NOT NULL, who ${text}, tag_list ${text}, vendor ${text}, model ${text}, ` +
          `result ${text}, tin bigint, tout bigint, usd ${pg ? 'numeric(20, 9)' : 'DECIMAL(20, 9)'}, cached boolean, began ${tz}, finished ${tz})`,
        [],
      )
      for (let from = 0; from < records.length; from += 200) {
        const values: unknown[] = []
        const tuples = records.slice(from, from + 200).map((record) => {
          const ms = Date.parse(record.timestamp)
          const cells = [
            record.id,
            type === 'epochSeconds' ? ms / 1000 : ms,
            record.userId,
            record.tags.join('|'),
            record.provider,
            record.model,
            record.status === 'error' ? 'failure' : 'done',
            record.inputTokens,
            record.outputTokens,
            String(record.cost),
            record.cacheHit ?? null,
            record.timestamp,
            new Date(ms + record.latencyMs).toISOString(),
          ]
          const placeholders = cells.map((cell) => {
            values.push(cell)
            return `$${values.length}`
          })
          if (ch) {
            // Typed named placeholders: {pN:Type}, values in an object.
            const types = ['String', 'Int64', 'String', 'String', 'String', 'String', 'String', 'Int64', 'Int64', 'String', 'Bool', 'String', 'String']
            const named = cells.map((cell, k) => `{p${values.length - cells.length + k + 1}:${cell === null ? 'Nullable(String)' : types[k]}}`)
            named[9] = `toDecimal128(${named[9]}, 9)`
            named[11] = `parseDateTime64BestEffort(${named[11]}, 3, 'UTC')`
            named[12] = `parseDateTime64BestEffort(${named[12]}, 3, 'UTC')`
            return `SELECT ${named.join(', ')}`
          }
          placeholders[9] = pg ? `${placeholders[9]}::numeric` : `CAST(${placeholders[9]} AS DECIMAL(20, 9))`
          placeholders[11] = pg ? `${placeholders[11]}::timestamptz` : `CAST(${placeholders[11]} AS TIMESTAMPTZ)`
          placeholders[12] = pg ? `${placeholders[12]}::timestamptz` : `CAST(${placeholders[12]} AS TIMESTAMPTZ)`
          return `(${placeholders.join(', ')})`
        })
        if (ch) await database.execute(`INSERT INTO epoch_calls ${tuples.join(' UNION ALL ')}`, Object.fromEntries(values.map((value, i) => [`p${i + 1}`, value])) as never)
        else await database.execute(`INSERT INTO epoch_calls VALUES ${tuples.join(', ')}`, values as never)
      }
      adapter = createSqlAdapter({
        dialect: database.dialect,
        execute: database.execute,
        table: 'epoch_calls',
        columns: {
          id: 'id',
          timestamp: { column: 'at_n', type },
          userId: 'who',
          tags: { column: 'tag_list', type: 'delimited', separator: '|' },
          provider: 'vendor',
          model: 'model',
          status: { column: 'result', errorValues: ['failure'] },
          inputTokens: 'tin',
          outputTokens: 'tout',
          cost: 'usd',
          cacheHit: 'cached',
          latencyMs: { from: 'began', to: 'finished' },
        },
      })
      reference = createMemoryAdapter(records, { lacks: [...LACKS, 'team', 'apiKey', 'apiKeyName', 'application', 'customer', 'cachedInputTokens'] })
    }, 60_000)
    afterAll(() => database.close())

    it('answers as the reference: buckets, tags, statuses, cache hits, latencies and pages', async () => {
      const capabilities = await adapter.getCapabilities()
      expectSameAnswer(capabilities.dimensions, (await reference.getCapabilities()).dimensions)
      // No cached-tokens column: the metric is not offered (it used to be, answering 0).
      expect(capabilities.metrics.map((metric) => metric.id)).not.toContain('cachedInputTokens')
      await expect(adapter.getSummary({ range, timeZone: 'UTC', metrics: ['cachedInputTokens'] })).rejects.toMatchObject({ code: 'INVALID_QUERY' })
      const summary = { range, timeZone: 'Asia/Kolkata', metrics: ['requests', 'failedRequests', 'cacheHits', 'cost', 'avgLatencyMs', 'p95LatencyMs'] }
      expectSameAnswer(await adapter.getSummary(summary), await reference.getSummary(summary))
      const series = { range, timeZone: 'America/New_York', bucket: '1h' as const, groupBy: 'tag' as const, metrics: ['requests', 'activeUsers'], limit: 4 }
      expectSameAnswer(await adapter.getTimeSeries(series), await reference.getTimeSeries(series))
      const failed = { range, timeZone: 'UTC', pageSize: 100, filters: { status: ['error'], tag: ['__none__', 'batch'] } }
      expectSameAnswer((await adapter.listRequests(failed)).items, (await reference.listRequests(failed)).items)
      let cursor: string | null = null
      let referenceCursor: string | null = null
      let pages = 0
      do {
        const page = await adapter.listRequests({ range, timeZone: 'UTC', pageSize: 400, cursor })
        const expected = await reference.listRequests({ range, timeZone: 'UTC', pageSize: 400, cursor: referenceCursor })
        expectSameAnswer(page.items, expected.items, `page ${pages}`)
        cursor = page.nextCursor
        referenceCursor = expected.nextCursor
        pages += 1
      } while (cursor)
      expect(pages).toBeGreaterThan(2)
    })
  })
}

describe('label tables are checked with the mapping', () => {
  it('names a label table or column that does not exist', async () => {
    const database = await openPglite()
    try {
      await database.execute('CREATE TABLE teams (id text PRIMARY KEY, name text)', [])
      const adapter = createSqlAdapter({
        dialect: 'postgres',
        execute: database.execute,
        labels: { team: { table: 'teams', key: 'id', label: 'team_alias' }, user: { table: 'people', key: 'id', label: 'name' } },
      })
      await expect(adapter.getCapabilities()).rejects.toThrow(/labels\.team\.label: "teams" has no column "team_alias"[\s\S]*labels\.user: table "people" was not found/)
    } finally {
      await database.close()
    }
  })
})

describe('what older and oddly named tables need', () => {
  it('skips a mapped column the table lacks when it has a fallback (a proxy from before the column)', async () => {
    const database = await openPglite({ schema: false })
    try {
      for (const statement of ddl('postgres')) await database.execute(statement, [])
      const adapter = createSqlAdapter({
        dialect: 'postgres',
        execute: database.execute,
        table: 'llm_calls',
        columns: {
          ...COLUMNS,
          status: { column: 'status_added_later', orElse: { column: 'outcome', orElse: { column: 'meta', path: ['outcome'] } } },
          latencyMs: { column: 'duration_added_later', orElse: 'duration_ms' },
        },
      })
      await expect(adapter.getSummary({ range, timeZone: 'UTC', metrics: ['requests', 'avgLatencyMs'] })).resolves.toEqual({ totals: { requests: 0, avgLatencyMs: null } })
    } finally {
      await database.close()
    }
  })

  it('reads a label table named like a step of its own statements (keys, labels)', async () => {
    const database = await openPglite()
    try {
      const records = foreignRecords().slice(0, 400)
      await database.load(records)
      await database.execute('CREATE TABLE keys (id text PRIMARY KEY, name text)', [])
      const ids = [...new Set(records.map((record) => record.apiKey).filter((key): key is string => Boolean(key)))]
      for (const id of ids) await database.execute('INSERT INTO keys VALUES ($1, $2)', [id, `named ${id.slice(-4)}`])
      const adapter = createSqlAdapter({ dialect: 'postgres', execute: database.execute, labels: { apiKey: { table: 'keys', key: 'id', label: 'name' } } })
      const answer = await adapter.getBreakdown({ range, timeZone: 'UTC', groupBy: 'apiKey', metrics: ['requests'] })
      expect(answer.rows.length).toBeGreaterThan(1)
      for (const row of answer.rows) if (row.key !== '__none__') expect(row.label).toBe(`named ${row.key.slice(-4)}`)
    } finally {
      await database.close()
    }
  })

  it('reads an empty payload object as no payload (LiteLLM writes {} when it keeps no content)', async () => {
    const database = await openPglite()
    try {
      const [record] = foreignRecords()
      await database.load([{ ...record!, request: {}, response: {}, prompt: null, completion: null, systemPrompt: null }])
      const adapter = createSqlAdapter({ dialect: 'postgres', execute: database.execute })
      const detail = await adapter.getRequest({ id: record!.id })
      expect(detail.request).toBeNull()
      expect(detail.response).toBeNull()
    } finally {
      await database.close()
    }
  })
})
