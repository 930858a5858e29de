import { type BreakdownRow, type Dimension, type Filters, budgetPeriod } from '@usagekit/core'
import { useMemo } from 'react'
import { useUsageSelection } from '../context/UsageProvider.js'
import { useAdapterQuery } from '../hooks/useAdapterQuery.js'
import { useFormat } from '../hooks/useFormat.js'
import { useUsageQuery } from '../hooks/useUsageQuery.js'
import { useMessages } from '../i18n/useMessages.js'
import type { BreakdownColumnDef } from '../table/breakdownColumns.js'
import { budgetMatchesFilters } from './applicableBudget.js'
import { useBudgets } from './budgetsContext.js'

/**
 * A row's budget: one whose filters are the page's plus the row's key on the table's dimension
 * (one budget per team, say), the same rule as a widget's (docs/components.md, "Budgets").
 */
function useRowBudget(groupBy: Dimension, key: string) {
  const budgets = useBudgets()
  const { query } = useUsageQuery()
  return useMemo(() => {
    const filters: Filters = { ...query?.filters, [groupBy]: [key] }
    return budgets.find((budget) => budgetMatchesFilters(budget, filters)) ?? null
  }, [budgets, query?.filters, groupBy, key])
}

function BudgetShareCell({ row, groupBy }: { row: BreakdownRow; groupBy: Dimension }) {
  const budget = useRowBudget(groupBy, row.key)
  const { query } = useUsageQuery()
  const { anchor } = useUsageSelection()
  const format = useFormat()
  const t = useMessages()
  // Every row asks the same question (this period's spend by the table's dimension): one request for the table.
  const params = useMemo(() => {
    if (!budget || !query || anchor === undefined) return null
    const { filters, timeZone } = query
    return { range: budgetPeriod(budget, { timeZone, now: anchor }), timeZone, ...(filters ? { filters } : {}), groupBy, metrics: ['cost' as const], limit: 1000 }
  }, [budget?.period, query, anchor, groupBy])
  const answer = useAdapterQuery('getBreakdown', params, { keepPrevious: false })
  if (!budget) return null
  const spent = answer.data?.rows.find((r) => r.key === row.key)?.metrics.cost ?? (answer.data ? 0 : null)
  if (spent === null) return <span className="uk-budget-share" data-state="loading" aria-busy="true" />
  const share = spent / budget.amount
  const percent = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 0 }).format(share)
  return (
    <span className="uk-budget-share" data-over={share >= 1 || undefined} title={t('spend.shareTitle', { spent: format.money(spent), amount: format.money(budget.amount) })}>
      <span className="uk-budget-share-text">{t('spend.shareOf', { share: percent, amount: format.money(budget.amount) })}</span>
      <span className="uk-budget-share-track" aria-hidden="true">
        <span className="uk-budget-share-bar" style={{ width: `${Math.min(100, share * 100)}%` }} />
      </span>
    </span>
  )
}

/** This period's spend as a share of the row's budget, with a small bar; empty for a row without a budget. */
export const budgetShare: BreakdownColumnDef = {
  id: 'budgetShare',
  header: ({ t }) => t('spend.budgetColumn'),
  width: 150,
  align: 'end',
  card: 'meta',
  metrics: ['cost'],
  cell: (row, { groupBy }) => <BudgetShareCell row={row} groupBy={groupBy} />,
}
