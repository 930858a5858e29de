import {
  NONE_KEY,
  type ChatMessage,
  type CostComponent,
  type Dimension,
  type DimensionValue,
  type Filters,
  type MetadataValue,
  type RequestDetail,
  type RequestSummary,
  isDimension,
} from '@usagekit/core'

/**
 * What one caller may see, decided by the host's `authorize(request)`: filters forced onto every
 * query (a team lead: `{ team: ['Research'] }`; a member: `{ user: ['u_0042'] }`) and whether
 * prompts, responses, messages and metadata may leave the server. A client's own filters can narrow
 * a scope, never widen it. `{}` is everything (an admin).
 */
export interface UsageScope {
  /**
   * Forced on every route. An empty list (`{ team: [] }`: a user in no team) matches nothing, and so
   * does a client filter that shares no value with the scope. These values are the host's: they
   * are not counted against the adapter's filter limits by the handler.
   */
  filters?: Filters
  /** Default true. `false`: request and response are `null`, messages `[]`, metadata only `metadataKeys`. */
  requestContent?: boolean
  /**
   * Metadata keys a caller without content permission may still see (e.g. `['region', 'retryOf']`).
   * Default none: metadata counts as content (on gateways it carries headers).
   */
  metadataKeys?: string[]
}

/**
 * A filter value no record carries, for a scope that allows nothing: an empty scope list, or an
 * empty intersection with the client's filters, must match nothing, never everything. Printable and
 * without NUL, so every engine can bind it as text (PostgreSQL refuses NUL in text).
 */
export const MATCH_NOTHING = '__usagekit_match_nothing__'

/** Thrown for a scope `authorize` returned that is not a `UsageScope`: the host's mistake, answered 500. */
export class InvalidScopeError extends Error {
  constructor(message: string) {
    super(`authorize returned an invalid scope: ${message}`)
    this.name = 'InvalidScopeError'
  }
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string')

/**
 * Checks what `authorize` returned and copies it: filters on known dimensions with lists of strings,
 * a boolean `requestContent`, a list of `metadataKeys`. Anything else fails closed (an
 * `InvalidScopeError`, which the handler answers as 500 and reports through `onError`).
 */
export function normalizeScope(scope: unknown): UsageScope {
  if (typeof scope !== 'object' || scope === null || Array.isArray(scope)) throw new InvalidScopeError('not an object.')
  const { filters, requestContent, metadataKeys } = scope as Record<string, unknown>
  const out: UsageScope = {}
  if (filters !== undefined) {
    if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) throw new InvalidScopeError('filters must be an object of dimension → string[].')
    const copy: Filters = {}
    for (const [dimension, values] of Object.entries(filters)) {
      if (values === undefined) continue
      if (!isDimension(dimension)) throw new InvalidScopeError(`filters.${dimension} is not a dimension.`)
      if (!isStringArray(values)) throw new InvalidScopeError(`filters.${dimension} must be an array of strings.`)
      copy[dimension] = [...values]
    }
    out.filters = copy
  }
  if (requestContent !== undefined) {
    if (typeof requestContent !== 'boolean') throw new InvalidScopeError('requestContent must be true or false.')
    out.requestContent = requestContent
  }
  if (metadataKeys !== undefined) {
    if (!isStringArray(metadataKeys)) throw new InvalidScopeError('metadataKeys must be an array of strings.')
    out.metadataKeys = [...metadataKeys]
  }
  return out
}

/**
 * The client's filters narrowed to the scope: on every scoped dimension, the client's values that
 * the scope allows (or all the scope allows when the client asked for none). An empty scope list
 * or an empty intersection becomes `[MATCH_NOTHING]`: it matches nothing.
 */
export function scopeFilters(requested: Filters | undefined, scope: UsageScope): Filters | undefined {
  const out: Filters = {}
  for (const [dimension, values] of Object.entries(requested ?? {}) as [Dimension, string[] | undefined][]) {
    if (values !== undefined) out[dimension] = values
  }
  for (const [dimension, allowed] of Object.entries(scope.filters ?? {}) as [Dimension, string[] | undefined][]) {
    if (!allowed) continue
    if (allowed.length === 0) {
      out[dimension] = [MATCH_NOTHING]
      continue
    }
    const asked = out[dimension]
    if (!asked || asked.length === 0) out[dimension] = [...allowed]
    else {
      const allowedSet = new Set(allowed)
      const both = asked.filter((value) => allowedSet.has(value))
      out[dimension] = both.length ? both : [MATCH_NOTHING]
    }
  }
  return Object.keys(out).length ? out : undefined
}

/** Params with their filters narrowed to the scope (and no `filters` key when nothing filters). */
export function withScopeFilters<P extends { filters?: Filters }>(params: P, scope: UsageScope): P {
  const { filters: asked, ...rest } = params
  const filters = scopeFilters(asked, scope)
  return (filters ? { ...rest, filters } : rest) as P
}

/** Values of a dimension the scope restricts are cut to what it allows (adapters ignore a dimension's own filter there); an empty list allows none. */
export function scopeDimensionValues(dimension: Dimension, values: DimensionValue[], scope: UsageScope): DimensionValue[] {
  const allowed = scope.filters?.[dimension]
  if (!allowed) return values
  const allowedSet = new Set(allowed)
  return values.filter((value) => allowedSet.has(value.key))
}

