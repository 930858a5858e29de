import type { Dimension, Metric } from '@usagekit/core'
import { useEffect, useMemo, useState } from 'react'
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
 *
 * Asked once: a key keeps its colour for the life of the page, so Live mode's ticks and later range
 * changes need no new ranking (one request per widget per tick stays true).
 */
export function useDimensionRanking(dimension: Dimension, metric: Metric, enabled: boolean): void {
  const [ranked, setRanked] = useState(false)
  const asking = enabled && !ranked
  const ranking = useBreakdown({ groupBy: dimension, metrics: [metric], limit: MAX_SERIES, enabled: asking })
  const keys = useMemo(() => (asking ? (ranking.data?.rows ?? []).map((row) => row.key) : []), [asking, ranking.data])
  useRankedSeriesColors(asking ? dimension : undefined, keys)
  // After the layout effect above committed the ranking.
  useEffect(() => {
    if (asking && ranking.isSuccess) setRanked(true)
  }, [asking, ranking.isSuccess])
}
