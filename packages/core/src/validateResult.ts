import * as v from 'valibot'
import { type AdapterCall, type AdapterMethod, type AdapterParams, type AdapterResult, mapAdapter } from './adapterMethods'
import { bucketBoundaries } from './bucketBoundaries'
import { DIMENSIONS } from './dimensions'
import { AdapterResponseError } from './errors'
import { DEFAULT_LIMITS, resolveLimits } from './limits'
import { type Metric, type MetricDefinition, getMetricDefinition } from './metrics'
import type {
  AdapterCapabilities,
  BreakdownResult,
  CostComponent,
  DimensionValue,
  GetBreakdownParams,
  JsonValue,
  GetSummaryParams,
  GetTimeSeriesParams,
  RequestDetail,
  RequestPage,
  SummaryResult,
  TimeSeriesResult,
  UsageAdapter,
} from './types'

// ------------------------------------------------------------------ value schemas

const NUMERIC_STRING = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/

/**
 * A number from a number, a bigint or a numeric string (ClickHouse quotes 64-bit integers);
 * `undefined` for anything else (NaN, Infinity, "abc", objects).
 */
export function normalizeNumber(input: unknown): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined
  if (typeof input === 'bigint') return Number(input)
  if (typeof input === 'string' && NUMERIC_STRING.test(input)) {
    const value = Number(input)
    return Number.isFinite(value) ? value : undefined
  }
  return undefined
}

function normalizeCount(input: unknown): number | undefined {
  const value = normalizeNumber(input)
  return value !== undefined && value >= 0 ? value : undefined
}

const COUNT_EXPECTED = 'a non-negative finite number (a number, bigint or numeric string)'
const AMOUNT_EXPECTED = 'a finite number (a number, bigint or numeric string)'

/** A non-negative count, token number, money amount or duration, normalised to a number. */
const count = v.pipe(
  v.custom<number | bigint | string>((input) => normalizeCount(input) !== undefined, COUNT_EXPECTED),
  v.transform((input) => normalizeCount(input)!),
)

/** A signed amount (a discount line of a cost breakdown may be negative). */
const amount = v.pipe(
  v.custom<number | bigint | string>((input) => normalizeNumber(input) !== undefined, AMOUNT_EXPECTED),
  v.transform((input) => normalizeNumber(input)!),
)

const nullableCount = v.nullable(count)

const instant = v.pipe(
  v.string(),
  v.check((input) => Number.isFinite(Date.parse(input)), 'an ISO-8601 instant such as "2026-11-01T12:00:00.000Z"'),
)

const text = v.string()

const MAX_JSON_DEPTH = 32

/** Whether a value is plain JSON (no functions, undefined, NaN or class instances), at most 32 levels deep. */
function isJsonValue(input: unknown, depth: number): boolean {
  if (input === null || typeof input === 'string' || typeof input === 'boolean') return true
  if (typeof input === 'number') return Number.isFinite(input)
  if (depth >= MAX_JSON_DEPTH || typeof input !== 'object') return false
  if (Array.isArray(input)) return input.every((item) => isJsonValue(item, depth + 1))
  const prototype = Object.getPrototypeOf(input)
  if (prototype !== Object.prototype && prototype !== null) return false
  return Object.values(input).every((item) => isJsonValue(item, depth + 1))
}

// ------------------------------------------------------------------ messages

type Issue = v.BaseIssue<unknown>

function describeReceived(input: unknown): string {
  if (input === undefined) return 'undefined'
  if (typeof input === 'bigint') return `${input}n`
  if (typeof input === 'number') return String(input)
  if (typeof input === 'string') return JSON.stringify(input.length > 60 ? `${input.slice(0, 60)}…` : input)
  if (Array.isArray(input)) return `an array of ${input.length}`
  if (input === null) return 'null'
  return typeof input === 'object' ? 'an object' : String(input)
}