/** A request's values for a dimension, read from its summary fields; `null` where the summary cannot tell (an API key is shown redacted). */
function summaryValues(summary: RequestSummary, dimension: Dimension): string[] | null {
  const one = (value: unknown) => [typeof value === 'string' && value !== '' ? value : NONE_KEY]
  switch (dimension) {
    case 'user':
      return one(summary.userId)
    case 'team':
      return one(summary.team)
    case 'model':
      return one(summary.model)
    case 'provider':
      return one(summary.provider)
    case 'application':
      return one(summary.application)
    case 'agent':
      return one(summary.agent)
    case 'consumer':
      return one(summary.agent || summary.userId)
    case 'status':
      return one(summary.status)
    case 'customer':
      return one(summary.customer)
    case 'tag':
      return Array.isArray(summary.tags) && summary.tags.length ? summary.tags.map(String) : [NONE_KEY]
    case 'apiKey':
      return null
  }
}

/**
 * Whether a request the adapter returned matches the filters it was asked with (OR within a
 * dimension, AND across; an empty list is no filter). The handler's second line behind an adapter
 * that does not yet honour `getRequest({ filters })`: it reads nothing more, it only refuses to pass
 * on a request outside the scope. `apiKey` cannot be checked (the detail shows it redacted).
 */
export function requestMatchesFilters(summary: RequestSummary, filters: Filters | undefined): boolean {
  for (const [dimension, wanted] of Object.entries(filters ?? {}) as [Dimension, string[] | undefined][]) {
    if (!wanted || wanted.length === 0) continue
    const values = summaryValues(summary, dimension)
    if (values && !values.some((value) => wanted.includes(value))) return false
  }
  return true
}

// ------------------------------------------------------------------ the request detail, field by field

/** Every field of `RequestSummary`: what the handler copies from an adapter's answer, and nothing else. */
const SUMMARY_FIELDS = [
  'id',
  'timestamp',
  'status',
  'userId',
  'userName',
  'userEmail',
  'team',
  'apiKey',
  'application',
  'agent',
  'customer',
  'provider',
  'model',
  'inputTokens',
  'cachedInputTokens',
  'outputTokens',
  'totalTokens',
  'cost',
  'latencyMs',
  'ttftMs',
  'tags',
  'errorMessage',
] as const satisfies readonly (keyof RequestSummary)[]

/** The non-content fields `RequestDetail` adds (costBreakdown and the content fields are copied by hand). */
const DETAIL_FIELDS = ['callType', 'modelId', 'apiBase', 'ip', 'overheadMs', 'retries', 'cacheHit', 'startTime', 'endTime'] as const satisfies readonly (keyof RequestDetail)[]
const CONTENT_FIELDS = ['costBreakdown', 'request', 'response', 'messages', 'metadata'] as const satisfies readonly (keyof RequestDetail)[]

// Compile-time checks that the lists name every field of the contract: a new field is a compile
// error here until someone decides whether it is content.
type Listed = (typeof SUMMARY_FIELDS)[number] | (typeof DETAIL_FIELDS)[number] | (typeof CONTENT_FIELDS)[number]
type Unlisted = Exclude<keyof RequestDetail, Listed>
const everyFieldListed: Unlisted extends never ? true : Unlisted = true
void everyFieldListed

function copyFields<K extends string>(from: Record<string, unknown>, fields: readonly K[], into: Record<string, unknown>): void {
  for (const field of fields) {
    const value = from[field]
    if (value === undefined) continue
    into[field] = Array.isArray(value) ? [...value] : value
  }
}

const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {})

/**
 * A request as the log shows it, built from the contract's summary fields only: whatever else a
 * custom adapter puts on its rows (a `prompt`, a `systemPrompt`, …) never reaches the caller.
 */
export function scopeRequestSummary(summary: RequestSummary): RequestSummary {
  const out: Record<string, unknown> = {}
  copyFields(asRecord(summary), SUMMARY_FIELDS, out)
  return out as unknown as RequestSummary
}

/**
 * A request detail built from the contract's known fields only (an allow-list: extra fields of a
 * custom adapter never leak). With `content` false, `request` and `response` are `null`,
 * `messages` is `[]`, and `metadata` keeps only the scope's `metadataKeys`.
 */
export function scopeRequestDetail(detail: RequestDetail, scope: UsageScope, content = scope.requestContent !== false): RequestDetail {
  const from = asRecord(detail)
  const out: Record<string, unknown> = {}
  copyFields(from, SUMMARY_FIELDS, out)
  copyFields(from, DETAIL_FIELDS, out)
  out.costBreakdown = Array.isArray(from.costBreakdown)
    ? from.costBreakdown.map((line): CostComponent => {
        const { label, amount, quantity, unit, rate } = asRecord(line)
        // How the line came about, when the adapter says so (the contract's optional fields, nothing else).
        const out = { label, amount } as CostComponent
        if (quantity !== undefined) out.quantity = quantity as number
        if (unit !== undefined) out.unit = unit as string
        if (rate !== undefined) out.rate = rate as number
        return out
      })
    : from.costBreakdown
  const metadata = asRecord(from.metadata)
  if (content) {
    out.request = from.request ?? null
    out.response = from.response ?? null
    out.messages = Array.isArray(from.messages)
      ? from.messages.map((message): ChatMessage => {
          const { role, content: text } = asRecord(message)
          return { role, content: text } as ChatMessage
        })
      : []
    out.metadata = Object.fromEntries(Object.entries(metadata))
  } else {
    out.request = null
    out.response = null
    out.messages = []
    // Object.fromEntries defines keys (a key named __proto__ stays a key, never a prototype).
    const allowed = new Set(scope.metadataKeys ?? [])
    out.metadata = Object.fromEntries(Object.entries(metadata).filter(([key]) => allowed.has(key))) as Record<string, MetadataValue>
  }
  return out as unknown as RequestDetail
}
