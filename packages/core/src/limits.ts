import type { AdapterCapabilities } from './types'

/**
 * How much work one query may ask for. An adapter announces them in `getCapabilities().limits`
 * (any it leaves out take these defaults); `parseParams` (and so the HTTP handler, before any
 * adapter call, and the bundled adapters) refuses a query above one with an `InvalidQueryError`
 * naming the field, which the handler answers as 413.
 */
export interface UsageLimits {
  /** Longest range accepted, in days; `null` for no limit. */
  maxRangeDays: number | null
  /** Largest `pageSize` of `listRequests`. */
  maxPageSize: number
  /** Values in one dimension's filter. */
  maxFilterValues: number
  /** Filter values over all dimensions together. */
  maxFilterValuesTotal: number
  /** Buckets of one time series (the UI asks for at most 200, or 288 for a day in 5-minute buckets). */
  maxBuckets: number
  /** Cells of one time series: (groups + Other + none) × buckets × metrics. */
  maxCells: number
  /** Groups of a grouped time series: a larger `limit` is refused, and a grouped series without `limit` answers the top this many. */
  maxSeries: number
  /** Buckets of a breakdown's per-row trend. */
  maxTrendBuckets: number
  /** Rows of one breakdown answer (`limit`; the breakdown table loads up to 50,000 and sorts them in the browser). */
  maxBreakdownRows: number
  /** Values of one `getDimensionValues` answer (`limit`). */
  maxDimensionValues: number
  /** Characters of a `search` text. */
  maxSearchLength: number
  /** Characters of one filter value or request id. */
  maxValueLength: number
}

export const DEFAULT_LIMITS: Readonly<UsageLimits> = Object.freeze({
  maxRangeDays: null,
  maxPageSize: 500,
  maxFilterValues: 100,
  maxFilterValuesTotal: 200,
  maxBuckets: 1_000,
  maxCells: 100_000,
  maxSeries: 50,
  maxTrendBuckets: 300,
  maxBreakdownRows: 50_000,
  maxDimensionValues: 1_000,
  maxSearchLength: 200,
  maxValueLength: 512,
})

/** The limits in effect for an adapter: its own, and the defaults for any it leaves out. */
export function resolveLimits(limits: AdapterCapabilities['limits'] | undefined): UsageLimits {
  const out = { ...DEFAULT_LIMITS } as UsageLimits
  if (!limits) return out
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof UsageLimits)[]) {
    const value = limits[key]
    if (value === null && key === 'maxRangeDays') out.maxRangeDays = null
    else if (typeof value === 'number' && Number.isFinite(value) && value > 0) (out as unknown as Record<string, number>)[key] = value
  }
  return out
}

/** What an adapter factory takes to set its limits: `limits`, and the older `maxPageSize` / `maxRangeDays` options. */
export interface LimitOptions {
  limits?: Partial<UsageLimits>
  maxPageSize?: number
  maxRangeDays?: number | null
}

/**
 * The limits an adapter created with `options` announces and enforces: `options.limits` over the
 * older `maxPageSize` / `maxRangeDays` options over `DEFAULT_LIMITS`. A bad value is a `TypeError`
 * naming it (`where` names the factory), at creation rather than on the first query.
 */
export function limitsFromOptions(options: LimitOptions, where: string): UsageLimits {
  const given: Partial<UsageLimits> = {}
  if (options.maxPageSize !== undefined) given.maxPageSize = options.maxPageSize
  if (options.maxRangeDays !== undefined) given.maxRangeDays = options.maxRangeDays
  if (options.limits !== undefined && (typeof options.limits !== 'object' || options.limits === null)) {
    throw new TypeError(`${where}: limits must be an object of limits (see DEFAULT_LIMITS).`)
  }
  Object.assign(given, options.limits)
  const out = { ...DEFAULT_LIMITS } as UsageLimits
  for (const [key, value] of Object.entries(given) as [keyof UsageLimits, unknown][]) {
    if (value === undefined) continue
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_LIMITS, key)) {
      throw new TypeError(`${where}: limits.${key} is not a limit; use ${Object.keys(DEFAULT_LIMITS).join(', ')}.`)
    }
    if (key === 'maxRangeDays' && value === null) out.maxRangeDays = null
    else if (key === 'maxRangeDays' ? typeof value === 'number' && Number.isFinite(value) && value > 0 : Number.isSafeInteger(value) && (value as number) > 0) {
      ;(out as unknown as Record<string, number>)[key] = value as number
    } else {
      throw new TypeError(`${where}: limits.${key} must be ${key === 'maxRangeDays' ? 'a positive number of days or null' : 'a whole number ≥ 1'}, got ${String(value)}.`)
    }
  }
  return out
}
