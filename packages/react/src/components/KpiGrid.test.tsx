import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { UsageAdapter } from '@usagekit/core'
import { BreakdownTable } from '../table/BreakdownTable.js'
import { foreignAdapter, foreignRecords } from '../test/foreignAdapter.js'
import { renderUsage, testAdapter } from '../test/renderUsage.js'
import { KpiCard } from './KpiCard.js'
import { KpiGrid } from './KpiGrid.js'

describe('KpiCard', () => {
  it('shows label, value, sub-line and a delta chip coloured by meaning, with the period named', () => {
    renderUsage(<KpiCard label="Spend" value="$12.40" sub="across 3 models" delta={{ relative: 0.2, direction: 'up', tone: 'bad', period: 'vs previous 7 days' }} locale="en-US" />)
    const card = screen.getByText('Spend').closest('section')!
    expect(within(card).getByText('$12.40')).toBeInTheDocument()
    expect(within(card).getByText('across 3 models')).toBeInTheDocument()
    const chip = card.querySelector('.uk-delta')!
    expect(chip).toHaveAttribute('data-tone', 'bad')
    expect(chip).toHaveTextContent('+20%')
    expect(chip).toHaveTextContent('(worse)')
    // The period is named beside the chip (its own slot, so chips of a row line up).
    expect(card.querySelector('.uk-kpi-foot')).toHaveTextContent('vs previous 7 days')
  })

  it('says "No change" for 0 vs 0, paints tiny changes neutral and writes a true minus sign', () => {
    const { rerender } = renderUsage(<KpiCard label="Failed" value="0" delta={{ relative: null, direction: 'flat', tone: 'neutral', period: 'vs previous 7 days' }} locale="en-US" />)
    const chip = () => screen.getByText('Failed').closest('section')!.querySelector('.uk-delta')!
    expect(chip()).toHaveTextContent('No change')
    expect(chip()).not.toHaveTextContent(/new/i)
    rerender(<KpiCard label="Failed" value="812 ms" delta={{ relative: 0.002, direction: 'up', tone: 'bad', period: 'vs previous 7 days' }} locale="en-US" />)
    expect(chip()).toHaveAttribute('data-tone', 'neutral')
    expect(chip()).toHaveTextContent('+0.2%')
    rerender(<KpiCard label="Failed" value="812 ms" delta={{ relative: 0.012, direction: 'up', tone: 'bad', period: 'vs previous 7 days' }} locale="en-US" />)
    expect(chip()).toHaveAttribute('data-tone', 'bad')
    rerender(<KpiCard label="Failed" value="1" delta={{ relative: -0.123, direction: 'down', tone: 'good', period: 'vs previous 7 days' }} locale="en-US" />)
    expect(chip()).toHaveTextContent('\u221212.3%')
    expect(chip().textContent).not.toContain('-')
    expect(chip().querySelector('svg')).not.toBeNull()
    rerender(<KpiCard label="Failed" value="4" delta={{ relative: null, direction: 'up', tone: 'bad', period: 'vs previous 7 days' }} locale="en-US" />)
    expect(chip()).toHaveTextContent('New')
  })

  it('names the compared period in full for the tooltip and screen readers', () => {
    renderUsage(<KpiCard label="Tokens" value="1" delta={{ relative: -0.1, direction: 'down', tone: 'neutral', period: 'vs Oct 23 – Nov 5, 5:00 PM', periodDetail: 'vs same time last period: Oct 23, 1:00 AM – Nov 5, 5:00 PM' }} locale="en-US" />)
    const foot = screen.getByText('Tokens').closest('section')!.querySelector('.uk-kpi-foot')!
    expect(foot).toHaveAttribute('title', 'vs same time last period: Oct 23, 1:00 AM – Nov 5, 5:00 PM')
    expect(foot).toHaveTextContent('vs same time last period: Oct 23, 1:00 AM – Nov 5, 5:00 PM')
  })

  it('has loading and error states', async () => {
    const { rerender } = renderUsage(<KpiCard label="Requests" loading />)
    expect(screen.getByText('Requests').closest('section')).toHaveAttribute('data-state', 'loading')
    let retried = 0
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const error = new Error('getSummary timed out after 30 s')
    rerender(<KpiCard label="Requests" error={error} onRetry={() => retried++} />)
    // Plain words for the reader; the integrator's detail behind "Details" and in the console.
    expect(screen.getByRole('alert')).toHaveTextContent('Couldn’t load this')
    const details = screen.getByText('Details').closest('details')!
    expect(details).not.toHaveAttribute('open')
    expect(details).toHaveTextContent('getSummary timed out after 30 s')
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('[usagekit]'), error)
    logged.mockRestore()
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(retried).toBe(1)
  })
})

