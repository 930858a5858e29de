import { waitFor } from '@testing-library/react'
import type { UsageBudget } from '@usagekit/core'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { describe, expect, it } from 'vitest'
import { BreakdownTable } from '../table/BreakdownTable.js'
import { breakdownColumns } from '../table/breakdownColumns.js'
import { dailyTrendPoints } from './anomalyFlagColumn.js'
import { spendColumns } from './spendColumns.js'
import { dailyRecords } from '../test/dailyRecords.js'
import { renderUsage } from '../test/renderUsage.js'

const NOW = '2026-11-16T00:00:00.000Z'
// Research: $10 a day with a $100 day on Nov 12; Finance: a steady $2 a day.
const adapter = () =>
  createMemoryAdapter(
    [...dailyRecords('2026-10-01T00:00:00.000Z', NOW, 10, 'Research', { '2026-11-12': 100 }), ...dailyRecords('2026-10-01T00:00:00.000Z', NOW, 2, 'Finance')],
    { now: () => NOW },
  )
const budgets: UsageBudget[] = [
  { amount: 200, period: 'month', filters: { team: ['Research'] } },
  { amount: 60, period: 'month', filters: { team: ['Finance'] } },
]
const provider = { now: NOW, timeZone: 'UTC', defaultRange: { from: '2026-10-01', to: '2026-11-15' }, budgets }
const cell = (key: string, col: string) => document.querySelector(`tr[data-key="${key}"] td[data-col="${col}"]`)

describe('breakdown spend-control columns', () => {
  it('shows this month’s spend as a share of each row’s budget, over budget in the bad colour', async () => {
    renderUsage(<BreakdownTable groupBy="team" columns={['name', breakdownColumns.cost, spendColumns.budgetShare]} />, { adapter: adapter(), ...provider })
    // November so far: Research 14 × $10 + $100 = $240 of $200; Finance 15 × $2 = $30 of $60.
    await waitFor(() => expect(cell('Research', 'budgetShare')).toHaveTextContent('120% of $200.00'))
    expect(cell('Research', 'budgetShare')!.querySelector('[data-over]')).not.toBeNull()
    expect(cell('Finance', 'budgetShare')).toHaveTextContent('50% of $60.00')
    expect(cell('Finance', 'budgetShare')!.querySelector('[data-over]')).toBeNull()
    expect(cell('Finance', 'budgetShare')!.querySelector<HTMLElement>('.uk-budget-share-bar')!.style.width).toBe('50%')
  })

  it('flags the row whose trend has an unusual day, and only that row', async () => {
    renderUsage(<BreakdownTable groupBy="team" trendMetric="cost" columns={['name', breakdownColumns.cost, spendColumns.anomaly, 'trend']} />, { adapter: adapter(), ...provider })
    await waitFor(() => expect(cell('Research', 'anomaly')).toHaveTextContent('10.0× usual spend on Nov 12'))
    expect(cell('Finance', 'anomaly')).toHaveTextContent('')
  })
})

describe('dailyTrendPoints', () => {
  it('sums sub-day trend points into local days, and passes daily points as they are', () => {
    const starts = ['2026-11-01T00:00:00.000Z', '2026-11-01T06:00:00.000Z', '2026-11-01T12:00:00.000Z', '2026-11-01T18:00:00.000Z', '2026-11-02T00:00:00.000Z', '2026-11-02T06:00:00.000Z']
    expect(dailyTrendPoints([1, 2, null, 4, 5, 0.5], starts, 'UTC')).toEqual([
      { start: '2026-11-01T00:00:00.000Z', value: 7 },
      { start: '2026-11-02T00:00:00.000Z', value: 5.5 },
    ])
    const days = ['2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z']
    expect(dailyTrendPoints([3, null], days, 'UTC')).toEqual([
      { start: days[0], value: 3 },
      { start: days[1], value: null },
    ])
  })
})
