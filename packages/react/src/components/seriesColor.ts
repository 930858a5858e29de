import { OTHER_KEY } from '@usagekit/core'

/** Tableau 10, as CSS variables so the dark theme can lift each hue. */
export const SERIES_PALETTE_SIZE = 10

/** A preferred slot 0–9 for a series key (FNV-1a). */
export function seriesSlot(key: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash % SERIES_PALETTE_SIZE
}

/** The host's colours as a Map of own string entries: a data key never reads `Object.prototype`. */
function overrideMap(overrides: Record<string, string> | undefined): Map<string, string> {
  const map = new Map<string, string>()
  if (overrides) for (const [key, value] of Object.entries(overrides)) if (typeof value === 'string' && value) map.set(key, value)
  return map
}

/** The colour of a series by its hash alone: the host's override, grey for `__other__`, else the palette. */
export function seriesColor(key: string, overrides: Record<string, string> = {}): string {
  const own = Object.hasOwn(overrides, key) ? overrides[key] : undefined
  if (typeof own === 'string' && own) return own
  if (key === OTHER_KEY) return 'var(--uk-series-other)'
  return `var(--uk-series-${seriesSlot(key)})`
}

export type SeriesColors = (key: string, dimension?: string) => string

/**
 * The page's colour assignment. A key takes its hash slot unless another key of the same
 * dimension holds it, then the next free one; once given, a key keeps its colour for the life of
 * the page, so "Research" is the same colour in every chart and badge and two teams never share
 * one while fewer than ten are shown. Render order is deterministic, so server and client agree.
 */
export function createSeriesColors(overrides: Record<string, string> = {}): SeriesColors {
  const colors = overrideMap(overrides)
  const taken = new Map<string, Map<string, number>>()
  return (key, dimension = '') => {
    const own = colors.get(key)
    if (own) return own
    if (key === OTHER_KEY) return 'var(--uk-series-other)'
    let slots = taken.get(dimension)
    if (!slots) {
      slots = new Map()
      taken.set(dimension, slots)
    }
    let slot = slots.get(key)
    if (slot === undefined) {
      const used = new Set(slots.values())
      const preferred = seriesSlot(key)
      slot = preferred
      for (let step = 0; step < SERIES_PALETTE_SIZE; step++) {
        const candidate = (preferred + step) % SERIES_PALETTE_SIZE
        if (!used.has(candidate)) {
          slot = candidate
          break
        }
      }
      slots.set(key, slot)
    }
    return `var(--uk-series-${slot})`
  }
}