describe('KpiGrid', () => {
  it('rebuilds seed 003’s four cards from one summary query, with deltas', async () => {
    const adapter = testAdapter()
    let calls = 0
    const counting: UsageAdapter = { ...adapter, getSummary: (p) => (calls++, adapter.getSummary(p)) }
    renderUsage(<KpiGrid preset="modelUsage" />, { adapter: counting })
    expect(screen.getAllByText('Requests')[0]!.closest('section')).toHaveAttribute('data-state', 'loading')
    await waitFor(() => expect(screen.getByText('Spend').closest('section')).toHaveAttribute('data-state', 'ready'))
    const truth = await adapter.getSummary({ range: { start: '2026-11-13T15:00:00.000Z', end: '2026-11-20T15:00:00.000Z' }, timeZone: 'Europe/Berlin', metrics: ['requests', 'successRate'] })
    const requests = screen.getByText('Requests').closest('section')!
    expect(requests).toHaveTextContent(truth.totals.requests!.toLocaleString('en-US'))
    expect(requests).toHaveTextContent(/success rate/)
    expect(screen.getByText('Avg latency').closest('section')).toHaveTextContent(/p95/)
    expect(calls).toBe(1)
  })

  it('compares a running range with the same elapsed part of the previous one, and names it', async () => {
    const adapter = testAdapter()
    const seen: unknown[] = []
    const spying: UsageAdapter = { ...adapter, getSummary: (p) => (seen.push(p.now), adapter.getSummary(p)) }
    renderUsage(<KpiGrid preset="tokenOverview" />, { adapter: spying, defaultRange: { preset: 'last2Weeks' } })
    await waitFor(() => expect(screen.getByText('Total usage').closest('section')).toHaveAttribute('data-state', 'ready'))
    expect(seen.at(-1)).toBe('2026-11-20T15:00:00.000Z')
    // Nov 7 – 20 (Berlin) up to Nov 20, 16:00 against Oct 24 – Nov 6, 16:00 (from 01:00: the clocks went back on Oct 25).
    const foot = screen.getByText('Total usage').closest('section')!.querySelector('.uk-kpi-foot')!
    expect(foot.querySelector('.uk-kpi-period')!.textContent!.replace(/\s/g, ' ')).toBe('vs Oct 24 – Nov 6, 4:00 PM')
    expect(foot.getAttribute('title')!.replace(/\s/g, ' ')).toBe('vs same time last period: Oct 24, 1:00 AM – Nov 6, 4:00 PM')
  })

  it('names a rolling window "vs previous 7 days"', async () => {
    renderUsage(<KpiGrid preset="modelUsage" />)
    await waitFor(() => expect(screen.getByText('Spend').closest('section')).toHaveAttribute('data-state', 'ready'))
    expect(screen.getByText('Spend').closest('section')!.querySelector('.uk-kpi-period')).toHaveTextContent('vs previous 7 days')
  })

  it('never shows a tiny cost as $0.00 and shows K tokens for seed 004', async () => {
    renderUsage(<KpiGrid preset="tokenOverview" />)
    await waitFor(() => expect(screen.getByText('Total usage').closest('section')).toHaveAttribute('data-state', 'ready'))
    expect(screen.getByText('Total usage').closest('section')).toHaveTextContent('K tokens')
  })

  it('fails visibly and recoverably on its own while other widgets render', async () => {
    let failing = true
    const adapter = testAdapter()
    const flaky: UsageAdapter = {
      ...adapter,
      getSummary: async (p) => {
        if (failing) throw new Error('summary backend is down')
        return adapter.getSummary(p)
      },
    }
    renderUsage(
      <>
        <KpiGrid preset="modelUsage" />
        <BreakdownTable />
      </>,
      { adapter: flaky },
    )
    await waitFor(() => expect(screen.getAllByText('summary backend is down').length).toBeGreaterThan(0))
    await waitFor(() => expect(screen.getByRole('table', { name: 'Breakdown' })).toBeInTheDocument())
    failing = false
    await userEvent.click(screen.getAllByRole('button', { name: 'Retry' })[0]!)
    await waitFor(() => expect(screen.queryByText('summary backend is down')).not.toBeInTheDocument())
    expect(screen.getByText('Spend', { selector: '.uk-kpi-label' }).closest('section')).toHaveAttribute('data-state', 'ready')
  })

  it('fails a widget whose backend never answers, with a Retry, once the timeout passes', async () => {
    const adapter = testAdapter()
    const hanging: UsageAdapter = { ...adapter, getSummary: () => new Promise(() => {}) }
    renderUsage(<KpiGrid preset="modelUsage" compare={false} />, { adapter: hanging, timeoutMs: 150 })
    expect(screen.getByText('Spend').closest('section')).toHaveAttribute('data-state', 'loading')
    await waitFor(() => expect(screen.getAllByText('getSummary did not answer within 150 ms.').length).toBeGreaterThan(0))
    expect(screen.getAllByRole('button', { name: 'Retry' }).length).toBeGreaterThan(0)
  })

  it('turns a broken answer (NaN) into a clear error in that widget', async () => {
    const adapter = testAdapter()
    const broken: UsageAdapter = { ...adapter, getSummary: async () => ({ totals: { requests: Number.NaN, successRate: 1, totalTokens: 1, inputTokens: 1, outputTokens: 1, cost: 1, avgLatencyMs: 1, p95LatencyMs: 1 } }) }
    renderUsage(<KpiGrid preset="modelUsage" compare={false} />, { adapter: broken })
    await waitFor(() => expect(screen.getAllByText(/getSummary returned an invalid answer: totals\.requests must be a non-negative finite number/).length).toBeGreaterThan(0))
  })
})

