// Provider and state
export { UsageProvider, useIsClient, useUsageConfig, useUsageSelection } from './context/UsageProvider.js'
export type {
  UsageConfig,
  UsageDensity,
  UsagePermissions,
  UsageProviderProps,
  UsageSelectionState,
  UsageTheme,
} from './context/UsageProvider.js'
export { USAGE_VIEWS, selectionFromSearch, selectionToSearch } from './state/urlState.js'
export { AdapterTimeoutError, withTimeout } from './context/withTimeout.js'
export type { UsageSelection, UsageView } from './state/urlState.js'

// Cross-filter and drill-down (docs/components.md, "Gestures")
export { toggleFilterValue, useCrossFilter } from './context/crossFilter.js'
export type { CrossFilter, UsageSelectEvent, UsageSelectHandler, UsageSelectSource, UsageSelectTarget } from './context/crossFilter.js'
export { useRequestDrillDown } from './context/requestDrillDown.js'
export type { RequestDrillDown, ViewRequestsRequest } from './context/requestDrillDown.js'

// Messages (UI strings)
export { enMessages, isMessageKey } from './i18n/enMessages.js'
export type { MessageSource, PluralMessage, UsageMessageKey, UsageMessages } from './i18n/enMessages.js'
export { formatMessage } from './i18n/formatMessage.js'
export type { MessageValues } from './i18n/formatMessage.js'
export { useMessages } from './i18n/useMessages.js'
export type { Translate } from './i18n/useMessages.js'
export { loadMessages } from './i18n/loadMessages.js'
export { CATALOG_LOCALES, matchCatalogLocale } from './i18n/catalogLocale.js'
export type { CatalogLocale } from './i18n/catalogLocale.js'

// Hooks
export { useBreakdown } from './hooks/useBreakdown.js'
export type { UseBreakdownOptions } from './hooks/useBreakdown.js'
export { useCapabilities, useSupport } from './hooks/useCapabilities.js'
export type { UsageSupport } from './hooks/useCapabilities.js'
export { useDimensionValues } from './hooks/useDimensionValues.js'
export { useFormat } from './hooks/useFormat.js'
export type { UsageFormat } from './hooks/useFormat.js'
export { useLiveRefresh } from './hooks/useLiveRefresh.js'
export { useRequest } from './hooks/useRequest.js'
export { useRequests } from './hooks/useRequests.js'
export { useSummary } from './hooks/useSummary.js'
export type { UseSummaryOptions } from './hooks/useSummary.js'
export { coarsenBucket, useTimeSeries } from './hooks/useTimeSeries.js'
export type { UseTimeSeriesOptions } from './hooks/useTimeSeries.js'
export { useUsageQuery } from './hooks/useUsageQuery.js'
export { useView } from './hooks/useView.js'
export type { ResolvedUsageQuery } from './hooks/useUsageQuery.js'
export { usageQueryKey } from './hooks/usageQueryKey.js'

// Components
export { Card } from './components/Card.js'
export type { CardProps } from './components/Card.js'
export { KpiCard } from './components/KpiCard.js'
export type { KpiCardProps, KpiDelta } from './components/KpiCard.js'
export { KpiGrid } from './components/KpiGrid.js'
export type { KpiGridProps } from './components/KpiGrid.js'
export { kpiPresets } from './components/kpiPresets.js'
export type { KpiPreset, KpiSpec } from './components/kpiPresets.js'
export { UsageRoot } from './components/UsageRoot.js'
export { PortalRoot } from './components/PortalRoot.js'
export { EmptyState, ErrorState, Skeleton } from './components/WidgetState.js'
export type { EmptyStateProps, ErrorStateProps, SkeletonProps } from './components/WidgetState.js'
export { UsageErrorBoundary } from './components/UsageErrorBoundary.js'
export type { UsageErrorBoundaryProps } from './components/UsageErrorBoundary.js'
export { MAX_SERIES, SERIES_PALETTE_SIZE, createSeriesColorRegistry, createSeriesColors, seriesColor, seriesSlot } from './components/seriesColor.js'
export type { SeriesColorRegistry, SeriesColors } from './components/seriesColor.js'
export { useRankedSeriesColors, useSeriesColor, useSeriesColors } from './hooks/useSeriesColors.js'

