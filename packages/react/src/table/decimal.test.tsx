import { describe, expect, it } from 'vitest'
import { decimalSeparator, splitDecimal, tailWidth } from './decimal.js'

describe('decimal alignment', () => {
  it('splits formatted money before the decimal separator of the locale', () => {
    expect(decimalSeparator('en-US')).toBe('.')
    expect(decimalSeparator('de-DE')).toBe(',')
    expect(splitDecimal('$1,234.56', '.')).toEqual(['$1,234', '.56'])
    expect(splitDecimal('$0.00062', '.')).toEqual(['$0', '.00062'])
    expect(splitDecimal('1.234,56 €', ',')).toEqual(['1.234', ',56 €'])
    // No fraction: a suffix still belongs to the tail, a dash has none.
    expect(splitDecimal('¥1,235', '.')).toEqual(['¥1,235', ''])
    expect(splitDecimal('12 €', ',')).toEqual(['12', ' €'])
    expect(splitDecimal('—', '.')).toEqual(['—', ''])
  })

  it('gives a column the width of its widest tail', () => {
    expect(tailWidth(['$0.0036', '$0.00062', '$10.20', '—'], '.')).toBe(6)
    expect(tailWidth([], '.')).toBe(0)
  })
})
