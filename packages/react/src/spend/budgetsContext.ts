import type { UsageBudget } from '@usagekit/core'
import { createContext, useContext } from 'react'

const noBudgets: readonly UsageBudget[] = []

/** The host's budgets (the provider's `budgets` prop); empty when it passes none. */
export const BudgetsContext = createContext<readonly UsageBudget[]>(noBudgets)

/** The page's budgets, as the host gave them to `UsageProvider`. */
export function useBudgets(): readonly UsageBudget[] {
  return useContext(BudgetsContext)
}
