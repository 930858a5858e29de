/**
 * Which model badges fit the Models column whole, and how many fold into "+N". A badge cut to
 * "claude-son…" names nothing; better two whole names and "+2" whose title lists the rest.
 *
 * Widths are estimated from the text, not measured, so a server render and the first client render
 * agree and nothing reflows after hydration: 7 px a character at the badge's 12 px (above Inter's
 * average, so the estimate errs towards folding), plus the badge's padding and border. The CSS keeps
 * an ellipsis as the last resort for a single name longer than the column.
 */
const CHAR_PX = 7
const BADGE_CHROME_PX = 18
const GAP_PX = 4
/** "+N" with up to two digits. */
const MORE_BADGE_PX = 36

export function badgeWidth(text: string): number {
  return BADGE_CHROME_PX + CHAR_PX * [...text].length
}

export interface FittedBadges {
  shown: string[]
  /** Names the adapter sent that did not fit (listed in the "+N" title). */
  hidden: string[]
  /** Everything behind "+N": the hidden names and the models the adapter did not list (modelCount). */
  more: number
}

/**
 * `models` (at most three, most requests first) in `available` px; `modelCount` is the full count.
 * The first model always shows (cut by CSS if it alone is too wide); the rest show while they and a
 * "+N" for whatever remains fit.
 */
export function fitModelBadges(models: readonly string[], modelCount: number, available: number): FittedBadges {
  const unlisted = Math.max(0, modelCount - models.length)
  const shown: string[] = []
  let used = 0
  for (let i = 0; i < models.length; i++) {
    const width = badgeWidth(models[i]!) + (shown.length ? GAP_PX : 0)
    const remainsAfter = models.length - i - 1 + unlisted
    const reserve = remainsAfter > 0 ? GAP_PX + MORE_BADGE_PX : 0
    if (shown.length > 0 && used + width + reserve > available) break
    shown.push(models[i]!)
    used += width
  }
  const hidden = models.slice(shown.length)
  return { shown, hidden, more: hidden.length + unlisted }
}
