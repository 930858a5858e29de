import type { Meta, StoryObj } from '@storybook/react-vite'
import { ActivityChart, BarList, BreakdownTable, FilterBar, UsagePage, type UsageSelectEvent, type ViewRequestsRequest } from '@usagekit/react'
import { type ReactNode, useState } from 'react'
import { StoryProvider } from '../support/StoryProvider'

const meta = {
  title: 'Components/Cross-filter',
  component: UsagePage,
  parameters: { usage: { framed: false, provider: { defaultView: 'team', syncUrl: true } } },
} satisfies Meta<typeof UsagePage>
export default meta
type Story = StoryObj<typeof meta>

/**
 * The gestures on a whole page (docs/components.md, "Gestures"): a team's segment, legend name or
 * breakdown row filters every widget (and the URL, `syncUrl`); the eye hides a team in the chart only;
 * a click beside the bars pins the tooltip with "View requests"; a row's list icon opens the request
 * log below on that team. The chart is focusable: arrows, Home / End, up / down, Enter, Escape.
 */
export const Page: Story = { args: { sections: ['team', 'requests'], requestColumns: ['timestamp', 'status', 'team', 'model', 'totalTokens', 'cost', 'id'] } }
/** The page filtered to one team from the chart: the legend name reads as pressed, the filter bar shows it. */
export const Filtered: Story = {
  args: { sections: ['team', 'requests'] },
  parameters: { usage: { framed: false, provider: { defaultView: 'team', defaultFilters: { team: ['Research'] } } } },
}
export const Dark: Story = { args: { sections: ['team', 'requests'] }, globals: { theme: 'dark' } }
export const Narrow: Story = { args: { sections: ['team', 'requests'] }, parameters: { usage: { framed: false, width: 360, provider: { defaultView: 'team' } } } }

/** The parts alone: the chart, bars and a breakdown share the provider's filters. */
export const Parts: Story = {
  parameters: { usage: { framed: true, provider: { defaultView: 'team' } } },
  render: () => (
    <>
      <FilterBar dimensions={['team', 'model']} />
      <ActivityChart variant="byTeam" />
      <BarList title="Spend by model" groupBy="model" metric="cost" colorByKey />
      <BreakdownTable groupBy="team" trendMetric={false} showModels={false} />
    </>
  ),
}

function HostRouting() {
  const [last, setLast] = useState<string>('Nothing yet: use a row’s list icon, or pin a chart tooltip and choose View requests.')
  const show = (request: ViewRequestsRequest) => setLast(`Your logs page would open: ${request.range.start} → ${request.range.end}, filters ${JSON.stringify(request.filters)}`)
  return (
    <HostFrame onViewRequests={show} note={last}>
      <ActivityChart variant="byTeam" />
      <BreakdownTable groupBy="team" trendMetric={false} showModels={false} />
    </HostFrame>
  )
}

/** No request log on the page: "View requests" calls the provider's `onViewRequests({ range, filters })` for the host's own logs page. */
export const HostRoutesRequests: Story = { parameters: { usage: { framed: true, provider: { defaultView: 'team' } } }, render: () => <HostRouting /> }

function HostInterception() {
  const [last, setLast] = useState('Pick a team: the host keeps the filters and answers instead.')
  const intercept = (event: UsageSelectEvent) => {
    event.preventDefault()
    setLast(`The host took over: ${event.label} (${event.dimension}, from the ${event.source}).`)
  }
  return (
    <HostFrame onSelectKey={intercept} note={last}>
      <ActivityChart variant="byTeam" />
      <BreakdownTable groupBy="team" trendMetric={false} showModels={false} />
    </HostFrame>
  )
}

/** A host's `onSelectKey` cancels with `preventDefault()` (or `return false`): the filters stay, the host does its own thing. */
export const HostIntercepts: Story = { parameters: { usage: { framed: true, provider: { defaultView: 'team' } } }, render: () => <HostInterception /> }

/** A nested provider with the host's callbacks, and the host's note of what it was asked. */
function HostFrame({ children, note, ...callbacks }: { children: ReactNode; note: string; onViewRequests?: (request: ViewRequestsRequest) => void; onSelectKey?: (event: UsageSelectEvent) => void }) {
  return (
    <StoryProvider defaultView="team" framed={false} {...callbacks}>
      <p role="status" style={{ margin: 0, fontSize: 13 }}>
        {note}
      </p>
      {children}
    </StoryProvider>
  )
}
