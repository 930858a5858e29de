import type { Dimension } from './dimensions'
import type { UsageLimits } from './limits'
import type { Metric, MetricDefinition } from './metrics'

/** Bucket sizes. Sub-day buckets are elapsed time; `1d`, `1w` (Monday) and `1mo` start at local midnight. */
export type Bucket = '1m' | '5m' | '15m' | '1h' | '6h' | '1d' | '1w' | '1mo'

/** A half-open interval of ISO-8601 instants: `start` inclusive, `end` exclusive. */
export interface TimeRange {
  start: string
  end: string
}

export type Filters = Partial<Record<Dimension, string[]>>

/** What every query shares. */
export interface UsageQuery {
  range: TimeRange
  /** IANA time zone; buckets align to it. */
  timeZone: string
  /** OR within a dimension, AND across dimensions. An empty array means no filter on that dimension. */
  filters?: Filters
}

export interface WithSignal {
  signal?: AbortSignal
}

export type SortDirection = 'asc' | 'desc'

// ---------------------------------------------------------------- capabilities

export interface AdapterCapabilities {
  /** Every metric the adapter answers, with unit, label and aggregation kind. Ratios are derived by core. */
  metrics: MetricDefinition[]
  /** Every dimension the adapter can group and filter by. */
  dimensions: Dimension[]
  /** ISO 4217 code of the money values the adapter returns (the data's own currency). */
  currency: string
  /** Whether `getRequest` returns prompts and responses (a host may hide them from some viewers). */
  requestContent: boolean
  /**
   * How much one query may ask for. `maxRangeDays` and `maxPageSize` are required; the others take
   * `DEFAULT_LIMITS` when left out (validated capabilities always carry all of them). See `UsageLimits`.
   */
  limits: Pick<UsageLimits, 'maxRangeDays' | 'maxPageSize'> & Partial<Omit<UsageLimits, 'maxRangeDays' | 'maxPageSize'>>
}

export interface GetCapabilitiesParams extends WithSignal {}

// ---------------------------------------------------------------- summary

export interface GetSummaryParams extends UsageQuery, WithSignal {
  metrics: Metric[]
  /** Also answer the same query over the equally long period just before `range`. */
  compareToPrevious?: boolean
  /**
   * The reader's "now" (ISO-8601 instant). When it falls inside `range` (a period still running:
   * this month, the last two weeks including today), totals count up to `now` and `previous` only
   * the same elapsed part of the period before: comparisons are of equal elapsed time
   * (`comparedPeriods`, docs/time.md). Without it, both whole periods.
   */
  now?: string
}

/** Values of exactly the requested metrics; `null` where a non-sum metric has no data. */
export type MetricValues = Record<string, number | null>

export interface SummaryResult {
  totals: MetricValues
  /** Present when `compareToPrevious` was asked. */
  previous?: MetricValues
}

// ---------------------------------------------------------------- time series

export interface GetTimeSeriesParams extends UsageQuery, WithSignal {
  bucket: Bucket
  metrics: Metric[]
  groupBy?: Dimension
  /** Top-N groups (ranked by the first metric over the whole range, ties by key); the rest fold into `__other__`. */
  limit?: number
}

export interface TimeBucket {
  start: string
  end: string
  /** The bucket reaches outside the range or past now (still in progress). */
  partial?: boolean
}

export interface Series {
  key: string
  label: string
  /** `values[metric][i]` is the value for bucket `i`. */
  values: Record<string, (number | null)[]>
}

export interface TimeSeriesResult {
  buckets: TimeBucket[]
  /** Without `groupBy` one series with key `total`. */
  series: Series[]
}

// ---------------------------------------------------------------- breakdown

export interface GetBreakdownParams extends UsageQuery, WithSignal {
  groupBy: Dimension
  metrics: Metric[]
  /** Default: the first metric, descending; ties by key ascending. */
  sort?: { metric: Metric; direction: SortDirection }
  /** Case-insensitive substring of the label, secondary line (email) or team. */
  search?: string
  limit?: number
  offset?: number
  /** A per-row trend aligned with `bucketBoundaries(range, trend.bucket, timeZone)`. */
  trend?: { bucket: Bucket; metric: Metric }
}

