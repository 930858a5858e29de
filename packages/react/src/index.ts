// Provider and state
export { UsageProvider, useIsClient, useUsageConfig, useUsageSelection } from './context/UsageProvider'
export type {
  UsageConfig,
  UsageDensity,
  UsagePermissions,
  UsageProviderProps,
  UsageSelectionState,
  UsageTheme,
} from './context/UsageProvider'
export { selectionFromSearch, selectionToSearch } from './state/urlState'
export type { UsageSelection, UsageView } from './state/urlState'

// Hooks
export { useBreakdown } from './hooks/useBreakdown'
export type { UseBreakdownOptions } from './hooks/useBreakdown'
export { useCapabilities } from './hooks/useCapabilities'
export { useDimensionValues } from './hooks/useDimensionValues'
export { useFormat } from './hooks/useFormat'
export type { UsageFormat } from './hooks/useFormat'
export { useLiveRefresh } from './hooks/useLiveRefresh'
export { useRequest } from './hooks/useRequest'
export { useRequests } from './hooks/useRequests'
export { useSummary } from './hooks/useSummary'
export type { UseSummaryOptions } from './hooks/useSummary'
export { coarsenBucket, useTimeSeries } from './hooks/useTimeSeries'
export type { UseTimeSeriesOptions } from './hooks/useTimeSeries'
export { useUsageQuery } from './hooks/useUsageQuery'
export type { ResolvedUsageQuery } from './hooks/useUsageQuery'
export { usageQueryKey } from './hooks/usageQueryKey'

// Components
export { Card } from './components/Card'
export type { CardProps } from './components/Card'
export { KpiCard } from './components/KpiCard'
export type { KpiCardProps, KpiDelta } from './components/KpiCard'
export { KpiGrid } from './components/KpiGrid'
export type { KpiGridProps } from './components/KpiGrid'
export { kpiPresets } from './components/kpiPresets'
export type { KpiPreset, KpiSpec } from './components/kpiPresets'
export { UsageRoot } from './components/UsageRoot'
export { EmptyState, ErrorState, Skeleton } from './components/WidgetState'
export { createSeriesColors, seriesColor, seriesSlot } from './components/seriesColor'
export type { SeriesColors } from './components/seriesColor'

// Charts
export { ActivityChart } from './charts/ActivityChart'
export type { ActivityChartProps } from './charts/ActivityChart'
export { BarList } from './charts/BarList'
export type { BarListProps } from './charts/BarList'
export { SpendChart } from './charts/SpendChart'
export type { SpendChartProps } from './charts/SpendChart'
export { TimeChart } from './charts/TimeChart'
export type { ChartSeries, TimeChartProps } from './charts/TimeChart'
export { TokensChart } from './charts/TokensChart'
export type { TokensChartProps } from './charts/TokensChart'
export { TrendChart } from './charts/TrendChart'
export type { TrendChartProps, TrendMeasure } from './charts/TrendChart'
export { UsageChart } from './charts/UsageChart'
export type { UsageChartProps } from './charts/UsageChart'

// Tables and requests
export { BreakdownTable, CLIENT_ROW_LIMIT } from './table/BreakdownTable'
export type { BreakdownTableProps } from './table/BreakdownTable'
export { Sparkline } from './table/Sparkline'
export type { SparklineProps } from './table/Sparkline'
export { RequestDrawer } from './requests/RequestDrawer'
export type { RequestDrawerProps } from './requests/RequestDrawer'
export { RequestLog, requestCsvColumnsFor, requestLogColumns } from './requests/RequestLog'
export type { RequestLogColumn, RequestLogProps } from './requests/RequestLog'

// Controls
export { DimensionFilter } from './controls/DimensionFilter'
export type { DimensionFilterProps } from './controls/DimensionFilter'
export { ExportButton } from './controls/ExportButton'
export type { ExportButtonProps } from './controls/ExportButton'
export { FilterBar } from './controls/FilterBar'
export type { FilterBarProps } from './controls/FilterBar'
export { LiveBanner, LiveToggle } from './controls/LiveToggle'
export { RefreshButton } from './controls/RefreshButton'
export { TimeRangePicker } from './controls/TimeRangePicker'
export type { TimeRangePickerProps } from './controls/TimeRangePicker'
export { ViewToggle } from './controls/ViewToggle'
export type { ViewToggleProps } from './controls/ViewToggle'

// Page
export { UsagePage } from './page/UsagePage'
export type { UsagePageProps } from './page/UsagePage'
export { UsageSection } from './page/UsageSection'
export type { UsageSectionId, UsageSectionProps } from './page/UsageSection'
