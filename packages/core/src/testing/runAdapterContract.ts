import { DIMENSIONS, type Dimension, NONE_KEY } from '../dimensions'
import { encodeCursor } from '../keysetCursor'
import { resolveLimits } from '../limits'
import { createMemoryAdapter } from '../memory/createMemoryAdapter'
import { cacheSavings } from '../cacheSavings'
import { type Metric, STANDARD_METRICS } from '../metrics'
import { toNanos } from '../money'
import { FIELD_CAPABILITIES, type OptionalRecordField } from '../recordFields'
import type {
  Bucket,
  Filters,
  GetBreakdownParams,
  GetSummaryParams,
  GetTimeSeriesParams,
  ListRequestsParams,
  RequestDetail,
  UsageAdapter,
  UsageQuery,
  UsageRecord,
} from '../types'
import { validateCapabilities } from '../validateResult'
import { ContractMismatch, type Mismatch, MismatchCollector, expectThat, lastField } from './compareAnswers'
import { CONTRACT_CUSTOMERS, type ContractFixtures, contractFixtures } from './contractFixtures'
import { OPTIONAL_RECORD_FIELDS, adapterWithout, fixturesWithout, unknownLacks } from './lacks'

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
  /**
   * Returns the adapter under test. Without `load`, it loads the kit's fixtures into the backend
   * itself; with `load`, the records are already loaded when it is called.
   */
  createAdapter: (fixtures: ContractFixtures) => Promise<UsageAdapter | ContractSubject> | UsageAdapter | ContractSubject
  /**
   * Writes records into your own schema (append: it may be called again with more). The kit calls
   * `load(fixtures.records)` (without the fields in `lacks`) and then `createAdapter(fixtures)`; the
   * "pages under concurrent inserts" check calls it again with the new records when the subject
   * returns no `insert` of its own. Meters are not passed here: `createAdapter` gets them in `fixtures`.
   */
  load?: (records: UsageRecord[]) => Promise<void> | void
  /**
   * Record fields your backend cannot store (e.g. `['userName', 'userEmail', 'cachedInputTokens']`).
   * The kit strips them from every record it loads and from the reference adapter's records (see
   * `ABSENT_FIELD_VALUES`), the reference offers none of what they answer (`FIELD_CAPABILITIES`),
   * your adapter must not offer it either, and every check asks only for what both offer.
   */
  lacks?: readonly OptionalRecordField[]
  /** Whether the adapter answers seed 002's meters (cpuCoreHours, …). Default: whatever its capabilities say. */
  meters?: boolean
}

export interface ContractContext {
  subject: ContractSubject
  reference: UsageAdapter
  /** The fixtures as loaded: without the fields in `lacks`. */
  fixtures: ContractFixtures
  meters: boolean
  /** The fields the backend cannot store (`AdapterContractOptions.lacks`). */
  lacks: readonly OptionalRecordField[]
  /** The metrics and dimensions both the subject and the reference offer: the only ones the checks ask for. */
  offered: { metrics: ReadonlySet<Metric>; dimensions: ReadonlySet<Dimension> }
}

