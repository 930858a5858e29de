import { waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { type GetTimeSeriesParams, type UsageAdapter, previousRange } from '@usagekit/core'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { describe, expect, it } from 'vitest'
import { NOW, renderUsage, testRecords } from '../test/renderUsage.js'
import { SpendChart } from './SpendChart.js'
import { ActivityChart } from './ActivityChart.js'
import { TokensChart } from './TokensChart.js'
import { TrendChart } from './TrendChart.js'

function recordingAdapter() {
  const memory = createMemoryAdapter(testRecords())
  const asked: GetTimeSeriesParams[] = []
  const adapter: UsageAdapter = { ...memory, getTimeSeries: (p) => (asked.push(p), memory.getTimeSeries(p)) }
  return { adapter, asked }
}

async function compareButton(): Promise<HTMLButtonElement> {
  await waitFor(() => expect(document.querySelector('button[data-compare]')).not.toBeNull(), { timeout: 5000 })
  return document.querySelector('button[data-compare]') as HTMLButtonElement
}

describe('Compare (previous-period overlay)', () => {
  it('is off by default; on, it asks once for the previous period of equal elapsed time and draws it quietly', async () => {
    const { adapter, asked } = recordingAdapter()
    renderUsage(<SpendChart />, { adapter, defaultRange: { preset: 'last2Weeks' } })
    const button = await compareButton()
    expect(button).toHaveAttribute('aria-pressed', 'false')
    await waitFor(() => expect(document.querySelector('figure')).not.toBeNull())
    const before = asked.length
    const current = asked.at(-1)!
    expect(document.querySelector('.uk-chart-previous')).toBeNull()
    await userEvent.click(button)
    expect(button).toHaveAttribute('aria-pressed', 'true')
    await waitFor(() => expect(document.querySelectorAll('.uk-chart-previous-bar').length).toBeGreaterThan(0))
    expect(asked.length - before).toBe(1)
    // The last two weeks are running at NOW: the previous fortnight is cut at the same elapsed point.
    expect(asked.at(-1)).toMatchObject({ bucket: current.bucket, metrics: ['cost'], range: previousRange(current.range, { now: NOW }) })
    expect(asked.at(-1)!.range.end).not.toBe(current.range.start)
    expect(document.querySelector('ul.uk-legend')).toHaveTextContent('Previous period')
    // Off again: the overlay goes, nothing is asked.
    await userEvent.click(button)
    expect(document.querySelector('.uk-chart-previous')).toBeNull()
    expect(asked.length - before).toBe(1)
  })

  it('compares a stacked chart’s total: one request without the grouping', async () => {
    const { adapter, asked } = recordingAdapter()
    renderUsage(<ActivityChart variant="byTeam" defaultCompare />, { adapter })
    await waitFor(() => expect(document.querySelectorAll('.uk-chart-previous-bar').length).toBeGreaterThan(0), { timeout: 5000 })
    // The previous period's query: the one that starts before the chart's own range.
    const previous = asked.find((p) => Date.parse(p.range.start) < Date.parse(asked[0]!.range.start))!
    expect(previous.groupBy).toBeUndefined()
    expect(previous.limit).toBeUndefined()
    expect(document.querySelectorAll('g[data-previous]')).toHaveLength(1)
  })

  it('draws one outline per bar of the tokens chart (input, output)', async () => {
    renderUsage(<TokensChart defaultCompare />)
    await waitFor(() => expect(document.querySelectorAll('g[data-previous]')).toHaveLength(2), { timeout: 5000 })
    expect([...document.querySelectorAll('g[data-previous]')].map((g) => g.getAttribute('data-previous'))).toEqual(['input', 'output'])
  })

  it('is not offered on a chart of one line per group', async () => {
    renderUsage(<TrendChart />)
    await waitFor(() => expect(document.querySelector('figure')).not.toBeNull(), { timeout: 5000 })
    expect(document.querySelector('button[data-compare]')).toBeNull()
  })
})
