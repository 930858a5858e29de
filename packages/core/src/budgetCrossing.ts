import type { PeriodForecast } from './forecastPeriodEnd'
import { toNanos } from './money'
import { type InstantInput, toEpochMs, toIso } from './timeRange'
import type { TimePoint } from './timePoint'

export interface BudgetCrossing {
  /** When spend reached (or is expected to reach) the budget, as an ISO instant. */
  at: string
  /** `false`: the budget was already reached, from the points; `true`: expected, from the forecast path. */
  projected: boolean
}

export interface BudgetCrossingOptions {
  /** The budget's amount, in the points' currency (positive). */
  amount: number
  /** The reader's now, as given to `forecastPeriodEnd`. */
  now: InstantInput
  /** Start of the period, as given to `forecastPeriodEnd` (default the first point's start). */
  periodStart?: InstantInput
}

/**
 * When the period's spend crosses a budget: from the points when it has already happened (within
 * the bucket, spend taken as even: a $100 budget reached halfway through a $40 day that began at
 * $80 is crossed at noon), otherwise along the forecast's expected path (linear between local
 * midnights). `null` when the expected total stays under the budget. The crossing is the first
 * instant spend reaches the amount (to 1e-9).
 */
export function budgetCrossing(
  points: readonly TimePoint[],
  forecast: Pick<PeriodForecast, 'path'>,
  options: BudgetCrossingOptions,
): BudgetCrossing | null {
  if (!(options.amount > 0)) throw new RangeError(`budgetCrossing: amount must be a positive number (got ${options.amount}).`)
  const nowMs = toEpochMs(options.now)
  const amountNanos = toNanos(options.amount)
  const sorted = points
    .map((point) => ({ start: toEpochMs(point.start), nanos: toNanos(point.value ?? 0) }))
    .filter((point) => Number.isFinite(point.start) && point.start < nowMs)
    .sort((a, b) => a.start - b.start)
  const startMs = options.periodStart === undefined ? (sorted[0]?.start ?? nowMs) : toEpochMs(options.periodStart)
  const inPeriod = sorted.filter((point) => point.start >= startMs)

  let cumulative = 0
  for (let i = 0; i < inPeriod.length; i++) {
    const point = inPeriod[i]!
    const before = cumulative
    cumulative += point.nanos
    if (cumulative >= amountNanos && point.nanos > 0) {
      const end = Math.min(inPeriod[i + 1]?.start ?? nowMs, nowMs)
      const share = (amountNanos - before) / point.nanos
      return { at: toIso(Math.round(point.start + share * (end - point.start))), projected: false }
    }
  }

  const path = forecast.path
  for (let i = 1; i < path.length; i++) {
    const from = path[i - 1]!
    const to = path[i]!
    if (toNanos(to.cumulative) < amountNanos) continue
    const rise = to.cumulative - from.cumulative
    const share = rise > 0 ? Math.min(1, Math.max(0, (options.amount - from.cumulative) / rise)) : 0
    return { at: toIso(Math.round(from.at + share * (to.at - from.at))), projected: true }
  }
  return null
}
