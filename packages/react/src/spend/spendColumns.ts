import { anomalyFlag } from './anomalyFlagColumn.js'
import { budgetShare } from './budgetShareColumn.js'

/**
 * Spend-control columns for `BreakdownTable columns`, beside `breakdownColumns` (kept apart so a table
 * without them does not carry the budget and anomaly code).
 */
export const spendColumns = {
  /** This budget period's spend as a share of the row's budget (one whose filters name the row's key), with a small bar. */
  budgetShare,
  /** "7.8× usual spend on Nov 17": the row's latest unusual day of its trend (`detectAnomalies`). */
  anomaly: anomalyFlag,
}