export interface BreakdownRow {
  key: string
  label: string
  /** A second line, e.g. the user's email. */
  secondary?: string
  /** The user's team (in `user` breakdowns). */
  team?: string
  /** At most three models, most requests first. */
  models?: string[]
  /** How many distinct models the group used (for "+N"). */
  modelCount?: number
  metrics: MetricValues
  trend?: (number | null)[]
}

export interface BreakdownResult {
  rows: BreakdownRow[]
  /** Groups that match (after `search`), before `offset`/`limit`. */
  total: number
}

// ---------------------------------------------------------------- requests

export type RequestStatus = 'success' | 'error'

export interface ListRequestsParams extends UsageQuery, WithSignal {
  /** Opaque; from the previous page of the same query. `null`/absent for the first page. */
  cursor?: string | null
  pageSize: number
  /** Case-insensitive substring of request id, user name or email, model, application or tag. */
  search?: string
}

export interface RequestSummary {
  id: string
  timestamp: string
  status: RequestStatus
  /** Absent when the request was made without a user (an empty or NULL user in the log). */
  userId?: string
  /** The user's display name; absent without a user (show the id when a backend keeps no names). */
  userName?: string
  userEmail?: string
  team?: string
  /** Already redacted, e.g. `sk-…3f9a` or the key's name. */
  apiKey?: string
  application?: string
  agent?: string
  customer?: string
  provider: string
  model: string
  inputTokens: number
  cachedInputTokens: number
  outputTokens: number
  totalTokens: number
  cost: number
  latencyMs: number
  ttftMs?: number | null
  tags: string[]
  /** For failed requests, what went wrong. */
  errorMessage?: string
}

export interface RequestPage {
  /** Newest first (timestamp desc, id desc). */
  items: RequestSummary[]
  nextCursor: string | null
}

export interface GetRequestParams extends WithSignal {
  id: string
  /**
   * Only a request these filters match is found (the HTTP handler passes the caller's scope here);
   * one they do not match is a `NotFoundError`, exactly as an unknown id, so the two cannot be told apart.
   */
  filters?: Filters
  /**
   * Default true. `false`: the caller may not see content, so prompts, responses and messages are
   * not read at all (the answer has `request: null`, `response: null`, `messages: []`).
   */
  content?: boolean
}

/**
 * One line of a request's cost. `amount` is what was charged, as recorded (exact to 1e-9 of the
 * currency unit); the optional `quantity`, `unit` and `rate` say how it came about, for the drawer's
 * "12,400 tokens × $3.00 / 1M". They describe the line, they do not define it: `amount` is never
 * recomputed from them (a backend may round, discount or bill minimums).
 */
export interface CostComponent {
  label: string
  amount: number
  /** How many units were charged for (12400). Non-negative; fractions allowed (GB-hours, seconds). */
  quantity?: number
  /** What `quantity` counts, as the backend names it, plural ("tokens", "images", "seconds"). Needs `quantity`. */
  unit?: string
  /**
   * The price of one million units, in the capabilities' currency, exact to 1e-9 (3 for $3.00 per 1M
   * tokens). Per million, not per unit: $0.0375 per 1M is exact at nano precision, per token it is not.
   * Needs `quantity`.
   */
  rate?: number
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool' | (string & {})
  content: string
}

/** Any JSON value: gateway metadata is often nested (headers, retry lists, routing decisions). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** A metadata value: a string, number, boolean, null, or nested JSON. */
export type MetadataValue = JsonValue

