import type { UsageMessageKey, UsageMessages } from './enMessages.js'
import { type MessageValues, formatMessage } from './formatMessage.js'

/** Translates a message key of the page's catalog, e.g. `t('pager.range', { first, last, total })`. */
export type Translate = (key: UsageMessageKey, values?: MessageValues) => string

/** `t` over one catalog in one locale (what `useMessages` returns; plain functions take it as an argument). */
export function createTranslate(messages: Partial<UsageMessages>, locale: string | undefined): Translate {
  // A key missing from a partial catalog (a part's own fallback outside a provider) shows as the key: visible in review, never blank.
  return (key, values) => formatMessage(messages[key] ?? key, values, locale)
}
