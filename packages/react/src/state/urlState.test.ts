import { describe, expect, it } from 'vitest'
import { MAX_URL_FILTER_VALUES, selectionFromSearch, selectionToSearch } from './urlState.js'

const week = { from: '2026-11-01', to: '2026-11-14' }

/** What selectionToSearch wrote before the one-layer scheme: each value encodeURIComponent'd, then URLSearchParams again. */
function legacySearch(filters: Record<string, string[]>): string {
  const params = new URLSearchParams()
  for (const [dimension, values] of Object.entries(filters)) params.set(`f.${dimension}`, values.map(encodeURIComponent).join(','))
  return `?${params.toString()}`
}

describe('URL sync', () => {
  it('round-trips range, view and filters and keeps the host’s own params', () => {
    const search = selectionToSearch({ range: week, view: 'team', filters: { team: ['R&D', 'Équipe Données'], tag: [] } }, '?tab=usage')
    expect(search).toContain('tab=usage')
    expect(selectionFromSearch(search)).toEqual({ range: week, view: 'team', filters: { team: ['R&D', 'Équipe Données'] } })
    expect(selectionFromSearch('?range=7d&view=nope&f.planet=mars')).toEqual({ range: { preset: '7d' } })
  })

  it('round-trips values with commas, percent signs, ampersands, pluses, spaces, backslashes and unicode exactly', () => {
    const values = ['a,b', ',', 'a,,b', '100%', '%', '%25', '%41', 'a%20b', 'R&D', 'x+y', ' lead space', 'two  spaces ', 'back\\slash', 'trail\\', '\\,', '日本語 チーム', 'emoji 🚀', 'é', '=cmd', '#hash', '?q=1', 'a=b&c=d']
    const search = selectionToSearch({ range: { preset: '30d' }, view: 'user', filters: { model: values, tag: ['only'] } }, '')
    expect(selectionFromSearch(search).filters).toEqual({ model: values, tag: ['only'] })
    // One layer of encoding: a plain space is a `+`, not `%2520`.
    expect(selectionToSearch({ range: { preset: '7d' }, view: 'user', filters: { team: ['Équipe Données'] } }, '')).toContain('f.team=%C3%89quipe+Donn%C3%A9es')
  })

  it('reads values a host wrote with URLSearchParams alone, commas listing them', () => {
    const params = new URLSearchParams({ 'f.team': 'Équipe Données,R&D', 'f.model': '100%' })
    expect(selectionFromSearch(params.toString()).filters).toEqual({ team: ['Équipe Données', 'R&D'], model: ['100%'] })
    expect(selectionFromSearch('?f.model=a&f.model=b,c&f.model=a').filters).toEqual({ model: ['a', 'b', 'c'] })
  })

  it('still opens links written in the old double-encoded format', () => {
    const filters = { team: ['R&D', 'Équipe Données', 'a,b', '50%'], model: ['gpt-4o', 'back\\slash'] }
    expect(selectionFromSearch(legacySearch(filters)).filters).toEqual(filters)
  })

  it('ignores a lone % and other malformed escapes instead of throwing (the page used to go blank)', () => {
    expect(() => selectionFromSearch('?f.model=%25')).not.toThrow()
    expect(selectionFromSearch('?f.model=%25').filters).toEqual({ model: ['%'] })
    // A legacy-looking list with a broken escape keeps its good values.
    expect(selectionFromSearch('?f.model=%25E0%25A4,gpt%252D4').filters).toEqual({ model: ['gpt-4'] })
    for (const search of ['?f.model=%', '?f.model=%%', '?f.model=%E0%A4%A', '?f.team=%FF', '?%=%&f.=x', '?f.model=\\', '?f.model=,,,', '?f.model']) {
      expect(() => selectionFromSearch(search)).not.toThrow()
    }
    expect(selectionFromSearch('?f.model=\\')).toEqual({ filters: { model: ['\\'] } })
  })

  it('ignores bad presets, impossible days, reversed ranges, unknown dimensions and empty values', () => {
    expect(selectionFromSearch('?range=1y')).toEqual({})
    expect(selectionFromSearch('?range=constructor')).toEqual({})
    expect(selectionFromSearch('?from=2026-13-45&to=2026-12-01')).toEqual({})
    expect(selectionFromSearch('?from=2026-02-29&to=2026-03-01')).toEqual({})
    expect(selectionFromSearch('?from=2028-02-29&to=2028-03-01')).toEqual({ range: { from: '2028-02-29', to: '2028-03-01' } })
    expect(selectionFromSearch('?from=99999-01-01&to=99999-01-02')).toEqual({})
    expect(selectionFromSearch('?from=0099-01-01&to=0099-01-02')).toEqual({})
    expect(selectionFromSearch('?from=2026-11-14&to=2026-11-01')).toEqual({})
    expect(selectionFromSearch('?from=2026-11-01')).toEqual({})
    expect(selectionFromSearch('?view=__proto__')).toEqual({})
    expect(selectionFromSearch('?f.__proto__=x&f.constructor=y&f.toString=z&f.=w')).toEqual({})
    expect(selectionFromSearch('?f.model=&f.team=,')).toEqual({})
  })

  it('keeps at most 100 values per dimension and drops absurdly long ones', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `m${i}`)
    const read = selectionFromSearch(`?f.model=${many.join(',')}`)
    expect(read.filters?.model).toHaveLength(MAX_URL_FILTER_VALUES)
    expect(read.filters?.model?.[0]).toBe('m0')
    expect(selectionFromSearch(`?f.model=${'x'.repeat(10_000)},ok`).filters).toEqual({ model: ['ok'] })
    const written = selectionToSearch({ range: { preset: '7d' }, view: 'user', filters: { model: many } }, '')
    expect(selectionFromSearch(written).filters?.model).toHaveLength(MAX_URL_FILTER_VALUES)
  })

  it('never throws on arbitrary input, and writing never throws either', () => {
    const alphabet = ['%', '2', '5', 'E', ',', '\\', '&', '=', '+', 'f.model=', 'from=', 'to=', 'range=', '\uD800', '🚀', ' ', '#', '?']
    let seed = 42
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed
    }
    for (let run = 0; run < 500; run++) {
      let search = '?'
      for (let i = next() % 40; i > 0; i--) search += alphabet[next() % alphabet.length]
      expect(() => selectionFromSearch(search)).not.toThrow()
    }
    // encodeURIComponent throws on a lone surrogate; the writer must not.
    expect(() => selectionToSearch({ range: { preset: '7d' }, view: 'user', filters: { team: ['\uD800broken'] } }, '?x=%')).not.toThrow()
  })

  it('round-trips the customer view and customer filters', () => {
    const search = selectionToSearch({ range: { preset: '7d' }, view: 'customer', filters: { customer: ['Acme, Inc.', 'Globex'] } }, '')
    expect(search).toContain('view=customer')
    expect(selectionFromSearch(search)).toEqual({ range: { preset: '7d' }, view: 'customer', filters: { customer: ['Acme, Inc.', 'Globex'] } })
  })
})