function issuePath(issue: Issue): string {
  let out = ''
  for (const item of issue.path ?? []) {
    const key = item.key as string | number
    out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : String(key)
  }
  return out || '(the answer itself)'
}

function describeIssue(issue: Issue): string {
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'is not part of the answer (it was not asked for)'
  if (issue.input === undefined && issue.kind === 'schema') return `is missing (expected ${issue.expected ?? 'a value'})`
  if (issue.kind === 'schema' && issue.type !== 'custom') return `must be ${issue.expected} (got ${describeReceived(issue.input)})`
  return `must be ${issue.message} (got ${describeReceived(issue.input)})`
}

function parseOrThrow<T>(method: string, shape: string, schema: v.GenericSchema<unknown, T>, input: unknown): T {
  const result = v.safeParse(schema, input, { abortEarly: true })
  if (result.success) return result.output
  const issue = result.issues[0]
  const path = issuePath(issue)
  throw new AdapterResponseError(
    method,
    path,
    `${method} returned an invalid answer: ${path} ${describeIssue(issue)}. ${method} must return ${shape}.`,
  )
}

// ------------------------------------------------------------------ result schemas

function metricValues(metrics: readonly Metric[], definitions?: readonly MetricDefinition[]) {
  const entries: Record<string, v.GenericSchema<unknown, number | null>> = {}
  for (const metric of metrics) {
    const definition = getMetricDefinition(metric, definitions)
    // Sums are 0 where there is no data; only other kinds may be null (a gap).
    entries[metric] = definition?.aggregation === 'sum' ? count : nullableCount
  }
  return v.strictObject(entries)
}

function metricSeries(metrics: readonly Metric[], length: number, definitions?: readonly MetricDefinition[]) {
  const entries: Record<string, v.GenericSchema<unknown, (number | null)[]>> = {}
  for (const metric of metrics) {
    const definition = getMetricDefinition(metric, definitions)
    const item = definition?.aggregation === 'sum' ? count : nullableCount
    entries[metric] = v.pipe(v.array(item), v.length(length, `an array of ${length} values, one per bucket`))
  }
  return v.strictObject(entries)
}

const metricDefinitionSchema = v.object({
  id: text,
  label: text,
  unit: v.picklist(['count', 'tokens', 'money', 'milliseconds', 'coreHours', 'gbHours', 'fraction']),
  aggregation: v.picklist(['sum', 'distinct', 'avg', 'percentile', 'ratio']),
  sentiment: v.optional(v.picklist(['higherIsBetter', 'lowerIsBetter', 'neutral']), 'neutral'),
})

const capabilitiesSchema = v.object({
  metrics: v.array(metricDefinitionSchema),
  dimensions: v.array(v.picklist(DIMENSIONS as Dimension[])),
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as "USD"')),
  requestContent: v.boolean(),
  limits: v.pipe(
    v.object({
      maxRangeDays: v.nullable(count),
      maxPageSize: count,
      ...Object.fromEntries(
        Object.keys(DEFAULT_LIMITS)
          .filter((key) => key !== 'maxRangeDays' && key !== 'maxPageSize')
          .map((key) => [key, v.optional(count)]),
      ),
    }),
    // Limits an adapter leaves out take the defaults, so every client sees all of them.
    v.transform((limits) => resolveLimits(limits as AdapterCapabilities['limits'])),
  ),
})

type Dimension = (typeof DIMENSIONS)[number]

/**
 * An optional text field of a request: a string, or null or absent when the request has none (a SQL
 * row's NULL). Null and '' are normalised to absent (`withoutNone`): empty means none.
 */
function noneOrText(none: string) {
  return v.optional(v.custom<string | null>((input) => input === null || typeof input === 'string', `a string, or null or absent ${none}`))
}

