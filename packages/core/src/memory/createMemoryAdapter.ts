import { bucketBoundaries } from '../bucketBoundaries'
import { DIMENSIONS, type Dimension, NONE_KEY, NONE_LABEL, OTHER_KEY, OTHER_LABEL } from '../dimensions'
import { InvalidQueryError, NotFoundError } from '../errors'
import { type UsageLimits, limitsFromOptions } from '../limits'
import {
  METER_METRICS,
  PRICED_METRICS,
  type Metric,
  type MetricDefinition,
  STANDARD_METRICS,
  deriveMetricSeries,
  deriveMetricValues,
  expandMetrics,
} from '../metrics'
import { type PriceTable, cacheSavingsRates } from '../priceTable'
import { type OptionalRecordField, capabilitiesWithout, isOptionalRecordField, withoutRecordFields } from '../recordFields'
import { redactApiKey } from '../redact'
import { toRequestDetail, toRequestSummary } from '../requestRecord'
import { type InstantInput, comparedPeriods, toEpochMs } from '../timeRange'
import type {
  AdapterCapabilities,
  AdapterMethod,
  BreakdownRow,
  DimensionValue,
  MeterRecord,
  MetricValues,
  RequestSummary,
  Series,
  UsageAdapter,
  UsageRecord,
} from '../types'
import {
  assertBreakdownQuery,
  assertDimensionValuesQuery,
  assertListRequestsQuery,
  assertMetrics,
  assertGetRequestQuery,
  assertTimeSeriesQuery,
  assertValidQuery,
  summaryNow,
} from '../validateQuery'
import {
  type Cells,
  type Grouping,
  type RowSet,
  aggregate,
  rowAt,
  rowMatches,
  rowSetSize,
  selectMeters,
  selectRowSet,
  selectRows,
} from './aggregate'
import { type CodedDimension, ColumnStore, MeterStore, type PreAggregate } from './columnStore'
import { decodeCursor, encodeCursor } from '../keysetCursor'

export interface MemoryAdapterOptions {
  /** Resource meters (seed 002), spread pro rata over buckets. */
  meters?: readonly MeterRecord[]
  /** Definitions for meters outside core's registry (cpuCoreHours, ramGbHours, … are known). */
  meterDefinitions?: readonly MetricDefinition[]
  /** ISO 4217 code of `cost` in the records. Default `USD`. */
  currency?: string
  /**
   * Input prices by model (per million tokens, in `currency`). With them the adapter offers the
   * money metric `cacheSavings` — what prompt caching saved, exact to 1e-9 (see `cacheSavings`) —
   * in summaries, series and breakdowns like cost. Models missing from the table save nothing.
   * A malformed price is a `RangeError` here, at creation.
   */
  prices?: PriceTable
  /**
   * How much one query may ask for (filter values, buckets, cells, rows, range, page size): these
   * over `DEFAULT_LIMITS`, announced in `getCapabilities().limits` and enforced on every call.
   */
  limits?: Partial<UsageLimits>
  /** Largest `listRequests` page. Default 500. (`limits.maxPageSize` says the same and wins.) */
  maxPageSize?: number
  /** Longest range in days; default no limit. (`limits.maxRangeDays` says the same and wins.) */
  maxRangeDays?: number | null
  /** Whether `getRequest` returns prompts and responses. Default true. */
  requestContent?: boolean
  /** "Now", for flagging in-progress buckets as partial. Default the current time. */
  now?: () => InstantInput
  /** Simulated latency of every call, in ms (a fixed number or a range), for stories and demos. */
  latency?: number | { min: number; max: number }
  /** Share of calls (0–1) that fail with a simulated error. */
  failureRate?: number
  /** Methods that always fail with a simulated error (a widget's error state). */
  failMethods?: readonly AdapterMethod[]
  /** Seed of the simulation's randomness. */
  seed?: number
  /**
   * Record fields this adapter behaves as if it could not store (a foreign table without them, as
   * the conformance kit's reference): the records are read without them, and the metrics and
   * dimensions they answer (`FIELD_CAPABILITIES`) are not offered — a query for one is an
   * `InvalidQueryError` like any unsupported metric or dimension.
   */
  lacks?: readonly OptionalRecordField[]
  /**
   * Pre-aggregated cells per 15-minute slot and dimension value, kept at ingest and on insert:
   * `auto` (default) uses them when a query fits them and they are cheaper than its rows; `never`
   * scans rows only; `always` uses them whenever a query fits (for tests). Answers are identical.
   */
  preAggregate?: PreAggregate
}

