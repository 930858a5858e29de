import { createContext } from 'react'
import type { UsageMessages } from './enMessages.js'

export interface MessagesContextValue {
  messages: UsageMessages
  locale: string | undefined
}

/**
 * The page's catalog and locale, apart from the rest of the provider's config: presentational parts
 * (KpiCard, TimeChart, the error boundary) read it without pulling in the provider, and fall back to
 * English when they are rendered outside one.
 */
export const MessagesContext = createContext<MessagesContextValue | null>(null)
