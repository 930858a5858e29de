import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderUsage } from '../test/renderUsage.js'
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
})
