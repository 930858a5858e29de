import { useContext, useMemo } from 'react'
import { enMessages } from './enMessages.js'
import { MessagesContext } from './messagesContext.js'
import { type Translate, createTranslate } from './translate.js'

export type { Translate } from './translate.js'

/**
 * The page's message catalog (English, the locale's catalog, then the host's `messages`) as `t`.
 * Outside a provider (a KpiCard or chart on its own) it reads the English catalog.
 */
export function useMessages(): Translate {
  const context = useContext(MessagesContext)
  const messages = context?.messages ?? enMessages
  const locale = context?.locale
  return useMemo(() => createTranslate(messages, locale), [messages, locale])
}

