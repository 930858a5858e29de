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
