import { describe, expect, it } from 'vitest'
import { formatMessage } from './formatMessage.js'

describe('formatMessage', () => {
  it('fills placeholders and formats numbers in the locale', () => {
    expect(formatMessage('{first}–{last} of {total}', { first: 1, last: 50, total: 1533 }, 'en-US')).toBe('1–50 of 1,533')
    expect(formatMessage('{first}–{last} von {total}', { first: 1, last: 50, total: 1533 }, 'de-DE')).toBe('1–50 von 1.533')
  })

  it('chooses plural forms through Intl.PluralRules', () => {
    const requests = { one: '{count} request', other: '{count} requests' }
    expect(formatMessage(requests, { count: 1 }, 'en')).toBe('1 request')
    expect(formatMessage(requests, { count: 0 }, 'en')).toBe('0 requests')
    expect(formatMessage(requests, { count: 2000 }, 'en')).toBe('2,000 requests')
    // Polish has a "few" category: 2–4 but not 12–14.
    const pl = { one: '{count} żądanie', few: '{count} żądania', many: '{count} żądań', other: '{count} żądania' }
    expect(formatMessage(pl, { count: 3 }, 'pl')).toBe('3 żądania')
    expect(formatMessage(pl, { count: 12 }, 'pl')).toBe('12 żądań')
    // Japanese has only "other".
    expect(formatMessage({ other: '{count} 件' }, { count: 1 }, 'ja')).toBe('1 件')
  })

  it('leaves a placeholder without a value visible', () => {
    expect(formatMessage('Hello {name}', {}, 'en')).toBe('Hello {name}')
    expect(formatMessage('Hello {name}', undefined, 'en')).toBe('Hello {name}')
  })

  it('inserts values as plain text, never as a pattern', () => {
    expect(formatMessage('{a} and {b}', { a: '{b}', b: '$&' }, 'en')).toBe('{b} and $&')
  })
})
