import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { CSSProperties } from 'react'
import { createPortal } from 'react-dom'
import { describe, expect, it } from 'vitest'
import { TimeRangePicker } from '../controls/TimeRangePicker.js'
import { RequestDrawer } from '../requests/RequestDrawer.js'
import { renderUsage, testRecords } from '../test/renderUsage.js'
import { PortalRoot } from './PortalRoot.js'
import { UsageRoot } from './UsageRoot.js'

const brand = { '--uk-accent': '#0f766e', '--uk-radius': '4px' } as CSSProperties

describe('PortalRoot', () => {
  it("carries the page root's class, the theme and density, and the host's variables to the end of the document", () => {
    renderUsage(
      <UsageRoot className="acme" style={brand} data-testid="page">
        {createPortal(
          <PortalRoot className="extra" data-testid="portal">
            <span>inside</span>
          </PortalRoot>,
          document.body,
        )}
      </UsageRoot>,
      { theme: 'dark', density: 'compact' },
    )
    const portal = screen.getByTestId('portal')
    expect(screen.getByTestId('page').contains(portal)).toBe(false)
    expect(portal.className).toBe('uk-root acme extra')
    expect(portal).toHaveAttribute('data-theme', 'dark')
    expect(portal).toHaveAttribute('data-density', 'compact')
    expect(portal.style.display).toBe('contents')
    expect(portal.style.getPropertyValue('--uk-accent')).toBe('#0f766e')
    expect(portal.style.getPropertyValue('--uk-radius')).toBe('4px')
    // Not set by the host: left to the portalled root's own cascade.
    expect(portal.style.getPropertyValue('--uk-surface')).toBe('')
  })

  it('outside any UsageRoot still carries the theme', () => {
    renderUsage(<PortalRoot data-testid="portal" />, { theme: 'system' })
    const portal = screen.getByTestId('portal')
    expect(portal.className).toBe('uk-root')
    expect(portal).toHaveAttribute('data-theme', 'system')
  })

  it('themes the request drawer like the page', async () => {
    const record = testRecords()[0]!
    renderUsage(
      <UsageRoot className="acme" style={brand}>
        <RequestDrawer requestId={record.id} onClose={() => {}} />
      </UsageRoot>,
      { theme: 'dark' },
    )
    const drawerRoot = (await screen.findByRole('dialog', { name: /^Request/ })).closest('.uk-root') as HTMLElement
    expect(drawerRoot).toHaveClass('acme')
    expect(drawerRoot).toHaveAttribute('data-theme', 'dark')
    expect(drawerRoot.style.getPropertyValue('--uk-accent')).toBe('#0f766e')
  })

  it('themes the time-range popover like the page', async () => {
    renderUsage(
      <UsageRoot className="acme" style={brand}>
        <TimeRangePicker />
      </UsageRoot>,
      { theme: 'dark' },
    )
    await userEvent.click(screen.getByRole('button', { name: /^Time range/ }))
    const popover = await screen.findByRole('dialog', { name: 'Choose a time range' })
    const root = popover.closest('.uk-root') as HTMLElement
    expect(root).toHaveAttribute('data-portal')
    expect(root).toHaveClass('acme')
    expect(root).toHaveAttribute('data-theme', 'dark')
    expect(root.style.getPropertyValue('--uk-accent')).toBe('#0f766e')
  })
})
