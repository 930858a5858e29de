import { useMemo } from 'react'
import { useOptionalUsageConfig, useUsageConfig } from '../context/UsageProvider.js'
import { type UsageMessageKey, enMessages } from './enMessages.js'
import { type MessageValues, formatMessage } from './formatMessage.js'

/** Translates a message key of the page's catalog, e.g. `t('pager.range', { first, last, total })`. */
export type Translate = (key: UsageMessageKey, values?: MessageValues) => string

/** The page's message catalog (English, the locale's catalog, then the host's `messages`) as `t`. */
export function useMessages(): Translate {
  const { messages, locale } = useUsageConfig()
  return useMemo(() => (key, values) => formatMessage(messages[key], values, locale), [messages, locale])
}

/** Like `useMessages`, and the English catalog outside a provider (the presentational TimeChart over a host's own data). */
export function useMessagesOrEnglish(): Translate {
  const config = useOptionalUsageConfig()
  const messages = config?.messages ?? enMessages
  const locale = config?.locale
  return useMemo(() => (key, values) => formatMessage(messages[key], values, locale), [messages, locale])
}
