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
  // Design pass (issue 14): amounts that say what they count, consumer kinds, cost lines, model overflow
  'design.amount.tokens': { one: '{value} token', other: '{value} tokens' },
  'design.amount.requests': { one: '{value} request', other: '{value} requests' },
  'design.amount.users': { one: '{value} user', other: '{value} users' },
  'design.amount.threads': { one: '{value} thread', other: '{value} threads' },
  'design.amount.messages': { one: '{value} message', other: '{value} messages' },
  'design.amount.cacheHits': { one: '{value} cache hit', other: '{value} cache hits' },
  'design.amount.coreHours': { one: '{value} core-hour', other: '{value} core-hours' },
  'design.amount.gbHours': { one: '{value} GB-hour', other: '{value} GB-hours' },
  'design.amount.other': '{value} {label}',
  'design.consumer.agent': 'Agent',
  'design.consumer.user': 'User',
  'design.costLine.quantity': '{quantity} {unit}',
  'design.costLine.rated': '{quantity} × {rate} / {per}',
  'design.costLine.ratedEach': '{quantity} × {rate} each',
  'design.models.more': { one: '{count} more model: {models}', other: '{count} more models: {models}' },
  'design.models.moreCount': { one: '{count} more model', other: '{count} more models' },
} satisfies Record<string, MessageSource>

/** Plural forms: `other` is required, the rest follow the locale's plural categories. */
export type PluralMessage = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>
export type MessageSource = string | PluralMessage

export type UsageMessageKey = keyof typeof enMessages
/** A full catalog: every key of the English one. */
export type UsageMessages = Record<UsageMessageKey, MessageSource>
