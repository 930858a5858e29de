import type { Filters, UsageBudget } from '@usagekit/core'

/** The non-empty dimensions of a filter set, each with its values sorted (order never matters). */
function normalized(filters: Filters | undefined): Map<string, string> {
  const out = new Map<string, string>()
  for (const [dimension, values] of Object.entries(filters ?? {}) as [string, string[] | undefined][]) {
    if (values && values.length) out.set(dimension, [...new Set(values)].sort().join('\u0000'))
  }
  return out
}

/**
 * Whether a budget covers exactly what a widget shows: its filters select the same values on the same
 * dimensions as the widget's (the page's filters with the fixed ones), order ignored. A budget without
 * filters is the organisation's and applies to an unfiltered page. A narrower or wider budget does not
 * apply: comparing a team's spend with the organisation's budget would read as "well under budget".
 */
export function budgetMatchesFilters(budget: UsageBudget, filters: Filters | undefined): boolean {
  const a = normalized(budget.filters)
  const b = normalized(filters)
  if (a.size !== b.size) return false
  for (const [dimension, values] of a) if (b.get(dimension) !== values) return false
  return true
}

/** The first budget that applies to a widget with these filters (docs/components.md, "Budgets"), or `null`. */
export function applicableBudget(budgets: readonly UsageBudget[], filters: Filters | undefined): UsageBudget | null {
  return budgets.find((budget) => budgetMatchesFilters(budget, filters)) ?? null
}
