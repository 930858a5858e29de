import { encodeCursor } from '../keysetCursor'
import { resolveLimits } from '../limits'
import { createMemoryAdapter } from '../memory/createMemoryAdapter'
import type { Metric } from '../metrics'
import { toNanos } from '../money'
import type { Dimension } from '../dimensions'
import type {
  Bucket,
  Filters,
  GetBreakdownParams,
  GetTimeSeriesParams,
  ListRequestsParams,
  RequestDetail,
  UsageAdapter,
  UsageQuery,
  UsageRecord,
} from '../types'
import { validateCapabilities } from '../validateResult'
import { ContractMismatch, expectRejection, expectSameAnswer, expectThat } from './compareAnswers'
import { type ContractFixtures, contractFixtures } from './contractFixtures'

/** What an integrator's factory may return: the adapter, plus hooks the kit can use. */
export interface ContractSubject {
  adapter: UsageAdapter
  /** Adds records to the backend, for the "pages under concurrent inserts" check (skipped when absent). */
  insert?: (records: UsageRecord[]) => Promise<void> | void
  cleanup?: () => Promise<void> | void
}

export interface AdapterContractOptions {
  /** Names the adapter in test titles. */
  name: string
  /** Loads the kit's fixtures into the backend under test and returns its adapter. */
  createAdapter: (fixtures: ContractFixtures) => Promise<UsageAdapter | ContractSubject> | UsageAdapter | ContractSubject
  /** Whether the adapter answers seed 002's meters (cpuCoreHours, …). Default: whatever its capabilities say. */
  meters?: boolean
}

export interface ContractContext {
  subject: ContractSubject
  reference: UsageAdapter
  fixtures: ContractFixtures
  meters: boolean
}

export interface ContractCheck {
  name: string
  run: (context: ContractContext) => Promise<void>
}

const SUM_METRICS: Metric[] = [
  'requests',
  'successfulRequests',
  'failedRequests',
  'inputTokens',
  'cachedInputTokens',
  'outputTokens',
  'totalTokens',
  'cost',
]
const ALL_METRICS: Metric[] = [...SUM_METRICS, 'activeUsers', 'avgLatencyMs', 'p95LatencyMs']
const METERS: Metric[] = ['cpuCoreHours', 'ramGbHours', 'storageGbHours', 'threadsCreated', 'messagesSent']

const AUTUMN = { start: '2026-09-28T00:00:00.000Z', end: '2026-11-06T00:00:00.000Z' }
/**
 * A filter value no record carries. The HTTP handler sends one when a caller's filters and scope
 * have nothing in common ("match nothing"): every method must then match nothing, not everything.
 */
const MATCH_NOTHING = '__usagekit_match_nothing__'
const SPRING = { start: '2026-03-02T00:00:00.000Z', end: '2026-04-09T00:00:00.000Z' }

/** Ranges around each DST change the kit checks, with the zone and the bucket that shows it. */
const DST_CASES: { name: string; query: UsageQuery; bucket: Bucket }[] = [
  {
    name: 'New York, fall back (1h, the repeated hour is two buckets)',
    query: { range: { start: '2026-10-31T20:00:00.000Z', end: '2026-11-02T05:00:00.000Z' }, timeZone: 'America/New_York' },
    bucket: '1h',
  },
  {
    name: 'New York, spring forward (6h)',
    query: { range: { start: '2026-03-07T05:00:00.000Z', end: '2026-03-10T04:00:00.000Z' }, timeZone: 'America/New_York' },
    bucket: '6h',
  },
  {
    name: 'Berlin, October days (one of 25 hours)',
    query: { range: { start: '2026-10-18T22:00:00.000Z', end: '2026-11-01T23:00:00.000Z' }, timeZone: 'Europe/Berlin' },
    bucket: '1d',
  },
  {
    name: 'Berlin, March days (one of 23 hours)',
    query: { range: { start: '2026-03-22T23:00:00.000Z', end: '2026-04-05T22:00:00.000Z' }, timeZone: 'Europe/Berlin' },
    bucket: '1d',
  },
  {
    name: 'Lord Howe, April (30-minute shift, a 24.5-hour day)',
    query: { range: { start: '2026-04-03T13:00:00.000Z', end: '2026-04-07T13:30:00.000Z' }, timeZone: 'Australia/Lord_Howe' },
    bucket: '1h',
  },
  {
    name: 'Lord Howe, October days',
    query: { range: { start: '2026-09-30T13:30:00.000Z', end: '2026-10-08T13:00:00.000Z' }, timeZone: 'Australia/Lord_Howe' },
    bucket: '1d',
  },
  {
    name: 'Kolkata, 6h buckets on a +5:30 grid',
    query: { range: { start: '2026-10-05T18:30:00.000Z', end: '2026-10-12T18:30:00.000Z' }, timeZone: 'Asia/Kolkata' },
    bucket: '6h',
  },
  {
    name: 'Kolkata, weeks from Monday',
    query: { range: { start: '2026-09-28T00:00:00.000Z', end: '2026-11-06T00:00:00.000Z' }, timeZone: 'Asia/Kolkata' },
    bucket: '1w',
  },
  {
    name: 'Berlin, months',
    query: { range: AUTUMN, timeZone: 'Europe/Berlin' },
    bucket: '1mo',
  },
  {
    name: 'UTC, 15-minute buckets',
    query: { range: { start: '2026-10-14T09:00:00.000Z', end: '2026-10-14T15:00:00.000Z' }, timeZone: 'UTC' },
    bucket: '15m',
  },
]