export interface ContractCheck {
  name: string
  /** Runs every comparison of the check; rejects once, with a `ContractMismatch` listing every mismatch found. */
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
/** A range without records. */
const EMPTY_RANGE = { start: '2025-01-01T00:00:00.000Z', end: '2025-02-01T00:00:00.000Z' }

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
  // Without a field (lacks) the records hold no value of it to filter by: those cases drop out.
  const holdsValues = ({ filters }: { filters: Filters }) => Object.values(filters).every((values) => values?.every((value) => typeof value === 'string'))
  const cases: { name: string; filters: Filters }[] = [
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
  return cases.filter(holdsValues)
}

/** The parts of a query that need a capability. */
interface Asks {
  metrics?: Metric[]
  groupBy?: Dimension
  dimension?: Dimension
  filters?: Filters
  sort?: { metric: Metric }
  trend?: { metric: Metric }
}

/**
 * `params` asking only for what both adapters offer: the metrics both offer are kept, the rest
 * dropped; `null` (skip the case) when no metric is left or a group, dimension, filter, sort or
 * trend needs something one of them does not offer.
 */
function fit<P extends Asks>(context: ContractContext, params: P): P | null {
  const { metrics, dimensions } = context.offered
  if (params.groupBy !== undefined && !dimensions.has(params.groupBy)) return null
  if (params.dimension !== undefined && !dimensions.has(params.dimension)) return null
  for (const [dimension, values] of Object.entries(params.filters ?? {})) {
    if (values !== undefined && !dimensions.has(dimension as Dimension)) return null
  }
  if (params.sort && !metrics.has(params.sort.metric)) return null
  if (params.trend && !metrics.has(params.trend.metric)) return null
  if (params.metrics === undefined) return params
  const kept = params.metrics.filter((metric) => metrics.has(metric))
  return kept.length === 0 ? null : { ...params, metrics: kept }
}

/** Whether both adapters offer a dimension. */
function offersDimension(context: ContractContext, dimension: Dimension): boolean {
  return context.offered.dimensions.has(dimension)
}

/** The metrics of `metrics` both adapters offer. */
function offeredMetrics(context: ContractContext, metrics: readonly Metric[]): Metric[] {
  return metrics.filter((metric) => context.offered.metrics.has(metric))
}

/** Which record field each metric and dimension needs (the inverse of `FIELD_CAPABILITIES`). */
const NEEDS_FIELD = new Map<string, OptionalRecordField>()
for (const [field, answers] of Object.entries(FIELD_CAPABILITIES) as [OptionalRecordField, { metrics?: readonly Metric[]; dimensions?: readonly Dimension[] }][]) {
  for (const metric of answers.metrics ?? []) NEEDS_FIELD.set(`metric:${metric}`, field)
  for (const dimension of answers.dimensions ?? []) NEEDS_FIELD.set(`dimension:${dimension}`, field)
}

/**
 * After a failure: the record fields among the differing paths (`….userEmail`, `….cachedInputTokens`)
 * the integrator did not declare in `lacks`, with how to declare them if the backend cannot store them.
 */
function lacksHint(mismatches: readonly Mismatch[], lacks: readonly OptionalRecordField[]): string | undefined {
  const fields = new Set<OptionalRecordField>()
  for (const { path } of mismatches) {
    let field = lastField(path)
    // A user's label and second line are their name and email.
    if ((field === 'label' || field === 'secondary') && /\b(user|consumer)\b/.test(path)) field = field === 'label' ? 'userName' : 'userEmail'
    if (field && (OPTIONAL_RECORD_FIELDS as string[]).includes(field) && !lacks.includes(field as OptionalRecordField)) {
      fields.add(field as OptionalRecordField)
    }
  }
  if (fields.size === 0) return undefined
  const names = [...fields]
  return (
    `Fields that differ: ${names.join(', ')}. If your backend cannot store ${names.length === 1 ? 'it' : 'them'}, declare ` +
    `lacks: [${[...lacks, ...names].map((name) => `'${name}'`).join(', ')}] (see "Proving an existing table" in docs/adapter.md).`
  )
}

/** Each breakdown the subject can be asked, compared with the reference: total, row order, then the rows. */
async function compareBreakdowns(context: ContractContext, expect: MismatchCollector, cases: readonly [string, GetBreakdownParams][]): Promise<void> {
  for (const [name, wanted] of cases) {
    const params = fit(context, wanted)
    if (!params) continue
    await expect.step(`getBreakdown (${name})`, async () => {
      const [actual, expected] = await both(context, (adapter) => adapter.getBreakdown(params))
      expect.same(actual.total, expected.total, `getBreakdown total (${name})`)
      // Rows in another order do not line up: compare them only once the order agrees.
      if (expect.same(actual.rows.map((row) => row.key), expected.rows.map((row) => row.key), `getBreakdown row order (${name})`)) {
        expect.same(actual, expected, `getBreakdown (${name})`)
      }
    })
  }
}

/** Whether a record has no value for `dimension` (absent, null or an empty string: empty means none). */
function hasNone(record: UsageRecord, dimension: Dimension): boolean {
  switch (dimension) {
    case 'user':
      return !record.userId
    case 'consumer':
      return !(record.agent || record.userId)
    case 'tag':
      return !record.tags.some((tag) => tag)
    case 'team':
    case 'apiKey':
    case 'application':
    case 'agent':
    case 'customer':
      return !record[dimension]
    default:
      return false
  }
}

function inRange(record: UsageRecord, range: UsageQuery['range']): boolean {
  const ts = Date.parse(record.timestamp)
  return ts >= Date.parse(range.start) && ts < Date.parse(range.end)
}

/**
 * The reference's detail with the cost lines' optional `quantity`, `unit` and `rate` left out where the
 * subject's line has none: a backend that records only label and amount conforms; one that records them
 * must agree with the reference.
 */
function costLinesAsSubject(actual: RequestDetail, expected: RequestDetail): RequestDetail {
  const lines = expected.costBreakdown.map((line, index) => {
    const own = actual.costBreakdown[index]
    const out = { ...line }
    for (const field of ['quantity', 'unit', 'rate'] as const) if (own && own[field] === undefined) delete out[field]
    return out
  })
  return { ...expected, costBreakdown: lines }
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
  /**
   * A check: its comparisons record mismatches in `expect` and it goes on to the end; then it fails
   * once, listing them all. An error the body throws (the adapter failing) ends the check, listed
   * after what was found before it.
   */
  const add = (name: string, body: (context: ContractContext, expect: MismatchCollector) => Promise<void>) =>
    checks.push({
      name,
      run: async (context) => {
        const expect = new MismatchCollector()
        try {
          await body(context, expect)
        } catch (error) {
          if (!(error instanceof ContractMismatch) && expect.mismatches.length === 0) throw error
          expect.caught(error, 'then the check stopped')
        }
        expect.finish((mismatches) => lacksHint(mismatches, context.lacks))
      },
    })

  add('getCapabilities answers a valid shape with the standard metrics and dimensions', async (context, expect) => {
    const adapter = context.subject.adapter
    const capabilities = validateCapabilities(await adapter.getCapabilities())
    const offers = new Set(capabilities.metrics.map((definition) => definition.id))
    const lacked = (kind: 'metric' | 'dimension', id: string) => {
      const field = NEEDS_FIELD.get(`${kind}:${id}`)
      return field !== undefined && context.lacks.includes(field) ? field : undefined
    }
    for (const metric of ALL_METRICS) {
      if (lacked('metric', metric)) continue
      const field = NEEDS_FIELD.get(`metric:${metric}`)
      expect.that(
        offers.has(metric),
        `getCapabilities().metrics lacks "${metric}".` +
          (field ? ` If your backend cannot store the record field ${field}, declare it: lacks: ['${field}'].` : ''),
        'getCapabilities().metrics',
        undefined,
        metric,
      )
    }
    // A capability the data cannot back is a mismatch: it would answer 0 or null for what was never stored.
    const lacks = `lacks: [${context.lacks.map((field) => `'${field}'`).join(', ')}]`
    for (const metric of capabilities.metrics) {
      const field = lacked('metric', metric.id)
      expect.that(
        field === undefined,
        `getCapabilities() offers the metric "${metric.id}", which needs the record field ${field}; the backend cannot store it (${lacks}), so nothing backs that answer. Leave it out of the capabilities.`,
        'getCapabilities().metrics',
        metric.id,
        undefined,
      )
    }
    for (const dimension of capabilities.dimensions) {
      const field = lacked('dimension', dimension)
      expect.that(
        field === undefined,
        `getCapabilities() offers the dimension "${dimension}", which needs the record field ${field}; the backend cannot store it (${lacks}), so nothing backs that answer. Leave it out of the capabilities.`,
        'getCapabilities().dimensions',
        dimension,
        undefined,
      )
    }
    const reference = await context.reference.getCapabilities()
    for (const metric of capabilities.metrics) {
      const own = reference.metrics.find((definition) => definition.id === metric.id)
      if (own) expect.that(own.aggregation === metric.aggregation, `metric ${metric.id} must aggregate as "${own.aggregation}".`, `getCapabilities().metrics.${metric.id}.aggregation`, metric.aggregation, own.aggregation)
    }
    expect.that(capabilities.limits.maxPageSize >= 1, 'limits.maxPageSize must be at least 1.')
    // What it does not offer it refuses: never a silent 0 or null for a metric or dimension it does not have.
    const good = { range: AUTUMN, timeZone: 'UTC' }
    for (const metric of Object.keys(STANDARD_METRICS)) {
      if (offers.has(metric)) continue
      await expect.rejection(() => adapter.getSummary({ ...good, metrics: [metric] }), 'INVALID_QUERY', `getSummary of "${metric}", which getCapabilities() does not offer`)
    }
    for (const dimension of DIMENSIONS) {
      if (capabilities.dimensions.includes(dimension)) continue
      await expect.rejection(
        () => adapter.getBreakdown({ ...good, groupBy: dimension, metrics: ['requests'] }),
        'INVALID_QUERY',
        `getBreakdown by "${dimension}", which getCapabilities() does not offer`,
      )
    }
  })

  add('getSummary: totals and previous period match the reference, for every filter kind', async (context, expect) => {
    for (const { name, filters } of filterCases(context.fixtures)) {
      for (const range of [AUTUMN, SPRING]) {
        const params = fit(context, { range, timeZone: 'Europe/Berlin', filters, metrics: ALL_METRICS, compareToPrevious: true })
        if (!params) continue
        const what = `getSummary (${name}, ${range.start.slice(0, 7)})`
        await expect.step(what, async () => {
          const [actual, expected] = await both(context, (adapter) => adapter.getSummary(params))
          expect.same(actual, expected, what)
        })
      }
    }
  })

  add('getSummary: an empty range gives 0 for sums and null for the rest', async (context, expect) => {
    const params = { range: EMPTY_RANGE, timeZone: 'UTC', metrics: offeredMetrics(context, ALL_METRICS) }
    const actual = await context.subject.adapter.getSummary(params)
    for (const metric of offeredMetrics(context, SUM_METRICS)) {
      expect.that(actual.totals[metric] === 0, `totals.${metric} of an empty range must be 0 (got ${actual.totals[metric]}).`, `getSummary (empty range).totals.${metric}`, actual.totals[metric], 0)
    }
    for (const metric of offeredMetrics(context, ['activeUsers', 'avgLatencyMs', 'p95LatencyMs'])) {
      expect.that(
        actual.totals[metric] === null,
        `totals.${metric} of an empty range must be null, a gap, not a fake 0 (got ${actual.totals[metric]}).`,
        `getSummary (empty range).totals.${metric}`,
        actual.totals[metric],
        null,
      )
    }
  })

  add('getSummary compares equal elapsed time while the range is running (now inside it)', async (context, expect) => {
    // Two whole Berlin weeks whose second one is still running: now is mid-afternoon, off any hour.
    const range = { start: '2026-10-19T22:00:00.000Z', end: '2026-11-02T23:00:00.000Z' }
    const now = '2026-10-29T14:37:12.345Z'
    const metrics = ALL_METRICS.filter((metric) => context.offered.metrics.has(metric))
    const params = fit(context, { range, timeZone: 'Europe/Berlin', metrics, compareToPrevious: true, now } as GetSummaryParams)!
    const [actual, expected] = await both(context, (adapter) => adapter.getSummary(params))
    expect.same(actual, expected, 'getSummary (running range, now given)')
    // The reference's own meaning, spelled out: [start, now) against the same elapsed part before.
    const length = Date.parse(range.end) - Date.parse(range.start)
    const elapsed = Date.parse(now) - Date.parse(range.start)
    const current = await context.reference.getSummary({ range: { start: range.start, end: now }, timeZone: 'Europe/Berlin', metrics })
    const previousStart = Date.parse(range.start) - length
    const previous = await context.reference.getSummary({
      range: { start: new Date(previousStart).toISOString(), end: new Date(previousStart + elapsed).toISOString() },
      timeZone: 'Europe/Berlin',
      metrics,
    })
    expect.same(actual, { totals: current.totals, previous: previous.totals }, 'getSummary (running range) = [start, now) vs the same elapsed part of the period before')
  })

  add('getSummary answers only the metrics asked for', async (context, expect) => {
    const actual = await context.subject.adapter.getSummary({ range: AUTUMN, timeZone: 'UTC', metrics: ['cost', 'requests'] })
    expect.that(
      Object.keys(actual.totals).sort().join(',') === 'cost,requests',
      `totals must hold exactly the requested metrics (got ${Object.keys(actual.totals).join(', ')}).`,
    )
  })

  add('getTimeSeries: buckets and values match across DST changes and time zones', async (context, expect) => {
    for (const { name, query, bucket } of DST_CASES) {
      const params = fit(context, { ...query, bucket, metrics: ALL_METRICS } as GetTimeSeriesParams)!
      await expect.step(`getTimeSeries (${name})`, async () => {
        const [actual, expected] = await both(context, (adapter) => adapter.getTimeSeries(params))
        // Values over other buckets do not line up: compare them only once the buckets agree.
        if (expect.same(actual.buckets, expected.buckets, `getTimeSeries buckets (${name})`)) expect.same(actual, expected, `getTimeSeries (${name})`)
      })
    }
  })

  add('getTimeSeries: buckets add up to the summary total to the last nano-unit', async (context, expect) => {
    const query = { range: AUTUMN, timeZone: 'America/New_York' }
    const series = await context.subject.adapter.getTimeSeries({ ...query, bucket: '6h', metrics: ['cost', 'inputTokens'] })
    const summary = await context.subject.adapter.getSummary({ ...query, metrics: ['cost', 'inputTokens'] })
    const values = series.series[0]!.values
    const nanos = values.cost!.reduce((sum: number, value) => sum + toNanos(value ?? 0), 0)
    expect.that(nanos === toNanos(summary.totals.cost!), `6h cost buckets add up to ${nanos / 1e9}, the total is ${summary.totals.cost}.`)
    const tokens = values.inputTokens!.reduce((sum: number, value) => sum + (value ?? 0), 0)
    expect.that(tokens === summary.totals.inputTokens, `input token buckets add up to ${tokens}, the total is ${summary.totals.inputTokens}.`)
  })

  add('getTimeSeries: top-N groups with __other__ and __none__, multi-valued tags, distinct users per group', async (context, expect) => {
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
      const params = fit(context, { range: AUTUMN, timeZone: 'Europe/Berlin', bucket: '1d', metrics: ['requests'], ...extra } as GetTimeSeriesParams)
      if (!params) continue
      await expect.step(`getTimeSeries (${name})`, async () => {
        const [actual, expected] = await both(context, (adapter) => adapter.getTimeSeries(params))
        const keys = expect.same(
          actual.series.map((series) => series.key),
          expected.series.map((series) => series.key),
          `getTimeSeries series keys (${name})`,
        )
        if (keys) expect.same(actual, expected, `getTimeSeries (${name})`)
      })
    }
  })

