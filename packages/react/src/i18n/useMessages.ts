import { useContext, useMemo } from 'react'
import { enBasicMessages } from './enBasicMessages.js'
import type { UsageMessages } from './enMessages.js'
import { MessagesContext } from './messagesContext.js'
import { type Translate, createTranslate } from './translate.js'

export type { Translate } from './translate.js'

/**
 * The page's message catalog (English, the locale's catalog, then the host's `messages`) as `t`.
 * Outside a provider (a KpiCard or chart on its own) it reads English: the basic strings, plus the
 * part's own `fallback` (a module-level object, e.g. `enChartMessages`), so a part alone does not
 * carry the whole catalog.
 */
export function useMessages(fallback?: Partial<UsageMessages>): Translate {
  const context = useContext(MessagesContext)
  const locale = context?.locale
  return useMemo(
    () => createTranslate(context?.messages ?? (fallback ? { ...enBasicMessages, ...fallback } : enBasicMessages), locale),
    [context?.messages, fallback, locale],
  )
}

