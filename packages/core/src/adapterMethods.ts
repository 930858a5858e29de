import type {
  AdapterCapabilities,
  AdapterMethod,
  BreakdownResult,
  DimensionValue,
  GetBreakdownParams,
  GetCapabilitiesParams,
  GetDimensionValuesParams,
  GetRequestParams,
  GetSummaryParams,
  GetTimeSeriesParams,
  ListRequestsParams,
  RequestDetail,
  RequestPage,
  SummaryResult,
  TimeSeriesResult,
  UsageAdapter,
} from './types'

export type { AdapterMethod }

/**
 * The contract's seven methods, in one place. Every wrapper (validation, time budget, lazy
 * validation, the HTTP client, the test adapter) and the HTTP handler's routing are built from this
 * list and from tables keyed by it (`HTTP_ROUTES`, `PARAMS_PARSERS`, `RESULT_VALIDATORS`), so a new
 * method is added here and the compiler names every table that lacks it.
 */
export const ADAPTER_METHODS = [
  'getCapabilities',
  'getSummary',
  'getTimeSeries',
  'getBreakdown',
  'listRequests',
  'getRequest',
  'getDimensionValues',
] as const satisfies readonly AdapterMethod[]

// A compile-time check that the list holds every method of UsageAdapter.
type Missing = Exclude<AdapterMethod, (typeof ADAPTER_METHODS)[number]>
const everyMethodListed: Missing extends never ? true : Missing = true
void everyMethodListed

/** Each method's one params object. */
export interface AdapterParamsMap {
  getCapabilities: GetCapabilitiesParams
  getSummary: GetSummaryParams
  getTimeSeries: GetTimeSeriesParams
  getBreakdown: GetBreakdownParams
  listRequests: ListRequestsParams
  getRequest: GetRequestParams
  getDimensionValues: GetDimensionValuesParams
}

/** What each method resolves to. */
export interface AdapterResultMap {
  getCapabilities: AdapterCapabilities
  getSummary: SummaryResult
  getTimeSeries: TimeSeriesResult
  getBreakdown: BreakdownResult
  listRequests: RequestPage
  getRequest: RequestDetail
  getDimensionValues: DimensionValue[]
}

// Compile-time checks that the two maps say what UsageAdapter says.
type Agrees = { [M in AdapterMethod]: UsageAdapter[M] extends (params: AdapterParamsMap[M]) => Promise<AdapterResultMap[M]> ? true : M }[AdapterMethod]
const mapsAgree: Agrees = true
void mapsAgree

/** The params object of a method (what its one argument is). */
export type AdapterParams<M extends AdapterMethod> = AdapterParamsMap[M]
/** What a method resolves to. */
export type AdapterResult<M extends AdapterMethod> = AdapterResultMap[M]
/** One method as a wrapper sees it: params in, a promise of the result out. */
export type AdapterCall<M extends AdapterMethod> = (params: AdapterParams<M>) => Promise<AdapterResult<M>>

/**
 * An adapter whose every method is `build(method)`. What a wrapper does per method it writes once,
 * generically: `mapAdapter((method) => (params) => …inner[method](params)…)`.
 */
export function mapAdapter(build: <M extends AdapterMethod>(method: M) => AdapterCall<M>): UsageAdapter {
  const adapter = {} as Record<AdapterMethod, unknown>
  for (const method of ADAPTER_METHODS) adapter[method] = build(method)
  return adapter as UsageAdapter
}

/** Calls `adapter[method](params)` with the types of that method. */
export function callAdapter<M extends AdapterMethod>(adapter: UsageAdapter, method: M, params: AdapterParams<M>): Promise<AdapterResult<M>> {
  return (adapter[method] as unknown as AdapterCall<M>).call(adapter, params)
}
