import type { Dimension, Metric } from '@usagekit/core'
import { useMemo } from 'react'
import { MAX_SERIES } from '../components/seriesColor.js'
import { useBreakdown } from './useBreakdown.js'
import { useRankedSeriesColors } from './useSeriesColors.js'

/**
 * Ranks a dimension's keys in the page's colour registry the way a chart of it would — its top
 * groups by `metric` over the page's range and filters, largest first — for widgets that show the
 * dimension only as badges (team badges in the user view). Without it a page that opens on a view with
 * no chart of teams colours the badges by hash until a chart happens to rank them, and they change
 * colour when the reader switches to By team. The first ranking of a dimension wins (docs/design.md,
 * "Series colours"), so when the team chart ranks too the two agree: same metric, same order.
 */
export function useDimensionRanking(dimension: Dimension, metric: Metric, enabled: boolean): void {
  const ranking = useBreakdown({ groupBy: dimension, metrics: [metric], limit: MAX_SERIES, enabled })
  const keys = useMemo(() => (enabled ? (ranking.data?.rows ?? []).map((row) => row.key) : []), [enabled, ranking.data])
  useRankedSeriesColors(enabled ? dimension : undefined, keys)
}
