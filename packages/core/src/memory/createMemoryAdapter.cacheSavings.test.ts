import { describe, expect, it } from 'vitest'
import { cacheSavings } from '../cacheSavings'
import { isInvalidQueryError } from '../errors'
import { FIXTURE_PRICES } from '../fixtures/catalog'
import { generateUsageRecords } from '../fixtures/generateUsageRecords'
import type { PriceTable } from '../priceTable'
import type { UsageRecord } from '../types'
import { createMemoryAdapter } from './createMemoryAdapter'

const RANGE = { start: '2026-10-19T00:00:00.000Z', end: '2026-10-26T00:00:00.000Z' }
const records = generateUsageRecords({ seed: 7, ...RANGE, requestsPerDay: 400, content: false })
// The fixture models' list prices, and Flash at a batch price that saves a fractional number
// of nano-dollars per token (0.0375 − 0.009 = 0.0285 $/M = 28.5 nano-dollars), so rounding is exercised.
const prices: PriceTable = {
  ...FIXTURE_PRICES,
  'gemini-2.5-flash': { input: '0.0375', cachedInput: '0.009' },
}
const priced = createMemoryAdapter(records, { prices })

/** The pure function over plain records: cached tokens per model, priced once. */
function expectedSavings(subset: readonly UsageRecord[]): number {
  const tokens: Record<string, number> = {}
  for (const record of subset) tokens[record.model] = (tokens[record.model] ?? 0) + record.cachedInputTokens
  return cacheSavings(tokens, prices)
}

const query = { range: RANGE, timeZone: 'Europe/Berlin' }

describe('the cacheSavings metric of the memory adapter', () => {
  it('is offered only with a price table, and refused without one', async () => {
    const plain = createMemoryAdapter(records)
    expect((await plain.getCapabilities()).metrics.map((definition) => definition.id)).not.toContain('cacheSavings')
    await expect(plain.getSummary({ ...query, metrics: ['cacheSavings'] })).rejects.toSatisfy(isInvalidQueryError)
    const definition = (await priced.getCapabilities()).metrics.find((metric) => metric.id === 'cacheSavings')
    expect(definition).toEqual({ id: 'cacheSavings', label: 'Saved by prompt caching', unit: 'money', aggregation: 'sum', sentiment: 'higherIsBetter' })
  })

  it('answers the summary exactly as the pure function over the same records', async () => {
    const { totals } = await priced.getSummary({ ...query, metrics: ['cacheSavings', 'cost'] })
    expect(totals.cacheSavings).toBe(expectedSavings(records))
    expect(totals.cacheSavings).toBeGreaterThan(0)
    const flash = records.filter((record) => record.model === 'gemini-2.5-flash' && record.cachedInputTokens > 0)
    expect(flash.length).toBeGreaterThan(0)
    const filtered = await priced.getSummary({ ...query, metrics: ['cacheSavings'], filters: { model: ['gemini-2.5-flash'] } })
    expect(filtered.totals.cacheSavings).toBe(expectedSavings(flash))
    // An odd number of Flash tokens saves a half nano-dollar more than a whole: rounded once, at the end.
    expect(flash.reduce((sum, record) => sum + record.cachedInputTokens, 0) % 2).toBe(1)
  })

  it('answers each bucket and each group exactly, like cost', async () => {
    const series = await priced.getTimeSeries({ ...query, bucket: '1d', metrics: ['cacheSavings'], groupBy: 'team' })
    for (const group of series.series) {
      series.buckets.forEach((bucket, i) => {
        const inBucket = records.filter(
          (record) => record.team === group.key && record.timestamp >= bucket.start && record.timestamp < bucket.end,
        )
        expect(group.values.cacheSavings![i]).toBe(expectedSavings(inBucket))
      })
    }
    const breakdown = await priced.getBreakdown({ ...query, groupBy: 'model', metrics: ['cacheSavings'], sort: { metric: 'cacheSavings', direction: 'desc' } })
    for (const row of breakdown.rows) expect(row.metrics.cacheSavings).toBe(expectedSavings(records.filter((record) => record.model === row.key)))
    expect(breakdown.rows.at(-1)!.metrics.cacheSavings).toBe(0) // llama: no prompt caching
  })

  it('answers the same from pre-aggregated cells and from rows, and counts inserted records', async () => {
    const always = createMemoryAdapter(records, { prices, preAggregate: 'always' })
    const never = createMemoryAdapter(records, { prices, preAggregate: 'never' })
    const params = { ...query, bucket: '1h' as const, metrics: ['cost', 'cacheSavings', 'cachedInputTokens'], groupBy: 'model' as const }
    expect(await always.getTimeSeries(params)).toEqual(await never.getTimeSeries(params))
    const live = createMemoryAdapter(records.slice(0, 1000), { prices })
    live.insert(records.slice(1000))
    expect((await live.getSummary({ ...query, metrics: ['cacheSavings'] })).totals.cacheSavings).toBe(expectedSavings(records))
  })

  it('is not offered by a backend without cached input tokens, and bad prices fail at creation', async () => {
    const without = createMemoryAdapter(records, { prices, lacks: ['cachedInputTokens'] })
    expect((await without.getCapabilities()).metrics.map((definition) => definition.id)).not.toContain('cacheSavings')
    expect(() => createMemoryAdapter(records, { prices: { 'gpt-4.1': { input: '2', cachedInput: 'half' } } })).toThrow(/prices\["gpt-4.1"\]\.cachedInput/)
  })
})