const requestSummaryEntries = {
  id: text,
  timestamp: instant,
  status: v.picklist(['success', 'error']),
  userId: noneOrText('for a request made without a user'),
  userName: noneOrText('for a request made without a user'),
  userEmail: noneOrText('when the user has no email'),
  team: noneOrText('when the request has no team'),
  apiKey: noneOrText('when the request has no API key'),
  application: noneOrText('when the request has no application'),
  agent: noneOrText('when no agent made the request'),
  customer: noneOrText('when the request was made for no end customer'),
  provider: text,
  model: text,
  inputTokens: count,
  cachedInputTokens: count,
  outputTokens: count,
  totalTokens: count,
  cost: count,
  latencyMs: count,
  ttftMs: v.optional(nullableCount),
  tags: v.array(text),
  errorMessage: noneOrText('when the request did not fail'),
}

/** Fields whose null or '' means "none" and is answered as an absent field. */
const NONE_MEANS_ABSENT = ['userId', 'userName', 'userEmail', 'team', 'apiKey', 'application', 'agent', 'customer', 'errorMessage', 'callType', 'modelId', 'retries', 'cacheHit'] as const

/** A request as the UI reads it: none-valued fields absent, empty tags dropped (empty means none). */
function withoutNone<T extends { tags: string[] }>(request: T): T {
  const out: Record<string, unknown> = { ...request, tags: request.tags.filter((tag) => tag !== '') }
  for (const field of NONE_MEANS_ABSENT) {
    if (out[field] === null || out[field] === '' || (field in out && out[field] === undefined)) delete out[field]
  }
  return out as T
}

const requestSummarySchema = v.pipe(v.object(requestSummaryEntries), v.transform(withoutNone))

const requestPageSchema = v.object({
  items: v.array(requestSummarySchema),
  nextCursor: v.nullable(text),
})

/**
 * A cost line: label and amount as recorded, optionally how it came about (quantity, unit, rate per 1M
 * units; null reads as absent, as a JSON column writes it). A unit or a rate without the quantity it
 * describes is refused: the drawer could only show half a sum.
 */
const costLineSchema = v.pipe(
  v.object({
    label: text,
    amount,
    quantity: v.optional(v.nullable(count)),
    unit: v.optional(v.nullable(text)),
    rate: v.optional(v.nullable(count)),
  }),
  v.check(
    (line) => (line.quantity !== undefined && line.quantity !== null) || ((line.unit ?? null) === null && (line.rate ?? null) === null),
    'a quantity beside its unit or rate (a unit or a rate describes the quantity charged for)',
  ),
  v.transform((line): CostComponent => {
    const out: CostComponent = { label: line.label, amount: line.amount }
    if (line.quantity !== undefined && line.quantity !== null) out.quantity = line.quantity
    if (line.unit !== undefined && line.unit !== null && line.unit !== '') out.unit = line.unit
    if (line.rate !== undefined && line.rate !== null) out.rate = line.rate
    return out
  }),
)

const requestDetailSchema = v.pipe(
  v.object({
    ...requestSummaryEntries,
    callType: noneOrText('when the backend does not record it'),
    modelId: noneOrText('when the backend does not record it'),
    apiBase: v.optional(v.nullable(text)),
    ip: v.optional(v.nullable(text)),
    overheadMs: v.optional(nullableCount),
    retries: v.optional(v.nullable(count)),
    cacheHit: v.optional(
      v.custom<boolean | null>((input) => input === null || typeof input === 'boolean', 'true or false, or null or absent when the backend does not record gateway cache hits'),
    ),
    startTime: instant,
    endTime: instant,
    // Empty when the backend itemises nothing: no line is invented for the whole cost.
    costBreakdown: v.array(costLineSchema),
    request: v.unknown(),
    response: v.unknown(),
    messages: v.array(v.object({ role: text, content: text })),
    metadata: v.record(v.string(), v.custom<JsonValue>((input) => isJsonValue(input, 0), 'JSON: a string, finite number, boolean, null, or an array or object of those (at most 32 levels deep)')),
  }),
  v.transform(withoutNone),
)

