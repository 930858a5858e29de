import { fireEvent, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { UsageBudget, UsageRecord } from '@usagekit/core'
import { dailyRecords } from '../test/dailyRecords.js'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { describe, expect, it, vi } from 'vitest'
import { renderUsage } from '../test/renderUsage.js'
import { BudgetChart } from './BudgetChart.js'
import { ForecastKpi } from './ForecastKpi.js'

// The clock: Nov 16, 00:00 in UTC: 15 whole days of a 30-day November are spent.
const NOW = '2026-11-16T00:00:00.000Z'
const adapterOf = (records: UsageRecord[]) => createMemoryAdapter(records, { now: () => NOW })
const steady = () => adapterOf(dailyRecords('2026-10-01T00:00:00.000Z', NOW, 10))
const card = () => document.querySelector('[data-uk-forecast]') as HTMLElement

describe('ForecastKpi', () => {
  it('forecasts a steady $10 a day to $300 by Nov 30 and names the budget it stays under', async () => {
    const budgets: UsageBudget[] = [{ amount: 500, period: 'month' }]
    renderUsage(<ForecastKpi />, { adapter: steady(), now: NOW, timeZone: 'UTC', budgets })
    await waitFor(() => expect(card()).toHaveAttribute('data-uk-forecast', 'ready'))
    expect(card()).toHaveTextContent('$300.00')
    expect(card()).toHaveTextContent('by Nov 30 · budget $500.00')
    expect(card()).toHaveTextContent('$150.00 spent')
    expect(card()).toHaveAttribute('data-budget', 'under')
    expect(card()).not.toHaveTextContent('crosses budget')
    // The meter at the card's foot: spent and expected on a scale to the budget, with the words.
    expect(card().querySelector('.uk-forecast-meter-text')).toHaveTextContent('30% of budget spent · 60% forecast')
    expect(card().querySelector<HTMLElement>('.uk-forecast-meter-spent')!.style.width).toBe('30%')
    expect(card().querySelector<HTMLElement>('.uk-forecast-meter-expected')!.style.width).toBe('60%')
    expect(card().querySelector('.uk-forecast-meter')).not.toHaveAttribute('data-over')
  })

  it('scales the meter to the forecast when it passes the budget, the budget a tick inside it', async () => {
    renderUsage(<ForecastKpi />, { adapter: steady(), now: NOW, timeZone: 'UTC', budgets: [{ amount: 200, period: 'month' }] })
    await waitFor(() => expect(card()).toHaveAttribute('data-uk-forecast', 'ready'))
    expect(card().querySelector('.uk-forecast-meter-text')).toHaveTextContent('75% of budget spent · 150% forecast')
    expect(card().querySelector<HTMLElement>('.uk-forecast-meter-expected')!.style.width).toBe('100%')
    expect(card().querySelector<HTMLElement>('.uk-forecast-meter-spent')!.style.width).toBe('50%')
    expect(card().querySelector('.uk-forecast-meter')).toHaveAttribute('data-over', 'true')
    expect(card().querySelector('.uk-forecast-meter')).not.toHaveAttribute('data-reached')
  })

  it('shows no meter without a budget', async () => {
    renderUsage(<ForecastKpi />, { adapter: steady(), now: NOW, timeZone: 'UTC' })
    await waitFor(() => expect(card()).toHaveAttribute('data-uk-forecast', 'ready'))
    expect(card().querySelector('.uk-forecast-meter')).toBeNull()
  })

  it('says when the expected path crosses the budget, and when spend already reached it', async () => {
    const { unmount } = renderUsage(<ForecastKpi />, { adapter: steady(), now: NOW, timeZone: 'UTC', budgets: [{ amount: 200, period: 'month' }] })
    await waitFor(() => expect(card()).toHaveAttribute('data-uk-forecast', 'ready'))
    // $150 spent on Nov 16 00:00, $10 a day: $200 on Nov 21 00:00 (the end of Nov 20).
    expect(card()).toHaveTextContent(/crosses budget on Nov 2[01]/)
    expect(card()).toHaveAttribute('data-budget', 'over')
    unmount()
    renderUsage(<ForecastKpi />, { adapter: steady(), now: NOW, timeZone: 'UTC', budgets: [{ amount: 95, period: 'month' }] })
    await waitFor(() => expect(card()).toHaveAttribute('data-uk-forecast', 'ready'))
    // $90 by the end of Nov 9, $10 spread over Nov 10: $95 at its noon.
    expect(card()).toHaveTextContent('budget reached on Nov 10')
  })

  it('uses only a budget whose filters equal the page filters', async () => {
    const budgets: UsageBudget[] = [{ amount: 50, period: 'month', filters: { team: ['Research'] }, label: 'Research' }]
    const { unmount } = renderUsage(<ForecastKpi />, { adapter: steady(), now: NOW, timeZone: 'UTC', budgets })
    await waitFor(() => expect(card()).toHaveAttribute('data-uk-forecast', 'ready'))
    expect(card()).toHaveTextContent('Forecast')
    expect(card()).not.toHaveTextContent('budget $')
    unmount()
    renderUsage(<ForecastKpi />, { adapter: steady(), now: NOW, timeZone: 'UTC', budgets, defaultFilters: { team: ['Research'] } })
    await waitFor(() => expect(card()).toHaveAttribute('data-uk-forecast', 'ready'))
    expect(screen.getByText('Forecast · Research')).toBeInTheDocument()
    expect(card()).toHaveTextContent('budget $50.00')
  })

  it('says there is not enough history rather than guessing, and notes a period that just started', async () => {
    const { unmount } = renderUsage(<ForecastKpi />, { adapter: adapterOf(dailyRecords('2026-11-15T00:00:00.000Z', NOW, 10)), now: '2026-11-15T18:00:00.000Z', timeZone: 'UTC' })
    await waitFor(() => expect(card()).toHaveAttribute('data-uk-forecast', 'noHistory'))
    expect(card()).toHaveTextContent('Not enough history for a forecast yet')
    // No number passes for a forecast: a dash, and what was spent said as such.
    expect(card().querySelector('.uk-kpi-value')).toHaveTextContent(/^—$/)
    expect(card()).toHaveTextContent(/Spent \$\d+\.\d\d/)
    unmount()
    renderUsage(<ForecastKpi />, { adapter: steady(), now: '2026-11-01T12:00:00.000Z', timeZone: 'UTC' })
    await waitFor(() => expect(card()).toHaveAttribute('data-uk-forecast', 'justStarted'))
    expect(card()).toHaveTextContent('Period just started')
    expect(card()).toHaveTextContent('by Nov 30')
  })
})

describe('BudgetChart', () => {
  it('draws the spend so far, the budget line and the forecast band, and names them in the key', async () => {
    renderUsage(<BudgetChart />, { adapter: steady(), now: NOW, timeZone: 'UTC', budgets: [{ amount: 500, period: 'month' }] })
    await waitFor(() => expect(document.querySelector('.uk-budget-chart')).toHaveAttribute('data-state', 'ready'))
    const chart = document.querySelector('.uk-budget-chart')!
    expect(chart.querySelector('[data-uk-mark="spent"]')).not.toBeNull()
    expect(chart.querySelector('[data-uk-mark="budget-line"]')).not.toBeNull()
    expect(chart.querySelector('[data-uk-mark="forecast-band"]')?.getAttribute('d')).toMatch(/Z$/)
    expect(chart.querySelector('svg')).toHaveAttribute('aria-label', 'Cumulative spend this period: $150.00 so far, $300.00 forecast, budget $500.00')
    expect(screen.getByText('Budget $500.00')).toBeInTheDocument()
  })

  it('without a budget draws no budget line', async () => {
    renderUsage(<BudgetChart />, { adapter: steady(), now: NOW, timeZone: 'UTC' })
    await waitFor(() => expect(document.querySelector('.uk-budget-chart')).toHaveAttribute('data-state', 'ready'))
    expect(document.querySelector('[data-uk-mark="budget-line"]')).toBeNull()
    expect(document.querySelector('[data-uk-mark="forecast"]')).not.toBeNull()
  })
})

describe('BudgetChart tooltip', () => {
  const tooltip = () => document.querySelector('.uk-budget-chart .uk-tooltip') as HTMLElement | null
  const rows = () => [...tooltip()!.querySelectorAll('.uk-tooltip-row')].map((row) => row.textContent)
  const render = async () => {
    renderUsage(<BudgetChart />, { adapter: steady(), now: NOW, timeZone: 'UTC', budgets: [{ amount: 500, period: 'month' }] })
    await waitFor(() => expect(document.querySelector('.uk-budget-chart')).toHaveAttribute('data-state', 'ready'))
  }

  it('reads the day, the spend by then, the forecast and its range, and the budget from the keyboard; Escape closes', async () => {
    await render()
    screen.getByRole('application', { name: 'Spend so far vs budget' }).focus()
    await userEvent.keyboard('{Home}')
    expect(tooltip()).toHaveAttribute('data-kind', 'spent')
    expect(tooltip()!.querySelector('.uk-tooltip-title')).toHaveTextContent('Sun, Nov 1')
    expect(tooltip()).toHaveTextContent('Cumulative since Nov 1')
    expect(rows()).toEqual(['Spent$10.00', 'Budget$500.00'])
    await userEvent.keyboard('{ArrowRight>14/}')
    expect(tooltip()!.querySelector('.uk-tooltip-title')).toHaveTextContent('Sun, Nov 15')
    expect(rows()).toEqual(['Spent$150.00', 'Budget$500.00'])
    // The first day to come: its expected cumulative spend and the band around it.
    await userEvent.keyboard('{ArrowRight}')
    expect(tooltip()).toHaveAttribute('data-kind', 'forecast')
    expect(tooltip()!.querySelector('.uk-tooltip-title')).toHaveTextContent('Mon, Nov 16')
    expect(rows()[0]).toBe('Forecast$160.00')
    expect(rows()[1]).toMatch(/^Likely range\$1\d\d\.\d\d–\$1\d\d\.\d\d$/)
    await userEvent.keyboard('{End}')
    expect(tooltip()!.querySelector('.uk-tooltip-title')).toHaveTextContent('Mon, Nov 30')
    expect(rows()[0]).toBe('Forecast$300.00')
    expect(rows()[2]).toBe('Budget$500.00')
    expect(document.querySelector('.uk-budget-chart [aria-live="polite"]')).toHaveTextContent(/^Mon, Nov 30\. Forecast: \$300\.00\. Likely range: \$\d+\.\d\d–\$\d+\.\d\d\. Budget: \$500\.00$/)
    expect(document.querySelector('[data-uk-mark="active-day"]')).not.toBeNull()
    await userEvent.keyboard('{Escape}')
    expect(tooltip()).toBeNull()
  })

  it('follows the pointer over the plot, and leaves with it', async () => {
    await render()
    const svg = document.querySelector('.uk-budget-chart svg') as SVGSVGElement
    vi.spyOn(svg, 'getBoundingClientRect').mockReturnValue({ left: 0, top: 0, width: 600, height: 220, right: 600, bottom: 220, x: 0, y: 0, toJSON: () => ({}) })
    const hit = document.querySelector('.uk-budget-chart .uk-chart-hit')!
    // Nov 10 is the tenth of 30 days across a 532 px plot that starts at 56 px.
    fireEvent.mouseMove(hit, { clientX: 56 + (9.5 / 30) * 532, clientY: 100 })
    expect(tooltip()!.querySelector('.uk-tooltip-title')).toHaveTextContent('Tue, Nov 10')
    expect(rows()).toEqual(['Spent$100.00', 'Budget$500.00'])
    fireEvent.mouseLeave(hit)
    expect(tooltip()).toBeNull()
  })
})

describe('BudgetChart without history', () => {
  it('draws no forecast and says why in its key', async () => {
    renderUsage(<BudgetChart />, { adapter: createMemoryAdapter(dailyRecords('2026-11-15T00:00:00.000Z', NOW, 10), { now: () => NOW }), now: '2026-11-15T18:00:00.000Z', timeZone: 'UTC' })
    await waitFor(() => expect(document.querySelector('.uk-budget-chart')).toHaveAttribute('data-state', 'ready'))
    expect(document.querySelector('[data-uk-mark="forecast"]')).toBeNull()
    expect(document.querySelector('[data-uk-mark="forecast-band"]')).toBeNull()
    expect(screen.getByText('Not enough history for a forecast yet')).toBeInTheDocument()
  })
})
