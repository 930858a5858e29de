import type { Dimension, DimensionValue, Filters, RequestDetail } from '@usagekit/core'

/**
 * What one caller may see, decided by the host's `authorize(request)`: filters forced onto every
 * query (a team lead: `{ team: ['Research'] }`; a member: `{ user: ['u_0042'] }`) and whether
 * prompts and responses may leave the server. A client's own filters can narrow a scope, never widen it.
 */
export interface UsageScope {
  filters?: Filters
  /** Default true. */
  requestContent?: boolean
}

/** A filter value no record carries: an intersection that is empty must match nothing, not everything. */
export const MATCH_NOTHING = '\u0000usagekit:nothing'

/**
 * The client's filters narrowed to the scope: on every scoped dimension, the client's values that
 * the scope allows (or all the scope allows when the client asked for none).
 */
export function scopeFilters(requested: Filters | undefined, scope: UsageScope): Filters | undefined {
  const forced = scope.filters ?? {}
  const out: Filters = { ...(requested ?? {}) }
  for (const [dimension, allowed] of Object.entries(forced) as [Dimension, string[] | undefined][]) {
    if (!allowed) continue
    const asked = out[dimension]
    if (!asked || asked.length === 0) out[dimension] = [...allowed]
    else {
      const both = asked.filter((value) => allowed.includes(value))
      out[dimension] = both.length ? both : [MATCH_NOTHING]
    }
  }
  return Object.keys(out).length ? out : undefined
}

/** Values of a dimension the scope restricts are cut to what it allows (adapters ignore a dimension's own filter there). */
export function scopeDimensionValues(dimension: Dimension, values: DimensionValue[], scope: UsageScope): DimensionValue[] {
  const allowed = scope.filters?.[dimension]
  return allowed ? values.filter((value) => allowed.includes(value.key)) : values
}

/** Prompts, responses and messages removed when the scope forbids content. */
export function scopeRequestDetail(detail: RequestDetail, scope: UsageScope): RequestDetail {
  if (scope.requestContent !== false) return detail
  return { ...detail, request: null, response: null, messages: [] }
}
