import { screen, waitFor, within } from '@testing-library/react'
import { generateMeterRecords } from '@usagekit/core/fixtures'
import { describe, expect, it } from 'vitest'
import { NOW, renderUsage, testAdapter } from '../test/renderUsage.js'
import { BarList } from './BarList.js'

const RANGE = { start: '2026-11-13T15:00:00.000Z', end: NOW }

function items(name: string): HTMLElement[] {
  return within(screen.getByRole('list', { name })).getAllByRole('listitem')
}
const valueOf = (item: HTMLElement) => item.querySelector('.uk-num')!.textContent ?? ''

describe('BarList', () => {
  it('writes every value with its unit: tokens, requests, money', async () => {
    renderUsage(
      <>
        <BarList title="Tokens" groupBy="model" metric="totalTokens" />
        <BarList title="Requests" groupBy="team" metric="requests" />
        <BarList title="Spend" groupBy="team" metric="cost" />
      </>,
    )
    await screen.findByRole('list', { name: 'Spend' })
    await screen.findByRole('list', { name: 'Tokens' })
    await screen.findByRole('list', { name: 'Requests' })
    for (const item of items('Tokens')) expect(valueOf(item)).toMatch(/^[\d.,]+[KMB]? tokens$/)
    for (const item of items('Requests')) expect(valueOf(item)).toMatch(/^[\d.,]+K? requests?$/)
    for (const item of items('Spend')) expect(valueOf(item)).toMatch(/^\$[\d.,]+K?$/)
  })

  it('writes meters in their own units: core-hours and GB-hours', async () => {
    const meters = generateMeterRecords({ seed: 5, start: '2026-11-06T00:00:00.000Z', end: NOW })
    renderUsage(
      <>
        <BarList title="CPU" groupBy="agent" metric="cpuCoreHours" />
        <BarList title="Storage" groupBy="agent" metric="storageGbHours" />
      </>,
      { adapter: testAdapter({ meters }) },
    )
    await screen.findByRole('list', { name: 'CPU' })
    await screen.findByRole('list', { name: 'Storage' })
    for (const item of items('CPU')) expect(valueOf(item)).toMatch(/ core-hours?$/)
    for (const item of items('Storage')) expect(valueOf(item)).toMatch(/ GB-hours?$/)
  })

  it('says whether each top consumer is an agent or a user, with an icon and a word', async () => {
    const { adapter } = renderUsage(<BarList title="Top consumers" groupBy="consumer" metric="totalTokens" />)
    await screen.findByRole('list', { name: 'Top consumers' })
    const answer = await adapter.getBreakdown({ range: RANGE, timeZone: 'Europe/Berlin', groupBy: 'consumer', metrics: ['totalTokens'], limit: 8 })
    const agents = new Set(answer.rows.filter((row) => row.secondary === 'Agent').map((row) => row.key))
    // The fixtures have both kinds among the top eight, so the marker has something to tell apart.
    expect(agents.size).toBeGreaterThan(0)
    expect(agents.size).toBeLessThan(answer.rows.length)
    for (const item of items('Top consumers')) {
      const agent = agents.has(item.dataset.key!)
      expect(item).toHaveAttribute('data-kind', agent ? 'agent' : 'user')
      expect(item.querySelector('.uk-bar-kind')).toHaveTextContent(agent ? 'Agent' : 'User')
      expect(item.querySelector('.uk-bar-kind svg')).not.toBeNull()
    }
  })

  it('draws solid bars in the key colour with colorByKey, the accent otherwise, and no marker outside consumers', async () => {
    const { container } = renderUsage(
      <>
        <BarList title="By model" groupBy="model" metric="totalTokens" colorByKey />
        <BarList title="By team" groupBy="team" metric="totalTokens" />
      </>,
    )
    await screen.findByRole('list', { name: 'By model' })
    await screen.findByRole('list', { name: 'By team' })
    await waitFor(() => expect(items('By model')[0]!.querySelector<HTMLElement>('.uk-bar-fill')!.style.background).toBe('var(--_uk-series-0)'))
    for (const item of items('By team')) expect(item.querySelector<HTMLElement>('.uk-bar-fill')!.style.background).toBe('var(--_uk-accent)')
    expect(container.querySelector('.uk-bar-kind')).toBeNull()
  })
})
