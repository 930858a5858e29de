import { useEffect, useState } from 'react'
import type { UsageMessages } from './enMessages.js'
import { loadMessages, loadedMessages } from './loadMessages.js'

/**
 * The catalog for a locale: at once when it is loaded already (English, or preloaded), else English
 * until it arrives, then a re-render. A catalog that fails to load leaves the page in English.
 */
export function useLocaleMessages(locale: string | undefined): UsageMessages | undefined {
  const [state, setState] = useState(() => ({ locale, messages: loadedMessages(locale) }))
  const current = state.locale === locale ? state.messages : loadedMessages(locale)
  useEffect(() => {
    let active = true
    const ready = loadedMessages(locale)
    if (ready) {
      setState((previous) => (previous.locale === locale && previous.messages === ready ? previous : { locale, messages: ready }))
      return
    }
    loadMessages(locale).then(
      (messages) => {
        if (active) setState({ locale, messages })
      },
      (error: unknown) => console.error(`[usagekit] the ${locale} messages could not load; showing English:`, error),
    )
    return () => {
      active = false
    }
  }, [locale])
  return current
}