  add('meters: spread pro rata over buckets, grouped by agent', async (context, expect) => {
    if (!context.meters) return
    const params = fit(context, { range: AUTUMN, timeZone: 'Europe/Berlin', bucket: '1d', metrics: METERS, groupBy: 'agent', limit: 4 } as GetTimeSeriesParams)
    if (params) {
      await expect.step('getTimeSeries (meters by agent)', async () => {
        const [actual, expected] = await both(context, (adapter) => adapter.getTimeSeries(params))
        expect.same(actual, expected, 'getTimeSeries (meters by agent)')
      })
    }
    const summary = { range: SPRING, timeZone: 'UTC', metrics: METERS, compareToPrevious: true }
    await expect.step('getSummary (meters)', async () => {
      const [actualSummary, expectedSummary] = await both(context, (adapter) => adapter.getSummary(summary))
      expect.same(actualSummary, expectedSummary, 'getSummary (meters)')
    })
  })

  add('getBreakdown: rows, sort, search, paging, trends and models match', async (context, expect) => {
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
    await compareBreakdowns(context, expect, cases)
  })

  add('listRequests: walking every page gives the reference order, newest first, nothing repeated or lost', async (context, expect) => {
    const keys = someKeys(context.fixtures)
    const cases: [string, Omit<ListRequestsParams, 'cursor'>][] = [
      ['one team, pages of 97', { range: AUTUMN, timeZone: 'UTC', filters: { team: [keys.team] }, pageSize: 97 }],
      ['errors, pages of 25', { range: SPRING, timeZone: 'Asia/Kolkata', filters: { status: ['error'] }, pageSize: 25 }],
      ['a search, pages of 50', { range: AUTUMN, timeZone: 'UTC', search: 'eval harness', pageSize: 50 }],
    ]
    for (const [name, wanted] of cases) {
      const params = fit(context, wanted)
      if (!params) continue
      await expect.step(`listRequests (${name})`, async () => {
        const expected = await walkPages(context.reference, params)
        const actual = await walkPages(context.subject.adapter, params)
        expect.that(new Set(actual).size === actual.length, `listRequests (${name}) repeated a request across pages.`)
        expect.same(actual, expected, `listRequests ids (${name})`)
      })
    }
    const [actual, expected] = await both(context, (adapter) => adapter.listRequests({ range: AUTUMN, timeZone: 'UTC', pageSize: 20 }))
    expect.same(actual.items, expected.items, 'listRequests first page items')
  })

  add('listRequests: a foreign or malformed cursor and an oversized page are InvalidQueryError', async (context, expect) => {
    const adapter = context.subject.adapter
    const first = await adapter.listRequests({ range: AUTUMN, timeZone: 'UTC', pageSize: 5 })
    expect.that(first.nextCursor !== null, 'listRequests must return a nextCursor when more requests follow.')
    await expect.rejection(
      () => adapter.listRequests({ range: SPRING, timeZone: 'UTC', pageSize: 5, cursor: first.nextCursor }),
      'INVALID_QUERY',
      "listRequests with another query's cursor",
    )
    await expect.rejection(
      () => adapter.listRequests({ range: AUTUMN, timeZone: 'UTC', pageSize: 5, cursor: 'not-a-cursor' }),
      'INVALID_QUERY',
      'listRequests with a malformed cursor',
    )
    const { limits } = await adapter.getCapabilities()
    await expect.rejection(
      () => adapter.listRequests({ range: AUTUMN, timeZone: 'UTC', pageSize: limits.maxPageSize + 1 }),
      'INVALID_QUERY',
      'listRequests with pageSize above limits.maxPageSize',
    )
  })

  add('getRequest: details match the reference; the cost breakdown adds up; unknown ids are NotFoundError', async (context, expect) => {
    const records = context.fixtures.records
    const picks = [
      records[0]!,
      records.find((record) => record.status === 'error')!,
      records.find((record) => record.cachedInputTokens > 0 && record.agent) ?? records.find((record) => record.agent) ?? records[1]!,
      records[records.length - 1]!,
    ]
    for (const record of picks) {
      await expect.step(`getRequest(${record.id})`, async () => {
        const [actual, expected] = await both(context, (adapter) => adapter.getRequest({ id: record.id }))
        expect.same(actual, costLinesAsSubject(actual, expected), `getRequest(${record.id})`)
        const sum = actual.costBreakdown.reduce((total, line) => total + toNanos(line.amount), 0)
        expect.that(
          actual.costBreakdown.length === 0 || sum === toNanos(actual.cost),
          `getRequest(${record.id}).costBreakdown adds up to ${sum / 1e9}, not the cost ${actual.cost}.`,
        )
      })
    }
    await expect.rejection(() => context.subject.adapter.getRequest({ id: 'no-such-request' }), 'NOT_FOUND', 'getRequest with an unknown id')
  })