function someKeys(fixtures: ContractFixtures): {
  team: string
  teams: string[]
  model: string
  models: string[]
  user: string
  apiKey: string
  agent: string
} {
  const count = (pick: (record: UsageRecord) => string | null) => {
    const counts = new Map<string, number>()
    for (const record of fixtures.records) {
      const key = pick(record)
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key)
  }
  const teams = count((record) => record.team)
  const models = count((record) => record.model)
  return {
    team: teams[0]!,
    teams: [teams[1]!, teams[teams.length - 1]!],
    model: models[0]!,
    models: [models[1]!, models[2]!],
    user: count((record) => record.userId)[3]!,
    apiKey: count((record) => record.apiKey)[0]!,
    agent: count((record) => record.agent)[0]!,
  }
}

function filterCases(fixtures: ContractFixtures): { name: string; filters: Filters }[] {
  const keys = someKeys(fixtures)
  return [
    { name: 'no filters', filters: {} },
    { name: 'one team', filters: { team: [keys.team] } },
    { name: 'two models (OR within a dimension)', filters: { model: keys.models } },
    { name: 'team AND model', filters: { team: keys.teams, model: [keys.model] } },
    { name: 'a tag (multi-valued)', filters: { tag: ['batch', 'eval'] } },
    { name: 'an API key and a user', filters: { apiKey: [keys.apiKey], user: [keys.user] } },
    { name: 'errors only', filters: { status: ['error'] } },
    { name: 'an agent as consumer', filters: { consumer: [keys.agent] } },
    { name: 'records without an agent (__none__)', filters: { agent: ['__none__'], application: ['Eval Harness'] } },
    { name: 'a filter that matches nothing', filters: { team: ['no such team'] } },
  ]
}

async function both<T>(context: ContractContext, call: (adapter: UsageAdapter) => Promise<T>): Promise<[T, T]> {
  const expected = await call(context.reference)
  const actual = await call(context.subject.adapter)
  return [actual, expected]
}

async function walkPages(adapter: UsageAdapter, params: Omit<ListRequestsParams, 'cursor'>, maxPages = 10_000): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | null = null
  for (let page = 0; page < maxPages; page++) {
    const result = await adapter.listRequests({ ...params, cursor })
    ids.push(...result.items.map((item) => item.id))
    if (result.nextCursor === null) return ids
    expectThat(result.items.length > 0, 'listRequests returned an empty page with a nextCursor; the last page must say nextCursor: null.')
    cursor = result.nextCursor
  }
  throw new ContractMismatch(`listRequests did not reach nextCursor: null within ${maxPages} pages.`)
}