export interface RequestDetail extends RequestSummary {
  /** What the backend logged; absent when it keeps no such field (nothing is invented). */
  callType?: string
  modelId?: string
  apiBase?: string | null
  /** Already redacted, e.g. `203.0.113.xxx`. */
  ip?: string | null
  overheadMs?: number | null
  /** Absent when the backend does not record retries. */
  retries?: number
  /** The gateway answered from its own cache (not prompt caching); absent when the backend does not record it. */
  cacheHit?: boolean
  startTime: string
  endTime: string
  /** Empty when the backend itemises nothing; otherwise adds up to `cost` (to 1e-9 of the currency unit). */
  costBreakdown: CostComponent[]
  /** The raw request payload; `null` when content is hidden or not kept. */
  request: unknown
  /** The raw response payload; `null` when content is hidden or not kept. */
  response: unknown
  /** System, user and assistant turns; empty when content is hidden. */
  messages: ChatMessage[]
  metadata: Record<string, MetadataValue>
}

// ---------------------------------------------------------------- dimension values

export interface GetDimensionValuesParams extends UsageQuery, WithSignal {
  dimension: Dimension
  search?: string
  limit?: number
}

export interface DimensionValue {
  key: string
  label: string
  secondary?: string
  /** Requests in the range (for ordering and display). */
  count?: number
}

// ---------------------------------------------------------------- the adapter

/**
 * The one interface a host implements to feed usagekit. Every method takes one params object
 * (with an optional AbortSignal) and resolves to one result type. See docs/adapter.md.
 */
export interface UsageAdapter {
  getCapabilities(params?: GetCapabilitiesParams): Promise<AdapterCapabilities>
  getSummary(params: GetSummaryParams): Promise<SummaryResult>
  getTimeSeries(params: GetTimeSeriesParams): Promise<TimeSeriesResult>
  getBreakdown(params: GetBreakdownParams): Promise<BreakdownResult>
  listRequests(params: ListRequestsParams): Promise<RequestPage>
  getRequest(params: GetRequestParams): Promise<RequestDetail>
  getDimensionValues(params: GetDimensionValuesParams): Promise<DimensionValue[]>
}

export type AdapterMethod = keyof UsageAdapter

// ---------------------------------------------------------------- raw records

/**
 * One LLM call as a backend logs it: the input of the memory adapter and the fixtures,
 * and the shape the conformance kit loads into an integrator's backend.
 */
export interface UsageRecord {
  id: string
  /** ISO-8601 instant. */
  timestamp: string
  /** The user; `''` when the call was made without one (it counts under `__none__`, never as an active user). */
  userId: string
  /** Display name; without it the user is shown by id. */
  userName?: string | null
  userEmail?: string | null
  team: string | null
  /** The key's id (never the secret). */
  apiKey: string | null
  /** Display name of the key, shown instead of the id. */
  apiKeyName?: string | null
  tags: string[]
  application: string | null
  agent: string | null
  /** The host's own end customer the call was made for (LiteLLM's `end_user`). */
  customer?: string | null
  provider: string
  model: string
  status: RequestStatus
  /** The gateway answered from its own cache, without calling the provider (not prompt caching). */
  cacheHit?: boolean | null
  inputTokens: number
  /** Part of `inputTokens` served from the provider's prompt cache. */
  cachedInputTokens: number
  outputTokens: number
  /** In the adapter's currency. */
  cost: number
  latencyMs: number
  ttftMs: number | null
  // Optional detail, shown in the request drawer.
  callType?: string
  modelId?: string
  apiBase?: string | null
  ip?: string | null
  overheadMs?: number | null
  retries?: number
  costBreakdown?: CostComponent[]
  errorMessage?: string | null
  systemPrompt?: string | null
  prompt?: string | null
  completion?: string | null
  request?: unknown
  response?: unknown
  metadata?: Record<string, MetadataValue>
}

/**
 * An allocation, not a request (seed 002): `quantity` of `meter` over [start, end), spread
 * pro rata over the buckets the interval covers. Instant events (threads, messages) have start = end.
 * Storage GB-hours are size × lifetime.
 */
export interface MeterRecord {
  meter: string
  agent?: string | null
  user?: string | null
  team?: string | null
  start: string
  end: string
  quantity: number
}
