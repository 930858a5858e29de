import { type UsageMessages, enMessages } from './enMessages.js'
import { type CatalogLocale, matchCatalogLocale } from './catalogLocale.js'

// One module per locale behind a dynamic import: a page pays for English (the key set) up front and
// loads only the catalog its locale needs, on first use.
const importers: Record<Exclude<CatalogLocale, 'en'>, () => Promise<UsageMessages>> = {
  de: () => import('./catalogs/de.js').then((module) => module.deMessages),
  fr: () => import('./catalogs/fr.js').then((module) => module.frMessages),
  es: () => import('./catalogs/es.js').then((module) => module.esMessages),
  ja: () => import('./catalogs/ja.js').then((module) => module.jaMessages),
  'zh-CN': () => import('./catalogs/zhCN.js').then((module) => module.zhCNMessages),
}

const loaded = new Map<CatalogLocale, UsageMessages>([['en', enMessages]])
const loading = new Map<CatalogLocale, Promise<UsageMessages>>()

/** The catalog already loaded for a locale (English always is), or `undefined` while it is not. */
export function loadedMessages(locale: string | undefined): UsageMessages | undefined {
  return loaded.get(matchCatalogLocale(locale))
}

/**
 * The full catalog for a locale (matched as `matchCatalogLocale` does: `de-AT` → German, an unknown
 * locale → English). A server render awaits it and passes it as the provider's `messages`, so the
 * first render is already in the reader's language and hydrates without a mismatch.
 */
export function loadMessages(locale: string | undefined): Promise<UsageMessages> {
  const match = matchCatalogLocale(locale)
  const ready = loaded.get(match)
  if (ready) return Promise.resolve(ready)
  let pending = loading.get(match)
  if (!pending) {
    pending = importers[match as Exclude<CatalogLocale, 'en'>]().then(
      (messages) => {
        loaded.set(match, messages)
        loading.delete(match)
        return messages
      },
      (error: unknown) => {
        // A chunk that failed to load (offline, a deploy in between) is tried again next time.
        loading.delete(match)
        throw error
      },
    )
    loading.set(match, pending)
  }
  return pending
}
