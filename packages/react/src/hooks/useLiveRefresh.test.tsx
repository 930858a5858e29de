import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { AdapterMethod, UsageAdapter } from '@usagekit/core'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { describe, expect, it } from 'vitest'
import { ActivityChart } from '../charts/ActivityChart.js'
import { KpiGrid } from '../components/KpiGrid.js'
import { LiveBanner, LiveToggle } from '../controls/LiveToggle.js'
import { RequestLog } from '../requests/RequestLog.js'
import { BreakdownTable } from '../table/BreakdownTable.js'
import { NOW, renderUsage, testRecords } from '../test/renderUsage.js'

function counted(adapter: UsageAdapter, fail: () => boolean = () => false) {
  const calls: Record<string, number> = {}
  const wrapped = { ...adapter } as Record<AdapterMethod, (p: never) => Promise<unknown>>
  for (const method of ['getSummary', 'getTimeSeries', 'getBreakdown', 'listRequests', 'getRequest'] as const) {
    wrapped[method] = async (params: never) => {
      // The request log's total ("1–50 of 1,533") is a summary of `requests` alone: counted apart from the KPIs'.
      const { metrics } = params as { metrics?: string[] }
      const name = method === 'getSummary' && metrics?.join() === 'requests' ? 'requestCount' : method
      calls[name] = (calls[name] ?? 0) + 1
      if (fail() && method === 'getSummary') throw new Error('down')
      return (adapter[method] as (p: never) => Promise<unknown>)(params)
    }
  }
  return { adapter: wrapped as unknown as UsageAdapter, calls }
}

// Plain waits (not act): React must keep rendering while the live loop runs.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('Live mode', () => {
  it('refreshes every widget once per interval, shows a banner with Stop, and stops', async () => {
    const { adapter, calls } = counted(createMemoryAdapter(testRecords()))
    let clock = Date.parse(NOW)
    renderUsage(
      <>
        <LiveToggle />
        <LiveBanner />
        <KpiGrid preset="teamUsage" />
        <ActivityChart />
        <BreakdownTable />
        <RequestLog />
      </>,
      { adapter, now: () => (clock += 1000), liveIntervalMs: 300 },
    )
    await waitFor(() => expect(calls.listRequests).toBe(1))
    // The table's rows, and once (never again) the teams' ranking its badges take their colours from.
    await waitFor(() => expect(calls.getBreakdown).toBe(2))
    expect(calls).toMatchObject({ getSummary: 1, getTimeSeries: 1 })
    await userEvent.click(screen.getByRole('button', { name: 'Live' }))
    expect(screen.getByRole('status')).toHaveTextContent('Live: refreshing every 0 seconds')
    await waitFor(() => expect(calls.getSummary).toBe(2), { timeout: 2000 })
    await waitFor(() => expect(calls.getSummary).toBe(3), { timeout: 2000 })
    // One request per widget per tick; no request details without a drawer.
    expect(calls.getTimeSeries).toBe(calls.getSummary)
    expect(calls.getBreakdown).toBe(calls.getSummary! + 1)
    expect(calls.listRequests).toBe(calls.getSummary)
    await waitFor(() => expect(calls.requestCount).toBe(calls.listRequests))
    expect(calls.getRequest).toBeUndefined()
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }))
    const stoppedAt = calls.getSummary!
    await sleep(900)
    expect(calls.getSummary).toBe(stoppedAt)
    expect(screen.queryByText(/Live: refreshing/)).not.toBeInTheDocument()
  })

  it('backs off after failing ticks and pauses while the tab is hidden', async () => {
    let failing = true
    const { adapter, calls } = counted(createMemoryAdapter(testRecords()), () => failing)
    let clock = Date.parse(NOW)
    renderUsage(
      <>
        <LiveToggle />
        <KpiGrid preset="modelUsage" compare={false} />
      </>,
      { adapter, now: () => (clock += 1000), liveIntervalMs: 200 },
    )
    await waitFor(() => expect(calls.getSummary).toBe(1))
    await userEvent.click(screen.getByRole('button', { name: 'Live' }))
    // Ticks at +200 (fails) → next after 400 → then 800: far fewer than 200 ms ticks would make.
    await sleep(1500)
    expect(calls.getSummary).toBeGreaterThanOrEqual(3)
    expect(calls.getSummary).toBeLessThanOrEqual(4)
    failing = false
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
    document.dispatchEvent(new Event('visibilitychange'))
    const hiddenAt = calls.getSummary!
    await sleep(1800)
    expect(calls.getSummary).toBe(hiddenAt)
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' })
    document.dispatchEvent(new Event('visibilitychange'))
    await waitFor(() => expect(calls.getSummary).toBe(hiddenAt + 1))
  })
})
