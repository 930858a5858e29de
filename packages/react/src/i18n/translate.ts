import type { UsageMessageKey, UsageMessages } from './enMessages.js'
import { type MessageValues, formatMessage } from './formatMessage.js'

/** Translates a message key of the page's catalog, e.g. `t('pager.range', { first, last, total })`. */
export type Translate = (key: UsageMessageKey, values?: MessageValues) => string

/** `t` over one catalog in one locale (what `useMessages` returns; plain functions take it as an argument). */
export function createTranslate(messages: UsageMessages, locale: string | undefined): Translate {
  return (key, values) => formatMessage(messages[key], values, locale)
}
