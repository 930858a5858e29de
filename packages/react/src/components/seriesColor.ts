import { OTHER_KEY } from '@usagekit/core'

/** Tableau 10, as CSS variables so the dark theme can lift each hue. */
export const SERIES_PALETTE_SIZE = 10

/** A stable slot 0–9 for a series key (FNV-1a), so "Research" is the same colour in every chart and badge. */
export function seriesSlot(key: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash % SERIES_PALETTE_SIZE
}

/** The colour of a series: the host's override, neutral grey for `__other__`, else the palette by hash. */
export function seriesColor(key: string, overrides: Record<string, string> = {}): string {
  const own = overrides[key]
  if (own) return own
  if (key === OTHER_KEY) return 'var(--uk-series-other)'
  return `var(--uk-series-${seriesSlot(key)})`
}
