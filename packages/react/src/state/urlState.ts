import { type Filters, type TimeRangeSelection, TIME_RANGE_PRESETS, type TimeRangePreset, isDimension } from '@usagekit/core'

export type UsageView = 'user' | 'team'

/** What a reader chose on the page: the part a copied link should reopen. */
export interface UsageSelection {
  range: TimeRangeSelection
  view: UsageView
  filters: Filters
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Reads a selection from URL search params (`range`, `from`/`to`, `view`, `f.<dimension>`); absent parts stay undefined. */
export function selectionFromSearch(search: string): Partial<UsageSelection> {
  const params = new URLSearchParams(search)
  const out: Partial<UsageSelection> = {}
  const preset = params.get('range')
  const from = params.get('from')
  const to = params.get('to')
  if (preset && (TIME_RANGE_PRESETS as readonly string[]).includes(preset)) out.range = { preset: preset as TimeRangePreset }
  else if (from && to && DAY.test(from) && DAY.test(to)) out.range = { from, to }
  const view = params.get('view')
  if (view === 'user' || view === 'team') out.view = view
  const filters: Filters = {}
  for (const [key, value] of params) {
    if (!key.startsWith('f.')) continue
    const dimension = key.slice(2)
    if (isDimension(dimension) && value) filters[dimension] = value.split(',').map(decodeURIComponent)
  }
  if (Object.keys(filters).length) out.filters = filters
  return out
}

/** Writes a selection into URL search params, keeping the host's own params. */
export function selectionToSearch(selection: UsageSelection, search: string): string {
  const params = new URLSearchParams(search)
  for (const key of [...params.keys()]) {
    if (key === 'range' || key === 'from' || key === 'to' || key === 'view' || key.startsWith('f.')) params.delete(key)
  }
  if ('preset' in selection.range) params.set('range', selection.range.preset)
  else {
    params.set('from', selection.range.from)
    params.set('to', selection.range.to)
  }
  params.set('view', selection.view)
  for (const [dimension, values] of Object.entries(selection.filters)) {
    if (values && values.length) params.set(`f.${dimension}`, values.map(encodeURIComponent).join(','))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}