  add('getRequest: the caller\'s filters scope it (one they do not match is NotFoundError, like an unknown id); content: false reads no content', async (context, expect) => {
    const adapter = context.subject.adapter
    const records = context.fixtures.records
    const has = (dimension: Dimension) => offersDimension(context, dimension)
    const record =
      records.find((r) => (!has('team') || r.team) && (!has('tag') || r.tags.length > 0) && (!has('apiKey') || r.apiKey) && r.systemPrompt && r.userId) ??
      records.find((r) => r.userId)!
    const otherTeam = records.find((r) => r.team && r.team !== record.team)?.team ?? 'no such team'
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
      if (!fit(context, { filters })) continue
      await expect.step(`getRequest(${id}) filtered to ${name}`, async () => {
        const [actual, expected] = await both(context, (a) => a.getRequest({ id, filters }))
        expect.same(actual, costLinesAsSubject(actual, expected), `getRequest(${id}) filtered to ${name}`)
      })
    }
    const unknown = await expect.rejection(() => adapter.getRequest({ id: 'no-such-request' }), 'NOT_FOUND', 'getRequest with an unknown id')
    const hidden: [string, Filters][] = [
      ['another team', { team: [otherTeam] }],
      ['its user but another model (AND across dimensions)', { user: [record.userId], model: [otherModel] }],
      ['__none__ tags for a request with tags', { tag: ['__none__'] }],
      ['a value no record carries', { team: [MATCH_NOTHING] }],
      ['its team and a user no record carries', { team: [record.team!], user: [MATCH_NOTHING] }],
    ]
    for (const [name, filters] of hidden) {
      if (!fit(context, { filters })) continue
      const error = await expect.rejection(() => adapter.getRequest({ id: record.id, filters }), 'NOT_FOUND', `getRequest(${record.id}) filtered to ${name}`)
      // The same answer as an unknown id: nothing tells a caller the request exists outside their scope.
      if (error && unknown) {
        expect.that(
          error.message.split(record.id).join('<id>') === unknown.message.split('no-such-request').join('<id>'),
          `getRequest(${record.id}) filtered to ${name}: the NotFoundError must read like an unknown id's ("${unknown.message}"), got "${error.message}".`,
        )
      }
    }
    const [withoutContent, reference] = await both(context, (a) => a.getRequest({ id: record.id, content: false }))
    expect.that(
      withoutContent.request === null && withoutContent.response === null && withoutContent.messages.length === 0,
      'getRequest with content: false must answer request: null, response: null, messages: [].',
    )
    // Without content a server may also hold back metadata (the HTTP handler keeps only the keys a
    // scope allows): what is shown must be the reference's, and nothing else may differ.
    const sameWithoutContent = (actual: RequestDetail, expected: RequestDetail, what: string) => {
      const { metadata, ...rest } = actual
      const { metadata: expectedMetadata, ...expectedRest } = costLinesAsSubject(actual, expected)
      expect.same(rest, expectedRest, what)
      for (const key of Object.keys(metadata ?? {})) expect.same(metadata[key], expectedMetadata[key], `${what}.metadata.${key}`)
    }
    sameWithoutContent(withoutContent, reference, `getRequest(${record.id}, content: false)`)
    if (has('team')) {
      const [scopedWithout, scopedReference] = await both(context, (a) => a.getRequest({ id: record.id, content: false, filters: { team: [record.team!] } }))
      sameWithoutContent(scopedWithout, scopedReference, `getRequest(${record.id}, content: false, its own team)`)
    }
  })

  add('getDimensionValues: values, counts, search and limit match', async (context, expect) => {
    const base = { range: AUTUMN, timeZone: 'UTC' }
    const cases = [
      { ...base, dimension: 'team' as const },
      { ...base, dimension: 'user' as const, search: 'a', limit: 10 },
      { ...base, dimension: 'model' as const, filters: { model: [someKeys(context.fixtures).model] } },
      { ...base, dimension: 'tag' as const },
      { ...base, dimension: 'apiKey' as const, filters: { team: [someKeys(context.fixtures).team] } },
    ]
    for (const wanted of cases) {
      const params = fit(context, wanted)
      if (!params) continue
      await expect.step(`getDimensionValues(${params.dimension})`, async () => {
        const [actual, expected] = await both(context, (adapter) => adapter.getDimensionValues(params))
        expect.same(actual, expected, `getDimensionValues(${params.dimension})`)
      })
    }
  })

  add('labels come from the rows the answer counts: a user who moved teams is seen as each side of the move saw them', async (context, expect) => {
    const { mover } = context.fixtures
    const moved = Date.parse(mover.movedAt)
    const adapter = context.subject.adapter
    // What the backend keeps of a person: without names a user is labelled by id; without emails or teams, none is shown.
    const kept = (person: typeof mover.before) => ({
      name: context.lacks.includes('userName') ? mover.userId : person.name,
      email: context.lacks.includes('userEmail') ? undefined : person.email,
      team: offersDimension(context, 'team') ? person.team : undefined,
    })
    const sides: [string, Filters, UsageQuery['range'], typeof mover.before][] = [
      ['filtered to the old team', { team: [mover.before.team] }, AUTUMN, mover.before],
      ['filtered to the new team', { team: [mover.after.team] }, AUTUMN, mover.after],
      ['a range that ends at the move', {}, { start: AUTUMN.start, end: mover.movedAt }, mover.before],
      ['a range that starts at the move', {}, { start: mover.movedAt, end: AUTUMN.end }, mover.after],
      ['no filters, the whole window (the latest row)', {}, AUTUMN, Date.parse(AUTUMN.end) > moved ? mover.after : mover.before],
    ]
    const expectPerson = (what: string, seen: { label?: string; secondary?: string; team?: string } | undefined, wholePerson: typeof mover.before, team = true) => {
      if (!expect.that(seen !== undefined, `${what}: the user who moved (${mover.userId}) is missing.`)) return
      const person = kept(wholePerson)
      expect.that(
        seen!.label === person.name && seen!.secondary === person.email && (!team || seen!.team === person.team),
        `${what}: ${mover.userId} must be labelled from the rows this answer counts, "${person.name}" <${person.email}>${team ? ` in ${person.team}` : ''}; ` +
          `got "${seen!.label}" <${seen!.secondary}>${team ? ` in ${seen!.team}` : ''}.`,
        `${what}.label`,
        seen,
        person,
      )
    }
    for (const [name, filters, range, person] of sides) {
      if (!fit(context, { filters })) continue
      const query = { range, timeZone: 'UTC', filters }
      await expect.step(`getBreakdown by user (${name})`, async () => {
        const breakdown = { ...query, groupBy: 'user' as const, metrics: ['requests', 'cost'] }
        const [rows, expectedRows] = await both(context, (a) => a.getBreakdown(breakdown))
        expect.same(rows, expectedRows, `getBreakdown by user (${name})`)
        expectPerson(`getBreakdown by user (${name})`, rows.rows.find((row) => row.key === mover.userId), person)
      })
      await expect.step(`getBreakdown by consumer (${name})`, async () => {
        const consumers = { ...query, groupBy: 'consumer' as const, metrics: ['requests'] }
        if (!fit(context, consumers)) return
        const [byConsumer, expectedConsumers] = await both(context, (a) => a.getBreakdown(consumers))
        expect.same(byConsumer, expectedConsumers, `getBreakdown by consumer (${name})`)
        expectPerson(`getBreakdown by consumer (${name})`, byConsumer.rows.find((row) => row.key === mover.userId), person, false)
      })
      await expect.step(`getDimensionValues(user) (${name})`, async () => {
        const values = { ...query, dimension: 'user' as const, limit: 1000 }
        const [users, expectedUsers] = await both(context, (a) => a.getDimensionValues(values))
        expect.same(users, expectedUsers, `getDimensionValues(user) (${name})`)
        expectPerson(`getDimensionValues(user) (${name})`, users.find((value) => value.key === mover.userId), person, false)
      })
      await expect.step(`getTimeSeries by user (${name})`, async () => {
        const series = { ...query, filters: { ...filters, user: [mover.userId] }, groupBy: 'user' as const, bucket: '1d' as const, metrics: ['requests'], limit: 5 }
        const [chart, expectedChart] = await both(context, (a) => a.getTimeSeries(series))
        expect.same(chart, expectedChart, `getTimeSeries by user (${name})`)
        const line = chart.series.find((entry) => entry.key === mover.userId)
        const label = kept(person).name
        expect.that(line?.label === label, `getTimeSeries by user (${name}): ${mover.userId} must be labelled "${label}", got "${line?.label}".`)
      })
    }
    // Search matches the labels the answer shows, nothing from outside its rows.
    if (!offersDimension(context, 'team')) return
    const after = mover.after.name.split(/\s+/).at(-1)!.toLowerCase()
    const oldTeam = { range: AUTUMN, timeZone: 'UTC', filters: { team: [mover.before.team] } }
    for (const search of [after, mover.after.email, mover.after.team]) {
      await expect.step(`getBreakdown by user, old team, searching ${JSON.stringify(search)}`, async () => {
        const breakdown = { ...oldTeam, groupBy: 'user' as const, metrics: ['requests'], search }
        const [rows, expected] = await both(context, (a) => a.getBreakdown(breakdown))
        expect.same(rows, expected, `getBreakdown by user, old team, searching ${JSON.stringify(search)}`)
        expect.that(
          !rows.rows.some((row) => row.key === mover.userId),
          `getBreakdown by user filtered to ${mover.before.team}, searching ${JSON.stringify(search)}: ${mover.userId} matched a label from rows outside the filters.`,
        )
      })
      await expect.step(`getDimensionValues(user), old team, searching ${JSON.stringify(search)}`, async () => {
        const values = { ...oldTeam, dimension: 'user' as const, search }
        const [found, expectedValues] = await both(context, (a) => a.getDimensionValues(values))
        expect.same(found, expectedValues, `getDimensionValues(user), old team, searching ${JSON.stringify(search)}`)
        expect.that(
          !found.some((value) => value.key === mover.userId),
          `getDimensionValues(user) filtered to ${mover.before.team}, searching ${JSON.stringify(search)}: ${mover.userId} matched a label from rows outside the filters.`,
        )
      })
    }
    if (context.lacks.includes('userEmail')) return
    const before = { ...oldTeam, groupBy: 'user' as const, metrics: ['requests'], search: mover.before.email }
    const rows = await adapter.getBreakdown(before)
    expectPerson(`getBreakdown by user filtered to ${mover.before.team}, searching the old email`, rows.rows.find((row) => row.key === mover.userId), mover.before)
  })

  add('empty means none: empty values count under __none__, and a request without a user is never an active user', async (context, expect) => {
    const records = context.fixtures.records
    const { edgeIds } = context.fixtures
    for (const range of [AUTUMN, SPRING]) {
      const month = range.start.slice(0, 7)
      const counted = records.filter((record) => inRange(record, range))
      // Active users: distinct users, and a request made without one is nobody.
      const users = new Set(counted.filter((record) => record.userId).map((record) => record.userId)).size
      await expect.step(`getSummary (${month}) activeUsers`, async () => {
        const params = fit(context, { range, timeZone: 'UTC', metrics: ['activeUsers', 'requests'] })
        if (!params) return
        const [actual, expected] = await both(context, (adapter) => adapter.getSummary(params))
        expect.same(actual, expected, `getSummary (${month})`)
        expect.that(
          actual.totals.activeUsers === users,
          `getSummary (${month}).totals.activeUsers: got ${actual.totals.activeUsers}; the records name ${users} distinct users (requests without a user, userId '', are no one's).`,
          `getSummary (${month}).totals.activeUsers`,
          actual.totals.activeUsers,
          users,
        )
      })
    }
    await expect.step('getTimeSeries (1d) activeUsers', async () => {
      const params = fit(context, { range: AUTUMN, timeZone: 'Europe/Berlin', bucket: '1d', metrics: ['activeUsers', 'requests'] } as GetTimeSeriesParams)
      if (!params) return
      const [actual, expected] = await both(context, (adapter) => adapter.getTimeSeries(params))
      expect.same(actual, expected, 'getTimeSeries activeUsers per day')
    })
    const inAutumn = records.filter((record) => inRange(record, AUTUMN))
    const dimensions: Dimension[] = ['user', 'consumer', 'team', 'application', 'agent', 'tag', 'customer']
    for (const dimension of dimensions) {
      if (!offersDimension(context, dimension)) continue
      const none = inAutumn.filter((record) => hasNone(record, dimension)).length
      const query = { range: AUTUMN, timeZone: 'UTC' }
      await expect.step(`getBreakdown by ${dimension}`, async () => {
        const params = fit(context, { ...query, groupBy: dimension, metrics: ['requests', 'cost', 'activeUsers'] })!
        const [actual, expected] = await both(context, (adapter) => adapter.getBreakdown(params))
        if (expect.same(actual.rows.map((row) => row.key), expected.rows.map((row) => row.key), `getBreakdown row order (by ${dimension})`)) {
          expect.same(actual, expected, `getBreakdown (by ${dimension})`)
        }
        const empty = actual.rows.filter((row) => row.key === '' || row.label === '')
        expect.that(
          empty.length === 0,
          `getBreakdown by ${dimension}: a group with an empty ${empty[0]?.key === '' ? 'key' : 'label'}; an empty value is no value: it counts under "${NONE_KEY}" (label "(none)").`,
          `getBreakdown (by ${dimension}).rows`,
          empty,
          [],
        )
        const noneRow = actual.rows.find((row) => row.key === NONE_KEY)
        expect.that(
          (noneRow?.metrics.requests ?? 0) === none,
          `getBreakdown by ${dimension}: the "${NONE_KEY}" group holds ${noneRow?.metrics.requests ?? 0} requests; ${none} requests have no ${dimension} (absent, null or '').`,
          `getBreakdown (by ${dimension}).rows[${NONE_KEY}].metrics.requests`,
          noneRow?.metrics.requests,
          none,
        )
        if (noneRow && offersDimension(context, 'user') && context.offered.metrics.has('activeUsers')) {
          const users = new Set(inAutumn.filter((record) => hasNone(record, dimension) && record.userId).map((record) => record.userId)).size
          // No user at all is 0 active users (or a gap); a request without a user never adds one.
          expect.that(
            (noneRow.metrics.activeUsers ?? 0) === users,
            `getBreakdown by ${dimension}: the "${NONE_KEY}" group has activeUsers ${noneRow.metrics.activeUsers}; its requests name ${users} distinct users.`,
            `getBreakdown (by ${dimension}).rows[${NONE_KEY}].metrics.activeUsers`,
            noneRow.metrics.activeUsers,
            users,
          )
        }
      })
      await expect.step(`getSummary filtered to ${dimension} ${NONE_KEY}`, async () => {
        const params = fit(context, { ...query, filters: { [dimension]: [NONE_KEY] }, metrics: ['requests', 'cost', 'activeUsers'] })!
        const [actual, expected] = await both(context, (adapter) => adapter.getSummary(params))
        expect.same(actual, expected, `getSummary (${dimension}: ${NONE_KEY})`)
        expect.that(
          actual.totals.requests === none,
          `getSummary filtered to ${dimension} ${NONE_KEY}: got ${actual.totals.requests} requests; ${none} requests have no ${dimension} (absent, null or '').`,
          `getSummary (${dimension}: ${NONE_KEY}).totals.requests`,
          actual.totals.requests,
          none,
        )
      })
      await expect.step(`getDimensionValues(${dimension})`, async () => {
        const params = { ...query, dimension, limit: 1000 }
        const [actual, expected] = await both(context, (adapter) => adapter.getDimensionValues(params))
        expect.same(actual, expected, `getDimensionValues(${dimension})`)
        expect.that(
          !actual.some((value) => value.key === '' || value.label === ''),
          `getDimensionValues(${dimension}): a value with an empty key or label; an empty value is no value.`,
        )
      })
    }
    if (offersDimension(context, 'team')) {
      await expect.step(`getTimeSeries by team, top 3 (with ${NONE_KEY})`, async () => {
        const params = fit(context, { range: AUTUMN, timeZone: 'UTC', bucket: '1d', groupBy: 'team', limit: 3, metrics: ['requests', 'activeUsers'] } as GetTimeSeriesParams)!
        const [actual, expected] = await both(context, (adapter) => adapter.getTimeSeries(params))
        if (expect.same(actual.series.map((s) => s.key), expected.series.map((s) => s.key), 'getTimeSeries series keys (by team, empty teams)')) {
          expect.same(actual, expected, 'getTimeSeries (by team, empty teams)')
        }
      })
    }
    // The request log and drawer: a request without a user has no user fields at all.
    await expect.step(`listRequests filtered to user ${NONE_KEY}`, async () => {
      const params = { range: AUTUMN, timeZone: 'UTC', filters: { user: [NONE_KEY] }, pageSize: 10 }
      const expected = await walkPages(context.reference, params)
      const actual = await walkPages(context.subject.adapter, params)
      expect.same(actual, expected, `listRequests ids (user ${NONE_KEY})`)
      const [page, expectedPage] = await both(context, (adapter) => adapter.listRequests(params))
      expect.same(page.items, expectedPage.items, `listRequests items (user ${NONE_KEY})`)
      const named = page.items.filter((item) => item.userId !== undefined || item.userName !== undefined)
      expect.that(named.length === 0, `listRequests (user ${NONE_KEY}): requests without a user must carry no userId or userName (got ${named.length} that do).`)
    })
    const picks = [edgeIds.noUser[0], edgeIds.noUser[3], edgeIds.emptyTeam[0], edgeIds.emptyApplicationAndAgent[0], edgeIds.emptyTag[1], edgeIds.emptyCustomer[0]]
    for (const id of picks) {
      if (id === undefined) continue
      await expect.step(`getRequest(${id})`, async () => {
        const [actual, expected] = await both(context, (adapter) => adapter.getRequest({ id }))
        expect.same(actual, costLinesAsSubject(actual, expected), `getRequest(${id})`)
      })
    }
  })

  add('customer: breakdowns, series, filters and values by end customer match (none is __none__)', async (context, expect) => {
    if (!offersDimension(context, 'customer')) return
    const base = { range: AUTUMN, timeZone: 'America/New_York' }
    const breakdowns: [string, GetBreakdownParams][] = [
      ['by customer, cost desc, with trends', { ...base, groupBy: 'customer', metrics: ['cost', 'requests', 'activeUsers', 'cacheHits'], trend: { bucket: '1d', metric: 'cost' } }],
      ['by customer, one team', { ...base, groupBy: 'customer', metrics: ['requests'], filters: { team: [someKeys(context.fixtures).team] } }],
      ['by customer, searching', { ...base, groupBy: 'customer', metrics: ['requests'], search: 'GLOB' }],
      ['by model, two customers', { ...base, groupBy: 'model', metrics: ['requests', 'cost'], filters: { customer: [CONTRACT_CUSTOMERS[1], CONTRACT_CUSTOMERS[4]] } }],
    ]
    await compareBreakdowns(context, expect, breakdowns)
    const series: [string, GetTimeSeriesParams][] = [
      ['by customer, top 3 by cost', { ...base, bucket: '1d', groupBy: 'customer', limit: 3, metrics: ['cost', 'requests', 'activeUsers'] }],
      ['one customer, 6h', { ...base, bucket: '6h', filters: { customer: [CONTRACT_CUSTOMERS[0]] }, metrics: ['requests', 'cost', 'p95LatencyMs'] }],
    ]
    for (const [name, wanted] of series) {
      const params = fit(context, wanted)
      if (!params) continue
      await expect.step(`getTimeSeries (${name})`, async () => {
        const [actual, expected] = await both(context, (adapter) => adapter.getTimeSeries(params))
        if (expect.same(actual.series.map((s) => s.key), expected.series.map((s) => s.key), `getTimeSeries series keys (${name})`)) {
          expect.same(actual, expected, `getTimeSeries (${name})`)
        }
      })
    }
    for (const filters of [{ customer: [CONTRACT_CUSTOMERS[0]] }, { customer: [CONTRACT_CUSTOMERS[2], NONE_KEY] }, { customer: [CONTRACT_CUSTOMERS[3]], status: ['error'] }] as Filters[]) {
      const what = `getSummary ${JSON.stringify(filters)}`
      await expect.step(what, async () => {
        const params = fit(context, { ...base, filters, metrics: ALL_METRICS, compareToPrevious: true })!
        const [actual, expected] = await both(context, (adapter) => adapter.getSummary(params))
        expect.same(actual, expected, what)
      })
    }
    await expect.step('getDimensionValues(customer)', async () => {
      const params = { ...base, dimension: 'customer' as const }
      const [actual, expected] = await both(context, (adapter) => adapter.getDimensionValues(params))
      expect.same(actual, expected, 'getDimensionValues(customer)')
    })
    await expect.step('listRequests (one customer, pages of 60)', async () => {
      const params = { ...base, filters: { customer: [CONTRACT_CUSTOMERS[4]] }, pageSize: 60 }
      const expected = await walkPages(context.reference, params)
      const actual = await walkPages(context.subject.adapter, params)
      expect.same(actual, expected, 'listRequests ids (one customer)')
    })
    // A single-valued dimension: its groups add up to the total.
    await expect.step('customer groups add up to the total', async () => {
      const [groups, total] = await Promise.all([
        context.subject.adapter.getBreakdown({ ...base, groupBy: 'customer', metrics: ['requests'] }),
        context.subject.adapter.getSummary({ ...base, metrics: ['requests'] }),
      ])
      const sum = groups.rows.reduce((n, row) => n + (row.metrics.requests ?? 0), 0)
      expect.that(sum === total.totals.requests, `getBreakdown by customer: groups add up to ${sum} requests, the total is ${total.totals.requests}.`)
    })
  })

  add('cacheHits: gateway cache hits are a sum, like requests', async (context, expect) => {
    if (!context.offered.metrics.has('cacheHits')) return
    const records = context.fixtures.records
    for (const range of [AUTUMN, SPRING]) {
      const month = range.start.slice(0, 7)
      const hits = records.filter((record) => inRange(record, range) && record.cacheHit === true).length
      await expect.step(`getSummary (${month}) cacheHits`, async () => {
        const params = { range, timeZone: 'UTC', metrics: ['cacheHits', 'requests'], compareToPrevious: true }
        const [actual, expected] = await both(context, (adapter) => adapter.getSummary(params))
        expect.same(actual, expected, `getSummary (${month}, cacheHits)`)
        expect.that(
          actual.totals.cacheHits === hits,
          `getSummary (${month}).totals.cacheHits: got ${actual.totals.cacheHits}; ${hits} requests were answered from the gateway's cache (cacheHit: true).`,
          `getSummary (${month}).totals.cacheHits`,
          actual.totals.cacheHits,
          hits,
        )
      })
    }
    const keys = someKeys(context.fixtures)
    const cases: [string, () => (adapter: UsageAdapter) => Promise<unknown>][] = [
      ['getSummary, two models', () => (a) => a.getSummary({ range: AUTUMN, timeZone: 'UTC', filters: { model: keys.models }, metrics: ['cacheHits'] })],
      ['getTimeSeries, 6h in New York', () => (a) => a.getTimeSeries({ range: AUTUMN, timeZone: 'America/New_York', bucket: '6h', metrics: ['cacheHits', 'requests'] })],
      ['getTimeSeries by model, top 3 by cache hits', () => (a) => a.getTimeSeries({ range: AUTUMN, timeZone: 'UTC', bucket: '1d', groupBy: 'model', limit: 3, metrics: ['cacheHits'] })],
      ['getBreakdown by user, most cache hits first', () => (a) => a.getBreakdown({ range: AUTUMN, timeZone: 'UTC', groupBy: 'user', metrics: ['requests', 'cacheHits'], sort: { metric: 'cacheHits', direction: 'desc' }, trend: { bucket: '1d', metric: 'cacheHits' } })],
    ]
    for (const [name, call] of cases) {
      await expect.step(name, async () => {
        const [actual, expected] = await both(context, call())
        expect.same(actual, expected, `${name} (cacheHits)`)
      })
    }
    await expect.step('getSummary (empty range) cacheHits', async () => {
      const empty = await context.subject.adapter.getSummary({ range: EMPTY_RANGE, timeZone: 'UTC', metrics: ['cacheHits'] })
      expect.that(empty.totals.cacheHits === 0, `totals.cacheHits of an empty range must be 0, a sum (got ${empty.totals.cacheHits}).`)
    })
    // A sum: buckets add up to the total.
    await expect.step('cacheHits buckets add up to the total', async () => {
      const query = { range: AUTUMN, timeZone: 'America/New_York' }
      const [series, summary] = await Promise.all([
        context.subject.adapter.getTimeSeries({ ...query, bucket: '1d', metrics: ['cacheHits'] }),
        context.subject.adapter.getSummary({ ...query, metrics: ['cacheHits'] }),
      ])
      const sum = series.series[0]!.values.cacheHits!.reduce((n: number, value) => n + (value ?? 0), 0)
      expect.that(sum === summary.totals.cacheHits, `cacheHits day buckets add up to ${sum}, the total is ${summary.totals.cacheHits}.`)
    })
  })

  add('cacheSavings: when offered, prompt-caching savings are priced from the fixtures’ price table, exactly, like cost', async (context, expect) => {
    if (!context.offered.metrics.has('cacheSavings')) return
    const records = context.fixtures.records
    // The formula itself, from the records: Σ cached tokens × (input − cachedInput) per model, rounded once.
    for (const range of [AUTUMN, SPRING]) {
      const month = range.start.slice(0, 7)
      const tokens: Record<string, number> = {}
      for (const record of records) if (inRange(record, range)) tokens[record.model] = (tokens[record.model] ?? 0) + record.cachedInputTokens
      const saved = cacheSavings(tokens, context.fixtures.prices)
      await expect.step(`getSummary (${month}) cacheSavings`, async () => {
        const params = { range, timeZone: 'UTC', metrics: offeredMetrics(context, ['cacheSavings', 'cost', 'cachedInputTokens']), compareToPrevious: true }
        const [actual, expected] = await both(context, (adapter) => adapter.getSummary(params))
        expect.same(actual, expected, `getSummary (${month}, cacheSavings)`)
        expect.that(
          actual.totals.cacheSavings === saved,
          `getSummary (${month}).totals.cacheSavings: got ${actual.totals.cacheSavings}; the cached input tokens of each model × (input − cachedInput) of fixtures.prices, per million, add up to ${saved} (exact, rounded once to 1e-9, half away from zero).`,
          `getSummary (${month}).totals.cacheSavings`,
          actual.totals.cacheSavings,
          saved,
        )
      })
    }
    for (const { name, filters } of filterCases(context.fixtures)) {
      const params = fit(context, { range: AUTUMN, timeZone: 'Europe/Berlin', filters, metrics: ['cacheSavings'] })
      if (!params) continue
      await expect.step(`getSummary (${name}) cacheSavings`, async () => {
        const [actual, expected] = await both(context, (adapter) => adapter.getSummary(params))
        expect.same(actual, expected, `getSummary (${name}, cacheSavings)`)
      })
    }
    const cases: [string, (adapter: UsageAdapter) => Promise<unknown>][] = [
      ['getTimeSeries, days in Berlin', (a) => a.getTimeSeries({ range: AUTUMN, timeZone: 'Europe/Berlin', bucket: '1d', metrics: ['cacheSavings'] })],
      ['getTimeSeries by model, 6h in New York', (a) => a.getTimeSeries({ range: AUTUMN, timeZone: 'America/New_York', bucket: '6h', groupBy: 'model', metrics: ['cacheSavings'] })],
      ['getBreakdown by team, most saved first, with a trend', (a) => a.getBreakdown({ range: AUTUMN, timeZone: 'UTC', groupBy: 'team', metrics: ['cost', 'cacheSavings'], sort: { metric: 'cacheSavings', direction: 'desc' }, trend: { bucket: '1d', metric: 'cacheSavings' } })],
    ]
    for (const [name, call] of cases) {
      await expect.step(name, async () => {
        const [actual, expected] = await both(context, call)
        expect.same(actual, expected, `${name} (cacheSavings)`)
      })
    }
    await expect.step('getSummary (empty range) cacheSavings', async () => {
      const empty = await context.subject.adapter.getSummary({ range: EMPTY_RANGE, timeZone: 'UTC', metrics: ['cacheSavings'] })
      expect.that(empty.totals.cacheSavings === 0, `totals.cacheSavings of an empty range must be 0, a sum (got ${empty.totals.cacheSavings}).`)
    })
  })

  add('a filter value no record carries matches nothing, in every method', async (context, expect) => {
    const adapter = context.subject.adapter
    const keys = someKeys(context.fixtures)
    for (const filters of [{ team: [MATCH_NOTHING] }, { model: [keys.model], user: [MATCH_NOTHING] }, { tag: [MATCH_NOTHING] }] as Filters[]) {
      if (!fit(context, { filters })) continue
      const what = JSON.stringify(filters)
      const query = { range: AUTUMN, timeZone: 'UTC', filters }
      await expect.step(`getSummary ${what}`, async () => {
        const [summary, expectedSummary] = await both(context, (a) => a.getSummary(fit(context, { ...query, metrics: ALL_METRICS, compareToPrevious: true })!))
        expect.same(summary, expectedSummary, `getSummary ${what}`)
        expect.that(summary.totals.requests === 0, `getSummary ${what}: totals.requests must be 0 (got ${summary.totals.requests}).`)
      })
      await expect.step(`getTimeSeries ${what}`, async () => {
        const [series, expectedSeries] = await both(context, (a) => a.getTimeSeries({ ...query, bucket: '1d', metrics: ['requests', 'cost'], groupBy: 'model', limit: 5 }))
        expect.same(series, expectedSeries, `getTimeSeries by model ${what}`)
        const [total, expectedTotal] = await both(context, (a) => a.getTimeSeries({ ...query, bucket: '1d', metrics: ['requests'] }))
        expect.same(total, expectedTotal, `getTimeSeries ${what}`)
      })
      await expect.step(`getBreakdown ${what}`, async () => {
        const [breakdown, expectedBreakdown] = await both(context, (a) => a.getBreakdown({ ...query, groupBy: 'user', metrics: ['requests'], trend: { bucket: '1d', metric: 'requests' } }))
        expect.same(breakdown, expectedBreakdown, `getBreakdown ${what}`)
        expect.that(breakdown.rows.length === 0 && breakdown.total === 0, `getBreakdown ${what} must have no rows (got ${breakdown.total}).`)
      })
      await expect.step(`listRequests ${what}`, async () => {
        const page = await adapter.listRequests({ ...query, pageSize: 10 })
        expect.that(page.items.length === 0 && page.nextCursor === null, `listRequests ${what} must be empty (got ${page.items.length} items).`)
      })
      // A filter menu ignores its own dimension's filter, so only the other dimensions' menus are empty.
      for (const dimension of ['model', 'user', 'team', 'tag', 'apiKey'] as Dimension[]) {
        if (!offersDimension(context, dimension)) continue
        await expect.step(`getDimensionValues(${dimension}) ${what}`, async () => {
          const [values, expectedValues] = await both(context, (a) => a.getDimensionValues({ ...query, dimension }))
          expect.same(values, expectedValues, `getDimensionValues(${dimension}) ${what}`)
          const matchesNothing = Object.entries(filters).some(([other, values]) => other !== dimension && values?.includes(MATCH_NOTHING))
          if (matchesNothing) expect.that(values.length === 0, `getDimensionValues(${dimension}) ${what} must be empty (got ${values.length} values).`)
        })
      }
      const record = context.fixtures.records.find((r) => Date.parse(r.timestamp) >= Date.parse(AUTUMN.start))!
      await expect.rejection(() => adapter.getRequest({ id: record.id, filters }), 'NOT_FOUND', `getRequest ${what}`)
    }
  })

  add('limits: getCapabilities announces them, and a query above one is InvalidQueryError flagged tooLarge', async (context, expect) => {
    const adapter = context.subject.adapter
    const capabilities = await adapter.getCapabilities()
    const limits = resolveLimits(capabilities.limits)
    const good = { range: AUTUMN, timeZone: 'UTC' }
    const values = (n: number) => Array.from({ length: n }, (_, i) => `value-${i}`)
    // Teams where the backend has them; models (every backend has them) otherwise.
    const group: Dimension = offersDimension(context, 'team') ? 'team' : 'model'
    const cases: [string, () => Promise<unknown>, string][] = [
      ['a search longer than maxSearchLength', () => adapter.listRequests({ ...good, pageSize: 10, search: 'x'.repeat(limits.maxSearchLength + 1) }), 'search'],
      ['a filter value longer than maxValueLength', () => adapter.getBreakdown({ ...good, groupBy: group, metrics: ['requests'], filters: { user: ['u'.repeat(limits.maxValueLength + 1)] } }), 'filters.user'],
      ['an id longer than maxValueLength', () => adapter.getRequest({ id: 'r'.repeat(limits.maxValueLength + 1) }), 'id'],
      [`more than ${limits.maxBuckets} buckets`, () => adapter.getTimeSeries({ ...good, bucket: '1m', metrics: ['requests'] }), 'bucket'],
      [`a breakdown trend of more than ${limits.maxTrendBuckets} buckets`, () => adapter.getBreakdown({ ...good, groupBy: group, metrics: ['requests'], trend: { bucket: '15m', metric: 'requests' } }), 'trend.bucket'],
      [`more than ${limits.maxSeries} series`, () => adapter.getTimeSeries({ ...good, bucket: '1d', metrics: ['requests'], groupBy: 'user', limit: limits.maxSeries + 1 }), 'limit'],
      [`a breakdown limit above ${limits.maxBreakdownRows}`, () => adapter.getBreakdown({ ...good, groupBy: 'user', metrics: ['requests'], limit: limits.maxBreakdownRows + 1 }), 'limit'],
      [`more than ${limits.maxDimensionValues} filter values asked`, () => adapter.getDimensionValues({ ...good, dimension: 'user', limit: limits.maxDimensionValues + 1 }), 'limit'],
      ['pageSize above maxPageSize', () => adapter.listRequests({ ...good, pageSize: limits.maxPageSize + 1 }), 'pageSize'],
    ]
    for (const [name, call, field] of cases) await expect.rejection(call, 'INVALID_QUERY', name, { field, tooLarge: true })
    // Filter-value counts limit what a client sends (parseParams, in the HTTP handler), not what an
    // adapter receives: the host's scope may list more. An adapter answers them as the reference does
    // (an HTTP client may refuse them as too large, as its server would); never any other error.
    const many = limits.maxFilterValuesTotal + 1
    const wide = { ...good, filters: { [group === 'team' ? 'team' : 'user']: values(many) }, metrics: ['requests'] }
    const expected = await context.reference.getSummary(wide)
    let answer: unknown
    try {
      answer = await adapter.getSummary(wide)
    } catch (error) {
      const { code, tooLarge } = error as { code?: unknown; tooLarge?: unknown }
      expect.that(code === 'INVALID_QUERY' && tooLarge === true, `getSummary with ${many} filter values failed: ${(error as Error)?.message ?? String(error)}`)
      return
    }
    expect.same(answer, expected, `getSummary with ${many} filter values (a host's scope)`)
  })

  add('bad queries are InvalidQueryError: reversed range, bad instant, unknown zone, unknown metric or dimension', async (context, expect) => {
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
    for (const [name, call] of cases) await expect.rejection(call, 'INVALID_QUERY', name)

    // Hostile values: refused as the caller's mistake naming the field, never a database error.
    const first = await adapter.listRequests({ ...good, pageSize: 5 })
    const cursorQuery = { ...good, filters: undefined, search: undefined }
    const forged = (t: unknown, i: unknown) => encodeCursor({ ts: t as number, id: i as string }, cursorQuery)
    const named: [string, () => Promise<unknown>, string][] = [
      ['NUL in a filter value', () => adapter.getSummary({ ...good, metrics: ['requests'], filters: { model: ['gpt\u0000'] } }), 'filters.model'],
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
    expect.that(first.nextCursor !== null, 'listRequests must return a nextCursor when more requests follow.')
    for (const [name, call, field] of named) await expect.rejection(call, 'INVALID_QUERY', name, { field })
  })

  add('listRequests: pages stay stable while new requests arrive (Live mode)', async (context, expect) => {
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
    expect.same(ids, expected, 'listRequests ids while 30 newer requests arrived')
  })

  return checks
}

