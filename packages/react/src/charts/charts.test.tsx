import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { TimeBucket } from '@usagekit/core'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { describe, expect, it } from 'vitest'
import { createSeriesColorRegistry, createSeriesColors, seriesColor } from '../components/seriesColor.js'
import { foreignAdapter, foreignRecords } from '../test/foreignAdapter.js'
import { renderUsage } from '../test/renderUsage.js'
import { ActivityChart } from './ActivityChart.js'
import { BarList } from './BarList.js'
import { TimeChart, partialKind } from './TimeChart.js'
import { TokensChart } from './TokensChart.js'
import { TrendChart } from './TrendChart.js'

const buckets: TimeBucket[] = [
  { start: '2026-11-01T00:00:00.000Z', end: '2026-11-02T00:00:00.000Z' },
  { start: '2026-11-02T00:00:00.000Z', end: '2026-11-03T00:00:00.000Z' },
  { start: '2026-11-03T00:00:00.000Z', end: '2026-11-04T00:00:00.000Z', partial: true },
]

function chart(series?: Parameters<typeof TimeChart>[0]['series'], extra: Partial<Parameters<typeof TimeChart>[0]> = {}) {
  return render(
    <TimeChart
      title="Requests by team"
      buckets={buckets}
      bucketSize="1d"
      series={series ?? defaultSeries}
      formatValue={(v) => (v === null ? '—' : String(v))}
      formatAxisValue={String}
      formatBucketLabel={(b) => b.start.slice(5, 10)}
      formatBucketRange={(b) => `day ${b.start.slice(8, 10)}`}
      now={Date.parse('2026-11-03T12:00:00Z')}
      {...extra}
    />,
  )
}

const defaultSeries = [
  { key: 'Research', label: 'Research', color: '#4e79a7', values: [3, 5, 1], stack: 'all' },
  { key: '__other__', label: 'Other', color: 'grey', values: [1, 8, 0], stack: 'all' },
]