const dimensionValuesSchema = v.array(
  v.object({ key: text, label: text, secondary: v.optional(text), count: v.optional(count) }),
)

// ------------------------------------------------------------------ per-method validators

const SHAPES = {
  getCapabilities:
    '{ metrics: { id, label, unit, aggregation }[], dimensions: Dimension[], currency: "USD", requestContent: boolean, limits: { maxRangeDays: number | null, maxPageSize: number } }',
  getSummary: '{ totals: { <each requested metric>: number | null }, previous?: { …the same metrics } }',
  getTimeSeries:
    '{ buckets: { start, end, partial? }[] (the buckets of bucketBoundaries(range, bucket, timeZone)), series: { key, label, values: { <each requested metric>: (number | null)[] one per bucket } }[] }',
  getBreakdown:
    '{ rows: { key, label, secondary?, team?, models?, modelCount?, metrics: { <each requested metric>: number | null }, trend? }[], total }',
  listRequests:
    '{ items: RequestSummary[] (newest first), nextCursor: string | null }, a RequestSummary being { id, timestamp, status: "success" | "error", userId?, userName? (null or absent for a request made without a user), userEmail?, team?, apiKey?, application?, agent?, customer?, provider, model, inputTokens, cachedInputTokens, outputTokens, totalTokens, cost, latencyMs, ttftMs?, tags: string[], errorMessage? }',
  getRequest:
    'a RequestDetail: the RequestSummary fields plus { callType?, modelId?, retries?, cacheHit? (each absent when the backend does not record it), apiBase?, ip?, overheadMs?, startTime, endTime, costBreakdown: { label, amount, quantity?, unit?, rate? (per 1M units) }[] (empty when the backend itemises nothing), request, response, messages: { role, content }[], metadata }',
  getDimensionValues: '{ key, label, secondary?, count? }[]',
} as const

export function validateCapabilities(result: unknown): AdapterCapabilities {
  return parseOrThrow('getCapabilities', SHAPES.getCapabilities, capabilitiesSchema, result) as AdapterCapabilities
}

export function validateSummary(
  result: unknown,
  params: Pick<GetSummaryParams, 'metrics' | 'compareToPrevious'>,
  definitions?: readonly MetricDefinition[],
): SummaryResult {
  const values = metricValues(params.metrics, definitions)
  const schema = v.object({ totals: values, previous: params.compareToPrevious ? values : v.optional(values) })
  return parseOrThrow('getSummary', SHAPES.getSummary, schema, result) as SummaryResult
}

export function validateTimeSeries(
  result: unknown,
  params: Pick<GetTimeSeriesParams, 'metrics' | 'range' | 'bucket' | 'timeZone' | 'groupBy'>,
  definitions?: readonly MetricDefinition[],
): TimeSeriesResult {
  const length = bucketBoundaries(params.range, params.bucket, params.timeZone).length
  const seriesItem = v.object({ key: text, label: text, values: metricSeries(params.metrics, length, definitions) })
  const schema = v.object({
    buckets: v.pipe(
      v.array(v.object({ start: instant, end: instant, partial: v.optional(v.boolean()) })),
      v.length(length, `the ${length} buckets of bucketBoundaries(range, "${params.bucket}", timeZone)`),
    ),
    series: params.groupBy
      ? v.array(seriesItem)
      : v.pipe(v.array(seriesItem), v.length(1, 'one series with key "total" (no groupBy was asked)')),
  })
  return parseOrThrow('getTimeSeries', SHAPES.getTimeSeries, schema, result) as TimeSeriesResult
}

