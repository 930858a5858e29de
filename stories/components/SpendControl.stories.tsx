// The spend-control parts in their states (docs/components.md, "Spend control"): the forecast card
// and the budget chart with no budget, under budget, crossed; a forecast without history and one on
// the first day of the month; a spend chart with and without anomaly markers; the breakdown columns.
import type { Meta, StoryObj } from '@storybook/react-vite'
import type { UsageBudget } from '@usagekit/core'
import { BreakdownTable, BudgetChart, ForecastKpi, SpendChart, breakdownColumns, spendColumns } from '@usagekit/react'
import { SPEND_BUDGETS, spendControlAdapter, spendControlRecords } from '../support/spendControlData'

const adapter = spendControlAdapter()
const range = { from: '2026-10-21', to: '2026-11-20' } as const
const usage = (provider: Record<string, unknown>) => ({ usage: { provider: { adapter, defaultRange: range, ...provider } } })
const under: UsageBudget[] = [{ amount: 150, period: 'month', label: 'Organisation' }]

function ForecastAndBudget() {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
      <ForecastKpi style={{ flex: '1 1 260px' }} />
      <BudgetChart style={{ flex: '3 1 420px', minWidth: 0 }} />
    </div>
  )
}

const meta = {
  title: 'Components/Spend control',
  component: ForecastAndBudget,
  parameters: usage({ budgets: under }),
} satisfies Meta<typeof ForecastAndBudget>
export default meta
type Story = StoryObj<typeof meta>

/** Under budget: the forecast and its band stay below the dashed budget line. */
export const UnderBudget: Story = {}
/** No budget for the page's filters: the forecast alone, no budget line. */
export const NoBudget: Story = { parameters: usage({ budgets: [] }) }
/** The forecast crosses the budget: "crosses budget on …" in the bad colour, with an icon. */
export const BudgetCrossed: Story = { parameters: usage({ budgets: SPEND_BUDGETS }) }
/** Spend already past the budget (Finance, whose agent ran away on Nov 17): "budget reached on …". */
export const BudgetReached: Story = { parameters: usage({ budgets: SPEND_BUDGETS, defaultFilters: { team: ['Finance'] } }) }
/** No complete day with spend yet (an organisation that started today): it says so instead of guessing. */
export const NoHistory: Story = {
  parameters: usage({ budgets: under, adapter: spendControlAdapter(spendControlRecords().filter((r) => r.timestamp >= '2026-11-20T00:00:00.000Z')) }),
}
/** The first day of the month: the forecast leans on the weeks before it, and says the period just started. */
export const PeriodJustStarted: Story = { parameters: usage({ budgets: under, now: '2026-11-01T10:00:00.000Z' }) }
export const Dark: Story = { parameters: usage({ budgets: SPEND_BUDGETS }), globals: { theme: 'dark' } }
export const Narrow: Story = { parameters: { ...usage({ budgets: SPEND_BUDGETS }), usage: { ...usage({ budgets: SPEND_BUDGETS }).usage, width: 360 } } }

/** Daily spend by team with the runaway days marked (Finance on Nov 17, Équipe Données on Oct 28: small triangles whose tooltips say how unusual). */
export const AnomalyMarkers: Story = { render: () => <SpendChart groupBy="team" bucket="1d" keepBucket /> }
/** Nothing unusual: the first half of November, before Finance's agent ran away, has no marker. */
export const NoAnomalies: Story = {
  parameters: usage({ budgets: under, defaultRange: { from: '2026-11-01', to: '2026-11-15' } }),
  render: () => <SpendChart groupBy="team" bucket="1d" keepBucket />,
}
/** The runaway range with `anomalies={false}`: the host turned the markers off. */
export const MarkersOff: Story = { render: () => <SpendChart groupBy="team" bucket="1d" keepBucket anomalies={false} /> }
/** Budget share and the anomaly flag as breakdown columns. */
export const BreakdownColumns: Story = {
  parameters: usage({ budgets: SPEND_BUDGETS }),
  render: () => <BreakdownTable groupBy="team" trendMetric="cost" columns={['name', breakdownColumns.cost, spendColumns.budgetShare, spendColumns.anomaly, 'trend']} />,
}
