import { describe, expect, it } from 'vitest'
import { CATALOG_LOCALES } from './catalogLocale.js'
import { type MessageSource, type UsageMessages, enMessages } from './enMessages.js'
import { formatMessage } from './formatMessage.js'
import { loadMessages } from './loadMessages.js'

/** The placeholders a message uses, across its plural forms (a form may leave `{count}` out: "every second"). */
function placeholders(message: MessageSource): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message)
  return [...new Set(texts.flatMap((text) => [...(text ?? '').matchAll(/\{(\w+)\}/g)].map((match) => match[1]!)))].sort()
}

const translated = CATALOG_LOCALES.filter((locale) => locale !== 'en')

describe('catalogs', () => {
  it.each(translated)('%s has exactly the English keys, each with the same placeholders and form', async (locale) => {
    const catalog: UsageMessages = await loadMessages(locale)
    expect(catalog).not.toBe(enMessages)
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(enMessages).sort())
    for (const [key, english] of Object.entries(enMessages) as [keyof UsageMessages, MessageSource][]) {
      const message = catalog[key]
      expect({ key, placeholders: placeholders(message) }).toEqual({ key, placeholders: placeholders(english) })
      // A plural in English is a plural everywhere (chosen by `count`), and has its `other` form.
      expect({ key, plural: typeof message !== 'string' }).toEqual({ key, plural: typeof english !== 'string' })
      if (typeof message !== 'string') expect({ key, other: typeof message.other }).toEqual({ key, other: 'string' })
    }
  })

  it.each(translated)('%s is translated: no message left in English except names and shared words', async (locale) => {
    const catalog = await loadMessages(locale)
    // Words that are the same in the language (LLM, JSON, "Status" in German, "Total" in French…).
    const same = Object.keys(enMessages).filter((key) => JSON.stringify(catalog[key as keyof UsageMessages]) === JSON.stringify(enMessages[key as keyof UsageMessages]))
    expect(same.length).toBeLessThan(Object.keys(enMessages).length * 0.1)
  })

  it('chooses the plural form of each language', async () => {
    const de = await loadMessages('de-DE')
    expect(formatMessage(de['count.requests'], { count: 1 }, 'de-DE')).toBe('1 Anfrage')
    expect(formatMessage(de['count.requests'], { count: 1533 }, 'de-DE')).toBe('1.533 Anfragen')
    const fr = await loadMessages('fr-FR')
    // French counts 0 and 1 as singular.
    expect(formatMessage(fr['export.done'], { count: 0 }, 'fr-FR')).toBe('0 ligne exportée.')
    expect(formatMessage(fr['export.done'], { count: 2 }, 'fr-FR')).toBe('2 lignes exportées.')
    const ja = await loadMessages('ja-JP')
    expect(formatMessage(ja['count.requests'], { count: 1 }, 'ja-JP')).toBe('1 件のリクエスト')
    const zh = await loadMessages('zh-CN')
    expect(formatMessage(zh['pager.range'], { first: 1, last: 50, total: 1533 }, 'zh-CN')).toBe('第 1–50 条，共 1,533 条')
  })
})