export interface ContractReport {
  passed: string[]
  failed: { name: string; error: Error }[]
}

/**
 * Sets up the subject and the reference over the kit's fixtures: strips the fields in `lacks`,
 * calls `load` (when given) and `createAdapter`, and builds the reference without those fields.
 */
export async function createContractContext(options: AdapterContractOptions): Promise<ContractContext> {
  const lacks = [...new Set(options.lacks ?? [])]
  const unknown = unknownLacks(lacks)
  if (unknown.length > 0) {
    throw new TypeError(
      `describeAdapterContract: lacks lists ${unknown.map((field) => JSON.stringify(field)).join(', ')}, which ${unknown.length === 1 ? 'is not an optional record field' : 'are not optional record fields'}. ` +
        `Every backend stores id, timestamp, userId, provider, model, status, inputTokens, outputTokens, cost and latencyMs; the fields it may lack are ${OPTIONAL_RECORD_FIELDS.join(', ')}.`,
    )
  }
  const fixtures = fixturesWithout(contractFixtures(), lacks)
  if (options.load) await options.load(fixtures.records)
  const created = await options.createAdapter(fixtures)
  const own: ContractSubject = 'adapter' in created && typeof (created as ContractSubject).adapter === 'object' ? (created as ContractSubject) : { adapter: created as UsageAdapter }
  const insert = own.insert?.bind(own) ?? options.load
  const subject: ContractSubject = { adapter: own.adapter, ...(insert ? { insert } : {}), ...(own.cleanup ? { cleanup: own.cleanup.bind(own) } : {}) }
  // What the subject offers; if it cannot say, the capabilities check reports why and the rest asks for what the reference offers.
  const capabilities = await subject.adapter.getCapabilities().catch(() => undefined)
  let meters = options.meters
  if (meters === undefined) {
    meters = METERS.every((metric) => capabilities?.metrics.some((definition) => definition.id === metric) ?? false)
  }
  // An adapter without meters is compared with a reference without them: meters add groups
  // (a "(none)" model for allocations, say) that a request-only backend cannot know.
  // Priced with the fixtures' table: cacheSavings is compared only when the subject offers it too.
  const reference = adapterWithout(createMemoryAdapter(fixtures.records, { prices: fixtures.prices, ...(meters ? { meters: fixtures.meters } : {}) }), lacks)
  const referenceCapabilities = await reference.getCapabilities()
  const subjectMetrics = new Set(capabilities?.metrics.map((definition) => definition.id) ?? referenceCapabilities.metrics.map((definition) => definition.id))
  const subjectDimensions = new Set(capabilities?.dimensions ?? referenceCapabilities.dimensions)
  const offered = {
    metrics: new Set(referenceCapabilities.metrics.map((definition) => definition.id).filter((metric) => subjectMetrics.has(metric))),
    dimensions: new Set(referenceCapabilities.dimensions.filter((dimension) => subjectDimensions.has(dimension))),
  }
  return { subject, reference, fixtures, meters, lacks, offered }
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
