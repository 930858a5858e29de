import { describe, expect, it } from 'vitest'
import { readMicroNanos, readMoney } from './sqlValues'

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

describe('readMicroNanos', () => {
  it('reads an exact sum in 1e-15 of the unit and rounds it once, half away from zero, to 1e-9', () => {
    // 79 Flash tokens at 28.5 nano-dollars saved each: 2,251.5 nano-dollars → 2,252.
    expect(readMicroNanos('2251500000.000000000')).toBe(0.000002252)
    expect(readMicroNanos('2251499999')).toBe(0.000002251)
    expect(readMicroNanos(-1_500_000n)).toBe(-0.000000002)
    expect(readMicroNanos('123456789012345678901234')).toBe(123456789.012345679)
    expect(readMicroNanos(null)).toBe(0)
  })

  it('refuses a sum that is not a whole number of its unit', () => {
    expect(() => readMicroNanos('12.5')).toThrow(/cannot read/)
    expect(() => readMicroNanos('abc')).toThrow(/cannot read/)
  })
})
