/**
 * The public custom properties a host may set to theme usagekit (docs/theming.md has the table).
 * usagekit only reads them: every `.uk-root` computes an internal `--_uk-*` variable from each (the
 * host's value, else the default), and components draw with those. `themeVariables.test.ts` keeps
 * this list, styles.css and the components in step.
 */
export const THEME_VARIABLES = [
  '--uk-accent',
  '--uk-accent-contrast',
  '--uk-accent-soft',
  '--uk-focus',
  '--uk-bg',
  '--uk-surface',
  '--uk-surface-muted',
  '--uk-border',
  '--uk-text',
  '--uk-text-muted',
  '--uk-grid',
  '--uk-good',
  '--uk-bad',
  '--uk-neutral',
  '--uk-good-bg',
  '--uk-bad-bg',
  '--uk-neutral-bg',
  '--uk-shadow',
  '--uk-skeleton',
  '--uk-skeleton-shine',
  '--uk-series-0',
  '--uk-series-1',
  '--uk-series-2',
  '--uk-series-3',
  '--uk-series-4',
  '--uk-series-5',
  '--uk-series-6',
  '--uk-series-7',
  '--uk-series-8',
  '--uk-series-9',
  '--uk-series-other',
  '--uk-hatch',
  '--uk-radius',
  '--uk-gap',
  '--uk-pad',
  '--uk-row-height',
  '--uk-font-size',
  '--uk-font-family',
] as const

export type ThemeVariable = (typeof THEME_VARIABLES)[number]

/**
 * Copies the theming a page root sees onto a root portalled elsewhere in the document: every public
 * variable as computed on `from` (wherever the host set it: an ancestor, the root's class, a `style`),
 * the font the root resolved (the host's inherited font included) and the text direction. Values the
 * host did not set are left to the portalled root's own cascade.
 */
export function copyThemeVariables(from: Element, to: HTMLElement): void {
  const computed = getComputedStyle(from)
  for (const name of THEME_VARIABLES) {
    const value = computed.getPropertyValue(name).trim()
    if (value) to.style.setProperty(name, value)
    else to.style.removeProperty(name)
  }
  // The font the page shows, whether it came from --uk-font-family, the root's class or an ancestor
  // the portal is not under.
  if (computed.fontFamily) to.style.setProperty('--uk-font-family', computed.fontFamily)
  if (computed.direction) to.style.direction = computed.direction
}
