import { screen, waitFor, within } from '@testing-library/react'
import type { UsageAdapter, UsageRecord } from '@usagekit/core'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { describe, expect, it } from 'vitest'
import { BarList } from '../charts/BarList.js'
import { renderUsage, testAdapter, testRecords } from '../test/renderUsage.js'
import { BreakdownTable } from '../table/BreakdownTable.js'
import { own } from './own.js'
import { createSeriesColorRegistry, createSeriesColors, seriesColor } from './seriesColor.js'

const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__']
const PALETTE = /^var\(--_uk-series-\d\)$/

describe('series colours keyed by names from the data', () => {
  it('gives a team called constructor, __proto__ or toString a palette colour, not a function', () => {
    const colorOf = createSeriesColors({ Research: '#7c3aed' })
    for (const name of PROTOTYPE_NAMES) {
      expect(colorOf(name, 'team')).toMatch(PALETTE)
      expect(seriesColor(name)).toMatch(PALETTE)
      expect(seriesColor(name, { Research: '#7c3aed' })).toMatch(PALETTE)
    }
    expect(colorOf('Research', 'team')).toBe('#7c3aed')
    // Seven distinct names ranked together keep seven distinct slots.
    const fresh = createSeriesColorRegistry()
    fresh.rank('team', PROTOTYPE_NAMES)
    expect(new Set(PROTOTYPE_NAMES.map((name) => fresh.colorOf(name, 'team'))).size).toBe(PROTOTYPE_NAMES.length)
  })

  it('still honours a host colour for a key with such a name', () => {
    const overrides = JSON.parse('{"__proto__": "#111111", "constructor": "#222222", "toString": ""}') as Record<string, string>
    const colorOf = createSeriesColors(overrides)
    expect(colorOf('__proto__')).toBe('#111111')
    expect(colorOf('constructor')).toBe('#222222')
    expect(colorOf('toString')).toMatch(PALETTE)
    expect(seriesColor('__proto__', overrides)).toBe('#111111')
  })

  it('own() reads own properties only', () => {
    expect(own({ a: 1 }, 'a')).toBe(1)
    for (const name of PROTOTYPE_NAMES) expect(own({ a: 1 } as Record<string, number>, name)).toBeUndefined()
    expect(own(undefined, 'a')).toBeUndefined()
  })

  it('draws bars of teams with those names in palette colours', async () => {
    const base = testRecords().slice(-40)
    const records: UsageRecord[] = base.map((record, i) => ({ ...record, team: PROTOTYPE_NAMES[i % 4]! }))
    renderUsage(<BarList title="By team" groupBy="team" metric="requests" colorByKey />, { adapter: createMemoryAdapter(records) })
    const list = await screen.findByRole('list', { name: 'By team' }, { timeout: 5000 })
    const items = within(list).getAllByRole('listitem')
    expect(items.map((item) => item.dataset.key).sort()).toEqual(PROTOTYPE_NAMES.slice(0, 4).sort())
    for (const item of items) expect((item.querySelector('.uk-bar-fill') as HTMLElement).style.background).toMatch(PALETTE)
  })

  it('labels a metric called toString by its name and shows no value from Object.prototype', async () => {
    // An adapter that offers a custom metric with that name (and has no value for it yet).
    const memory = testAdapter()
    const adapter: UsageAdapter = {
      ...memory,
      getCapabilities: async (p) => {
        const capabilities = await memory.getCapabilities(p)
        return { ...capabilities, metrics: [...capabilities.metrics, { id: 'toString', label: 'toString', unit: 'count', aggregation: 'sum', sentiment: 'neutral' }] }
      },
      getBreakdown: (p) => memory.getBreakdown({ ...p, metrics: p.metrics.filter((m) => m !== 'toString') }),
    }
    renderUsage(<BreakdownTable title="Teams" groupBy="team" metrics={['requests', 'toString']} trendMetric={false} showModels={false} />, { adapter, validate: false })
    const table = await screen.findByRole('table', { name: 'Teams' }, { timeout: 5000 })
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(1), { timeout: 5000 })
    const headers = within(table).getAllByRole('columnheader').map((th) => th.textContent)
    expect(headers.some((text) => text?.includes('native code'))).toBe(false)
    expect(headers.some((text) => text?.startsWith('toString'))).toBe(true)
    expect(table).not.toHaveTextContent('native code')
    const cells = within(table).getAllByRole('row').slice(1).map((row) => row.querySelectorAll('td')[2]?.textContent)
    expect(cells.every((text) => text === '—')).toBe(true)
  })
})
