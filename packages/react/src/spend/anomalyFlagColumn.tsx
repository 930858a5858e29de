import { type BreakdownRow, type TimePoint, bucketStart, detectAnomalies } from '@usagekit/core'
import type { BreakdownColumnContext, BreakdownColumnDef } from '../table/breakdownColumns.js'
import { anomalyRatio } from './chartAnomalies.js'

/**
 * The trend summed into local days: the flag names a day ("on Nov 17"), and a day's baseline (the
 * same weekday of earlier weeks) is steadier than a 6-hour bucket's, whose night-time slots are
 * mostly empty. Points of a day or longer pass as they are.
 */
export function dailyTrendPoints(trend: readonly (number | null)[], starts: readonly string[], timeZone: string): TimePoint[] {
  const days = new Map<number, number | null>()
  let subDay = false
  for (let i = 0; i < trend.length && i < starts.length; i++) {
    const startMs = Date.parse(starts[i]!)
    const day = bucketStart(startMs, '1d', timeZone)
    if (days.has(day)) subDay = true
    const value = trend[i] ?? null
    const before = days.get(day)
    days.set(day, before === undefined ? value : value === null ? before : (before ?? 0) + value)
  }
  if (!subDay) return trend.slice(0, starts.length).map((value, i) => ({ start: starts[i]!, value: value ?? null }))
  return [...days].map(([day, value]) => ({ start: new Date(day).toISOString(), value }))
}

/** The row's most recent unusual trend point: its words ("7.8× usual spend on Nov 17"), or `null`. */
export function rowAnomalyText(row: BreakdownRow, { trendStarts, trendMetric, format, t }: BreakdownColumnContext): string | null {
  if (!row.trend || !trendStarts || !trendMetric || format.definition(trendMetric).aggregation !== 'sum') return null
  const points = dailyTrendPoints(row.trend, trendStarts, format.timeZone)
  const last = detectAnomalies(points, { timeZone: format.timeZone }).at(-1)
  if (!last) return null
  const ratio = anomalyRatio(last)
  const decimal = new Intl.NumberFormat(format.locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 })
  const what =
    ratio === null
      ? t('spend.anomalyUnusual', { value: format.metric(last.value, trendMetric) })
      : t(trendMetric === 'cost' ? 'spend.anomalySpend' : 'spend.anomalyUsual', { ratio: decimal.format(ratio) })
  const date = new Intl.DateTimeFormat(format.locale, { month: 'short', day: 'numeric', timeZone: format.timeZone }).format(Date.parse(last.start))
  return t('spend.anomalyOn', { what, date })
}

/** A flag on rows whose trend has an unusual point (the latest one named); empty for the others. Needs the table's trend. */
export const anomalyFlag: BreakdownColumnDef = {
  id: 'anomaly',
  header: ({ t }) => t('spend.anomalyColumn'),
  width: 200,
  card: 'meta',
  trend: true,
  cell: (row, context) => {
    const text = rowAnomalyText(row, context)
    return text ? (
      <span className="uk-anomaly-flag" data-anomaly="true">
        <svg width={8} height={8} viewBox="0 0 8 8" aria-hidden="true">
          <path d="M0,1L8,1L4,7.5Z" fill={context.colorOf(row.key, context.groupBy)} />
        </svg>
        {text}
      </span>
    ) : null
  },
}
