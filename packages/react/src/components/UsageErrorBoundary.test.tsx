import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { deMessages } from '../i18n/catalogs/de.js'
import { MessagesContext } from '../i18n/messagesContext.js'
import { UsageErrorBoundary } from './UsageErrorBoundary.js'

let failWith: unknown = null
let failing = false
function Flaky() {
  if (failing) throw failWith
  return <p>Widget content</p>
}

describe('UsageErrorBoundary', () => {
  beforeEach(() => {
    // React reports every caught render error on the console.
    vi.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => {
    vi.restoreAllMocks()
    failing = false
  })

  it('shows a visible error with Retry instead of unmounting the page, and Retry renders the children again', async () => {
    failing = true
    failWith = new Error('row.models.map is not a function')
    const onError = vi.fn()
    const onReset = vi.fn()
    render(
      <main>
        <h1>Host page</h1>
        <UsageErrorBoundary title="This widget could not be shown" onError={onError} onReset={onReset}>
          <Flaky />
        </UsageErrorBoundary>
      </main>,
    )
    expect(screen.getByRole('heading', { name: 'Host page' })).toBeInTheDocument()
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('This widget could not be shown')
    expect(alert).toHaveTextContent('row.models.map is not a function')
    expect(alert.closest('.uk-card')).toHaveAttribute('data-state', 'error')
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]![0]).toBe(failWith)
    failing = false
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(onReset).toHaveBeenCalledTimes(1)
    expect(screen.getByText('Widget content')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('survives things thrown that are not Errors', () => {
    failing = true
    for (const thrown of [null, undefined, 'a string', 42, { message: 7 }]) {
      failWith = thrown
      const { unmount } = render(
        <UsageErrorBoundary>
          <Flaky />
        </UsageErrorBoundary>,
      )
      expect(screen.getByRole('alert')).toHaveTextContent('This part of the page could not be shown')
      unmount()
    }
  })

  it('renders the children again when a reset key changes, and takes a custom fallback', () => {
    failing = true
    failWith = new Error('boom')
    const ui = (key: string) => (
      <UsageErrorBoundary resetKeys={[key]} fallback={({ error, reset }) => <button onClick={reset}>Failed: {(error as Error).message}</button>}>
        <Flaky />
      </UsageErrorBoundary>
    )
    const { rerender } = render(ui('7d'))
    expect(screen.getByRole('button', { name: 'Failed: boom' })).toBeInTheDocument()
    failing = false
    rerender(ui('7d'))
    expect(screen.getByRole('button', { name: 'Failed: boom' })).toBeInTheDocument()
    rerender(ui('30d'))
    expect(screen.getByText('Widget content')).toBeInTheDocument()
  })

  it("says its default title, Retry and Details in the page's language", () => {
    failing = true
    failWith = new Error('boom')
    render(
      <MessagesContext.Provider value={{ messages: deMessages, locale: 'de-DE' }}>
        <UsageErrorBoundary>
          <Flaky />
        </UsageErrorBoundary>
      </MessagesContext.Provider>,
    )
    const alert = screen.getByRole('alert')
    expect(alert).toHaveTextContent('Dieser Teil der Seite kann nicht angezeigt werden')
    expect(screen.getByRole('button', { name: 'Erneut versuchen' })).toBeInTheDocument()
    expect(alert).toHaveTextContent('Details')
  })
})
