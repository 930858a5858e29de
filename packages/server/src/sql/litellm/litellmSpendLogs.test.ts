// The LiteLLM preset on LiteLLM's own tables in a real PostgreSQL 15 server: every method's answer
// compared with hand-written SQL over the same tables, in sessions whose TimeZone is UTC, New York
// and Berlin. The answers must be the same in each.
import { readFileSync } from 'node:fs'
import {
  type Bucket,
  type Dimension,
  type Filters,
  type RequestSummary,
  type TimeRange,
  type UsageAdapter,
  bucketBoundaries,
  previousRange,
} from '@usagekit/core'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqlAdapter } from '../createSqlAdapter'
import { type LitellmSpendLogsOptions, litellmSpendLogs } from './litellmSpendLogs'
import { PlainLitellm, type PlainMetric, type PlainRun } from './litellmPlainSql'
import {
  type LitellmDatabase,
  type LitellmRows,
  TEST_CUSTOMER_ALIASES,
  litellmTablesSql,
  litellmTestRecords,
  loadIntoSpendLogs,
  openLitellmDatabase,
} from './litellmTestTables'

// The adapter's process runs in a zone that is neither UTC nor a session's: a naive timestamp read
// as local time anywhere in JavaScript would shift every answer.
process.env.TZ = 'Asia/Kolkata'

const SESSION_ZONES = ['UTC', 'America/New_York', 'Europe/Berlin'] as const
const NOW = '2027-01-01T00:00:00.000Z'

/** Two weeks of local days around each zone's autumn DST change (Berlin 25 Oct, New York 1 Nov). */
const NEW_YORK: TimeRange = { start: '2026-10-19T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z' }
const BERLIN: TimeRange = { start: '2026-10-18T22:00:00.000Z', end: '2026-11-01T23:00:00.000Z' }
/** New York's fall-back night: the repeated hour is two hourly buckets. */
const FALL_BACK: TimeRange = { start: '2026-10-31T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z' }

const ALL_METRICS: PlainMetric[] = [
  'cost',
  'requests',
  'successfulRequests',
  'failedRequests',
  'inputTokens',
  'cachedInputTokens',
  'outputTokens',
  'totalTokens',
  'activeUsers',
  'avgLatencyMs',
  'p95LatencyMs',
  'cacheHits',
]

/** Averages are compared to 1e-6 ms (the adapter may divide in another order); everything else exactly. */
function comparable<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (key === 'avgLatencyMs') {
        if (Array.isArray(v)) return v.map((x) => (x === null ? null : Math.round(x * 1e6) / 1e6))
        return v === null ? null : Math.round(v * 1e6) / 1e6
      }
      return v
    }),
  ) as T
}

interface Session {
  zone: string
  /** Created on first use, so a failure to create it fails the checks that use it, not the whole file. */
  readonly adapter: UsageAdapter
}

function session(zone: string, create: () => UsageAdapter): Session {
  let adapter: UsageAdapter | undefined
  return {
    zone,
    get adapter() {
      adapter ??= create()
      return adapter
    },
  }
}