// Charts
export { ActivityChart } from './charts/ActivityChart.js'
export type { ActivityChartProps } from './charts/ActivityChart.js'
export { BarList } from './charts/BarList.js'
export type { BarListProps } from './charts/BarList.js'
export { SpendChart } from './charts/SpendChart.js'
export type { SpendChartProps } from './charts/SpendChart.js'
export { TimeChart } from './charts/TimeChart.js'
export type { ChartSeries, PreviousPeriodOverlay, TimeChartProps } from './charts/TimeChart.js'
export { TokensChart } from './charts/TokensChart.js'
export type { TokensChartProps } from './charts/TokensChart.js'
export { TrendChart } from './charts/TrendChart.js'
export type { TrendChartProps, TrendMeasure } from './charts/TrendChart.js'
export { UsageChart } from './charts/UsageChart.js'
export type { UsageChartProps } from './charts/UsageChart.js'

// Tables and requests
export { BreakdownTable, CLIENT_ROW_LIMIT } from './table/BreakdownTable.js'
export type { BreakdownTableProps } from './table/BreakdownTable.js'
export { breakdownColumns, breakdownCsvColumnsFor } from './table/breakdownColumns.js'
export type { BreakdownCardRole, BreakdownColumn, BreakdownColumnContext, BreakdownColumnDef, BreakdownCsvColumn } from './table/breakdownColumns.js'
export { Sparkline } from './table/Sparkline.js'
export type { SparklineProps } from './table/Sparkline.js'
export { RequestDrawer } from './requests/RequestDrawer.js'
export type { RequestDrawerProps } from './requests/RequestDrawer.js'
export { RequestLog } from './requests/RequestLog.js'
export type { RequestLogProps } from './requests/RequestLog.js'
export { requestCsvColumnsFor, requestLogColumns } from './requests/requestLogColumns.js'
export type { RequestCsvColumn, RequestLogCardRole, RequestLogCellContext, RequestLogColumn, RequestLogColumnDef } from './requests/requestLogColumns.js'

// Controls
export { DimensionFilter } from './controls/DimensionFilter.js'
export type { DimensionFilterProps } from './controls/DimensionFilter.js'
export { ExportButton } from './controls/ExportButton.js'
export type { ExportButtonProps } from './controls/ExportButton.js'
export type { BreakdownExportColumn, RequestExportColumn, RequestExportColumnId } from './controls/runExport.js'
export { FilterBar } from './controls/FilterBar.js'
export type { FilterBarProps } from './controls/FilterBar.js'
export { LiveBanner, LiveToggle } from './controls/LiveToggle.js'
export type { LiveBannerProps, LiveToggleProps } from './controls/LiveToggle.js'
export { RefreshButton } from './controls/RefreshButton.js'
export type { RefreshButtonProps } from './controls/RefreshButton.js'
export { TimeRangePicker } from './controls/TimeRangePicker.js'
export type { TimeRangePickerProps } from './controls/TimeRangePicker.js'
export { ViewToggle } from './controls/ViewToggle.js'
export type { ViewToggleProps } from './controls/ViewToggle.js'

// Page
export { UsagePage } from './page/UsagePage.js'
export type { UsagePageProps } from './page/UsagePage.js'
export { UsagePageFilters, UsagePageHeader, UsagePageHeading, UsagePageRoot, UsagePageToolbar } from './page/UsagePageParts.js'
export type { UsagePageFiltersProps, UsagePageHeadingProps, UsagePageRootProps, UsagePageToolbarProps } from './page/UsagePageParts.js'
export { UsageSection } from './page/UsageSection.js'
export type { UsageSectionId, UsageSectionProps } from './page/UsageSection.js'

// Spend control: budgets, forecast (docs/components.md, "Spend control")
export { applicableBudget, budgetMatchesFilters } from './spend/applicableBudget.js'
export { useBudgets } from './spend/budgetsContext.js'
export { useBudgetForecast } from './spend/useBudgetForecast.js'
export type { BudgetForecast, ForecastStatus, UseBudgetForecastOptions } from './spend/useBudgetForecast.js'
export { ForecastKpi } from './spend/ForecastKpi.js'
export type { ForecastKpiProps } from './spend/ForecastKpi.js'
export { BudgetChart } from './spend/BudgetChart.js'
export type { BudgetChartProps } from './spend/BudgetChart.js'
