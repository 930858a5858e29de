// Spend control (issue 16): this month's spend against its budget with a forecast to the month's end,
// anomaly markers on the daily spend (the fixtures' runaway agent on Nov 17, and their own three-hour spike in Équipe Données on Oct 28), what prompt caching
// saved, and cross-filtering: pick a team (its segment, legend name or row) and the forecast,
// the budget and the markers follow that team's budget.
import type { Meta, StoryObj } from '@storybook/react-vite'
import { BreakdownTable, BudgetChart, ForecastKpi, KpiGrid, SpendChart, UsagePage, breakdownColumns, spendColumns } from '@usagekit/react'
import { SPEND_BUDGETS, spendControlAdapter } from '../support/spendControlData'

function SpendControlPage() {
  return (
    <UsagePage.Root>
      <UsagePage.Header>
        <UsagePage.Heading title="Spend control" description="This month against its budget, where it is heading, and what looks unusual." />
        <UsagePage.Toolbar live={false} />
      </UsagePage.Header>
      <UsagePage.Filters view={false} filters={['team', 'model']} />
      <UsagePage.Section title="This month">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'stretch' }}>
          <ForecastKpi style={{ flex: '1 1 260px' }} />
          <BudgetChart style={{ flex: '3 1 480px', minWidth: 0 }} />
        </div>
      </UsagePage.Section>
      <UsagePage.Section title="In the selected range">
        <KpiGrid preset="spendControl" />
        <SpendChart groupBy="team" bucket="1d" keepBucket />
        <BreakdownTable groupBy="team" columns={['name', breakdownColumns.cost, spendColumns.budgetShare, spendColumns.anomaly, 'trend']} trendMetric="cost" />
      </UsagePage.Section>
      {/* "View requests" from a marker's tooltip or a row opens this log on that day and team. */}
      <UsagePage.Section section="requests" requestColumns={['timestamp', 'status', 'userName', 'team', 'model', 'cost', 'id']} />
    </UsagePage.Root>
  )
}

// One adapter for the recipe's stories (the records are generated once, when this file loads).
const provider = { adapter: spendControlAdapter(), budgets: SPEND_BUDGETS, defaultRange: { from: '2026-10-21', to: '2026-11-20' }, syncUrl: true } as const

const meta = {
  title: 'Recipes/Spend control',
  component: SpendControlPage,
  parameters: { usage: { framed: false, provider } },
} satisfies Meta<typeof SpendControlPage>
export default meta

export const SpendControl: StoryObj<typeof meta> = {}
export const Dark: StoryObj<typeof meta> = { globals: { theme: 'dark' } }
export const Narrow: StoryObj<typeof meta> = { parameters: { usage: { framed: false, width: 360, provider } } }