/** Every check of the contract, in the order they run. The concurrent-insert check mutates data and runs last. */
export function adapterContractChecks(): ContractCheck[] {
  const checks: ContractCheck[] = []
  const add = (name: string, run: ContractCheck['run']) => checks.push({ name, run })

  add('getCapabilities answers a valid shape with the standard metrics and dimensions', async (context) => {
    const capabilities = validateCapabilities(await context.subject.adapter.getCapabilities())
    for (const metric of ALL_METRICS) {
      expectThat(
        capabilities.metrics.some((definition) => definition.id === metric),
        `getCapabilities().metrics lacks "${metric}".`,
      )
    }
    const reference = await context.reference.getCapabilities()
    for (const metric of capabilities.metrics) {
      const own = reference.metrics.find((definition) => definition.id === metric.id)
      if (own) expectThat(own.aggregation === metric.aggregation, `metric ${metric.id} must aggregate as "${own.aggregation}".`)
    }
    expectThat(capabilities.limits.maxPageSize >= 1, 'limits.maxPageSize must be at least 1.')
  })

  add('getSummary: totals and previous period match the reference, for every filter kind', async (context) => {
    for (const { name, filters } of filterCases(context.fixtures)) {
      for (const range of [AUTUMN, SPRING]) {
        const params = { range, timeZone: 'Europe/Berlin', filters, metrics: ALL_METRICS, compareToPrevious: true }
        const [actual, expected] = await both(context, (adapter) => adapter.getSummary(params))
        expectSameAnswer(actual, expected, `getSummary (${name}, ${range.start.slice(0, 7)})`)
      }
    }
  })

  add('getSummary: an empty range gives 0 for sums and null for the rest', async (context) => {
    const params = { range: { start: '2025-01-01T00:00:00.000Z', end: '2025-02-01T00:00:00.000Z' }, timeZone: 'UTC', metrics: ALL_METRICS }
    const actual = await context.subject.adapter.getSummary(params)
    for (const metric of SUM_METRICS) expectThat(actual.totals[metric] === 0, `totals.${metric} of an empty range must be 0 (got ${actual.totals[metric]}).`)
    for (const metric of ['activeUsers', 'avgLatencyMs', 'p95LatencyMs']) {
      expectThat(actual.totals[metric] === null, `totals.${metric} of an empty range must be null, a gap, not a fake 0 (got ${actual.totals[metric]}).`)
    }
  })

  add('getSummary answers only the metrics asked for', async (context) => {
    const actual = await context.subject.adapter.getSummary({ range: AUTUMN, timeZone: 'UTC', metrics: ['cost', 'requests'] })
    expectThat(
      Object.keys(actual.totals).sort().join(',') === 'cost,requests',
      `totals must hold exactly the requested metrics (got ${Object.keys(actual.totals).join(', ')}).`,
    )
  })

  add('getTimeSeries: buckets and values match across DST changes and time zones', async (context) => {
    for (const { name, query, bucket } of DST_CASES) {
      const params: GetTimeSeriesParams = { ...query, bucket, metrics: ALL_METRICS }
      const [actual, expected] = await both(context, (adapter) => adapter.getTimeSeries(params))
      expectSameAnswer(actual.buckets, expected.buckets, `getTimeSeries buckets (${name})`)
      expectSameAnswer(actual, expected, `getTimeSeries (${name})`)
    }
  })

  add('getTimeSeries: buckets add up to the summary total to the last nano-unit', async (context) => {
    const query = { range: AUTUMN, timeZone: 'America/New_York' }
    const series = await context.subject.adapter.getTimeSeries({ ...query, bucket: '6h', metrics: ['cost', 'inputTokens'] })
    const summary = await context.subject.adapter.getSummary({ ...query, metrics: ['cost', 'inputTokens'] })
    const values = series.series[0]!.values
    const nanos = values.cost!.reduce((sum: number, value) => sum + toNanos(value ?? 0), 0)
    expectThat(nanos === toNanos(summary.totals.cost!), `6h cost buckets add up to ${nanos / 1e9}, the total is ${summary.totals.cost}.`)
    const tokens = values.inputTokens!.reduce((sum: number, value) => sum + (value ?? 0), 0)
    expectThat(tokens === summary.totals.inputTokens, `input token buckets add up to ${tokens}, the total is ${summary.totals.inputTokens}.`)
  })

  add('getTimeSeries: top-N groups with __other__ and __none__, multi-valued tags, distinct users per group', async (context) => {
    const cases: [string, Partial<GetTimeSeriesParams>][] = [
      ['by team, top 3 by cost', { groupBy: 'team', limit: 3, metrics: ['cost', 'requests', 'activeUsers'] }],
      ['by agent, top 2 (records without an agent are __none__)', { groupBy: 'agent', limit: 2, metrics: ['requests', 'outputTokens'] }],
      ['by tag (a request counts under each tag)', { groupBy: 'tag', metrics: ['requests', 'totalTokens'] }],
      ['by model, all', { groupBy: 'model', metrics: ['inputTokens', 'cachedInputTokens', 'outputTokens'] }],
      ['by user, top 5 by requests, with p95 latency', { groupBy: 'user', limit: 5, metrics: ['requests', 'p95LatencyMs'] }],
      ['by consumer, top 4, filtered to one team', { groupBy: 'consumer', limit: 4, metrics: ['requests'], filters: { team: [someKeys(context.fixtures).team] } }],
      ['by status', { groupBy: 'status', metrics: ['requests', 'avgLatencyMs'] }],
    ]
    for (const [name, extra] of cases) {
      const params = { range: AUTUMN, timeZone: 'Europe/Berlin', bucket: '1d', metrics: ['requests'], ...extra } as GetTimeSeriesParams
      const [actual, expected] = await both(context, (adapter) => adapter.getTimeSeries(params))
      expectSameAnswer(
        actual.series.map((series) => series.key),
        expected.series.map((series) => series.key),
        `getTimeSeries series keys (${name})`,
      )
      expectSameAnswer(actual, expected, `getTimeSeries (${name})`)
    }
  })

  add('meters: spread pro rata over buckets, grouped by agent', async (context) => {
    if (!context.meters) return
    const params: GetTimeSeriesParams = { range: AUTUMN, timeZone: 'Europe/Berlin', bucket: '1d', metrics: METERS, groupBy: 'agent', limit: 4 }
    const [actual, expected] = await both(context, (adapter) => adapter.getTimeSeries(params))
    expectSameAnswer(actual, expected, 'getTimeSeries (meters by agent)')
    const summary = { range: SPRING, timeZone: 'UTC', metrics: METERS, compareToPrevious: true }
    const [actualSummary, expectedSummary] = await both(context, (adapter) => adapter.getSummary(summary))
    expectSameAnswer(actualSummary, expectedSummary, 'getSummary (meters)')
  })

  add('getBreakdown: rows, sort, search, paging, trends and models match', async (context) => {
    const base = { range: AUTUMN, timeZone: 'America/New_York' }
    const cases: [string, GetBreakdownParams][] = [
      [
        'by user, cost desc, with trends',
        { ...base, groupBy: 'user', metrics: ['requests', 'inputTokens', 'outputTokens', 'cost'], sort: { metric: 'cost', direction: 'desc' }, trend: { bucket: '1d', metric: 'requests' } },
      ],
      ['by user, second page of 10 by requests asc', { ...base, groupBy: 'user', metrics: ['requests', 'cost'], sort: { metric: 'requests', direction: 'asc' }, offset: 10, limit: 10 }],
      ['by user, searching an email fragment', { ...base, groupBy: 'user', metrics: ['requests'], search: '@ACME' }],
      ['by user, searching a non-ASCII name', { ...base, groupBy: 'user', metrics: ['requests'], search: 'ö' }],
      ['by team, searching a team name', { ...base, groupBy: 'team', metrics: ['requests', 'activeUsers', 'cost'], search: 'équipe' }],
      ['by team, with 6h trends of cost', { ...base, groupBy: 'team', metrics: ['cost', 'activeUsers', 'p95LatencyMs'], trend: { bucket: '6h', metric: 'cost' } }],
      ['by model', { ...base, groupBy: 'model', metrics: ['totalTokens', 'cost'] }],
      ['by tag', { ...base, groupBy: 'tag', metrics: ['requests'], limit: 3 }],
      ['by agent (with __none__)', { ...base, groupBy: 'agent', metrics: ['requests', 'avgLatencyMs'] }],
    ]
    for (const [name, params] of cases) {
      const [actual, expected] = await both(context, (adapter) => adapter.getBreakdown(params))
      expectSameAnswer(actual.total, expected.total, `getBreakdown total (${name})`)
      expectSameAnswer(actual.rows.map((row) => row.key), expected.rows.map((row) => row.key), `getBreakdown row order (${name})`)
      expectSameAnswer(actual, expected, `getBreakdown (${name})`)
    }
  })

  add('listRequests: walking every page gives the reference order, newest first, nothing repeated or lost', async (context) => {
    const keys = someKeys(context.fixtures)
    const cases: [string, Omit<ListRequestsParams, 'cursor'>][] = [
      ['one team, pages of 97', { range: AUTUMN, timeZone: 'UTC', filters: { team: [keys.team] }, pageSize: 97 }],
      ['errors, pages of 25', { range: SPRING, timeZone: 'Asia/Kolkata', filters: { status: ['error'] }, pageSize: 25 }],
      ['a search, pages of 50', { range: AUTUMN, timeZone: 'UTC', search: 'eval harness', pageSize: 50 }],
    ]
    for (const [name, params] of cases) {
      const expected = await walkPages(context.reference, params)
      const actual = await walkPages(context.subject.adapter, params)
      expectThat(new Set(actual).size === actual.length, `listRequests (${name}) repeated a request across pages.`)
      expectSameAnswer(actual, expected, `listRequests ids (${name})`)
    }
    const [actual, expected] = await both(context, (adapter) => adapter.listRequests({ range: AUTUMN, timeZone: 'UTC', pageSize: 20 }))
    expectSameAnswer(actual.items, expected.items, 'listRequests first page items')
  })

  add('listRequests: a foreign or malformed cursor and an oversized page are InvalidQueryError', async (context) => {
    const adapter = context.subject.adapter
    const first = await adapter.listRequests({ range: AUTUMN, timeZone: 'UTC', pageSize: 5 })
    expectThat(first.nextCursor !== null, 'listRequests must return a nextCursor when more requests follow.')
    await expectRejection(
      () => adapter.listRequests({ range: SPRING, timeZone: 'UTC', pageSize: 5, cursor: first.nextCursor }),
      'INVALID_QUERY',
      "listRequests with another query's cursor",
    )
    await expectRejection(
      () => adapter.listRequests({ range: AUTUMN, timeZone: 'UTC', pageSize: 5, cursor: 'not-a-cursor' }),
      'INVALID_QUERY',
      'listRequests with a malformed cursor',
    )
    const { limits } = await adapter.getCapabilities()
    await expectRejection(
      () => adapter.listRequests({ range: AUTUMN, timeZone: 'UTC', pageSize: limits.maxPageSize + 1 }),
      'INVALID_QUERY',
      'listRequests with pageSize above limits.maxPageSize',
    )
  })

  add('getRequest: details match the reference; the cost breakdown adds up; unknown ids are NotFoundError', async (context) => {
    const records = context.fixtures.records
    const picks = [
      records[0]!,
      records.find((record) => record.status === 'error')!,
      records.find((record) => record.cachedInputTokens > 0 && record.agent)!,
      records[records.length - 1]!,
    ]
    for (const record of picks) {
      const [actual, expected] = await both(context, (adapter) => adapter.getRequest({ id: record.id }))
      expectSameAnswer(actual, expected, `getRequest(${record.id})`)
      const sum = actual.costBreakdown.reduce((total, line) => total + toNanos(line.amount), 0)
      expectThat(sum === toNanos(actual.cost), `getRequest(${record.id}).costBreakdown adds up to ${sum / 1e9}, not the cost ${actual.cost}.`)
    }
    await expectRejection(() => context.subject.adapter.getRequest({ id: 'no-such-request' }), 'NOT_FOUND', 'getRequest with an unknown id')
  })

  add('getRequest: the caller\'s filters scope it (one they do not match is NotFoundError, like an unknown id); content: false reads no content', async (context) => {
    const adapter = context.subject.adapter
    const records = context.fixtures.records
    const record = records.find((r) => r.team && r.tags.length > 0 && r.apiKey && r.systemPrompt)!
    const otherTeam = records.find((r) => r.team && r.team !== record.team)!.team!
    const otherModel = records.find((r) => r.model !== record.model)!.model
    const untagged = records.find((r) => r.tags.length === 0)
    const found: [string, string, Filters][] = [
      ['its own team', record.id, { team: [record.team!] }],
      ['two teams, one its own (OR within a dimension)', record.id, { team: [otherTeam, record.team!] }],
      ['its user AND its model', record.id, { user: [record.userId], model: [record.model] }],
      ['one of its tags', record.id, { tag: [record.tags[0]!, 'no-such-tag'] }],
      ['its API key and status', record.id, { apiKey: [record.apiKey!], status: [record.status] }],
      ...(untagged ? ([['__none__ tags for a request without tags', untagged.id, { tag: ['__none__'] }]] as [string, string, Filters][]) : []),
    ]
    for (const [name, id, filters] of found) {
      const [actual, expected] = await both(context, (a) => a.getRequest({ id, filters }))
      expectSameAnswer(actual, expected, `getRequest(${id}) filtered to ${name}`)
    }
    const unknown = await expectRejection(() => adapter.getRequest({ id: 'no-such-request' }), 'NOT_FOUND', 'getRequest with an unknown id')
    const hidden: [string, Filters][] = [
      ['another team', { team: [otherTeam] }],
      ['its user but another model (AND across dimensions)', { user: [record.userId], model: [otherModel] }],
      ['__none__ tags for a request with tags', { tag: ['__none__'] }],
      ['a value no record carries', { team: [MATCH_NOTHING] }],
      ['its team and a user no record carries', { team: [record.team!], user: [MATCH_NOTHING] }],
    ]
    for (const [name, filters] of hidden) {
      const error = await expectRejection(() => adapter.getRequest({ id: record.id, filters }), 'NOT_FOUND', `getRequest(${record.id}) filtered to ${name}`)
      // The same answer as an unknown id: nothing tells a caller the request exists outside their scope.
      expectThat(
        error.message.split(record.id).join('<id>') === unknown.message.split('no-such-request').join('<id>'),
        `getRequest(${record.id}) filtered to ${name}: the NotFoundError must read like an unknown id's ("${unknown.message}"), got "${error.message}".`,
      )
    }
    const [withoutContent, reference] = await both(context, (a) => a.getRequest({ id: record.id, content: false }))
    expectThat(
      withoutContent.request === null && withoutContent.response === null && withoutContent.messages.length === 0,
      'getRequest with content: false must answer request: null, response: null, messages: [].',
    )
    // Without content a server may also hold back metadata (the HTTP handler keeps only the keys a
    // scope allows): what is shown must be the reference's, and nothing else may differ.
    const sameWithoutContent = (actual: RequestDetail, expected: RequestDetail, what: string) => {
      const { metadata, ...rest } = actual
      const { metadata: expectedMetadata, ...expectedRest } = expected
      expectSameAnswer(rest, expectedRest, what)
      for (const key of Object.keys(metadata ?? {})) expectSameAnswer(metadata[key], expectedMetadata[key], `${what}.metadata.${key}`)
    }
    sameWithoutContent(withoutContent, reference, `getRequest(${record.id}, content: false)`)
    const [scopedWithout, scopedReference] = await both(context, (a) => a.getRequest({ id: record.id, content: false, filters: { team: [record.team!] } }))
    sameWithoutContent(scopedWithout, scopedReference, `getRequest(${record.id}, content: false, its own team)`)
  })

  add('getDimensionValues: values, counts, search and limit match', async (context) => {
    const base = { range: AUTUMN, timeZone: 'UTC' }
    const cases = [
      { ...base, dimension: 'team' as const },
      { ...base, dimension: 'user' as const, search: 'a', limit: 10 },
      { ...base, dimension: 'model' as const, filters: { model: [someKeys(context.fixtures).model] } },
      { ...base, dimension: 'tag' as const },
      { ...base, dimension: 'apiKey' as const, filters: { team: [someKeys(context.fixtures).team] } },
    ]
    for (const params of cases) {
      const [actual, expected] = await both(context, (adapter) => adapter.getDimensionValues(params))
      expectSameAnswer(actual, expected, `getDimensionValues(${params.dimension})`)
    }
  })

  add('labels come from the rows the answer counts: a user who moved teams is seen as each side of the move saw them', async (context) => {
    const { mover } = context.fixtures
    const moved = Date.parse(mover.movedAt)
    const adapter = context.subject.adapter
    const sides: [string, Filters, UsageQuery['range'], typeof mover.before][] = [
      ['filtered to the old team', { team: [mover.before.team] }, AUTUMN, mover.before],
      ['filtered to the new team', { team: [mover.after.team] }, AUTUMN, mover.after],
      ['a range that ends at the move', {}, { start: AUTUMN.start, end: mover.movedAt }, mover.before],
      ['a range that starts at the move', {}, { start: mover.movedAt, end: AUTUMN.end }, mover.after],
      ['no filters, the whole window (the latest row)', {}, AUTUMN, Date.parse(AUTUMN.end) > moved ? mover.after : mover.before],
    ]
    const expectPerson = (what: string, seen: { label?: string; secondary?: string; team?: string } | undefined, person: typeof mover.before, team = true) => {
      expectThat(seen !== undefined, `${what}: the user who moved (${mover.userId}) is missing.`)
      expectThat(
        seen!.label === person.name && seen!.secondary === person.email && (!team || seen!.team === person.team),
        `${what}: ${mover.userId} must be labelled from the rows this answer counts, "${person.name}" <${person.email}>${team ? ` in ${person.team}` : ''}; ` +
          `got "${seen!.label}" <${seen!.secondary}>${team ? ` in ${seen!.team}` : ''}.`,
      )
    }
    for (const [name, filters, range, person] of sides) {
      const query = { range, timeZone: 'UTC', filters }
      const breakdown = { ...query, groupBy: 'user' as const, metrics: ['requests', 'cost'] }
      const [rows, expectedRows] = await both(context, (a) => a.getBreakdown(breakdown))
      expectSameAnswer(rows, expectedRows, `getBreakdown by user (${name})`)
      expectPerson(`getBreakdown by user (${name})`, rows.rows.find((row) => row.key === mover.userId), person)
      const consumers = { ...query, groupBy: 'consumer' as const, metrics: ['requests'] }
      const [byConsumer, expectedConsumers] = await both(context, (a) => a.getBreakdown(consumers))
      expectSameAnswer(byConsumer, expectedConsumers, `getBreakdown by consumer (${name})`)
      expectPerson(`getBreakdown by consumer (${name})`, byConsumer.rows.find((row) => row.key === mover.userId), person, false)
      const values = { ...query, dimension: 'user' as const, limit: 1000 }
      const [users, expectedUsers] = await both(context, (a) => a.getDimensionValues(values))
      expectSameAnswer(users, expectedUsers, `getDimensionValues(user) (${name})`)
      expectPerson(`getDimensionValues(user) (${name})`, users.find((value) => value.key === mover.userId), person, false)
      const series = { ...query, filters: { ...filters, user: [mover.userId] }, groupBy: 'user' as const, bucket: '1d' as const, metrics: ['requests'], limit: 5 }
      const [chart, expectedChart] = await both(context, (a) => a.getTimeSeries(series))
      expectSameAnswer(chart, expectedChart, `getTimeSeries by user (${name})`)
      const line = chart.series.find((entry) => entry.key === mover.userId)
      expectThat(line?.label === person.name, `getTimeSeries by user (${name}): ${mover.userId} must be labelled "${person.name}", got "${line?.label}".`)
    }
    // Search matches the labels the answer shows, nothing from outside its rows.
    const after = mover.after.name.split(/\s+/).at(-1)!.toLowerCase()
    const oldTeam = { range: AUTUMN, timeZone: 'UTC', filters: { team: [mover.before.team] } }
    for (const search of [after, mover.after.email, mover.after.team]) {
      const breakdown = { ...oldTeam, groupBy: 'user' as const, metrics: ['requests'], search }
      const [rows, expected] = await both(context, (a) => a.getBreakdown(breakdown))
      expectSameAnswer(rows, expected, `getBreakdown by user, old team, searching ${JSON.stringify(search)}`)
      expectThat(
        !rows.rows.some((row) => row.key === mover.userId),
        `getBreakdown by user filtered to ${mover.before.team}, searching ${JSON.stringify(search)}: ${mover.userId} matched a label from rows outside the filters.`,
      )
      const values = { ...oldTeam, dimension: 'user' as const, search }
      const [found, expectedValues] = await both(context, (a) => a.getDimensionValues(values))
      expectSameAnswer(found, expectedValues, `getDimensionValues(user), old team, searching ${JSON.stringify(search)}`)
      expectThat(
        !found.some((value) => value.key === mover.userId),
        `getDimensionValues(user) filtered to ${mover.before.team}, searching ${JSON.stringify(search)}: ${mover.userId} matched a label from rows outside the filters.`,
      )
    }
    const before = { ...oldTeam, groupBy: 'user' as const, metrics: ['requests'], search: mover.before.email }
    const rows = await adapter.getBreakdown(before)
    expectPerson(`getBreakdown by user filtered to ${mover.before.team}, searching the old email`, rows.rows.find((row) => row.key === mover.userId), mover.before)
  })

  add('a filter value no record carries matches nothing, in every method', async (context) => {
    const adapter = context.subject.adapter
    const keys = someKeys(context.fixtures)
    for (const filters of [{ team: [MATCH_NOTHING] }, { model: [keys.model], user: [MATCH_NOTHING] }, { tag: [MATCH_NOTHING] }] as Filters[]) {
      const what = JSON.stringify(filters)
      const query = { range: AUTUMN, timeZone: 'UTC', filters }
      const [summary, expectedSummary] = await both(context, (a) => a.getSummary({ ...query, metrics: ALL_METRICS, compareToPrevious: true }))
      expectSameAnswer(summary, expectedSummary, `getSummary ${what}`)
      expectThat(summary.totals.requests === 0, `getSummary ${what}: totals.requests must be 0 (got ${summary.totals.requests}).`)
      const [series, expectedSeries] = await both(context, (a) => a.getTimeSeries({ ...query, bucket: '1d', metrics: ['requests', 'cost'], groupBy: 'model', limit: 5 }))
      expectSameAnswer(series, expectedSeries, `getTimeSeries by model ${what}`)
      const [total, expectedTotal] = await both(context, (a) => a.getTimeSeries({ ...query, bucket: '1d', metrics: ['requests'] }))
      expectSameAnswer(total, expectedTotal, `getTimeSeries ${what}`)
      const [breakdown, expectedBreakdown] = await both(context, (a) => a.getBreakdown({ ...query, groupBy: 'user', metrics: ['requests'], trend: { bucket: '1d', metric: 'requests' } }))
      expectSameAnswer(breakdown, expectedBreakdown, `getBreakdown ${what}`)
      expectThat(breakdown.rows.length === 0 && breakdown.total === 0, `getBreakdown ${what} must have no rows (got ${breakdown.total}).`)
      const page = await adapter.listRequests({ ...query, pageSize: 10 })
      expectThat(page.items.length === 0 && page.nextCursor === null, `listRequests ${what} must be empty (got ${page.items.length} items).`)
      // A filter menu ignores its own dimension's filter, so only the other dimensions' menus are empty.
      for (const dimension of ['model', 'user', 'team', 'tag', 'apiKey'] as Dimension[]) {
        const [values, expectedValues] = await both(context, (a) => a.getDimensionValues({ ...query, dimension }))
        expectSameAnswer(values, expectedValues, `getDimensionValues(${dimension}) ${what}`)
        const matchesNothing = Object.entries(filters).some(([other, values]) => other !== dimension && values?.includes(MATCH_NOTHING))
        if (matchesNothing) expectThat(values.length === 0, `getDimensionValues(${dimension}) ${what} must be empty (got ${values.length} values).`)
      }
      const record = context.fixtures.records.find((r) => Date.parse(r.timestamp) >= Date.parse(AUTUMN.start))!
      await expectRejection(() => adapter.getRequest({ id: record.id, filters }), 'NOT_FOUND', `getRequest ${what}`)
    }
  })

  add('limits: getCapabilities announces them, and a query above one is InvalidQueryError flagged tooLarge', async (context) => {
    const adapter = context.subject.adapter
    const capabilities = await adapter.getCapabilities()
    const limits = resolveLimits(capabilities.limits)
    const good = { range: AUTUMN, timeZone: 'UTC' }
    const values = (n: number) => Array.from({ length: n }, (_, i) => `value-${i}`)
    const cases: [string, () => Promise<unknown>, string][] = [
      ['a search longer than maxSearchLength', () => adapter.listRequests({ ...good, pageSize: 10, search: 'x'.repeat(limits.maxSearchLength + 1) }), 'search'],
      ['a filter value longer than maxValueLength', () => adapter.getBreakdown({ ...good, groupBy: 'team', metrics: ['requests'], filters: { user: ['u'.repeat(limits.maxValueLength + 1)] } }), 'filters.user'],
      ['an id longer than maxValueLength', () => adapter.getRequest({ id: 'r'.repeat(limits.maxValueLength + 1) }), 'id'],
      [`more than ${limits.maxBuckets} buckets`, () => adapter.getTimeSeries({ ...good, bucket: '1m', metrics: ['requests'] }), 'bucket'],
      [`a breakdown trend of more than ${limits.maxTrendBuckets} buckets`, () => adapter.getBreakdown({ ...good, groupBy: 'team', metrics: ['requests'], trend: { bucket: '15m', metric: 'requests' } }), 'trend.bucket'],
      [`more than ${limits.maxSeries} series`, () => adapter.getTimeSeries({ ...good, bucket: '1d', metrics: ['requests'], groupBy: 'user', limit: limits.maxSeries + 1 }), 'limit'],
      [`a breakdown limit above ${limits.maxBreakdownRows}`, () => adapter.getBreakdown({ ...good, groupBy: 'user', metrics: ['requests'], limit: limits.maxBreakdownRows + 1 }), 'limit'],
      [`more than ${limits.maxDimensionValues} filter values asked`, () => adapter.getDimensionValues({ ...good, dimension: 'user', limit: limits.maxDimensionValues + 1 }), 'limit'],
      ['pageSize above maxPageSize', () => adapter.listRequests({ ...good, pageSize: limits.maxPageSize + 1 }), 'pageSize'],
    ]
    for (const [name, call, field] of cases) await expectRejection(call, 'INVALID_QUERY', name, { field, tooLarge: true })
    // Filter-value counts limit what a client sends (parseParams, in the HTTP handler), not what an
    // adapter receives: the host's scope may list more. An adapter answers them as the reference does
    // (an HTTP client may refuse them as too large, as its server would); never any other error.
    const many = limits.maxFilterValuesTotal + 1
    const wide = { ...good, filters: { team: values(many) }, metrics: ['requests'] }
    const expected = await context.reference.getSummary(wide)
    let answer: unknown
    try {
      answer = await adapter.getSummary(wide)
    } catch (error) {
      const { code, tooLarge } = error as { code?: unknown; tooLarge?: unknown }
      expectThat(code === 'INVALID_QUERY' && tooLarge === true, `getSummary with ${many} filter values failed: ${(error as Error)?.message ?? String(error)}`)
      return
    }
    expectSameAnswer(answer, expected, `getSummary with ${many} filter values (a host's scope)`)
  })

  add('bad queries are InvalidQueryError: reversed range, bad instant, unknown zone, unknown metric or dimension', async (context) => {
    const adapter = context.subject.adapter
    const good = { range: AUTUMN, timeZone: 'UTC' }
    const cases: [string, () => Promise<unknown>][] = [
      ['a reversed range', () => adapter.getSummary({ range: { start: AUTUMN.end, end: AUTUMN.start }, timeZone: 'UTC', metrics: ['requests'] })],
      ['a range that is not ISO-8601', () => adapter.getSummary({ range: { start: 'yesterday', end: AUTUMN.end }, timeZone: 'UTC', metrics: ['requests'] })],
      ['an unknown time zone', () => adapter.getTimeSeries({ range: AUTUMN, timeZone: 'Mars/Olympus_Mons', bucket: '1d', metrics: ['requests'] })],
      ['an unsupported metric', () => adapter.getSummary({ ...good, metrics: ['bogusMetric'] })],
      ['an unsupported groupBy', () => adapter.getBreakdown({ ...good, groupBy: 'planet' as never, metrics: ['requests'] })],
      ['a filter on an unknown dimension', () => adapter.listRequests({ ...good, filters: { planet: ['mars'] } as never, pageSize: 10 })],
      ['an unknown bucket', () => adapter.getTimeSeries({ ...good, bucket: '2d' as never, metrics: ['requests'] })],
      ['an unknown dimension for values', () => adapter.getDimensionValues({ ...good, dimension: 'planet' as never })],
    ]
    for (const [name, call] of cases) await expectRejection(call, 'INVALID_QUERY', name)

    // Hostile values: refused as the caller's mistake naming the field, never a database error.
    const first = await adapter.listRequests({ ...good, pageSize: 5 })
    const cursorQuery = { ...good, filters: undefined, search: undefined }
    const forged = (t: unknown, i: unknown) => encodeCursor({ ts: t as number, id: i as string }, cursorQuery)
    const named: [string, () => Promise<unknown>, string][] = [
      ['NUL in a filter value', () => adapter.getSummary({ ...good, metrics: ['requests'], filters: { team: ['Research\u0000'] } }), 'filters.team'],
      ['NUL in a breakdown search', () => adapter.getBreakdown({ ...good, groupBy: 'user', metrics: ['requests'], search: 'a\u0000b' }), 'search'],
      ['NUL in a request log search', () => adapter.listRequests({ ...good, pageSize: 5, search: '\u0000' }), 'search'],
      ['NUL in a filter menu search', () => adapter.getDimensionValues({ ...good, dimension: 'user', search: '\u0000' }), 'search'],
      ['NUL in a request id', () => adapter.getRequest({ id: 'req\u0000' }), 'id'],
      ['NUL in getRequest filters', () => adapter.getRequest({ id: context.fixtures.records[0]!.id, filters: { user: ['\u0000'] } }), 'filters.user'],
      ['a number as a request id', () => adapter.getRequest({ id: 42 as never }), 'id'],
      ['a year past 9999', () => adapter.getSummary({ range: { start: AUTUMN.start, end: '+010000-01-01T00:00:00Z' }, timeZone: 'UTC', metrics: ['requests'] }), 'range.end'],
      ['a range before 1970', () => adapter.getSummary({ range: { start: '1969-12-31T00:00:00Z', end: AUTUMN.end }, timeZone: 'UTC', metrics: ['requests'] }), 'range.start'],
      ['a limit of 1e20', () => adapter.getTimeSeries({ ...good, bucket: '1d', metrics: ['requests'], groupBy: 'model', limit: 1e20 }), 'limit'],
      ['an offset of 1e20', () => adapter.getBreakdown({ ...good, groupBy: 'user', metrics: ['requests'], offset: 1e20 }), 'offset'],
      ['a fractional limit', () => adapter.getDimensionValues({ ...good, dimension: 'user', limit: 2.5 }), 'limit'],
      ['a negative offset', () => adapter.getBreakdown({ ...good, groupBy: 'user', metrics: ['requests'], offset: -1 }), 'offset'],
      ['a forged cursor with a huge timestamp', () => adapter.listRequests({ ...good, pageSize: 5, cursor: forged(1e20, 'x') }), 'cursor'],
      ['a forged cursor with a negative timestamp', () => adapter.listRequests({ ...good, pageSize: 5, cursor: forged(-1, 'x') }), 'cursor'],
      ['a forged cursor with a fractional timestamp', () => adapter.listRequests({ ...good, pageSize: 5, cursor: forged(Date.parse(AUTUMN.start) + 0.5, 'x') }), 'cursor'],
      ['a forged cursor with a number for an id', () => adapter.listRequests({ ...good, pageSize: 5, cursor: forged(Date.parse(AUTUMN.start) + 1, 7) }), 'cursor'],
      ['a forged cursor with NUL in its id', () => adapter.listRequests({ ...good, pageSize: 5, cursor: forged(Date.parse(AUTUMN.start) + 1, 'a\u0000') }), 'cursor'],
      ['a cursor that is not a string', () => adapter.listRequests({ ...good, pageSize: 5, cursor: { t: 1 } as never }), 'cursor'],
    ]
    expectThat(first.nextCursor !== null, 'listRequests must return a nextCursor when more requests follow.')
    for (const [name, call, field] of named) await expectRejection(call, 'INVALID_QUERY', name, { field })
  })

  add('listRequests: pages stay stable while new requests arrive (Live mode)', async (context) => {
    const { insert } = context.subject
    if (!insert) return
    const params = { range: AUTUMN, timeZone: 'UTC', pageSize: 200 }
    const expected = await walkPages(context.reference, params)
    const first = await context.subject.adapter.listRequests({ ...params, cursor: null })
    const template = context.fixtures.records[context.fixtures.records.length - 1]!
    const newest = Date.parse(first.items[0]!.timestamp)
    const arrivals: UsageRecord[] = Array.from({ length: 30 }, (_, i) => ({
      ...template,
      id: `live-${String(i).padStart(3, '0')}`,
      timestamp: new Date(Math.min(newest + (i + 1) * 1000, Date.parse(AUTUMN.end) - 1)).toISOString(),
    }))
    await insert(arrivals)
    const ids = first.items.map((item) => item.id)
    let cursor = first.nextCursor
    while (cursor !== null) {
      const page = await context.subject.adapter.listRequests({ ...params, cursor })
      ids.push(...page.items.map((item) => item.id))
      cursor = page.nextCursor
    }
    expectSameAnswer(ids, expected, 'listRequests ids while 30 newer requests arrived')
  })

  return checks
}

