import { useMemo } from 'react'
import { useUsageConfig } from '../context/UsageProvider.js'
import type { UsageMessageKey } from './enMessages.js'
import { type MessageValues, formatMessage } from './formatMessage.js'

/** Translates a message key of the page's catalog, e.g. `t('pager.range', { first, last, total })`. */
export type Translate = (key: UsageMessageKey, values?: MessageValues) => string

/** The page's message catalog (English, the locale's catalog, then the host's `messages`) as `t`. */
export function useMessages(): Translate {
  const { messages, locale } = useUsageConfig()
  return useMemo(() => (key, values) => formatMessage(messages[key], values, locale), [messages, locale])
}
