import { fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { TimeBucket } from '@usagekit/core'
import { describe, expect, it, vi } from 'vitest'
import { type ChartSeries, TimeChart, type TimeChartProps } from './TimeChart.js'

// Gestures of a time chart (docs/components.md, "Gestures"): segments and legend names filter, the eye
// hides, a click elsewhere pins the tooltip with its actions; the keyboard walks buckets and series.

const buckets: TimeBucket[] = [
  { start: '2026-11-01T00:00:00.000Z', end: '2026-11-02T00:00:00.000Z' },
  { start: '2026-11-02T00:00:00.000Z', end: '2026-11-03T00:00:00.000Z' },
  { start: '2026-11-03T00:00:00.000Z', end: '2026-11-04T00:00:00.000Z' },
]
const series: ChartSeries[] = [
  { key: 'Research', label: 'Research', color: '#4e79a7', values: [3, 5, 1], stack: 'all' },
  { key: 'Growth', label: 'Growth', color: '#f28e2b', values: [2, 1, 4], stack: 'all' },
  { key: '__other__', label: 'Other', color: 'grey', values: [1, 8, 0], stack: 'all' },
]

function chart(extra: Partial<TimeChartProps> = {}) {
  const onSelectSeries = vi.fn()
  const onViewRequests = vi.fn()
  const result = render(
    <TimeChart
      title="Requests by team"
      buckets={buckets}
      bucketSize="1d"
      series={series}
      formatValue={(v) => (v === null ? '—' : String(v))}
      formatAxisValue={String}
      formatBucketLabel={(b) => b.start.slice(5, 10)}
      formatBucketRange={(b) => `day ${b.start.slice(8, 10)}`}
      now={Date.parse('2026-12-01T00:00:00Z')}
      selectable={(key) => key !== '__other__'}
      selected={(key) => key === 'Growth'}
      onSelectSeries={onSelectSeries}
      onViewRequests={onViewRequests}
      {...extra}
    />,
  )
  const plot = result.container.querySelector('rect.uk-chart-hit') as SVGRectElement
  // jsdom lays nothing out: the plot is 632 × 204 px (the default 640 px width less the margins), at the origin.
  plot.getBoundingClientRect = () => ({ left: 0, top: 0, width: 576, height: 204, right: 576, bottom: 204, x: 0, y: 0, toJSON: () => ({}) })
  return { ...result, plot, onSelectSeries, onViewRequests }
}

/** The centre of a drawn bar, in the plot's coordinates. */
function centreOf(rect: Element) {
  const x = Number(rect.getAttribute('x')) + Number(rect.getAttribute('width')) / 2
  const y = Number(rect.getAttribute('y')) + Number(rect.getAttribute('height')) / 2
  return { clientX: x, clientY: y }
}

describe('TimeChart gestures', () => {
  it('filters by the segment clicked, and pins the tooltip with "View requests" on a click beside the bars', async () => {
    const { container, plot, onSelectSeries, onViewRequests } = chart()
    const growth = container.querySelectorAll('rect[data-series="Growth"]')[1]!
    fireEvent.mouseMove(plot, centreOf(growth))
    expect(container.querySelector('.uk-tooltip-hint')).toHaveTextContent('Click to filter by Growth')
    fireEvent.click(plot, centreOf(growth))
    expect(onSelectSeries).toHaveBeenCalledWith('Growth', 'chart')

    // Above the stack of the second day: no segment, so the tooltip pins with its actions.
    const top = container.querySelectorAll('rect[data-series="__other__"]')[1]!
    fireEvent.click(plot, { clientX: centreOf(top).clientX, clientY: 1 })
    const tooltip = container.querySelector('.uk-tooltip[data-pinned]') as HTMLElement
    expect(tooltip).not.toBeNull()
    // Rows of keys are buttons that filter (pressed when in the filter); Other is no filter.
    expect(within(tooltip).getByRole('button', { name: /Growth/ })).toHaveAttribute('aria-pressed', 'true')
    expect(within(tooltip).queryByRole('button', { name: /Other/ })).toBeNull()
    await userEvent.click(within(tooltip).getByRole('button', { name: /Research/ }))
    expect(onSelectSeries).toHaveBeenLastCalledWith('Research', 'chart')
    await userEvent.click(within(tooltip).getByRole('button', { name: 'View requests' }))
    expect(onViewRequests).toHaveBeenCalledWith(1, undefined)
  })

  it('says that Other is not a filter, and a click on it pins the tooltip instead of filtering', () => {
    const { container, plot, onSelectSeries } = chart()
    const other = container.querySelectorAll('rect[data-series="__other__"]')[1]!
    fireEvent.mouseMove(plot, centreOf(other))
    expect(container.querySelector('.uk-tooltip-hint')).toHaveTextContent('Other folds several smaller groups: it is not a filter')
    fireEvent.click(plot, centreOf(other))
    expect(onSelectSeries).not.toHaveBeenCalled()
    expect(container.querySelector('.uk-tooltip[data-pinned]')).not.toBeNull()
  })

  it('filters from a legend name, and hides a series only with the eye or Alt-click', async () => {
    const { container, onSelectSeries } = chart()
    const legend = screen.getByRole('list', { name: 'Requests by team legend' })
    const research = within(legend).getByRole('button', { name: 'Research' })
    expect(research).toHaveAttribute('aria-pressed', 'false')
    expect(within(legend).getByRole('button', { name: 'Growth' })).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(research)
    expect(onSelectSeries).toHaveBeenCalledWith('Research', 'legend')
    expect(container.querySelectorAll('rect[data-series="Research"]')).toHaveLength(3)

    const eye = within(legend).getByRole('button', { name: 'Show Research in this chart' })
    expect(eye).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(eye)
    expect(eye).toHaveAttribute('aria-pressed', 'false')
    expect(container.querySelectorAll('rect[data-series="Research"]')).toHaveLength(0)
    fireEvent.click(research, { altKey: true })
    expect(container.querySelectorAll('rect[data-series="Research"]')).toHaveLength(3)
    expect(onSelectSeries).toHaveBeenCalledTimes(1)
    // Other is named, not a filter; its eye still hides it.
    expect(within(legend).queryByRole('button', { name: 'Other' })).toBeNull()
    expect(within(legend).getByRole('button', { name: 'Show Other in this chart' })).toBeInTheDocument()
  })

  it('keeps the legend of a chart without keys as a hide toggle', async () => {
    const { container } = chart({ selectable: undefined, onSelectSeries: undefined })
    const button = within(screen.getByRole('list', { name: 'Requests by team legend' })).getByRole('button', { name: 'Growth' })
    expect(button).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(button)
    expect(button).toHaveAttribute('aria-pressed', 'false')
    expect(container.querySelectorAll('rect[data-series="Growth"]')).toHaveLength(0)
  })
})

describe('TimeChart keyboard', () => {
  it('is focusable, walks buckets with arrows, Home and End, and announces the tooltip text', async () => {
    const { container } = chart()
    const frame = screen.getByRole('application', { name: 'Requests by team' })
    await userEvent.tab()
    expect(frame).toHaveFocus()
    expect(frame).toHaveAccessibleDescription(/Arrow keys move between buckets/)
    const live = container.querySelector('[aria-live="polite"]')!
    await userEvent.keyboard('{ArrowRight}')
    expect(container.querySelector('.uk-tooltip-title')).toHaveTextContent('day 01')
    expect(live).toHaveTextContent('day 01. Research: 3. Growth: 2. Other: 1')
    await userEvent.keyboard('{ArrowRight}')
    expect(live).toHaveTextContent('day 02. Other: 8. Research: 5. Growth: 1')
    await userEvent.keyboard('{End}')
    expect(container.querySelector('.uk-tooltip-title')).toHaveTextContent('day 03')
    await userEvent.keyboard('{Home}')
    expect(container.querySelector('.uk-tooltip-title')).toHaveTextContent('day 01')
    await userEvent.keyboard('{ArrowLeft}')
    expect(container.querySelector('.uk-tooltip-title')).toHaveTextContent('day 01')
    await userEvent.keyboard('{Escape}')
    expect(container.querySelector('.uk-tooltip')).toBeNull()
    expect(frame).toHaveFocus()
  })

  it('moves between the series of a bucket with up and down; Enter filters by the series, or views the bucket’s requests', async () => {
    const { container, onSelectSeries, onViewRequests } = chart()
    await userEvent.tab()
    await userEvent.keyboard('{ArrowRight}{ArrowRight}')
    await userEvent.keyboard('{Enter}')
    expect(onViewRequests).toHaveBeenCalledWith(1, undefined)
    // Day 2, largest first: Other, Research, Growth.
    await userEvent.keyboard('{ArrowDown}')
    expect(container.querySelector('[aria-live="polite"]')).toHaveTextContent('Other: 8')
    await userEvent.keyboard('{Enter}')
    // Other is no filter: Enter views the bucket's requests instead.
    expect(onSelectSeries).not.toHaveBeenCalled()
    expect(onViewRequests).toHaveBeenCalledTimes(2)
    await userEvent.keyboard('{ArrowDown}')
    expect(container.querySelector('.uk-tooltip-row[data-active]')).toHaveTextContent('Research')
    await userEvent.keyboard('{Enter}')
    expect(onSelectSeries).toHaveBeenCalledWith('Research', 'chart')
    // The tooltip's own buttons follow in the tab order: "View requests of Research" carries the key.
    const view = screen.getByRole('button', { name: 'View requests of Research' })
    await userEvent.click(view)
    expect(onViewRequests).toHaveBeenLastCalledWith(1, 'Research')
    // Keys on the tooltip's buttons are theirs; back on the chart, up leaves the series for the bucket.
    screen.getByRole('application').focus()
    await userEvent.keyboard('{ArrowUp}{ArrowUp}')
    expect(container.querySelector('.uk-tooltip-row[data-active]')).toBeNull()
  })
})

describe('TimeChart previous-period overlay', () => {
  const previous = [
    {
      stack: 'all',
      label: 'Requests',
      values: [4, 16, null],
      buckets: [
        { start: '2026-10-29T00:00:00.000Z', end: '2026-10-30T00:00:00.000Z' },
        { start: '2026-10-30T00:00:00.000Z', end: '2026-10-31T00:00:00.000Z' },
        null,
      ],
    },
  ]

  it('draws outline bars where the previous period has a value, and lists it in the legend and the data table', () => {
    const { container } = chart({ previous })
    expect(container.querySelectorAll('g[data-previous="all"] path.uk-chart-previous-bar')).toHaveLength(2)
    expect(container.querySelector('.uk-chart-previous-bar')).toHaveAttribute('fill', 'none')
    expect(screen.getByRole('list', { name: 'Requests by team legend' })).toHaveTextContent('Previous period')
    const table = within(screen.getByRole('figure')).getByRole('table')
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toContain('Previous period')
  })

  it('shows both values and the change in the tooltip', async () => {
    const { container } = chart({ previous, formatChange: (f) => `${(f * 100).toFixed(1)}%` })
    await userEvent.tab()
    await userEvent.keyboard('{ArrowRight}{ArrowRight}')
    const block = container.querySelector('.uk-tooltip-previous')!
    // Day 2: 14 now (5 + 1 + 8) against 16 before.
    expect(block).toHaveTextContent('Previous period16')
    expect(block).toHaveTextContent('vs day 30')
    expect(block).toHaveTextContent('Change-12.5%')
    expect(container.querySelector('[aria-live="polite"]')).toHaveTextContent('Previous period: 16')
    await userEvent.keyboard('{ArrowRight}')
    // Nothing to compare on day 3: no change row.
    expect(container.querySelector('.uk-tooltip-previous')).not.toHaveTextContent('Change')
  })

  it('draws a dashed line for a line chart', () => {
    const { container } = chart({ kind: 'lines', series: [series[0]!], previous: [{ ...previous[0]!, stack: 'Research' }] })
    expect(container.querySelector('path.uk-chart-previous-line')).not.toBeNull()
  })
})