describe('TimeChart', () => {
  it('stacks series in each bucket, marks partial buckets, and names itself', () => {
    const { container } = chart()
    expect(screen.getByRole('figure', { name: 'Requests by team' })).toBeInTheDocument()
    expect(container.querySelectorAll('rect[data-series="Research"]')).toHaveLength(3)
    expect(container.querySelectorAll('rect[data-series="__other__"]')).toHaveLength(2) // no bar for 0
    // Today is in progress: hatched in its own colour, never faded to 55 % (which turns one team's colour into another's).
    expect(container.querySelector('g[data-partial="inProgress"]')).not.toBeNull()
    expect(container.querySelectorAll('g[data-partial="inProgress"] rect.uk-chart-hatch')).toHaveLength(1)
    expect(container.querySelector('g[opacity]')).toBeNull()
    const [a, b] = [...container.querySelectorAll('rect[data-series]')].slice(0, 2) as SVGRectElement[]
    // Other sits on top of Research in the same column.
    expect(Number(b!.getAttribute('y')) + Number(b!.getAttribute('height'))).toBeCloseTo(Number(a!.getAttribute('y')), 5)
  })

  it('has a data table alternative with every value', () => {
    chart()
    const table = within(screen.getByRole('figure')).getByRole('table')
    expect(within(table).getAllByRole('row')).toHaveLength(4)
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Period', 'Research', 'Other'])
  })

  it('hides and shows a series from the legend', async () => {
    const { container } = chart()
    const button = screen.getByRole('button', { name: /Other/ })
    expect(button).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(button)
    expect(button).toHaveAttribute('aria-pressed', 'false')
    expect(container.querySelectorAll('rect[data-series="__other__"]')).toHaveLength(0)
    await userEvent.click(button)
    expect(container.querySelectorAll('rect[data-series="__other__"]')).toHaveLength(2)
  })

  it('shows a tooltip with every series of the hovered bucket, largest first, and its date range', () => {
    const { container } = chart()
    const overlay = container.querySelector('rect[fill="transparent"]') as SVGRectElement
    overlay.getBoundingClientRect = () => ({ left: 0, top: 0, width: 300, height: 100, right: 300, bottom: 100, x: 0, y: 0, toJSON: () => ({}) })
    fireEvent.mouseMove(overlay, { clientX: 150, clientY: 50 })
    const tooltip = container.querySelector('.uk-tooltip')!
    expect(tooltip).toHaveTextContent('day 02')
    const rows = [...tooltip.querySelectorAll('.uk-tooltip-row')].map((row) => row.textContent)
    expect(rows).toEqual(['Other8', 'Research5', 'Total13'])
  })

  it('says "in progress" only for the bucket that holds now; a bucket the range cuts at its start is partial', () => {
    const cut = { start: '2026-10-31T00:00:00.000Z', end: '2026-11-01T00:00:00.000Z', partial: true }
    const now = Date.parse('2026-11-03T12:00:00Z')
    expect(partialKind(cut, 0, 4, now)).toBe('cutStart')
    expect(partialKind(buckets[2]!, 3, 4, now)).toBe('inProgress')
    expect(partialKind(buckets[0]!, 1, 4, now)).toBeUndefined()
    expect(partialKind({ ...buckets[2]!, partial: true }, 3, 4, Date.parse('2026-12-01T00:00:00Z'))).toBe('cutEnd')
    const { container } = chart(undefined, { buckets: [cut, ...buckets], range: { start: '2026-10-31T09:00:00.000Z', end: '2026-11-03T12:00:00.000Z' }, formatInstant: (iso) => iso.slice(0, 13) })
    const overlay = container.querySelector('rect[fill="transparent"]') as SVGRectElement
    overlay.getBoundingClientRect = () => ({ left: 0, top: 0, width: 400, height: 100, right: 400, bottom: 100, x: 0, y: 0, toJSON: () => ({}) })
    fireEvent.mouseMove(overlay, { clientX: 10, clientY: 50 })
    expect(container.querySelector('.uk-tooltip-note')).toHaveTextContent('Partial: from 2026-10-31T09')
    fireEvent.mouseMove(overlay, { clientX: 390, clientY: 50 })
    expect(container.querySelector('.uk-tooltip-note')).toHaveTextContent('In progress')
  })

  it('draws the period in progress of a line as a dashed, faded segment, not a solid plunge', () => {
    const { container } = chart([{ key: 'a', label: 'A', color: 'red', values: [4, 5, 1] }], { kind: 'lines' })
    const solid = container.querySelector('path[data-series="a"]')!.getAttribute('d')!
    const dashed = container.querySelector('g[data-line="a"] path[data-partial]')!
    expect(solid.match(/[ML]/g)).toHaveLength(2) // days 1 and 2 only
    expect(dashed.getAttribute('stroke-dasharray')).toBe('4 4')
    expect(container.querySelector('g[data-line="a"] circle[data-partial="inProgress"]')).not.toBeNull()
  })

  it('draws lines with gaps for null values', () => {
    const { container } = render(
      <TimeChart
        title="Trend"
        kind="lines"
        buckets={buckets.map((b) => ({ start: b.start, end: b.end }))}
        bucketSize="1d"
        series={[{ key: 'a', label: 'A', color: 'red', values: [1, null, 3] }]}
        formatValue={String}
        formatAxisValue={String}
        formatBucketLabel={() => ''}
        formatBucketRange={() => ''}
      />,
    )
    const path = container.querySelector('path[data-series="a"]')!.getAttribute('d')!
    expect(path.match(/M/g)).toHaveLength(2)
  })
})

