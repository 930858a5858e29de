import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { useUsageSelection } from '../context/UsageProvider.js'
import { renderUsage } from '../test/renderUsage.js'
import { TimeRangePicker, formatLocalDays } from './TimeRangePicker.js'

function Range() {
  const { range } = useUsageSelection()
  return <output aria-label="range">{JSON.stringify(range)}</output>
}

const open = async (name: RegExp) => {
  await userEvent.click(screen.getByRole('button', { name }))
  return within(await screen.findByRole('dialog', { name: 'Choose a time range' }))
}

describe('TimeRangePicker', () => {
  it('is one control that says a custom range in words, in the locale', () => {
    renderUsage(<TimeRangePicker />, { defaultRange: { from: '2026-11-06', to: '2026-11-19' } })
    expect(screen.getByRole('button', { name: /^Time range: Nov 6\s–\s19, 2026$/ })).toBeInTheDocument()
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument()
    expect(formatLocalDays('2026-11-06', '2026-11-19', 'de-DE').replace(/\s/g, ' ')).toBe('6.–19. Nov. 2026')
  })

  it('offers distinct presets by default (no "Last 14 days" beside "Last 2 weeks"), each with its dates', async () => {
    renderUsage(<><TimeRangePicker /><Range /></>)
    const dialog = await open(/^Time range: Last 7 days/)
    const presets = within(dialog.getByRole('group', { name: 'Presets' })).getAllByRole('button')
    expect(presets.map((button) => button.firstChild?.textContent)).toEqual(['Last 24 hours', 'Last 7 days', 'Last 30 days', 'Last 2 weeks', 'This month'])
    expect(dialog.getByRole('button', { name: /^Last 7 days/ })).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(dialog.getByRole('button', { name: /^This month/ }))
    expect(screen.getByLabelText('range').textContent).toContain('thisMonth')
  })

  it('keeps From/To fields and the calendar in sync; today is marked, later days are disabled', async () => {
    renderUsage(<><TimeRangePicker /><Range /></>, { defaultRange: { from: '2026-11-06', to: '2026-11-19' } })
    const dialog = await open(/^Time range: Nov 6\s–\s19, 2026/)
    const from = (await dialog.findByLabelText('From')) as HTMLInputElement
    const to = dialog.getByLabelText('To') as HTMLInputElement
    expect(from.value).toBe('2026-11-06')
    expect(to.value).toBe('2026-11-19')
    expect(to.max).toBe('2026-11-20')
    const today = document.querySelector('[aria-current="date"]')!
    expect(today.closest('td')).toHaveAttribute('data-day', '2026-11-20')
    expect(document.querySelector('td[data-day="2026-11-21"] button')).toBeDisabled()
    // Typing a date moves the range on the calendar…
    fireEvent.change(from, { target: { value: '2026-11-10' } })
    await waitFor(() => expect(document.querySelector('td[data-day="2026-11-10"]')).toHaveAttribute('data-selected', 'true'))
    expect(document.querySelector('td[data-day="2026-11-08"]')).not.toHaveAttribute('data-selected')
    // …and clicking days fills the fields: a new range starts once one is complete.
    await userEvent.click(document.querySelector<HTMLButtonElement>('td[data-day="2026-11-03"] button')!)
    expect(from.value).toBe('2026-11-03')
    expect(to.value).toBe('')
    await userEvent.click(document.querySelector<HTMLButtonElement>('td[data-day="2026-11-01"] button')!)
    expect(from.value).toBe('2026-11-01')
    expect(to.value).toBe('2026-11-03')
    expect(dialog.getByText(/^Nov 1\s–\s3, 2026 · 3 days$/)).toBeInTheDocument()
    await userEvent.click(dialog.getByRole('button', { name: 'Apply' }))
    expect(screen.getByLabelText('range').textContent).toBe(JSON.stringify({ from: '2026-11-01', to: '2026-11-03' }))
    expect(screen.getByRole('button', { name: /^Time range: Nov 1\s–\s3, 2026$/ })).toBeInTheDocument()
  })

  it('refuses a typed date after today', async () => {
    renderUsage(<TimeRangePicker />, { defaultRange: { from: '2026-11-06', to: '2026-11-19' } })
    const dialog = await open(/^Time range:/)
    const to = (await dialog.findByLabelText('To')) as HTMLInputElement
    fireEvent.change(to, { target: { value: '2026-11-25' } })
    expect(document.querySelector('td[data-day="2026-11-19"]')).toHaveAttribute('data-selected', 'true')
    expect(document.querySelector('td[data-day="2026-11-25"]')).not.toHaveAttribute('data-selected')
  })
})
