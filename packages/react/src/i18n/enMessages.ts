/**
 * The English catalog: the source of every UI string and of the message keys. Other catalogs
 * (loaded per locale, see loadMessages.ts) and a host's `messages` prop override any subset.
 *
 * A message is text with `{name}` placeholders, or plural forms keyed by `Intl.PluralRules`
 * categories (`one`, `other`, … chosen by the `count` value). Numbers passed as values are
 * formatted in the page's locale.
 */
export const enMessages = {
  // Pagination and counts
  'pager.range': '{first}–{last} of {total}',
  'pager.rangeOpen': '{first}–{last}',
  'pager.many': 'many',
  'pager.noMore': 'No more requests',
  'count.requests': { one: '{count} request', other: '{count} requests' },
} satisfies Record<string, MessageSource>

/** Plural forms: `other` is required, the rest follow the locale's plural categories. */
export type PluralMessage = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>
export type MessageSource = string | PluralMessage

export type UsageMessageKey = keyof typeof enMessages
/** A full catalog: every key of the English one. */
export type UsageMessages = Record<UsageMessageKey, MessageSource>
