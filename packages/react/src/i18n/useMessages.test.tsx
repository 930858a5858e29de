import { screen } from '@testing-library/react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { UsageProvider } from '../context/UsageProvider.js'
import { NOW, renderUsage, testAdapter, testQueryClient } from '../test/renderUsage.js'
import { loadMessages } from './loadMessages.js'
import { useMessages } from './useMessages.js'

function Pager({ total }: { total: number }) {
  const t = useMessages()
  return (
    <p>
      {t('pager.range', { first: 1, last: 50, total })} · {t('count.requests', { count: total })}
    </p>
  )
}

describe('useMessages', () => {
  it('reads the English catalog in the page locale', () => {
    renderUsage(<Pager total={1533} />)
    expect(screen.getByText('1–50 of 1,533 · 1,533 requests')).toBeTruthy()
  })

  it("lets the host's messages override any subset, plural forms included", () => {
    renderUsage(<Pager total={1} />, {
      locale: 'de-DE',
      messages: { 'pager.range': '{first}–{last} von {total}', 'count.requests': { one: '{count} Anfrage', other: '{count} Anfragen' } },
    })
    expect(screen.getByText('1–50 von 1 · 1 Anfrage')).toBeTruthy()
  })

  it("loads the catalog of the provider's locale and re-renders when it arrives", async () => {
    renderUsage(<Pager total={2} />, { locale: 'es-MX' })
    expect(await screen.findByText('1–50 de 2 · 2 solicitudes')).toBeTruthy()
  })

  it("overrides one message of the locale's catalog and keeps the rest", async () => {
    renderUsage(<Pager total={2} />, { locale: 'de-AT', messages: { 'pager.range': '{first} bis {last} von {total}' } })
    expect(await screen.findByText('1 bis 50 von 2 · 2 Anfragen')).toBeTruthy()
  })

  it('reads English outside a provider (a chart or card on its own)', () => {
    function Alone() {
      return <span>{useMessages()('common.retry')}</span>
    }
    expect(renderToString(<Alone />)).toBe('<span>Retry</span>')
  })

  it('renders a server page in the locale at once when the host preloads its messages', async () => {
    const messages = await loadMessages('ja-JP')
    const html = renderToString(
      <UsageProvider adapter={testAdapter()} queryClient={testQueryClient()} locale="ja-JP" messages={messages} timeZone="Asia/Tokyo" now={NOW}>
        <Pager total={3} />
      </UsageProvider>,
    )
    expect(html).toContain('1–50 / 3 件')
    expect(html).toContain('3 件のリクエスト')
  })
})