describe('series colours', () => {
  it('gives a key the same colour everywhere, grey to Other, and lets the host override', () => {
    expect(seriesColor('Research')).toBe(seriesColor('Research'))
    expect(seriesColor('Research')).toMatch(/^var\(--_uk-series-\d\)$/)
    expect(seriesColor('__other__')).toBe('var(--_uk-series-other)')
    expect(seriesColor('Research', { Research: '#7c3aed' })).toBe('#7c3aed')
  })

  it('gives colours by rank: the largest series the first colour, eight distinct, and keeps each key’s colour', () => {
    const registry = createSeriesColorRegistry({ Finance: '#111111' })
    const teams = ['Research', 'Finance', 'Platform', 'Customer Support', 'Growth', 'Équipe Données', 'Applied ML & Evaluation Infrastructure', 'Legal', 'Ops']
    // Preview is pure: nothing is kept until the ranking is committed.
    expect(registry.preview('team', teams)('Research')).toBe('var(--_uk-series-0)')
    expect(registry.getVersion()).toBe(0)
    registry.rank('team', teams)
    const first = teams.map((team) => registry.colorOf(team, 'team'))
    expect(first[0]).toBe('var(--_uk-series-0)')
    expect(first[1]).toBe('#111111') // the host's colour wins and takes no slot
    expect(first[2]).toBe('var(--_uk-series-1)')
    expect(new Set(first.slice(0, 9)).size).toBe(9)
    expect(first.every((c) => !/series-(8|9)\)/.test(c))).toBe(true) // no grey or brown among series
    // A later ranking (another range, another chart) never moves a key; new keys take free slots.
    registry.rank('team', [...teams].reverse())
    expect(teams.map((team) => registry.colorOf(team, 'team'))).toEqual(first)
    expect(registry.colorOf('__other__', 'team')).toBe('var(--_uk-series-other)')
    // Models have their own slots.
    registry.rank('model', ['gpt-4.1'])
    expect(registry.colorOf('gpt-4.1', 'model')).toBe('var(--_uk-series-0)')
  })

  it('keeps a palette slot a host gave one key for that key alone', () => {
    const registry = createSeriesColorRegistry({ 'public/deepseek-r1': 'var(--uk-series-6)' })
    const models = Array.from({ length: 9 }, (_, i) => `model-${i}`)
    registry.rank('model', models)
    expect(models.map((m) => registry.colorOf(m, 'model'))).not.toContain('var(--_uk-series-6)')
    expect(registry.colorOf('public/deepseek-r1', 'model')).toBe('var(--_uk-series-6)')
  })

  it('gives the same colour to a key in two charts of the page, ranked by the first', async () => {
    const { container } = renderUsage(
      <>
        <ActivityChart variant="byTeam" />
        <BarList title="Teams" groupBy="team" metric="cost" colorByKey />
      </>,
    )
    await screen.findByRole('figure', { name: 'Requests by team' })
    await screen.findByRole('list', { name: 'Teams' })
    await waitFor(() => {
      const bars = [...container.querySelectorAll('.uk-bar-list li')] as HTMLElement[]
      for (const item of bars) {
        const key = item.dataset.key!
        const rect = container.querySelector(`rect[data-series="${CSS.escape(key)}"]`)
        if (rect) expect((item.querySelector('.uk-bar-fill') as HTMLElement).style.background).toBe(rect.getAttribute('fill'))
      }
    })
  })
})

