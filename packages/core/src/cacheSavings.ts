import { fromNanos } from './money'
import { type PriceTable, cacheSavingsRates } from './priceTable'

/** Nano-units per million tokens × tokens is in 1e-15 of the unit: this many make one nano-unit. */
const MICRO_NANOS_PER_NANO = 1_000_000n

/**
 * Exact savings (1e-15 units: nano-units per million tokens × tokens) rounded half away from zero
 * to whole nano-units. The one rounding of the cacheSavings metric, applied to each answered value.
 */
export function roundMicroNanos(microNanos: bigint): bigint {
  const negative = microNanos < 0n
  const abs = negative ? -microNanos : microNanos
  const nanos = (abs + MICRO_NANOS_PER_NANO / 2n) / MICRO_NANOS_PER_NANO
  return negative ? -nanos : nanos
}

/**
 * Money saved by prompt caching: what the cached input tokens would have cost at each model's
 * uncached input price, minus what they cost at its cached price —
 * Σ over models of cachedTokens × (input − cachedInput) / 1,000,000.
 *
 * Exact: prices are read as integer nano-units per million tokens, the sum is kept exactly
 * (BigInt, in 1e-15 of the unit) and rounded once, half away from zero, to 1e-9 of the unit.
 * Models without a price in the table save nothing here (nothing is assumed about them).
 *
 * `cachedTokensByModel`: cached input tokens per model, e.g. from a breakdown by model of
 * `cachedInputTokens`. The memory adapter's `cacheSavings` metric answers the same value for the
 * same records, whatever buckets or groups they fall in.
 */
export function cacheSavings(cachedTokensByModel: Readonly<Record<string, number>>, prices: PriceTable): number {
  const rates = cacheSavingsRates(prices)
  let total = 0n
  for (const [model, tokens] of Object.entries(cachedTokensByModel)) {
    const rate = rates.get(model)
    if (rate === undefined || tokens === 0) continue
    if (!Number.isSafeInteger(tokens) || tokens < 0) throw new RangeError(`cached tokens of ${JSON.stringify(model)} must be a whole number ≥ 0 (got ${tokens}).`)
    total += BigInt(tokens) * rate
  }
  return fromNanos(roundMicroNanos(total))
}
