import { describe, expect, it } from 'vitest'
import { cacheSavings, roundMicroNanos } from './cacheSavings'
import { FIXTURE_PRICES, MODELS } from './fixtures/catalog'
import { generateUsageRecords } from './fixtures/generateUsageRecords'
import { toNanos } from './money'
import { cacheSavingsRates, pricePerMillionNanos } from './priceTable'

describe('pricePerMillionNanos', () => {
  it('reads decimal strings exactly and rounds numbers to 9 decimals', () => {
    expect(pricePerMillionNanos('0.075')).toBe(75_000_000n)
    expect(pricePerMillionNanos('3')).toBe(3_000_000_000n)
    expect(pricePerMillionNanos('1.100000001')).toBe(1_100_000_001n)
    expect(pricePerMillionNanos(0.1)).toBe(100_000_000n)
    expect(pricePerMillionNanos(1e-10)).toBe(0n)
  })

  it('refuses what it cannot price exactly, naming the field', () => {
    expect(() => pricePerMillionNanos('0.0000000001', 'prices["x"].input')).toThrow(/prices\["x"\]\.input.*9 decimals/)
    expect(() => pricePerMillionNanos('-1')).toThrow(RangeError)
    expect(() => pricePerMillionNanos(-1)).toThrow(RangeError)
    expect(() => pricePerMillionNanos(Number.NaN)).toThrow(RangeError)
    expect(() => pricePerMillionNanos('1e3')).toThrow(RangeError)
  })

  it('checks a whole table once, naming the model', () => {
    expect(cacheSavingsRates({ a: { input: '3', cachedInput: '0.3' } })).toEqual(new Map([['a', 2_700_000_000n]]))
    expect(() => cacheSavingsRates({ 'gpt-x': { input: '3', cachedInput: 'free' } })).toThrow(/prices\["gpt-x"\]\.cachedInput/)
  })
})

describe('cacheSavings', () => {
  const prices = {
    'claude-sonnet-4.5': { input: '3', cachedInput: '0.30' },
    'gemini-2.5-flash': { input: '0.30', cachedInput: '0.075' },
  }

  it('is what cached tokens would have cost uncached minus what they cost', () => {
    // 1M cached Sonnet tokens: $3 − $0.30.
    expect(cacheSavings({ 'claude-sonnet-4.5': 1_000_000 }, prices)).toBe(2.7)
    // 1,234 Sonnet tokens save 1,234 × 2,700 nano-dollars; 10 Flash tokens 10 × 225.
    expect(cacheSavings({ 'claude-sonnet-4.5': 1234, 'gemini-2.5-flash': 10 }, prices)).toBe(0.00333405)
  })

  it('rounds once, half away from zero, to 1e-9 — after adding, not per model', () => {
    // Batch prices with more decimals: 0.4 and 0.25 nano-dollars saved per token.
    const batch = { a: { input: '0.0005', cachedInput: '0.0001' }, b: { input: '0.0003', cachedInput: '0.00005' } }
    expect(cacheSavings({ a: 1 }, batch)).toBe(0)
    expect(cacheSavings({ b: 1 }, batch)).toBe(0)
    // 0.4 + 0.25 = 0.65 nano-dollars: one nano-dollar, where rounding each model would say 0.
    expect(cacheSavings({ a: 1, b: 1 }, batch)).toBe(0.000000001)
    // 2.5 rounds up (half away from zero).
    expect(cacheSavings({ b: 10 }, batch)).toBe(0.000000003)
    expect(roundMicroNanos(1_500_000n)).toBe(2n)
    expect(roundMicroNanos(-1_500_000n)).toBe(-2n)
    expect(roundMicroNanos(1_499_999n)).toBe(1n)
  })

  it('stays exact past 2^53 nano-units', () => {
    // 10^12 Sonnet tokens: $2.7 million, exact to the nano-dollar.
    expect(cacheSavings({ 'claude-sonnet-4.5': 1e12 + 1 }, prices)).toBe(2_700_000.0000027)
  })

  it('counts nothing for models without a price and refuses token counts that are not whole', () => {
    expect(cacheSavings({ 'llama-3.3-70b-instruct': 5_000_000 }, prices)).toBe(0)
    expect(() => cacheSavings({ 'claude-sonnet-4.5': 1.5 }, prices)).toThrow(RangeError)
  })
})

describe('FIXTURE_PRICES', () => {
  it('saves on each fixture record what its cached tokens would have cost as fresh input minus their cached line', () => {
    expect(FIXTURE_PRICES['gpt-4.1']).toEqual({ input: '2', cachedInput: '0.5' })
    expect(Object.keys(FIXTURE_PRICES)).toEqual(MODELS.map((model) => model.model))
    const records = generateUsageRecords({ seed: 9, start: '2026-10-01T00:00:00.000Z', end: '2026-10-02T00:00:00.000Z', requestsPerDay: 300, content: false })
    const cachedRecords = records.filter((record) => record.status === 'success' && record.cachedInputTokens > 0)
    expect(cachedRecords.length).toBeGreaterThan(50)
    for (const record of cachedRecords) {
      const model = MODELS.find((spec) => spec.model === record.model)!
      const cachedLine = record.costBreakdown!.find((line) => line.label === 'Cached input tokens')!.amount
      const asFreshInput = record.cachedInputTokens * model.price.input * 1000 // nano-dollars
      expect(toNanos(cacheSavings({ [record.model]: record.cachedInputTokens }, FIXTURE_PRICES))).toBe(Math.round(asFreshInput) - toNanos(cachedLine))
    }
  })
})
