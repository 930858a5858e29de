import { OTHER_KEY } from '@usagekit/core'

/**
 * Series colours go by rank (docs/design.md, "Series colours"): eight hues (Tableau 10's order without
 * its grey and brown, each darkened or lifted to ≥ 3:1 against the light and the dark surface), as CSS
 * variables `--uk-series-0` … `--uk-series-7` so the dark theme can lift each hue; `__other__` is
 * always the neutral `--uk-series-other`. Colours are written with the internal names (`--_uk-series-N`,
 * the host's value or the default, set on every usagekit root: styles.css); a host's palette slot
 * written `var(--uk-series-N)` is read as that slot.
 */
export const SERIES_PALETTE_SIZE = 8
/** A chart draws at most this many series; the rest fold into a grey "Other". */
export const MAX_SERIES = 8

const OTHER_COLOR = 'var(--_uk-series-other)'
const slotColor = (slot: number) => `var(--_uk-series-${slot})`
/** A palette slot as a host writes it (`var(--uk-series-6)`) or as usagekit does (`var(--_uk-series-6)`). */
const SLOT_VAR = /^var\(\s*--_?uk-series-(\d+)\s*\)$/

/** A host's colour as drawn: a palette slot becomes its internal variable (which holds the host's value, if any). */
function hostColor(value: string): string {
  const match = SLOT_VAR.exec(value)
  return match ? slotColor(Number(match[1])) : value
}

/** A fallback slot 0–7 for a key no ranking has placed yet (FNV-1a of the key). */
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
  if (overrides) for (const [key, value] of Object.entries(overrides)) if (typeof value === 'string' && value) map.set(key, hostColor(value))
  return map
}

/** The colour of a series by its hash alone: the host's override, grey for `__other__`, else the palette. */
export function seriesColor(key: string, overrides: Record<string, string> = {}): string {
  const own = Object.hasOwn(overrides, key) ? overrides[key] : undefined
  if (typeof own === 'string' && own) return hostColor(own)
  if (key === OTHER_KEY) return OTHER_COLOR
  return slotColor(seriesSlot(key))
}

export type SeriesColors = (key: string, dimension?: string) => string

/**
 * The page's colour registry (one per `UsageProvider`). Charts and bar lists report the keys of a
 * dimension in rank order (largest first, as the adapter ranks top-N groups); the first ranking of a
 * dimension gives its keys the palette in order — the largest series the first colour — and a key
 * keeps its colour for the life of the page, so "Research" is one colour in every chart and badge.
 * Keys a later ranking brings take the first free slot; once all eight are taken, their hash slot.
 * A key no ranking has placed yet gets a provisional colour (its hash slot if free) that is not kept.
 * The host's `seriesColors` always win; an override of the form `var(--uk-series-N)` also keeps slot N
 * from every other key, so a host colour taken from the palette is never doubled.
 */
export interface SeriesColorRegistry {
  /** The current colour of a key (ranked, host override, grey Other, or provisional). */
  colorOf: SeriesColors
  /** The colours `keys` (in rank order) would get if ranked now; pure, for rendering. */
  preview: (dimension: string, keys: readonly string[]) => SeriesColors
  /** Records a ranking; notifies subscribers when a key got a colour. */
  rank: (dimension: string, keys: readonly string[]) => void
  subscribe: (listener: () => void) => () => void
  /** Changes whenever an assignment is added (for useSyncExternalStore). */
  getVersion: () => number
}

export function createSeriesColorRegistry(overrides: Record<string, string> = {}): SeriesColorRegistry {
  const colors = overrideMap(overrides)
  const reserved = new Set<number>()
  for (const value of colors.values()) {
    const match = SLOT_VAR.exec(value)
    if (match) reserved.add(Number(match[1]))
  }
  const assigned = new Map<string, Map<string, number>>()
  const listeners = new Set<() => void>()
  let version = 0

  const slotsOf = (dimension: string) => assigned.get(dimension) ?? new Map<string, number>()
  const fixed = (key: string): string | undefined => colors.get(key) ?? (key === OTHER_KEY ? OTHER_COLOR : undefined)

  /** Assigns `keys` in order onto a copy of `slots`; returns the new entries. */
  const assign = (slots: Map<string, number>, keys: readonly string[]): Map<string, number> => {
    const added = new Map<string, number>()
    const used = new Set<number>([...reserved, ...slots.values()])
    let next = 0
    for (const key of keys) {
      if (fixed(key) !== undefined || slots.has(key) || added.has(key)) continue
      while (next < SERIES_PALETTE_SIZE && used.has(next)) next++
      const slot = next < SERIES_PALETTE_SIZE ? next : fallbackSlot(key)
      used.add(slot)
      added.set(key, slot)
    }
    return added
  }

  // Past eight keys: the hash over the slots no host reserved (colours repeat, a host's never does).
  const open = Array.from({ length: SERIES_PALETTE_SIZE }, (_, i) => i).filter((i) => !reserved.has(i))
  const fallbackSlot = (key: string): number => (open.length ? open[seriesSlot(key) % open.length]! : seriesSlot(key))

  const provisional = (key: string, slots: Map<string, number>): string => {
    const preferred = fallbackSlot(key)
    const used = new Set<number>([...reserved, ...slots.values()])
    if (!used.has(preferred)) return slotColor(preferred)
    for (let step = 1; step < SERIES_PALETTE_SIZE; step++) {
      const candidate = (preferred + step) % SERIES_PALETTE_SIZE
      if (!used.has(candidate)) return slotColor(candidate)
    }
    return slotColor(fallbackSlot(key))
  }

  const colorOf: SeriesColors = (key, dimension = '') => {
    const own = fixed(key)
    if (own !== undefined) return own
    const slots = slotsOf(dimension)
    const slot = slots.get(key)
    return slot === undefined ? provisional(key, slots) : slotColor(slot)
  }

  return {
    colorOf,
    preview: (dimension, keys) => {
      const slots = slotsOf(dimension)
      const added = assign(slots, keys)
      return (key, dim = dimension) => {
        if (dim !== dimension) return colorOf(key, dim)
        const slot = added.get(key)
        return slot === undefined ? colorOf(key, dimension) : (fixed(key) ?? slotColor(slot))
      }
    },
    rank: (dimension, keys) => {
      const slots = slotsOf(dimension)
      const added = assign(slots, keys)
      if (added.size === 0) return
      assigned.set(dimension, new Map([...slots, ...added]))
      version++
      for (const listener of [...listeners]) listener()
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getVersion: () => version,
  }
}

/** A registry's `colorOf` alone (kept for hosts that built colours themselves). */
export function createSeriesColors(overrides: Record<string, string> = {}): SeriesColors {
  return createSeriesColorRegistry(overrides).colorOf
}
