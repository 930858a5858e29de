import { bucketStart, nextBucketStart } from './bucketBoundaries'
import { InvalidQueryError } from './errors'
import { type InstantInput, toEpochMs, toIso } from './timeRange'
import { assertTimeZone } from './timeZone'
import type { Filters, TimeRange } from './types'

/** How often a budget starts over: each calendar month, or each ISO week (Monday to Monday). */
export type BudgetPeriodKind = 'month' | 'week'

/**
 * A spending limit: `amount` in the adapter's currency per calendar `period` in the viewer's zone,
 * over the usage that `filters` select (a team, a key, a model; all usage without filters).
 * `label` names it in the UI ("Research monthly budget").
 */
export interface UsageBudget {
  amount: number
  period: BudgetPeriodKind
  filters?: Filters
  label?: string
}

/**
 * The period a budget is running in at `now`, as an end-exclusive range of ISO instants:
 * the calendar month, or the ISO week starting Monday 00:00, in the viewer's IANA zone. Both ends
 * are local midnights, so a month is 28–31 local days whatever DST does (a March in Berlin is
 * 743 hours long). The range is the one to ask the adapter for and to pass to `forecastPeriodEnd`.
 */
export function budgetPeriod(
  budget: Pick<UsageBudget, 'period'>,
  options: { timeZone: string; now?: InstantInput },
): TimeRange {
  assertTimeZone(options.timeZone)
  const { period } = budget
  if (period !== 'month' && period !== 'week') {
    throw new InvalidQueryError(`budget period must be "month" or "week" (got ${JSON.stringify(period)}).`, { field: 'period' })
  }
  const nowMs = options.now === undefined ? Date.now() : toEpochMs(options.now)
  const bucket = period === 'month' ? '1mo' : '1w'
  const startMs = bucketStart(nowMs, bucket, options.timeZone)
  return { start: toIso(startMs), end: toIso(nextBucketStart(startMs, bucket, options.timeZone)) }
}
