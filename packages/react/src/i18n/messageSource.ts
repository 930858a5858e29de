/** Plural forms: `other` is required, the rest follow the locale's plural categories. */
export type PluralMessage = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>
/** A message: text with `{name}` placeholders, or plural forms chosen by `count`. */
export type MessageSource = string | PluralMessage
