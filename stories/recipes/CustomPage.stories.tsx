// A page a host recomposes from UsagePage's parts (docs/components.md, "A custom page"): the
// breakdown first with an extra column, the KPI cards under it, a section of the host's own, and
// the request log with one more column.
import type { Meta, StoryObj } from '@storybook/react-vite'
import { fromNanos, toNanos } from '@usagekit/core'
import { type BreakdownColumnDef, BreakdownTable, Card, UsagePage, breakdownColumns, requestLogColumns } from '@usagekit/react'

const perRequestOf = (m: Record<string, number | undefined>) => (m.requests ? fromNanos(Math.round(toNanos(m.cost ?? 0) / m.requests)) : null)
const costPerRequest: BreakdownColumnDef = {
  id: 'costPerRequest',
  header: ({ format }) => `Per request (${format.currency})`,
  label: 'Per request',
  align: 'end',
  metrics: ['cost', 'requests'],
  sortValue: (row) => perRequestOf(row.metrics),
  cell: (row, { format }) => format.money(perRequestOf(row.metrics)),
  csv: { header: 'cost_per_request', value: (row) => perRequestOf(row.metrics) },
}

function CustomPage() {
  return (
    <UsagePage.Root>
      <UsagePage.Header>
        <UsagePage.Heading title="Spend" description="Who spends what this week, and on which requests." />
        <UsagePage.Toolbar live={false} />
      </UsagePage.Header>
      <UsagePage.Filters view={false} filters={['team', 'model']} />
      <UsagePage.Section title="Who spends">
        <BreakdownTable title="By user" columns={['name', breakdownColumns.cost, costPerRequest, 'requests', 'trend']} initialRows={8} exportable />
      </UsagePage.Section>
      <UsagePage.Section section="model" />
      <UsagePage.Section title="Budget">
        <Card title="Monthly budget" subtitle="Set by your workspace admin">
          <p className="uk-muted" style={{ margin: 0 }}>$2,000.00 a month; alerts at 80%.</p>
        </Card>
      </UsagePage.Section>
      <UsagePage.Section section="requests" requestColumns={[...requestLogColumns.orgUsage, requestLogColumns.latencyMs]} />
    </UsagePage.Root>
  )
}

const meta = {
  title: 'Recipes/Custom page',
  component: CustomPage,
  parameters: { usage: { framed: false } },
} satisfies Meta<typeof CustomPage>
export default meta

export const ExtraColumnAndReorderedLayout: StoryObj<typeof meta> = {}
