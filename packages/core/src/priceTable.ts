/**
 * A price in the adapter's currency per million tokens: a decimal string (`"0.075"`, exact, up to
 * 9 decimals) or a number (rounded to 9 decimals, as `toNanos` rounds money).
 */
export type PricePerMillion = string | number

/** What one model's input tokens cost: fresh, and served from the provider's prompt cache. */
export interface ModelPrice {
  input: PricePerMillion
  cachedInput: PricePerMillion
}

/** Prices by model, keyed as the records' `model` (the `model` dimension's keys). */
export type PriceTable = Readonly<Record<string, ModelPrice>>

const DECIMAL = /^(\d+)(?:\.(\d{1,9}))?$/

/**
 * A price per million tokens as integer nano-units per million tokens (`"0.075"` → 75,000,000n).
 * Strings are read exactly; numbers are rounded half away from zero to 9 decimals. A negative,
 * non-finite or malformed price, or a string with more than 9 decimals, is a `RangeError` naming `field`.
 */
export function pricePerMillionNanos(price: PricePerMillion, field = 'price'): bigint {
  if (typeof price === 'number') {
    if (!Number.isFinite(price) || price < 0) throw new RangeError(`${field} must be a non-negative price per million tokens (got ${price}).`)
    const nanos = Math.round(price * 1e9)
    if (!Number.isSafeInteger(nanos)) throw new RangeError(`${field} is too large to price exactly (got ${price}); give it as a decimal string.`)
    return BigInt(nanos)
  }
  const match = typeof price === 'string' ? DECIMAL.exec(price.trim()) : null
  if (!match) {
    throw new RangeError(`${field} must be a decimal price per million tokens with at most 9 decimals, such as "0.075" (got ${JSON.stringify(price)}).`)
  }
  return BigInt(match[1]!) * 1_000_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'))
}

/**
 * What caching saves per million cached tokens of each model, in nano-units: input − cachedInput.
 * Checks every price once (a `RangeError` names the model and field), so an adapter refuses a bad
 * table when it is created rather than on the first query.
 */
export function cacheSavingsRates(prices: PriceTable): Map<string, bigint> {
  if (prices === null || typeof prices !== 'object') throw new TypeError('prices must be an object of { input, cachedInput } by model.')
  const rates = new Map<string, bigint>()
  for (const [model, price] of Object.entries(prices)) {
    if (price === null || typeof price !== 'object') throw new TypeError(`prices[${JSON.stringify(model)}] must be { input, cachedInput }.`)
    const input = pricePerMillionNanos(price.input, `prices[${JSON.stringify(model)}].input`)
    const cachedInput = pricePerMillionNanos(price.cachedInput, `prices[${JSON.stringify(model)}].cachedInput`)
    rates.set(model, input - cachedInput)
  }
  return rates
}