describe('KpiGrid over an adapter that offers less', () => {
  const labels = () => [...document.querySelectorAll('.uk-kpi-label')].map((label) => label.textContent)
  const card = (label: string) => screen.getByText(label, { selector: '.uk-kpi-label' }).closest('section')!

  it('shows no card for a metric the adapter cannot answer (no 0, no —) and asks for none', async () => {
    const adapter = foreignAdapter(foreignRecords(), ['cachedInputTokens', 'cacheHit'])
    renderUsage(<KpiGrid preset="gateway" />, { adapter })
    await waitFor(() => expect(card('Spend')).toHaveAttribute('data-state', 'ready'))
    expect(labels()).toEqual(['Requests', 'Spend', 'Tokens', 'Avg latency'])
    expect(screen.queryByText('—')).not.toBeInTheDocument()
    const summaries = adapter.calls.filter((call) => call.method === 'getSummary')
    expect(summaries).toHaveLength(1)
    expect((summaries[0]!.params as { metrics: string[] }).metrics).not.toContain('cachedInputTokens')
  })

  it('shows gateway cache hits as a count, with their share of requests', async () => {
    const adapter = foreignAdapter(foreignRecords(), [])
    renderUsage(<KpiGrid preset="gateway" compare={false} />, { adapter })
    await waitFor(() => expect(card('Cache hits')).toHaveAttribute('data-state', 'ready'))
    const truth = await adapter.getSummary({ range: { start: '2026-11-13T15:00:00.000Z', end: '2026-11-20T15:00:00.000Z' }, timeZone: 'Europe/Berlin', metrics: ['cacheHits', 'requests'] })
    expect(truth.totals.cacheHits).toBeGreaterThan(0)
    expect(card('Cache hits').querySelector('.uk-kpi-value')).toHaveTextContent(new RegExp(`^${truth.totals.cacheHits!.toLocaleString('en-US')}$`))
    expect(card('Cache hits')).toHaveTextContent(/\d+(\.\d)?% of requests/)
    expect(labels()).toContain('Cached tokens')
  })

  it('drops a sub-line that needs a metric the adapter lacks, keeping the card', async () => {
    const adapter = foreignAdapter(foreignRecords(), ['cachedInputTokens'])
    renderUsage(<KpiGrid cards={[{ metric: 'requests', label: 'Requests', needs: ['cachedInputShare'], sub: () => 'share of cached input' }]} compare={false} />, { adapter })
    await waitFor(() => expect(card('Requests')).toHaveAttribute('data-state', 'ready'))
    expect(card('Requests')).not.toHaveTextContent('share of cached input')
  })
})