export interface ContractReport {
  passed: string[]
  failed: { name: string; error: Error }[]
}

/** Sets up the subject and the reference over the kit's fixtures. */
export async function createContractContext(options: AdapterContractOptions): Promise<ContractContext> {
  const fixtures = contractFixtures()
  const created = await options.createAdapter(fixtures)
  const subject: ContractSubject = 'adapter' in created && typeof (created as ContractSubject).adapter === 'object' ? (created as ContractSubject) : { adapter: created as UsageAdapter }
  let meters = options.meters
  if (meters === undefined) {
    const capabilities = await subject.adapter.getCapabilities()
    meters = METERS.every((metric) => capabilities.metrics.some((definition) => definition.id === metric))
  }
  // An adapter without meters is compared with a reference without them: meters add groups
  // (a "(none)" model for allocations, say) that a request-only backend cannot know.
  const reference = createMemoryAdapter(fixtures.records, meters ? { meters: fixtures.meters } : {})
  return { subject, reference, fixtures, meters }
}

/** Runs every check without a test framework and reports which passed and which failed, and why. */
export async function runAdapterContract(options: AdapterContractOptions): Promise<ContractReport> {
  const context = await createContractContext(options)
  const report: ContractReport = { passed: [], failed: [] }
  try {
    for (const check of adapterContractChecks()) {
      try {
        await check.run(context)
        report.passed.push(check.name)
      } catch (error) {
        report.failed.push({ name: check.name, error: error instanceof Error ? error : new Error(String(error)) })
      }
    }
  } finally {
    await context.subject.cleanup?.()
  }
  return report
}