describe('data-bound charts', () => {
  it('ActivityChart shows active users per day, and says so when the range is empty', async () => {
    renderUsage(<ActivityChart />)
    const figure = await screen.findByRole('figure', { name: 'Active users per day' })
    expect(within(figure).getAllByRole('row').length).toBe(8 + 1) // 7 days rolling → 8 local days, plus header
    renderUsage(<ActivityChart title="Empty" />, { adapter: createMemoryAdapter([]) })
    expect(await screen.findByText('No usage in this range.')).toBeInTheDocument()
  })

  it('TokensChart splits input into cached and fresh beside output', async () => {
    const { container } = renderUsage(<TokensChart />)
    await screen.findByRole('figure', { name: 'Tokens over time' })
    expect(within(screen.getByRole('figure')).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Period', 'Cached input', 'Fresh input', 'Output tokens'])
    expect(container.querySelectorAll('rect[data-series="cachedInputTokens"]').length).toBeGreaterThan(0)
  })

  it('TokensChart over an adapter without cached prompt tokens draws input beside output: no cached series, legend entry or tooltip row', async () => {
    const adapter = foreignAdapter(foreignRecords(), ['cachedInputTokens'])
    const { container } = renderUsage(<TokensChart />, { adapter })
    const figure = await screen.findByRole('figure', { name: 'Tokens over time' })
    expect(within(figure).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Period', 'Input tokens', 'Output tokens'])
    expect(within(figure).getAllByRole('button').map((b) => b.textContent)).toEqual(['Input tokens', 'Output tokens'])
    expect(container.querySelector('rect[data-series="cachedInputTokens"], rect[data-series="freshInputTokens"]')).toBeNull()
    expect(container.querySelectorAll('rect[data-series="inputTokens"]').length).toBeGreaterThan(0)
    const overlay = container.querySelector('rect[fill="transparent"]') as SVGRectElement
    overlay.getBoundingClientRect = () => ({ left: 0, top: 0, width: 300, height: 100, right: 300, bottom: 100, x: 0, y: 0, toJSON: () => ({}) })
    fireEvent.mouseMove(overlay, { clientX: 150, clientY: 50 })
    const tooltip = container.querySelector('.uk-tooltip')!
    expect([...tooltip.querySelectorAll('.uk-tooltip-row')].map((row) => row.children[1]!.textContent).sort()).toEqual(['Input tokens', 'Output tokens'])
    expect(adapter.calls.some((call) => JSON.stringify(call.params).includes('cachedInputTokens'))).toBe(false)
  })

  it('a chart or bar list grouped by a dimension the adapter lacks is not shown', async () => {
    const adapter = foreignAdapter(foreignRecords(), ['team'])
    const { container } = renderUsage(
      <>
        <ActivityChart variant="byTeam" />
        <BarList title="By team" groupBy="team" metric="requests" />
        <BarList title="By customer" groupBy="customer" metric="cacheHits" />
      </>,
      { adapter },
    )
    const list = await screen.findByRole('list', { name: 'By customer' })
    expect(within(list).getAllByRole('listitem').map((item) => item.dataset.key).sort()).toEqual(['Acme Corp', 'Globex', 'Initech', '__none__'].sort())
    expect(container.querySelectorAll('.uk-card')).toHaveLength(1)
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('TrendChart in thousands keeps its value axis on the subtitle\'s scale: every tick in K, none in M', async () => {
    const { container } = renderUsage(<TrendChart tokenNotation="thousands" />)
    await screen.findByRole('figure', { name: 'Usage trend by model' })
    expect(screen.getByText('In thousands of tokens (K)')).toBeInTheDocument()
    const ticks = [...container.querySelectorAll('svg text[text-anchor="end"]')].map((tick) => tick.textContent)
    expect(ticks.length).toBeGreaterThan(2)
    for (const tick of ticks) expect(tick).toMatch(/^[\d,.]+K$|^0K$/)
  })

  it('TrendChart switches between total, input and output', async () => {
    const { container } = renderUsage(<TrendChart />)
    await screen.findByRole('figure', { name: 'Usage trend by model' })
    expect(container.querySelector('[data-measure]')).toHaveAttribute('data-measure', 'total')
    await userEvent.click(screen.getByRole('button', { name: 'Output' }))
    expect(container.querySelector('[data-measure]')).toHaveAttribute('data-measure', 'output')
    await waitFor(() => expect(container.querySelectorAll('path[data-series]').length).toBeGreaterThan(1))
  })

  it('BarList ranks the top consumers', async () => {
    renderUsage(<BarList title="Top consumers" groupBy="consumer" metric="requests" limit={5} />)
    const list = await screen.findByRole('list', { name: 'Top consumers' })
    expect(within(list).getAllByRole('listitem')).toHaveLength(5)
  })
})