export function validateBreakdown(
  result: unknown,
  params: Pick<GetBreakdownParams, 'metrics' | 'range' | 'timeZone' | 'trend' | 'limit'>,
  definitions?: readonly MetricDefinition[],
): BreakdownResult {
  const trendLength = params.trend ? bucketBoundaries(params.range, params.trend.bucket, params.timeZone).length : 0
  const row = v.object({
    key: text,
    label: text,
    secondary: v.optional(text),
    team: v.optional(text),
    models: v.optional(v.pipe(v.array(text), v.maxLength(3, 'at most three models (use modelCount for the rest)'))),
    modelCount: v.optional(count),
    metrics: metricValues(params.metrics, definitions),
    trend: params.trend
      ? v.pipe(v.array(nullableCount), v.length(trendLength, `an array of ${trendLength} values, one per trend bucket`))
      : v.optional(v.array(nullableCount)),
  })
  const rows =
    params.limit !== undefined
      ? v.pipe(v.array(row), v.maxLength(params.limit, `at most ${params.limit} rows (the limit asked)`))
      : v.array(row)
  const schema = v.pipe(
    v.object({ rows, total: count }),
    v.forward(
      v.check((input) => input.total >= input.rows.length, 'at least the number of rows returned (groups before offset/limit)'),
      ['total'],
    ),
  )
  return parseOrThrow('getBreakdown', SHAPES.getBreakdown, schema, result) as BreakdownResult
}

export function validateRequestPage(result: unknown): RequestPage {
  return parseOrThrow('listRequests', SHAPES.listRequests, requestPageSchema, result) as RequestPage
}

export function validateRequestDetail(result: unknown): RequestDetail {
  return parseOrThrow('getRequest', SHAPES.getRequest, requestDetailSchema, result) as RequestDetail
}

export function validateDimensionValues(result: unknown): DimensionValue[] {
  return parseOrThrow('getDimensionValues', SHAPES.getDimensionValues, dimensionValuesSchema, result)
}

type ResultValidator<M extends AdapterMethod> = (
  result: unknown,
  params: AdapterParams<M>,
  definitions: readonly MetricDefinition[] | undefined,
) => AdapterResult<M>

/**
 * One validator per method of the contract, keyed like `ADAPTER_METHODS` (the compiler names a
 * method without one). Each takes the answer, the params that asked for it and the adapter's metric
 * definitions, and returns the answer normalised (counts as numbers) or throws an `AdapterResponseError`.
 */
export const RESULT_VALIDATORS: { readonly [M in AdapterMethod]: ResultValidator<M> } = {
  getCapabilities: (result) => validateCapabilities(result),
  getSummary: (result, params, definitions) => validateSummary(result, params, definitions),
  getTimeSeries: (result, params, definitions) => validateTimeSeries(result, params, definitions),
  getBreakdown: (result, params, definitions) => validateBreakdown(result, params, definitions),
  listRequests: (result) => validateRequestPage(result),
  getRequest: (result) => validateRequestDetail(result),
  getDimensionValues: (result) => validateDimensionValues(result),
}

/** Validates one answer of `method` (see `RESULT_VALIDATORS`). */
export function validateResult<M extends AdapterMethod>(
  method: M,
  result: unknown,
  params: AdapterParams<M>,
  definitions?: readonly MetricDefinition[],
): AdapterResult<M> {
  return (RESULT_VALIDATORS[method] as ResultValidator<M>)(result, params, definitions)
}

/**
 * Wraps an adapter so that every answer is validated (and counts normalised) at the boundary.
 * A bad answer rejects with an `AdapterResponseError` naming the method, the field and the shape.
 * Metric kinds come from the adapter's own capabilities once they are known.
 */
export function withValidation(adapter: UsageAdapter): UsageAdapter {
  let definitions: MetricDefinition[] | undefined
  return mapAdapter(
    <M extends AdapterMethod>(method: M): AdapterCall<M> =>
      async (params) => {
        const result = await (adapter[method] as unknown as AdapterCall<M>).call(adapter, params)
        const validated = validateResult(method, result, params, definitions)
        if (method === 'getCapabilities') definitions = (validated as AdapterCapabilities).metrics
        return validated
      },
  )
}
