import { useEffect, useState } from 'react'
import type { DayPickerProps } from 'react-day-picker'
import { type CatalogLocale, matchCatalogLocale } from '../i18n/catalogLocale.js'

type DayPickerLocale = NonNullable<DayPickerProps['locale']>

// The calendar's month and weekday names and its own labels ("Next month", "Today, …") for the
// locales usagekit has catalogs for, each loaded with the calendar that needs it.
const importers: Record<Exclude<CatalogLocale, 'en'>, () => Promise<DayPickerLocale>> = {
  de: () => import('react-day-picker/locale/de').then((module) => module.de),
  fr: () => import('react-day-picker/locale/fr').then((module) => module.fr),
  es: () => import('react-day-picker/locale/es').then((module) => module.es),
  ja: () => import('react-day-picker/locale/ja').then((module) => module.ja),
  'zh-CN': () => import('react-day-picker/locale/zh-CN').then((module) => module.zhCN),
}

/** The calendar's locale for the page's; `undefined` (react-day-picker's English) until it loads, and for English. */
export function useDayPickerLocale(locale: string | undefined): DayPickerLocale | undefined {
  const match = matchCatalogLocale(locale ?? (typeof navigator === 'undefined' ? undefined : navigator.language))
  const [loaded, setLoaded] = useState<{ match: CatalogLocale; locale: DayPickerLocale } | null>(null)
  useEffect(() => {
    if (match === 'en') return
    let active = true
    importers[match]().then(
      (dayPickerLocale) => {
        if (active) setLoaded({ match, locale: dayPickerLocale })
      },
      () => {
        // The calendar stays in English; the rest of the page is unaffected.
      },
    )
    return () => {
      active = false
    }
  }, [match])
  return loaded?.match === match ? loaded.locale : undefined
}
