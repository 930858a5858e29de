// The contract
export type {
  AdapterCapabilities,
  AdapterMethod,
  BreakdownResult,
  BreakdownRow,
  Bucket,
  ChatMessage,
  CostComponent,
  DimensionValue,
  Filters,
  GetBreakdownParams,
  GetCapabilitiesParams,
  GetDimensionValuesParams,
  GetRequestParams,
  GetSummaryParams,
  GetTimeSeriesParams,
  JsonValue,
  ListRequestsParams,
  MetadataValue,
  MeterRecord,
  MetricValues,
  RequestDetail,
  RequestPage,
  RequestStatus,
  RequestSummary,
  Series,
  SortDirection,
  SummaryResult,
  TimeBucket,
  TimeRange,
  TimeSeriesResult,
  UsageAdapter,
  UsageQuery,
  UsageRecord,
  WithSignal,
} from './types'

// The contract's methods, the limits of a query, and the params check of each method
export { ADAPTER_METHODS, callAdapter, mapAdapter } from './adapterMethods'
export type { AdapterCall, AdapterParams, AdapterResult } from './adapterMethods'
export { DEFAULT_LIMITS, limitsFromOptions, resolveLimits } from './limits'
export type { LimitOptions, UsageLimits } from './limits'
export { PARAMS_PARSERS, parseParams } from './parseParams'
export type { ParsedParams } from './parseParams'
export { withTimeout } from './withTimeout'

// Dimensions and metrics
export { DIMENSIONS, DIMENSION_LABELS, NONE_KEY, NONE_LABEL, OTHER_KEY, OTHER_LABEL, isDimension } from './dimensions'
export type { Dimension } from './dimensions'
export { FIELD_CAPABILITIES, OPTIONAL_RECORD_FIELDS, capabilitiesWithout, isOptionalRecordField, withoutRecordFields } from './recordFields'
export type { OptionalRecordField } from './recordFields'
export {
  METER_METRICS,
  PRICED_METRICS,
  RATIO_METRICS,
  STANDARD_METRICS,
  deriveMetricSeries,
  deriveMetricValues,
  expandMetrics,
  getMetricDefinition,
  isRatioMetric,
  metricDelta,
  ratioValue,
} from './metrics'
export type {
  AggregationKind,
  DeltaTone,
  MeterMetric,
  Metric,
  MetricDefinition,
  MetricDelta,
  MetricSentiment,
  MetricUnit,
  PricedMetric,
  RatioMetric,
  StandardMetric,
} from './metrics'

// Errors
export {
  AdapterResponseError,
  InvalidQueryError,
  NotFoundError,
  TimeoutError,
  UsageKitError,
  isAdapterResponseError,
  isInvalidQueryError,
  isNotFoundError,
  isTimeoutError,
  isUsageKitError,
} from './errors'
export type { UsageKitErrorCode } from './errors'

// Time
export { BUCKETS, MAX_BUCKETS, NOMINAL_BUCKET_MS, bucketBoundaries, bucketEdges, bucketStart, isBucket, nextBucketStart } from './bucketBoundaries'
export type { BucketBoundaryOptions } from './bucketBoundaries'
export {
  MAX_CHART_BUCKETS,
  PRESET_BUCKETS,
  PRESET_LABELS,
  TIME_RANGE_PRESETS,
  localDateStart,
  pickBucket,
  resolveTimeRange,
  toLocalDate,
} from './timePresets'
export type { LocalDate, ResolvedTimeRange, TimeRangePreset, TimeRangeSelection } from './timePresets'
export { BAR_BAND_PADDING, BAR_GROUP_PADDING, MIN_BAR_PX, MIN_POINT_PX, TREND_MIN_DAYS, barWidthPx, chooseChartBucket } from './chartBucket'
export type { ChartBucketOptions } from './chartBucket'
export { SUPPORTED_SPAN, comparedPeriods, parseInstant, parseRange, previousRange, toEpochMs } from './timeRange'
export type { ComparedPeriods } from './timeRange'
export { alignPreviousPeriod, periodChange } from './previousPeriod'
export type { PreviousPeriodPoint } from './previousPeriod'
export type { InstantInput, ParsedRange } from './timeRange'
export { assertTimeZone, isValidTimeZone, localTimeZone, offsetMinutes } from './timeZone'

// Spend control: budgets, forecasts, anomalies
export { budgetPeriod } from './budgetPeriod'
export type { BudgetPeriodKind, UsageBudget } from './budgetPeriod'
export { WEEKDAY_MIN_DAYS, forecastPeriodEnd } from './forecastPeriodEnd'
export type { ForecastOptions, ForecastPathPoint, PeriodForecast } from './forecastPeriodEnd'
export { budgetCrossing } from './budgetCrossing'
export type { BudgetCrossing, BudgetCrossingOptions } from './budgetCrossing'
export { detectAnomalies } from './detectAnomalies'
export type { Anomaly, AnomalySeasonality, DetectAnomaliesOptions } from './detectAnomalies'
export { seriesPoints } from './timePoint'
export type { TimePoint } from './timePoint'

// Money, formatting, redaction
export { NANOS_PER_UNIT, fromNanos, moneyEquals, sumMoney, toDecimalText, toNanos } from './money'
export { cacheSavingsRates, pricePerMillionNanos } from './priceTable'
export type { ModelPrice, PricePerMillion, PriceTable } from './priceTable'
export { cacheSavings, roundMicroNanos } from './cacheSavings'
export {
  EMPTY_VALUE,
  formatBucketLabel,
  formatBucketRange,
  formatCount,
  formatDate,
  formatDateTime,
  formatDeltaPercent,
  formatDuration,
  formatMetricValue,
  formatMoney,
  formatOffset,
  formatPercent,
  formatTimeRange,
  formatTokens,
  tokenUnitLabel,
} from './format'
export type { DateFormatOptions, FormatOptions, MoneyFormatOptions, TokenNotation } from './format'
export { portableDateText } from './portableDateText'
export { redactApiKey, redactIp } from './redact'

// Helpers for adapters that store UsageRecords
export { toRequestDetail, toRequestSummary } from './requestRecord'
export type { RequestDetailOptions } from './requestRecord'
export { decodeCursor, encodeCursor, querySignature } from './keysetCursor'
export type { CursorPosition, CursorQuery } from './keysetCursor'

// Validation
export {
  normalizeNumber,
  validateBreakdown,
  validateCapabilities,
  validateDimensionValues,
  validateRequestDetail,
  validateRequestPage,
  validateSummary,
  validateTimeSeries,
  validateResult,
  RESULT_VALIDATORS,
  withValidation,
} from './validateResult'
export {
  MAX_METRICS,
  MAX_OFFSET,
  assertBreakdownQuery,
  assertBucket,
  assertDimension,
  assertDimensionValuesQuery,
  assertGetRequestQuery,
  assertListRequestsQuery,
  assertRequestId,
  assertSearch,
  assertText,
  countBuckets,
  assertMetric,
  assertMetrics,
  assertOptionalInteger,
  assertPageSize,
  assertTimeSeriesQuery,
  assertValidFilters,
  assertValidQuery,
  summaryNow,
  supportsMetric,
} from './validateQuery'
export type { FilterCheckOptions } from './validateQuery'