describe('litellmSpendLogs: LiteLLM’s own tables on PostgreSQL 15, checked against plain SQL in every session TimeZone', () => {
  const records = litellmTestRecords(
    generateUsageRecords({ seed: 12, start: '2026-10-04T00:00:00.000Z', end: '2026-11-05T00:00:00.000Z', requestsPerDay: 120 }),
  )
  let database: LitellmDatabase
  let rows: LitellmRows
  let plain: PlainLitellm
  let run: PlainRun
  const sessions: Session[] = []
  const contentSessions: Session[] = []
  const modelSessions: Session[] = []

  const adapterOptions = (execute: Awaited<ReturnType<LitellmDatabase['session']>>, options?: LitellmSpendLogsOptions) => ({
    dialect: 'postgres' as const,
    execute,
    ...litellmSpendLogs(options),
    now: () => NOW,
  })

  beforeAll(async () => {
    database = await openLitellmDatabase()
    const admin = await database.session('UTC')
    rows = await loadIntoSpendLogs(admin, records, { customerAliases: TEST_CUSTOMER_ALIASES })
    await admin('ANALYZE', [])
    // The plain SQL runs in a session of yet another zone: it must not depend on it either.
    const own = await database.session('Pacific/Chatham')
    run = async (sql, params) => {
      const result = await own(sql, params as never)
      return result as Record<string, string | null>[]
    }
    plain = new PlainLitellm(run)
    for (const zone of SESSION_ZONES) {
      const execute = await database.session(zone)
      sessions.push(session(zone, () => createSqlAdapter(adapterOptions(execute))))
      contentSessions.push(session(zone, () => createSqlAdapter(adapterOptions(execute, { content: true }))))
      modelSessions.push(session(zone, () => createSqlAdapter(adapterOptions(execute, { model: 'model' }))))
    }
  }, 60_000)
  afterAll(() => database?.close())

  /** Runs `ask` on every session's adapter and expects each answer to equal `expected`. */
  async function inEverySession<T>(expected: T, ask: (adapter: UsageAdapter) => Promise<T>, which: Session[] = sessions): Promise<void> {
    for (const session of which) {
      const answer = await ask(session.adapter)
      expect(comparable(answer), `session TimeZone ${session.zone}`).toEqual(comparable(expected))
    }
  }

  // Keys that exist in the data, picked by plain SQL (never hard-coded).
  async function someKeys() {
    const pick = async (sql: string) => (await run(sql, [])).map((row) => row.k!)
    return {
      teams: await pick(`SELECT team_id AS k FROM "LiteLLM_SpendLogs" WHERE team_id <> '' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2`),
      models: await pick(`SELECT model_group AS k FROM "LiteLLM_SpendLogs" WHERE model_group <> '' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2`),
      customers: await pick(`SELECT end_user AS k FROM "LiteLLM_SpendLogs" WHERE end_user <> '' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2`),
      // The deleted key: in the log, not in LiteLLM_VerificationToken.
      deletedKey: (await pick(`SELECT DISTINCT s.api_key AS k FROM "LiteLLM_SpendLogs" s LEFT JOIN "LiteLLM_VerificationToken" v ON v.token = s.api_key WHERE s.api_key <> '' AND v.token IS NULL`))[0]!,
    }
  }

  it('the writer stores calls as a LiteLLM proxy does, edge cases included', async () => {
    const [facts] = await run(
      `SELECT count(*)::text AS total,
         count(*) FILTER (WHERE status IS NULL AND metadata ? 'status')::text AS status_in_metadata,
         count(*) FILTER (WHERE status IS NULL AND NOT metadata ? 'status')::text AS no_status,
         count(*) FILTER (WHERE status = 'failure')::text AS failures,
         count(*) FILTER (WHERE coalesce(status, metadata ->> 'status') = 'failure' AND status IS NULL)::text AS old_failures,
         count(*) FILTER (WHERE "user" = '')::text AS empty_users,
         count(*) FILTER (WHERE "user" IS NULL)::text AS null_users,
         count(*) FILTER (WHERE (metadata #>> '{usage_object,prompt_tokens_details,cached_tokens}')::int > 0)::text AS cached_in_usage_object,
         count(*) FILTER (WHERE (metadata #>> '{additional_usage_values,prompt_tokens_details,cached_tokens}')::int > 0)::text AS cached_in_additional,
         count(*) FILTER (WHERE request_duration_ms IS NULL)::text AS no_duration,
         count(*) FILTER (WHERE cache_hit = 'True')::text AS cache_hits,
         count(*) FILTER (WHERE cache_hit = '')::text AS cache_unknown,
         count(*) FILTER (WHERE model_group = '')::text AS ungrouped,
         count(*) FILTER (WHERE request_tags IS NULL)::text AS null_tags,
         count(*) FILTER (WHERE team_id = '')::text AS empty_teams,
         count(*) FILTER (WHERE end_user <> '')::text AS with_customer,
         count(*) FILTER (WHERE metadata #>> '{error_information,error_message}' <> '')::text AS with_error_text,
         (SELECT count(*) FROM "LiteLLM_SpendLogs" a JOIN "LiteLLM_SpendLogs" b ON a."startTime" = b."startTime" AND a.request_id < b.request_id)::text AS same_millisecond,
         (SELECT count(*) FROM "LiteLLM_TeamTable" WHERE team_alias IS NULL)::text AS unnamed_teams,
         (SELECT count(*) FROM "LiteLLM_UserTable" WHERE user_alias IS NULL)::text AS unnamed_users,
         (SELECT count(*) FROM "LiteLLM_EndUserTable" WHERE alias IS NOT NULL)::text AS named_customers,
         (SELECT count(*) FROM "LiteLLM_SpendLogs" s LEFT JOIN "LiteLLM_VerificationToken" v ON v.token = s.api_key WHERE s.api_key <> '' AND v.token IS NULL)::text AS deleted_key_rows,
         (SELECT pg_typeof("startTime")::text FROM "LiteLLM_SpendLogs" LIMIT 1) AS start_type,
         (SELECT pg_typeof(spend)::text FROM "LiteLLM_SpendLogs" LIMIT 1) AS spend_type
       FROM "LiteLLM_SpendLogs"`,
      [],
    )
    expect(Number(facts!.total)).toBe(records.length)
    expect(rows.spendLogs).toHaveLength(records.length)
    for (const [fact, count] of Object.entries(facts!)) {
      if (fact.endsWith('_type')) continue
      expect(Number(count), fact).toBeGreaterThan(0)
    }
    expect(facts!.start_type).toBe('timestamp without time zone')
    expect(facts!.spend_type).toBe('double precision')
    // Millisecond precision: end − start is each record's latency exactly.
    const [latency] = await run(
      `SELECT count(*)::text AS off FROM "LiteLLM_SpendLogs" s JOIN unnest($1::text[], $2::float8[]) AS r(id, ms) ON r.id = s.request_id
       WHERE extract(epoch FROM s."endTime" - s."startTime") * 1000 <> r.ms`,
      [records.map((record) => record.id), records.map((record) => record.latencyMs)],
    )
    expect(latency!.off).toBe('0')
  })

  it('capabilities: what LiteLLM records, and nothing it does not', async () => {
    for (const session of sessions) {
      const capabilities = await session.adapter.getCapabilities()
      expect(capabilities.dimensions).toEqual(expect.arrayContaining(['user', 'team', 'model', 'provider', 'apiKey', 'tag', 'customer', 'status']))
      expect(capabilities.dimensions).not.toContain('application')
      expect(capabilities.dimensions).not.toContain('agent')
      expect(capabilities.metrics.map((metric) => metric.id)).toEqual(expect.arrayContaining(['cachedInputTokens', 'cacheHits', 'p95LatencyMs']))
      expect(capabilities.requestContent).toBe(false)
      expect((await contentSessions[0]!.adapter.getCapabilities()).requestContent).toBe(true)
    }
  })

  describe('getSummary', () => {
    const cases: { name: string; range: TimeRange; filters?: () => Promise<Filters> }[] = [
      { name: 'every metric over two New York weeks', range: NEW_YORK },
      { name: 'errors only (status column and metadata.status)', range: BERLIN, filters: async () => ({ status: ['error'] }) },
      { name: 'calls without a user', range: NEW_YORK, filters: async () => ({ user: ['__none__'] }) },
      { name: 'a customer or none', range: BERLIN, filters: async () => ({ customer: [(await someKeys()).customers[0]!, '__none__'] }) },
      { name: 'a tag or untagged', range: NEW_YORK, filters: async () => ({ tag: ['prod', '__none__'] }) },
      { name: 'two teams and a model', range: NEW_YORK, filters: async () => { const keys = await someKeys(); return { team: keys.teams, model: [keys.models[0]!] } } },
      { name: 'the deleted key', range: NEW_YORK, filters: async () => ({ apiKey: [(await someKeys()).deletedKey] }) },
    ]
    for (const test of cases) {
      it(`${test.name}, with the previous period`, async () => {
        const filters = test.filters ? await test.filters() : undefined
        const expected = { totals: await plain.summary(test.range, ALL_METRICS, filters), previous: await plain.summary(previousRange(test.range), ALL_METRICS, filters) }
        expect(expected.totals.requests).toBeGreaterThan(0)
        await inEverySession(expected, (adapter) =>
          adapter.getSummary({ range: test.range, timeZone: 'America/New_York', filters, metrics: ALL_METRICS, compareToPrevious: true }),
        )
      })
    }
  })

  describe('getTimeSeries', () => {
    const cases: {
      name: string
      range: TimeRange
      timeZone: string
      bucket: Bucket
      metrics: PlainMetric[]
      groupBy?: Dimension
      limit?: number
      filters?: Filters
    }[] = [
      { name: 'New York days, every metric', range: NEW_YORK, timeZone: 'America/New_York', bucket: '1d', metrics: ALL_METRICS },
      { name: 'Berlin days (one of 25 hours)', range: BERLIN, timeZone: 'Europe/Berlin', bucket: '1d', metrics: ['requests', 'cost', 'activeUsers', 'p95LatencyMs'] },
      { name: 'New York fall-back hours', range: FALL_BACK, timeZone: 'America/New_York', bucket: '1h', metrics: ['requests', 'cost', 'avgLatencyMs', 'cachedInputTokens'] },
      { name: 'Berlin weeks', range: { start: '2026-10-04T22:00:00.000Z', end: '2026-11-01T23:00:00.000Z' }, timeZone: 'Europe/Berlin', bucket: '1w', metrics: ['cost', 'requests'] },
      { name: 'top 3 teams by cost and Other', range: BERLIN, timeZone: 'Europe/Berlin', bucket: '1d', metrics: ['cost', 'requests', 'activeUsers'], groupBy: 'team', limit: 3 },
      { name: 'by customer', range: NEW_YORK, timeZone: 'America/New_York', bucket: '1d', metrics: ['requests', 'cost', 'p95LatencyMs'], groupBy: 'customer' },
      { name: 'top 2 tags (a request under each of its tags)', range: NEW_YORK, timeZone: 'America/New_York', bucket: '1d', metrics: ['requests', 'activeUsers'], groupBy: 'tag', limit: 2 },
      { name: 'by model, errors only', range: NEW_YORK, timeZone: 'America/New_York', bucket: '1d', metrics: ['requests', 'cost'], groupBy: 'model', filters: { status: ['error'] } },
      { name: 'top 4 API keys', range: BERLIN, timeZone: 'Europe/Berlin', bucket: '1d', metrics: ['cost', 'cacheHits'], groupBy: 'apiKey', limit: 4 },
      { name: 'by user, top 5', range: NEW_YORK, timeZone: 'America/New_York', bucket: '1d', metrics: ['requests', 'cost'], groupBy: 'user', limit: 5 },
      { name: 'by status', range: FALL_BACK, timeZone: 'America/New_York', bucket: '1h', metrics: ['requests'], groupBy: 'status' },
    ]
    for (const test of cases) {
      it(test.name, async () => {
        const buckets = bucketBoundaries(test.range, test.bucket, test.timeZone, { now: NOW })
        const series = await plain.timeSeries({ ...test, buckets })
        expect(series.length).toBeGreaterThan(0)
        await inEverySession({ buckets, series }, (adapter) =>
          adapter.getTimeSeries({ range: test.range, timeZone: test.timeZone, bucket: test.bucket, metrics: test.metrics, groupBy: test.groupBy, limit: test.limit, filters: test.filters }),
        )
      })
    }
    it('model = the model LiteLLM called (the `model` option)', async () => {
      const buckets = bucketBoundaries(NEW_YORK, '1d', 'America/New_York', { now: NOW })
      const series = await new PlainLitellm(run, { model: 'model' }).timeSeries({ range: NEW_YORK, timeZone: 'America/New_York', bucket: '1d', buckets, metrics: ['requests', 'cost'], groupBy: 'model' })
      await inEverySession(
        { buckets, series },
        (adapter) => adapter.getTimeSeries({ range: NEW_YORK, timeZone: 'America/New_York', bucket: '1d', metrics: ['requests', 'cost'], groupBy: 'model' }),
        modelSessions,
      )
    })
  })

  describe('getBreakdown', () => {
    const metrics: PlainMetric[] = ['cost', 'requests', 'inputTokens', 'cachedInputTokens', 'outputTokens', 'activeUsers', 'avgLatencyMs', 'p95LatencyMs', 'failedRequests', 'cacheHits']
    for (const groupBy of ['user', 'team', 'model', 'apiKey', 'customer', 'tag', 'provider', 'status'] as const) {
      it(`by ${groupBy}, with daily cost trends`, async () => {
        const trend = { bucket: '1d' as const, metric: 'cost' as const }
        const expected = await plain.breakdown({
          range: NEW_YORK,
          timeZone: 'America/New_York',
          groupBy,
          metrics,
          trend: { ...trend, buckets: bucketBoundaries(NEW_YORK, '1d', 'America/New_York', { now: NOW }) },
        })
        expect(expected.total).toBeGreaterThan(0)
        await inEverySession(expected, (adapter) => adapter.getBreakdown({ range: NEW_YORK, timeZone: 'America/New_York', groupBy, metrics, trend }))
      })
    }
    it('a page of users sorted by requests ascending, filtered by a customer', async () => {
      const filters = { customer: [(await someKeys()).customers[1]!] }
      const query = { range: BERLIN, timeZone: 'Europe/Berlin', groupBy: 'user' as const, metrics: ['cost', 'requests'] as PlainMetric[], filters, sort: { metric: 'requests' as const, direction: 'asc' as const }, offset: 2, limit: 5 }
      const expected = await plain.breakdown(query)
      expect(expected.rows).toHaveLength(5)
      await inEverySession(expected, (adapter) => adapter.getBreakdown(query))
    })
  })

  describe('listRequests', () => {
    async function walk(adapter: UsageAdapter, query: { range: TimeRange; filters?: Filters; search?: string }, pageSize: number): Promise<{ items: RequestSummary[]; pages: number }> {
      const items: RequestSummary[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const page = await adapter.listRequests({ ...query, timeZone: 'America/New_York', pageSize, cursor })
        items.push(...page.items)
        cursor = page.nextCursor
        pages += 1
        if (pages > 10_000) throw new Error('the walk does not end')
      } while (cursor)
      return { items, pages }
    }
    const cases: { name: string; query: () => Promise<{ range: TimeRange; filters?: Filters; search?: string }>; pageSize: number }[] = [
      { name: 'the fall-back night, every request, 97 a page', query: async () => ({ range: FALL_BACK }), pageSize: 97 },
      { name: 'two weeks of errors', query: async () => ({ range: NEW_YORK, filters: { status: ['error'] } }), pageSize: 50 },
      { name: 'a team’s untagged calls and calls without a user', query: async () => ({ range: NEW_YORK, filters: { team: [(await someKeys()).teams[0]!], tag: ['__none__', 'prod'] } }), pageSize: 200 },
      { name: 'a search for a model', query: async () => ({ range: BERLIN, search: 'MINI' }), pageSize: 500 },
    ]
    for (const test of cases) {
      it(test.name, async () => {
        const query = await test.query()
        const expected = await plain.requests(query.range, query.filters, query.search)
        expect(expected.length).toBeGreaterThan(0)
        for (const session of sessions) {
          const { items, pages } = await walk(session.adapter, query, test.pageSize)
          expect(pages, `session TimeZone ${session.zone}`).toBeGreaterThanOrEqual(Math.ceil(expected.length / test.pageSize))
          expect(items, `session TimeZone ${session.zone}`).toEqual(expected)
        }
      })
    }
  })

  describe('getRequest', () => {
    /** One request of each kind the writer produces, found by plain SQL. */
    async function interesting(): Promise<string[]> {
      const pick = async (where: string) => (await run(`SELECT request_id AS k FROM "LiteLLM_SpendLogs" WHERE ${where} ORDER BY request_id LIMIT 1`, []))[0]?.k
      const ids = await Promise.all([
        pick(`status = 'failure'`),
        pick(`status IS NULL AND metadata ->> 'status' = 'failure'`),
        pick(`status IS NULL AND NOT metadata ? 'status'`),
        pick(`(metadata #>> '{usage_object,prompt_tokens_details,cached_tokens}')::int > 0`),
        pick(`"user" = ''`),
        pick(`"user" IS NULL`),
        pick(`cache_hit = 'True'`),
        pick(`cache_hit = ''`),
        pick(`"completionStartTime" IS NULL`),
        pick(`request_duration_ms IS NULL`),
        pick(`model_group = ''`),
        pick(`request_tags IS NULL`),
        pick(`api_key NOT IN (SELECT token FROM "LiteLLM_VerificationToken")`),
        pick(`end_user = 'cus_hooli'`),
        pick(`request_id LIKE '%-twin'`),
      ])
      expect(ids.every(Boolean)).toBe(true)
      return ids as string[]
    }
    it('the drawer shows what LiteLLM logged and nothing else', async () => {
      for (const id of await interesting()) {
        const expected = await plain.request(id)
        await inEverySession(expected, (adapter) => adapter.getRequest({ id }))
      }
    })
    it('with content: the stored request body and response (LiteLLM’s `{}` is none)', async () => {
      for (const id of (await interesting()).slice(0, 6)) {
        const expected = await plain.request(id, true)
        await inEverySession(expected, (adapter) => adapter.getRequest({ id }), contentSessions)
      }
    })
  })

  it('the indexes docs/integrations/litellm.md recommends are the ones scoped queries use (EXPLAIN)', async () => {
    const doc = readFileSync(new URL('../../../../../docs/integrations/litellm.md', import.meta.url), 'utf8')
    const statements = doc.split('\n').filter((line) => line.startsWith('CREATE INDEX CONCURRENTLY'))
    expect(statements).toHaveLength(4)
    const admin = await database.session('UTC')
    for (const statement of statements) await admin(statement, [])
    await admin('ANALYZE "LiteLLM_SpendLogs"', [])
    const explainer = await database.session('Europe/Berlin')
    // A few thousand rows: without this a sequential scan always wins, whatever the indexes.
    await explainer('SET enable_seqscan = off', [])
    // A scope is selective (one user, a small team): pick each column's rarest value, by plain SQL.
    const rarest = async (column: string) =>
      (await run(`SELECT ${column} AS k FROM "LiteLLM_SpendLogs" WHERE ${column} <> '' GROUP BY 1 ORDER BY count(*), 1 LIMIT 1`, []))[0]!.k!
    const scopes: [Filters, string][] = [
      [{ user: [await rarest('"user"')] }, 'usagekit_spendlogs_user_time'],
      [{ team: [await rarest('team_id')] }, 'usagekit_spendlogs_team_time'],
      [{ apiKey: [await rarest('api_key')] }, 'usagekit_spendlogs_key_time'],
      [{ customer: [await rarest('end_user')] }, 'usagekit_spendlogs_customer_time'],
    ]
    for (const [filters, index] of scopes) {
      const statements: { sql: string; params: unknown[] }[] = []
      const adapter = createSqlAdapter(
        adapterOptions(async (sql, params) => {
          statements.push({ sql, params })
          return explainer(sql, params)
        }),
      )
      await adapter.getSummary({ range: NEW_YORK, timeZone: 'America/New_York', metrics: ['requests', 'cost'], filters })
      const summary = statements.at(-1)!
      const plan = (await explainer(`EXPLAIN ${summary.sql}`, summary.params as never)).map((row) => String(row['QUERY PLAN'])).join('\n')
      expect(plan, `${JSON.stringify(filters)}\n${plan}`).toContain(index)
    }
  })

  describe('a proxy from before the status column (May 2025) and request_duration_ms (February 2026)', () => {
    const schema = 'litellm_2024'
    let older: PlainLitellm
    // Specs laid over the preset's (the `columns` option) for the same table: the answers must not change.
    const overrides: LitellmSpendLogsOptions['columns'] = {
      latencyMs: { from: 'startTime', to: 'endTime' },
      status: { column: 'metadata', path: ['status'], errorValues: ['failure'], missing: 'success' },
    }
    beforeAll(async () => {
      const admin = await database.session('UTC')
      for (const statement of litellmTablesSql({ schema, older: true })) await admin(statement, [])
      await loadIntoSpendLogs(admin, records, { schema, older: true, customerAliases: TEST_CUSTOMER_ALIASES })
      older = new PlainLitellm(run, { schema, older: true })
    })

    it('the preset reads it as it is: a column the table lacks is skipped for its fallback (metadata.status, endTime − startTime)', async () => {
      const adapter = createSqlAdapter(adapterOptions(await database.session('Europe/Berlin'), { schema }))
      const summary = await older.summary(NEW_YORK, ALL_METRICS, { status: ['error'] })
      expect(summary.requests).toBeGreaterThan(0)
      expect(comparable(await adapter.getSummary({ range: NEW_YORK, timeZone: 'UTC', metrics: ALL_METRICS, filters: { status: ['error'] } }))).toEqual(comparable({ totals: summary }))
      const requests = await older.requests(FALL_BACK)
      expect((await adapter.listRequests({ range: FALL_BACK, timeZone: 'UTC', pageSize: 500 })).items).toEqual(requests.slice(0, 500))
    })

    it('with explicit older specs laid over the preset, the answers are the same plain SQL’s', async () => {
      const adapter = createSqlAdapter(adapterOptions(await database.session('America/New_York'), { schema, columns: overrides }))
      const summary = await older.summary(NEW_YORK, ALL_METRICS, { status: ['error'] })
      expect(summary.requests).toBeGreaterThan(0)
      expect(comparable(await adapter.getSummary({ range: NEW_YORK, timeZone: 'UTC', metrics: ALL_METRICS, filters: { status: ['error'] } }))).toEqual(comparable({ totals: summary }))
      const breakdown = await older.breakdown({ range: BERLIN, timeZone: 'Europe/Berlin', groupBy: 'team', metrics: ['cost', 'failedRequests', 'p95LatencyMs'] })
      expect(comparable(await adapter.getBreakdown({ range: BERLIN, timeZone: 'Europe/Berlin', groupBy: 'team', metrics: ['cost', 'failedRequests', 'p95LatencyMs'] }))).toEqual(comparable(breakdown))
      const requests = await older.requests(FALL_BACK)
      const page = await adapter.listRequests({ range: FALL_BACK, timeZone: 'UTC', pageSize: 500 })
      expect(page.items).toEqual(requests.slice(0, 500))
    })
  })

  it('a deleted key keeps the alias the log recorded (labels.apiKey falls back to metadata.user_api_key_alias)', async () => {
    const { deletedKey } = await someKeys()
    const expected = (await plain.breakdown({ range: NEW_YORK, timeZone: 'America/New_York', groupBy: 'apiKey', metrics: ['requests'] })).rows.find((row) => row.key === deletedKey)!
    // The alias is the log's own, not the redacted hash.
    expect(expected.label).not.toMatch(/^…/)
    for (const session of sessions) {
      const rows = (await session.adapter.getBreakdown({ range: NEW_YORK, timeZone: 'America/New_York', groupBy: 'apiKey', metrics: ['requests'] })).rows
      expect(rows.find((row) => row.key === deletedKey)?.label, `session TimeZone ${session.zone}`).toBe(expected.label)
      const values = await session.adapter.getDimensionValues({ range: NEW_YORK, timeZone: 'America/New_York', dimension: 'apiKey' })
      expect(values.find((value) => value.key === deletedKey)?.label, `session TimeZone ${session.zone}`).toBe(expected.label)
    }
  })

  describe('getDimensionValues', () => {
    for (const dimension of ['user', 'team', 'apiKey', 'customer', 'tag', 'model', 'provider', 'status'] as const) {
      it(`${dimension} values, ignoring the dimension’s own filter`, async () => {
        const keys = await someKeys()
        const filters: Filters = { tag: ['prod', 'staging', '__none__'], [dimension]: dimension === 'tag' ? ['prod'] : ['__none__'] }
        if (dimension !== 'customer') filters.customer = [...keys.customers, '__none__']
        const expected = await plain.dimensionValues({ range: BERLIN, dimension, filters })
        expect(expected.length).toBeGreaterThan(0)
        await inEverySession(expected, (adapter) => adapter.getDimensionValues({ range: BERLIN, timeZone: 'Europe/Berlin', dimension, filters }))
      })
    }
  })
})