export interface MemoryAdapter extends UsageAdapter {
  /** Adds request records (Live mode, tests of pagination under concurrent inserts). */
  insert(records: readonly UsageRecord[]): void
  /** Number of request records held. */
  readonly size: number
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal))
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortError(signal!))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function nullable(value: number): number | null {
  return Number.isNaN(value) ? null : value
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Descending by value with nulls last, ties by key ascending. */
function byValueDesc(a: { value: number | null; key: string }, b: { value: number | null; key: string }): number {
  if (a.value === b.value) return compareKeys(a.key, b.key)
  if (a.value === null) return 1
  if (b.value === null) return -1
  return b.value - a.value || compareKeys(a.key, b.key)
}

/** A user's label from their latest counted record: the name (the id when the backend keeps none), email, team. */
function userLabel(key: string, record: UsageRecord, withTeam: boolean): Pick<BreakdownRow, 'key' | 'label' | 'secondary' | 'team'> {
  const described: Pick<BreakdownRow, 'key' | 'label' | 'secondary' | 'team'> = { key, label: record.userName || key }
  if (record.userEmail) described.secondary = record.userEmail
  if (withTeam && record.team) described.team = record.team
  return described
}

/**
 * The reference adapter: every method and every rule of the contract over in-memory records,
 * stored as typed columns so a million records answer in milliseconds. Its answers define
 * conformance (`@usagekit/core/testing`).
 */
export function createMemoryAdapter(records: readonly UsageRecord[], options: MemoryAdapterOptions = {}): MemoryAdapter {
  const lacks = lacksFromOptions(options.lacks)
  const readable = (list: readonly UsageRecord[]) => (lacks.length ? list.map((record) => withoutRecordFields(record, lacks)) : list)
  const savingsRates = options.prices === undefined ? null : cacheSavingsRates(options.prices)
  const store = new ColumnStore(readable(records), options.preAggregate ?? 'auto', savingsRates)
  const meters = new MeterStore(options.meters ?? [], store)
  const random = mulberry32(options.seed ?? 1)
  const now = () => (options.now ? toEpochMs(options.now()) : Date.now())

  const meterDefinitions: MetricDefinition[] = meters.meters.keys.map(
    (meter) =>
      options.meterDefinitions?.find((definition) => definition.id === meter) ??
      METER_METRICS[meter as keyof typeof METER_METRICS] ?? {
        id: meter,
        label: meter,
        unit: 'count',
        aggregation: 'sum',
        sentiment: 'neutral',
      },
  )
  const capabilities: AdapterCapabilities = capabilitiesWithout(
    {
      metrics: [...Object.values(STANDARD_METRICS), ...(savingsRates ? [PRICED_METRICS.cacheSavings] : []), ...meterDefinitions],
      dimensions: [...DIMENSIONS],
      currency: options.currency ?? 'USD',
      requestContent: options.requestContent ?? true,
      limits: limitsFromOptions(options, 'createMemoryAdapter'),
    },
    lacks,
  )
  const meterIds = new Set(meterDefinitions.map((definition) => definition.id))

  async function simulate(method: AdapterMethod, signal: AbortSignal | undefined): Promise<void> {
    const { latency } = options
    if (latency !== undefined) {
      const ms = typeof latency === 'number' ? latency : latency.min + random() * (latency.max - latency.min)
      await wait(ms, signal)
    } else if (signal?.aborted) {
      throw abortError(signal)
    }
    if (options.failMethods?.includes(method) || (options.failureRate && random() < options.failureRate)) {
      throw new Error(`Simulated failure of ${method} (memory adapter failure injection).`)
    }
  }

  // ---------------------------------------------------------------- labels

  function keyOf(dimension: Dimension, code: number): string {
    return code < 0 ? NONE_KEY : store.dictionaries[dimension].keys[code]!
  }

  /**
   * For each group in `codes`, the latest row (timestamp desc, id desc) among `rows` — the rows the
   * answer counts — that can label it: a user's own call for a consumer, a row naming the key for an
   * API key. Indexed by code + 1; -1 where there is none. Rows are stored in (timestamp, id) order,
   * so the scan runs backwards and stops once every group asked for has its row. Only the
   * dimensions with labels of their own (user, consumer, API key) are looked up.
   */
  function latestRows(rows: RowSet, dimension: Dimension, codes: Iterable<number>): Int32Array {
    const size = store.dictionaries[dimension].size + 1
    const latest = new Int32Array(size).fill(-1)
    if (dimension !== 'user' && dimension !== 'consumer' && dimension !== 'apiKey') return latest
    const wanted = new Uint8Array(size)
    let remaining = 0
    for (const code of codes) {
      if (code < 0 || wanted[code + 1] !== 0) continue
      // A consumer that is no user's id is an agent: no row of it can name a user.
      if (dimension === 'consumer' && store.dictionaries.user.lookup(keyOf(dimension, code)) === undefined) continue
      wanted[code + 1] = 1
      remaining++
    }
    const groupCodes = store.codes[dimension]
    const agents = store.codes.agent
    for (let k = rowSetSize(rows) - 1; k >= 0 && remaining > 0; k--) {
      const i = rowAt(rows, k)
      const slot = groupCodes[i]! + 1
      if (wanted[slot] !== 1) continue
      if (dimension === 'consumer' && agents[i]! >= 0) continue
      // An empty key name is no name (empty means none): such a row cannot label the key.
      if (dimension === 'apiKey' && !store.records[i]!.apiKeyName) continue
      latest[slot] = i
      wanted[slot] = 2
      remaining--
    }
    return latest
  }

  /**
   * A group's key, label, secondary line and team. Labels come from `latest` (see `latestRows`):
   * the latest row among the rows the answer counts, never from rows outside the query's range and
   * filters, so a scoped viewer never sees a name, email or team from rows they may not see.
   */
  function describeGroup(dimension: Dimension, code: number, latest: Int32Array): Pick<BreakdownRow, 'key' | 'label' | 'secondary' | 'team'> {
    if (code < 0) return { key: NONE_KEY, label: NONE_LABEL }
    const key = keyOf(dimension, code)
    const row = latest[code + 1]!
    const record = row >= 0 ? store.records[row]! : undefined
    switch (dimension) {
      case 'user':
        if (!record) return { key, label: key }
        return userLabel(key, record, true)
      case 'apiKey':
        return { key, label: record?.apiKeyName || redactApiKey(key), secondary: redactApiKey(key) }
      case 'consumer':
        if (record) return userLabel(key, record, false)
        return store.consumerIsAgent[code] ? { key, label: key, secondary: 'Agent' } : { key, label: key }
      case 'status':
        return { key, label: key === 'success' ? 'Success' : key === 'error' ? 'Error' : key }
      default:
        return { key, label: key }
    }
  }

  // ---------------------------------------------------------------- aggregation helpers

  interface Scope {
    startMs: number
    endMs: number
    rows: RowSet
    meterRows: Int32Array
  }

  function scope(startMs: number, endMs: number, filters: UsageQueryFilters, exclude?: Dimension): Scope {
    return {
      startMs,
      endMs,
      rows: selectRowSet(store, startMs, endMs, filters, exclude),
      meterRows: meters.length ? selectMeters(meters, store, startMs, endMs, filters, exclude) : new Int32Array(0),
    }
  }

  function run(s: Scope, edges: readonly number[], metrics: readonly Metric[], groups = 1, grouping?: Grouping): Cells {
    const wantsMeters = metrics.some((metric) => meterIds.has(metric))
    return aggregate({
      store,
      rows: s.rows,
      edges,
      groups,
      grouping,
      metrics,
      meters: wantsMeters ? { store: meters, selected: s.meterRows, startMs: s.startMs, endMs: s.endMs } : undefined,
    })
  }

  /** Values of `metrics` (ratios derived) for cell `cell` of `cells`. */
  function cellValues(cells: Cells, metrics: readonly Metric[], cell: number): MetricValues {
    const base: Record<string, number | null> = {}
    for (const [metric, values] of cells) base[metric] = nullable(values[cell]!)
    return deriveMetricValues(base, metrics)
  }

  function totals(s: Scope, metrics: readonly Metric[]): MetricValues {
    return cellValues(run(s, [s.startMs, s.endMs], expandMetrics(metrics)), metrics, 0)
  }

  interface GroupTotal {
    code: number
    key: string
    values: MetricValues
    requests: number
  }

  /** Every group with data in the scope, with its totals over the whole range. */
  function groupTotals(s: Scope, dimension: Dimension, metrics: readonly Metric[]): GroupTotal[] {
    const size = store.dictionaries[dimension].size + 1
    const map = new Int32Array(size)
    for (let i = 0; i < size; i++) map[i] = i
    const expanded = expandMetrics(metrics)
    const withRequests = expanded.includes('requests') ? expanded : [...expanded, 'requests']
    const cells = run(s, [s.startMs, s.endMs], withRequests, size, { dimension, map })
    const requests = cells.get('requests')!
    const meterCells = [...cells].filter(([metric]) => meterIds.has(metric)).map(([, values]) => values)
    const out: GroupTotal[] = []
    for (let g = 0; g < size; g++) {
      const present = requests[g]! > 0 || meterCells.some((values) => values[g]! > 0)
      if (!present) continue
      out.push({ code: g - 1, key: keyOf(dimension, g - 1), values: cellValues(cells, metrics, g), requests: requests[g]! })
    }
    return out
  }

  function groupingFor(dimension: Dimension, assign: ReadonlyMap<number, number>): Grouping {
    const map = new Int32Array(store.dictionaries[dimension].size + 1).fill(-1)
    for (const [code, group] of assign) map[code + 1] = group
    return { dimension, map }
  }

  function seriesValues(cells: Cells, metrics: readonly Metric[], group: number, B: number): Series['values'] {
    const base: Record<string, (number | null)[]> = {}
    for (const [metric, values] of cells) {
      base[metric] = Array.from(values.subarray(group * B, group * B + B), nullable)
    }
    return deriveMetricSeries(base, metrics, B)
  }

  // ---------------------------------------------------------------- requests

  function matchesSearch(record: UsageRecord, needle: string): boolean {
    const fields = [record.id, record.userName, record.userEmail, record.model, record.application, ...record.tags]
    return fields.some((field) => typeof field === 'string' && field.toLowerCase().includes(needle))
  }

  // ---------------------------------------------------------------- the adapter

  const adapter: MemoryAdapter = {
    get size() {
      return store.length
    },

    insert(newRecords) {
      store.insert(readable(newRecords))
    },

    async getCapabilities(params = {}) {
      await simulate('getCapabilities', params.signal)
      return structuredClone(capabilities)
    },

    async getSummary(params) {
      await simulate('getSummary', params.signal)
      assertValidQuery(params, capabilities)
      assertMetrics(params.metrics, capabilities)
      const { current, previous } = comparedPeriods(params.range, summaryNow(params))
      const result: { totals: MetricValues; previous?: MetricValues } = {
        totals: totals(scope(current.startMs, current.endMs, params.filters), params.metrics),
      }
      if (params.compareToPrevious) result.previous = totals(scope(previous.startMs, previous.endMs, params.filters), params.metrics)
      return result
    },

    async getTimeSeries(params) {
      await simulate('getTimeSeries', params.signal)
      const { startMs, endMs } = assertTimeSeriesQuery(params, capabilities)
      const buckets = bucketBoundaries(params.range, params.bucket, params.timeZone, { now: now() })
      const edges = [...buckets.map((bucket) => Date.parse(bucket.start)), Date.parse(buckets[buckets.length - 1]!.end)]
      const B = buckets.length
      const s = scope(startMs, endMs, params.filters)
      const expanded = expandMetrics(params.metrics)
      if (params.groupBy === undefined) {
        const cells = run(s, edges, expanded)
        return { buckets, series: [{ key: 'total', label: 'Total', values: seriesValues(cells, params.metrics, 0, B) }] }
      }
      const dimension = params.groupBy
      const rankMetric = params.metrics[0]!
      // Every requested metric decides which groups have data; the first one ranks them.
      const ranked = groupTotals(s, dimension, params.metrics)
        .map((group) => ({ ...group, value: group.values[rankMetric] ?? null }))
        .sort(byValueDesc)
      const limit = params.limit ?? ranked.length
      const top = ranked.slice(0, limit)
      const hasOther = ranked.length > limit
      const assign = new Map<number, number>()
      top.forEach((group, index) => assign.set(group.code, index))
      for (const group of ranked.slice(limit)) assign.set(group.code, limit)
      const groups = top.length + (hasOther ? 1 : 0)
      const cells = run(s, edges, expanded, groups, groupingFor(dimension, assign))
      const latest = latestRows(s.rows, dimension, top.map((group) => group.code))
      const series: Series[] = top.map((group, index) => {
        const { key, label } = describeGroup(dimension, group.code, latest)
        return { key, label, values: seriesValues(cells, params.metrics, index, B) }
      })
      if (hasOther) series.push({ key: OTHER_KEY, label: OTHER_LABEL, values: seriesValues(cells, params.metrics, limit, B) })
      return { buckets, series }
    },

    async getBreakdown(params) {
      await simulate('getBreakdown', params.signal)
      const { startMs, endMs, sort } = assertBreakdownQuery(params, capabilities)
      const dimension = params.groupBy
      const s = scope(startMs, endMs, params.filters)
      const metrics = params.metrics.includes(sort.metric) ? params.metrics : [...params.metrics, sort.metric]
      const needle = params.search?.trim().toLowerCase() ?? ''
      let groups = groupTotals(s, dimension, metrics).map((group) => ({ ...group, value: group.values[sort.metric] ?? null }))
      // Labels of every group when a search must match them; otherwise of the page alone (below).
      const searched = needle === '' ? null : latestRows(s.rows, dimension, groups.map((group) => group.code))
      if (searched) {
        groups = groups.filter((group) => {
          const { label, secondary, team, key } = describeGroup(dimension, group.code, searched)
          return [label, secondary, team, key].some((field) => field?.toLowerCase().includes(needle))
        })
      }
      groups.sort((a, b) => {
        if (sort.direction === 'desc') return byValueDesc(a, b)
        if (a.value === b.value) return compareKeys(a.key, b.key)
        if (a.value === null) return 1
        if (b.value === null) return -1
        return a.value - b.value || compareKeys(a.key, b.key)
      })
      const offset = params.offset ?? 0
      const page = groups.slice(offset, params.limit === undefined ? undefined : offset + params.limit)
      const assign = new Map(page.map((group, index) => [group.code, index]))
      const grouping = groupingFor(dimension, assign)
      const latest = searched ?? latestRows(s.rows, dimension, page.map((group) => group.code))

      // Models per row: request counts per (row, model), most requests first.
      const modelCodes = store.dictionaries.model.size + 1
      const perModel = page.map(() => new Float64Array(modelCodes))
      if (page.length > 0) countModels(s.rows, grouping, perModel)

      let trendCells: Cells | null = null
      let trendBuckets = 0
      if (params.trend && page.length > 0) {
        const buckets = bucketBoundaries(params.range, params.trend.bucket, params.timeZone, { now: now() })
        const edges = [...buckets.map((bucket) => Date.parse(bucket.start)), Date.parse(buckets[buckets.length - 1]!.end)]
        trendBuckets = buckets.length
        trendCells = run(s, edges, expandMetrics([params.trend.metric]), page.length, grouping)
      }

      const rows: BreakdownRow[] = page.map((group, index) => {
        const { label, secondary, team } = describeGroup(dimension, group.code, latest)
        const row: BreakdownRow = { key: group.key, label, metrics: pick(group.values, params.metrics) }
        if (secondary !== undefined) row.secondary = secondary
        if (team !== undefined) row.team = team
        if (dimension !== 'model') {
          const counts = perModel[index]!
          const used: { code: number; requests: number }[] = []
          counts.forEach((requests, code) => {
            if (requests > 0) used.push({ code: code - 1, requests })
          })
          used.sort((a, b) => b.requests - a.requests || compareKeys(keyOf('model', a.code), keyOf('model', b.code)))
          if (used.length > 0 || group.requests > 0) {
            row.models = used.slice(0, 3).map((entry) => keyOf('model', entry.code))
            row.modelCount = used.length
          }
        }
        if (trendCells && params.trend) {
          row.trend = seriesValues(trendCells, [params.trend.metric], index, trendBuckets)[params.trend.metric]!
        }
        return row
      })
      return { rows, total: groups.length }
    },

    async listRequests(params) {
      await simulate('listRequests', params.signal)
      const { startMs, endMs } = assertListRequestsQuery(params, capabilities)
      const query = { range: params.range, timeZone: params.timeZone, filters: params.filters, search: params.search }
      const position = params.cursor ? decodeCursor(params.cursor, query) : null
      // A cursor points at a request of its own query's range; anything else was not made here.
      if (position && !(position.ts >= startMs && position.ts < endMs)) throw foreignCursor()
      const rows = selectRows(store, startMs, endMs, params.filters)
      // Keyset: the first row strictly before (ts, id) in (ts desc, id desc) order.
      let from = rows.length - 1
      if (position) {
        let lo = 0
        let hi = rows.length
        while (lo < hi) {
          const mid = (lo + hi) >>> 1
          const row = rows[mid]!
          const t = store.ts[row]!
          const before = t < position.ts || (t === position.ts && store.records[row]!.id < position.id)
          if (before) lo = mid + 1
          else hi = mid
        }
        from = lo - 1
      }
      const needle = params.search?.trim().toLowerCase() ?? ''
      const items: RequestSummary[] = []
      let last: UsageRecord | null = null
      let more = false
      for (let k = from; k >= 0; k--) {
        const record = store.records[rows[k]!]!
        if (needle && !matchesSearch(record, needle)) continue
        if (items.length === params.pageSize) {
          more = true
          break
        }
        items.push(toRequestSummary(record))
        last = record
      }
      const nextCursor =
        more && last ? encodeCursor({ ts: Date.parse(last.timestamp), id: last.id }, query) : null
      return { items, nextCursor }
    },

    async getRequest(params) {
      await simulate('getRequest', params.signal)
      const content = assertGetRequestQuery(params, capabilities).content && capabilities.requestContent
      const row = store.rowOf(params.id)
      // A request the caller's filters do not match is not found, exactly like an unknown id.
      if (row === undefined || !rowMatches(store, row, params.filters)) throw new NotFoundError(params.id)
      return toRequestDetail(store.records[row]!, { requestContent: content })
    },

    async getDimensionValues(params) {
      await simulate('getDimensionValues', params.signal)
      const { startMs, endMs } = assertDimensionValuesQuery(params, capabilities)
      const dimension = params.dimension
      // A filter's own options ignore that filter, so a multi-select keeps showing every value.
      const s = scope(startMs, endMs, params.filters, dimension)
      const meterMetrics = [...meterIds]
      const needle = params.search?.trim().toLowerCase() ?? ''
      const groups = groupTotals(s, dimension, meterMetrics.length ? meterMetrics : ['requests'])
      // Labels order the values (ties by label), so every value's label is looked up.
      const latest = latestRows(s.rows, dimension, groups.map((group) => group.code))
      const values: DimensionValue[] = groups
        .map((group) => {
          const { key, label, secondary } = describeGroup(dimension, group.code, latest)
          const value: DimensionValue = { key, label, count: group.requests }
          if (secondary !== undefined) value.secondary = secondary
          return value
        })
        .filter(
          (value) =>
            needle === '' || [value.key, value.label, value.secondary].some((field) => field?.toLowerCase().includes(needle)),
        )
        .sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || compareKeys(a.label, b.label) || compareKeys(a.key, b.key))
      return values.slice(0, params.limit ?? 100)
    },
  }

  function countModels(rows: RowSet, grouping: Grouping, perModel: Float64Array[]): void {
    const n = rowSetSize(rows)
    const modelCodes = store.codes.model
    const dimension = grouping.dimension
    const map = grouping.map
    if (dimension === 'tag') {
      for (let r = 0; r < n; r++) {
        const i = rowAt(rows, r)
        const from = store.tagStart[i]!
        const to = store.tagStart[i + 1]!
        const model = modelCodes[i]! + 1
        if (from === to && map[0]! >= 0) perModel[map[0]!]![model]! += 1
        for (let k = from; k < to; k++) {
          const g = map[store.tagCodes[k]! + 1]!
          if (g >= 0) perModel[g]![model]! += 1
        }
      }
      return
    }
    // Counted flat (group × model), then copied out: one tight loop over the rows.
    const groupCodes = store.codes[dimension as CodedDimension]
    const M = store.dictionaries.model.size + 1
    const flat = new Float64Array(perModel.length * M)
    if (rows.rows === null) {
      for (let i = rows.lo; i < rows.hi; i++) {
        const g = map[groupCodes[i]! + 1]!
        if (g >= 0) flat[g * M + modelCodes[i]! + 1]! += 1
      }
    } else {
      const list = rows.rows
      for (let r = 0; r < n; r++) {
        const i = list[r]!
        const g = map[groupCodes[i]! + 1]!
        if (g >= 0) flat[g * M + modelCodes[i]! + 1]! += 1
      }
    }
    perModel.forEach((counts, g) => counts.set(flat.subarray(g * M, g * M + counts.length)))
  }

  return adapter
}

type UsageQueryFilters = Parameters<typeof selectRows>[3]

/** The `lacks` option checked when the adapter is created, like the limits: a typo must not pass as "lacks nothing". */
function lacksFromOptions(lacks: unknown): OptionalRecordField[] {
  if (lacks === undefined) return []
  if (!Array.isArray(lacks)) throw new TypeError('createMemoryAdapter: lacks must be an array of record field names, e.g. ["customer", "cacheHit"].')
  for (const field of lacks) {
    if (!isOptionalRecordField(field)) {
      throw new TypeError(
        `createMemoryAdapter: lacks lists ${JSON.stringify(field)}, which is not an optional record field (a backend must store id, timestamp, userId, provider, model, status, inputTokens, outputTokens, cost and latencyMs).`,
      )
    }
  }
  return [...new Set(lacks as OptionalRecordField[])]
}

function foreignCursor(): InvalidQueryError {
  return new InvalidQueryError('cursor is not a cursor this adapter made; pass the nextCursor of the previous page.', { field: 'cursor' })
}

function pick(values: MetricValues, metrics: readonly Metric[]): MetricValues {
  const out: MetricValues = {}
  for (const metric of metrics) out[metric] = values[metric] ?? null
  return out
}
