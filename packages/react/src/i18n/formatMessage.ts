import type { MessageSource } from './enMessages.js'

export type MessageValues = Record<string, string | number>

const pluralRules = new Map<string, Intl.PluralRules>()
const numberFormats = new Map<string, Intl.NumberFormat>()

function cached<T>(cache: Map<string, T>, locale: string | undefined, create: () => T): T {
  const key = locale ?? ''
  let value = cache.get(key)
  if (!value) cache.set(key, (value = create()))
  return value
}

/**
 * Fills a message: plural forms chosen by `values.count` through `Intl.PluralRules`, then `{name}`
 * placeholders replaced (numbers in the locale's notation). A placeholder without a value stays
 * visible as written, so a missing value shows up in review instead of vanishing.
 */
export function formatMessage(message: MessageSource, values: MessageValues | undefined, locale: string | undefined): string {
  let text: string
  if (typeof message === 'string') text = message
  else {
    const count = values?.count
    const category = typeof count === 'number' ? cached(pluralRules, locale, () => new Intl.PluralRules(locale)).select(count) : 'other'
    // An exact-zero form ("=0") is not a CLDR category; hosts that want one pass `zero` where the locale has it.
    text = message[category] ?? message.other
  }
  if (!values) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name]
    if (value === undefined) return whole
    return typeof value === 'number' ? cached(numberFormats, locale, () => new Intl.NumberFormat(locale)).format(value) : value
  })
}
