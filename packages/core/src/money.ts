/**
 * Money travels as numbers in the currency unit, exact to 1e-9 of it. Adapters add money as
 * integer nano-units so that buckets add up to the total to the last digit.
 */
export const NANOS_PER_UNIT = 1_000_000_000

/** A money amount as integer nano-units (rounded half away from zero). */
export function toNanos(amount: number): number {
  const nanos = Math.round(Math.abs(amount) * NANOS_PER_UNIT)
  return amount < 0 ? -nanos : nanos
}

/** Nano-units (number or bigint) back to the currency unit: the nearest double to the exact decimal amount. */
export function fromNanos(nanos: number | bigint): number {
  if (typeof nanos === 'bigint') {
    if (nanos >= -9_007_199_254_740_991n && nanos <= 9_007_199_254_740_991n) return Number(nanos) / NANOS_PER_UNIT
    // Past 2^53 the decimal text is parsed once (correctly rounded); adding the whole and the
    // fraction as two doubles would round twice and show noise such as 7.7932587380000005.
    const abs = nanos < 0n ? -nanos : nanos
    return Number(`${nanos < 0n ? '-' : ''}${abs / 1_000_000_000n}.${String(abs % 1_000_000_000n).padStart(9, '0')}`)
  }
  // One correctly rounded division: the nearest double to the exact decimal amount.
  return nanos / NANOS_PER_UNIT
}

/** Adds money amounts exactly (to 1e-9), switching to BigInt past 2^53 nano-units. */
export function sumMoney(amounts: Iterable<number>): number {
  let total = 0
  let big: bigint | null = null
  for (const amount of amounts) {
    const nanos = toNanos(amount)
    if (big !== null) {
      big += BigInt(nanos)
    } else {
      total += nanos
      if (!Number.isSafeInteger(total)) big = BigInt(total - nanos) + BigInt(nanos)
    }
  }
  return fromNanos(big ?? total)
}

/** Whether two money amounts are equal to 1e-9 of the unit. */
export function moneyEquals(a: number, b: number): boolean {
  return toNanos(a) === toNanos(b)
}

/** A money amount as exact decimal text with 9 places (`"0.001234500"`), for NUMERIC / DECIMAL columns. */
export function toDecimalText(amount: number): string {
  const nanos = BigInt(toNanos(amount))
  const abs = nanos < 0n ? -nanos : nanos
  return `${nanos < 0n ? '-' : ''}${abs / 1_000_000_000n}.${String(abs % 1_000_000_000n).padStart(9, '0')}`
}
