import { describe, expect, it } from 'vitest'
import {
  formatBucketLabel,
  formatBucketRange,
  formatCount,
  formatDateTime,
  formatDeltaPercent,
  formatDuration,
  formatMetricValue,
  formatMoney,
  formatPercent,
  formatTimeRange,
  formatTokens,
  tokenUnitLabel,
} from './format'
import { STANDARD_METRICS } from './metrics'

describe('formatMoney', () => {
  it('never shows a non-zero cost as $0.00', () => {
    expect(formatMoney(0.000042, { currency: 'USD', locale: 'en-US' })).toBe('$0.000042')
    expect(formatMoney(0.0049, { currency: 'USD', locale: 'en-US' })).toBe('$0.0049')
    expect(formatMoney(0.00000123456, { currency: 'USD', locale: 'en-US' })).toBe('$0.0000012')
    expect(formatMoney(0, { currency: 'USD', locale: 'en-US' })).toBe('$0.00')
    // A column of small costs reads with the same precision.
    expect([0.0102, 0.0081, 0.5, 0.99].map((v) => formatMoney(v, { currency: 'USD', locale: 'en-US' }))).toEqual(['$0.010', '$0.0081', '$0.50', '$0.99'])
  })

  it('uses the data currency and the locale', () => {
    expect(formatMoney(1234.5, { currency: 'USD', locale: 'en-US' })).toBe('$1,234.50')
    expect(formatMoney(1234.5, { currency: 'EUR', locale: 'de-DE' })).toMatch(/^1\.234,50\s€$/)
    expect(formatMoney(0.0003, { currency: 'EUR', locale: 'de-DE' })).toMatch(/^0,00030\s€$/)
    // Yen has no minor unit: anything under ¥1 keeps significant digits.
    expect(formatMoney(0.42, { currency: 'JPY', locale: 'ja-JP' })).toBe('￥0.42')
    expect(formatMoney(1520, { currency: 'USD', locale: 'en-US', compact: true })).toBe('$1.5K')
  })

  it('shows a gap for missing values', () => {
    expect(formatMoney(null, { currency: 'USD' })).toBe('—')
  })
})

describe('formatTokens and counts', () => {
  it('compact, standard and thousands (K tokens, seed 004)', () => {
    expect(formatTokens(1_234_567, { locale: 'en-US' })).toBe('1.2M')
    expect(formatTokens(1_234_567, { locale: 'en-US', notation: 'standard' })).toBe('1,234,567')
    expect(formatTokens(1_234_567, { locale: 'en-US', notation: 'thousands' })).toBe('1,234.6')
    expect(tokenUnitLabel('thousands')).toBe('K tokens')
    expect(formatCount(98_765, { locale: 'en-US' })).toBe('98,765')
    expect(formatCount(98_765, { locale: 'en-US', compact: true })).toBe('98.8K')
  })
})

describe('durations, percentages and deltas', () => {
  it('formats durations by magnitude', () => {
    expect(formatDuration(850)).toBe('850 ms')
    expect(formatDuration(1240)).toBe('1.24 s')
    expect(formatDuration(125_000)).toBe('2 min 5 s')
    expect(formatDuration(3_720_000)).toBe('1 h 2 min')
  })

  it('keeps tiny shares visible and signs deltas', () => {
    expect(formatPercent(0.985, { locale: 'en-US' })).toBe('98.5%')
    expect(formatPercent(0.00002, { locale: 'en-US' })).toBe('<0.1%')
    expect(formatPercent(0.99996, { locale: 'en-US' })).toBe('>99.9%')
    expect(formatDeltaPercent(0.123, { locale: 'en-US' })).toBe('+12.3%')
    expect(formatDeltaPercent(-0.04, { locale: 'en-US' })).toBe('-4%')
  })

  it('formats a value by its metric unit', () => {
    expect(formatMetricValue(0.5, STANDARD_METRICS.cost, { currency: 'USD', locale: 'en-US' })).toBe('$0.50')
    expect(formatMetricValue(1200, STANDARD_METRICS.avgLatencyMs)).toBe('1.2 s')
    expect(formatMetricValue(1500, STANDARD_METRICS.inputTokens, { locale: 'en-US', compact: true })).toBe('1.5K')
  })
})

describe('dates in the chosen zone', () => {
  const bucket = { start: '2026-11-01T05:00:00.000Z', end: '2026-11-01T06:00:00.000Z' }

  it('labels axis ticks and tooltips in the zone, with the offset near a DST change, in the locale’s hour cycle', () => {
    expect(formatBucketLabel(bucket, '1h', { timeZone: 'America/New_York', locale: 'en-US' })).toBe('1:00 AM GMT-4')
    expect(formatBucketLabel(bucket, '1h', { timeZone: 'America/New_York', locale: 'en-GB' })).toBe('1:00 GMT-4')
    expect(formatBucketLabel(bucket, '1h', { timeZone: 'Asia/Kolkata', locale: 'en-US' })).toBe('10:30 AM')
    expect(formatBucketLabel({ start: '2026-11-01T04:00:00.000Z', end: '2026-11-01T05:00:00.000Z' }, '1h', { timeZone: 'America/New_York', locale: 'en-US' })).toBe('Nov 1')
    expect(formatBucketLabel({ start: '2026-11-02T05:00:00.000Z', end: '2026-11-03T05:00:00.000Z' }, '1d', { timeZone: 'America/New_York', locale: 'en-US' })).toBe('Nov 2')
    expect(formatBucketRange(bucket, '1h', { timeZone: 'America/New_York', locale: 'en-US' })).toBe('Nov 1, 2026, 1:00 AM GMT-4 – 1:00 AM GMT-5')
    expect(formatBucketRange({ start: '2026-11-01T14:00:00.000Z', end: '2026-11-01T15:00:00.000Z' }, '1h', { timeZone: 'America/New_York', locale: 'en-US' })).toBe('Nov 1, 2026, 9:00 AM – 10:00 AM GMT-5')
    expect(formatBucketRange({ start: '2026-11-01T23:00:00.000Z', end: '2026-11-08T23:00:00.000Z' }, '1w', { timeZone: 'Europe/Berlin', locale: 'en-US' })).toMatch(/^Nov 2\s*–\s*8, 2026$/)
  })

  it('formats instants and whole ranges', () => {
    expect(formatDateTime('2026-11-23T15:42:10Z', { timeZone: 'Asia/Kolkata', locale: 'en-GB' })).toBe('23 Nov 2026, 21:12')
    expect(formatTimeRange({ start: '2026-11-10T05:00:00.000Z', end: '2026-11-24T05:00:00.000Z' }, { timeZone: 'America/New_York', locale: 'en-US' })).toMatch(
      /^Nov 10\s*–\s*23, 2026$/,
    )
  })
})
