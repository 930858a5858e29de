/** The locales usagekit ships a catalog for. */
export const CATALOG_LOCALES = ['en', 'de', 'fr', 'es', 'ja', 'zh-CN'] as const
export type CatalogLocale = (typeof CATALOG_LOCALES)[number]

/** Chinese written in Traditional characters: no catalog yet, so English rather than the wrong script. */
const TRADITIONAL_CHINESE_REGIONS = new Set(['TW', 'HK', 'MO'])

/**
 * The catalog for a BCP 47 locale: the exact locale, then its language (`de-AT` → `de`), else
 * English. Chinese goes by script: Simplified (`zh`, `zh-Hans-*`, `zh-CN`, `zh-SG`) → `zh-CN`;
 * Traditional (`zh-Hant-*`, `zh-TW`, `zh-HK`) → English until a `zh-TW` catalog exists.
 */
export function matchCatalogLocale(locale: string | undefined): CatalogLocale {
  if (!locale) return 'en'
  let parsed: Intl.Locale
  try {
    parsed = new Intl.Locale(locale)
  } catch {
    return 'en'
  }
  const language = parsed.language.toLowerCase()
  if (language === 'zh') {
    const script = parsed.script?.toLowerCase()
    if (script === 'hant' || (!script && parsed.region && TRADITIONAL_CHINESE_REGIONS.has(parsed.region.toUpperCase()))) return 'en'
    return 'zh-CN'
  }
  const exact = CATALOG_LOCALES.find((candidate) => candidate.toLowerCase() === locale.toLowerCase())
  if (exact) return exact
  return CATALOG_LOCALES.find((candidate) => candidate === language) ?? 'en'
}
