import { describe, expect, it } from 'vitest'
import { enMessages } from '../i18n/enMessages.js'
import { formatMessage } from '../i18n/formatMessage.js'
import type { Translate } from '../i18n/useMessages.js'
import { costLineText } from './costLineText.js'

const t: Translate = (key, values) => formatMessage(enMessages[key], values, 'en-US')
const text = (line: Parameters<typeof costLineText>[0], locale = 'en-US', currency = 'USD') => costLineText(line, { locale, currency, t })

describe('costLineText', () => {
  it('writes quantity × rate per 1M, the rate exact at its own precision', () => {
    expect(text({ label: 'Input tokens', amount: 0.0372, quantity: 12400, unit: 'tokens', rate: 3 })).toBe('12,400 tokens × $3.00 / 1M')
    expect(text({ label: 'Cached input tokens', amount: 0.000015, quantity: 200, unit: 'tokens', rate: 0.075 })).toBe('200 tokens × $0.075 / 1M')
    expect(text({ label: 'Cached input tokens', amount: 0.0000075, quantity: 200, unit: 'tokens', rate: 0.0375 })).toBe('200 tokens × $0.0375 / 1M')
  })

  it('says "each" for a price of a cent or more per unit, and leaves the unit out when there is none', () => {
    expect(text({ label: 'Images', amount: 0.16, quantity: 4, unit: 'images', rate: 40_000 })).toBe('4 images × $0.04 each')
    expect(text({ label: 'Calls', amount: 0.0372, quantity: 12400, rate: 3 })).toBe('12,400 × $3.00 / 1M')
  })

  it('shows the quantity alone without a rate, and nothing for a line without a quantity', () => {
    expect(text({ label: 'Storage', amount: 0.5, quantity: 12.5, unit: 'GB-hours' })).toBe('12.5 GB-hours')
    expect(text({ label: 'Platform fee', amount: 0.01 })).toBeUndefined()
  })

  it('follows the locale and the currency', () => {
    expect(text({ label: 'Input', amount: 0.0372, quantity: 12400, unit: 'tokens', rate: 3 }, 'de-DE', 'EUR')).toBe('12.400 tokens × 3,00\u00a0€ / 1\u00a0Mio.')
  })
})