describe('litellmSpendLogs options', () => {
  it('refuses what it cannot map, naming it', () => {
    expect(() => litellmSpendLogs({ model: 'deployment' as never })).toThrow(/model must be 'modelGroup' or 'model'/)
    expect(() => litellmSpendLogs({ tables: { spendlogs: 'x' } as never })).toThrow(/tables\.spendlogs is not a LiteLLM table/)
    expect(() => litellmSpendLogs({ tables: { teams: '' } })).toThrow(/tables\.teams must be a non-empty name/)
    expect(() => litellmSpendLogs({ schema: '' })).toThrow(/schema must be a non-empty name/)
    expect(() => litellmSpendLogs({ labels: ['agent'] as never })).toThrow(/labels must be true, false or a list/)
    expect(() => litellmSpendLogs({ content: 'yes' as never })).toThrow(/content must be true or false/)
    expect(() => litellmSpendLogs({ columns: [] as never })).toThrow(/columns must be an object/)
  })

  it('names every table in the schema, taken literally; content and label choices follow the options', () => {
    const preset = litellmSpendLogs({ schema: 'LiteLLM.prod', tables: { spendLogs: 'spend_logs_v2' }, labels: ['team'], content: true })
    expect(preset.table).toEqual(['LiteLLM.prod', 'spend_logs_v2'])
    expect(Object.keys(preset.labels)).toEqual(['team'])
    expect(preset.labels.team!.table).toEqual(['LiteLLM.prod', 'LiteLLM_TeamTable'])
    expect(preset.requestContent).toBe(true)
    expect(preset.columns.request).toBe('proxy_server_request')
    const plainPreset = litellmSpendLogs({ labels: false, columns: { agent: 'agent_id' } })
    expect(plainPreset.labels).toEqual({})
    expect(plainPreset.requestContent).toBe(false)
    expect(plainPreset.columns.request).toBeNull()
    expect(plainPreset.columns.agent).toBe('agent_id')
  })
})
