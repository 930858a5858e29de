import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { describe, expect, it, vi } from 'vitest'
import { dailyRecords } from '../test/dailyRecords.js'
import { renderUsage } from '../test/renderUsage.js'
import { SpendChart } from './SpendChart.js'

const NOW = '2026-11-16T00:00:00.000Z'
// $10 a day since Oct 1, and one $100 day on Nov 12.
const adapter = () => createMemoryAdapter(dailyRecords('2026-10-01T00:00:00.000Z', NOW, 10, 'Research', { '2026-11-12': 100 }), { now: () => NOW })
const provider = { now: NOW, timeZone: 'UTC', defaultRange: { from: '2026-10-01', to: '2026-11-15' } }

describe('anomaly markers on time charts', () => {
  it('marks the one unusual day above its bar, and its tooltip says how unusual and offers View requests', async () => {
    const onViewRequests = vi.fn()
    const { container } = renderUsage(<SpendChart />, { adapter: adapter(), ...provider, onViewRequests })
    await waitFor(() => expect(container.querySelectorAll('.uk-chart-anomaly')).toHaveLength(1))
    const marker = container.querySelector('.uk-chart-anomaly')!
    // Oct 1 is bucket 0: Nov 12 is bucket 42, three before the last (Nov 15).
    expect(marker).toHaveAttribute('data-index', '42')
    screen.getByRole('application').focus()
    await userEvent.keyboard('{End}{ArrowLeft}{ArrowLeft}{ArrowLeft}')
    const tooltip = () => container.querySelector('.uk-tooltip') as HTMLElement
    await waitFor(() => expect(tooltip()).toHaveTextContent('10.0× usual spend'))
    const button = [...tooltip().querySelectorAll('button')].find((b) => b.textContent === 'View requests')!
    await userEvent.click(button)
    expect(onViewRequests).toHaveBeenCalledWith(expect.objectContaining({ range: { start: '2026-11-12T00:00:00.000Z', end: '2026-11-13T00:00:00.000Z' } }))
  })

  it('names the flagged cell in the chart’s data table, and only that cell', async () => {
    const { container } = renderUsage(<SpendChart />, { adapter: adapter(), ...provider })
    await waitFor(() => expect(container.querySelectorAll('.uk-chart-anomaly')).toHaveLength(1))
    const flagged = [...container.querySelectorAll('.uk-data-table td[data-anomaly]')]
    expect(flagged).toHaveLength(1)
    expect(flagged[0]!.closest('tr')!.querySelector('th')).toHaveTextContent('Nov 12')
    expect(flagged[0]).toHaveTextContent(/^\$100\.00\s*10\.0× usual spend$/)
  })

  it('marks nothing on steady data, and nothing with anomalies={false}', async () => {
    const steady = createMemoryAdapter(dailyRecords('2026-10-01T00:00:00.000Z', NOW, 10), { now: () => NOW })
    const first = renderUsage(<SpendChart />, { adapter: steady, ...provider })
    await waitFor(() => expect(first.container.querySelector('[data-series]')).not.toBeNull())
    expect(first.container.querySelector('.uk-chart-anomaly')).toBeNull()
    first.unmount()
    const second = renderUsage(<SpendChart anomalies={false} />, { adapter: adapter(), ...provider })
    await waitFor(() => expect(second.container.querySelector('[data-series]')).not.toBeNull())
    expect(second.container.querySelector('.uk-chart-anomaly')).toBeNull()
  })
})
