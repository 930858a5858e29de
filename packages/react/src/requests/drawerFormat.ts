/** Money in the drawer: exact (to the nano-unit the contract keeps), one precision for all amounts shown together. */

const NANOS = 1e9

/** Fraction digits the currency normally shows (2 for USD and EUR, 0 for JPY). */
function currencyDigits(locale: string | undefined, currency: string): number {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/**
 * The fewest fraction digits (at least the currency's own, at most 9) that show every amount exactly.
 * Amounts are exact to 1e-9 of the unit, so at 9 digits every one is exact, and parts written at one
 * precision visibly add up to their total ($0.00054108 + $0.00046080 = $0.00100188).
 */
export function exactDigits(amounts: readonly number[], locale: string | undefined, currency: string): number {
  const minimum = currencyDigits(locale, currency)
  for (let digits = minimum; digits < 9; digits++) {
    const step = 10 ** (9 - digits)
    if (amounts.every((amount) => Math.round(Math.abs(amount) * NANOS) % step === 0)) return digits
  }
  return 9
}

/** A formatter writing every amount at the same, exact precision (see {@link exactDigits}). */
export function exactMoneyFormat(amounts: readonly number[], locale: string | undefined, currency: string): (amount: number) => string {
  const digits = exactDigits(amounts, locale, currency)
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits })
  return (amount) => format.format(amount)
}
