import { describe, expect, it } from 'vitest'
import { readMoney } from './sqlValues'

describe('readMoney', () => {
  it('reads a NUMERIC sum as the exact decimal, with no float noise', () => {
    // Adding the whole and the fraction as two doubles answered 7.7932587380000005 here.
    expect(readMoney('7.793258738')).toBe(7.793258738)
    expect(String(readMoney('7.793258738'))).toBe('7.793258738')
    expect(String(readMoney('93.138723668'))).toBe('93.138723668')
    expect(String(readMoney('-0.000000001'))).toBe('-1e-9')
    for (const text of ['0.1', '0.3', '1234.567890123', '0.000042', '99999.999999999']) expect(String(readMoney(text))).toBe(text)
  })

  it('rounds digits past the ninth half away from zero, as the cast to nine places does', () => {
    expect(readMoney('1.0000000005')).toBe(1.000000001)
    expect(readMoney('-1.0000000005')).toBe(-1.000000001)
  })
})
