import { describe, expect, it } from 'vitest'
import { exactDigits, exactMoneyFormat } from './drawerFormat.js'

describe('exact money in the drawer', () => {
  it('takes the fewest digits that show every amount exactly, never fewer than the currency has', () => {
    expect(exactDigits([0.5, 1.25], 'en-US', 'USD')).toBe(2)
    expect(exactDigits([0.00100188, 0.00054108, 0.0004608], 'en-US', 'USD')).toBe(8)
    expect(exactDigits([0.001, 0.0004, 0.0006], 'en-US', 'USD')).toBe(4)
    expect(exactDigits([12, 3], 'ja-JP', 'JPY')).toBe(0)
    expect(exactDigits([1e-9], 'en-US', 'USD')).toBe(9)
    // Float noise in the input (0.1 + 0.2) is below the nano-unit and does not add digits.
    expect(exactDigits([0.1 + 0.2], 'en-US', 'USD')).toBe(2)
  })

  it('writes parts and total at one precision', () => {
    const money = exactMoneyFormat([0.0010, 0.00059, 0.00041], 'en-US', 'USD')
    expect([0.0010, 0.00059, 0.00041].map(money)).toEqual(['$0.00100', '$0.00059', '$0.00041'])
  })
})
