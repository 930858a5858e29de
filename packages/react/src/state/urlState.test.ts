import { describe, expect, it } from 'vitest'
import { selectionFromSearch, selectionToSearch } from './urlState.js'

describe('URL sync', () => {
  it('round-trips range, view and filters and keeps the host’s own params', () => {
    const search = selectionToSearch({ range: { from: '2026-11-01', to: '2026-11-14' }, view: 'team', filters: { team: ['R&D', 'Équipe Données'], tag: [] } }, '?tab=usage')
    expect(search).toContain('tab=usage')
    expect(selectionFromSearch(search)).toEqual({ range: { from: '2026-11-01', to: '2026-11-14' }, view: 'team', filters: { team: ['R&D', 'Équipe Données'] } })
    expect(selectionFromSearch('?range=7d&view=nope&f.planet=mars')).toEqual({ range: { preset: '7d' } })
  })
})
