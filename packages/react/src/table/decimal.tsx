import type { CSSProperties, ReactNode } from 'react'

/**
 * Numbers in a column line up on their decimal separator: the part after it (with any currency
 * suffix, "0,50 €") sits in a box of the same width on every row, so "$0.0036", "$0.00062" and
 * "$10.20" align without padding every value to the longest fraction. Needs tabular figures.
 */

const separators = new Map<string, string>()

/** The locale's decimal separator ("." or ","). */
export function decimalSeparator(locale: string | undefined): string {
  const key = locale ?? ''
  let sep = separators.get(key)
  if (sep === undefined) {
    sep = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.'
    separators.set(key, sep)
  }
  return sep
}

/** A formatted number split before its decimal separator: ["$1,234", ".56"]; no separator → [text, '']. */
export function splitDecimal(text: string, separator: string): [string, string] {
  const firstDigit = text.search(/\d/)
  if (firstDigit < 0) return [text, '']
  const at = text.indexOf(separator, firstDigit)
  if (at < 0) {
    // A suffix after the digits ("12 €") still belongs to the tail, so "12 €" and "0,50 €" align.
    const lastDigit = text.search(/\d[^\d]*$/)
    return [text.slice(0, lastDigit + 1), text.slice(lastDigit + 1)]
  }
  return [text.slice(0, at), text.slice(at)]
}

/** The width (in `ch`) of the widest tail among formatted values of one column. */
export function tailWidth(texts: Iterable<string>, separator: string): number {
  let width = 0
  for (const text of texts) width = Math.max(width, splitDecimal(text, separator)[1].length)
  return width
}

/** One value, aligned on its decimal separator within a column whose widest tail is `tail` ch. */
export function Decimal({ text, separator, tail, title }: { text: string; separator: string; tail: number; title?: string }): ReactNode {
  const [head, rest] = splitDecimal(text, separator)
  const style = { '--uk-tail': `${tail}ch` } as CSSProperties
  return (
    <span className="uk-decimal" style={style} title={title}>
      <span>{head}</span>
      <span className="uk-decimal-tail">{rest}</span>
    </span>
  )
}
