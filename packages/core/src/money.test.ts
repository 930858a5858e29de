import { describe, expect, it } from 'vitest'
import { fromNanos, moneyEquals, sumMoney, toNanos } from './money'

describe('money in nano-units', () => {
  it('adds amounts exactly where floats drift', () => {
    const amounts = Array.from({ length: 10 }, () => 0.1)
    expect(amounts.reduce((a, b) => a + b, 0)).not.toBe(1)
    expect(sumMoney(amounts)).toBe(1)
    expect(sumMoney([0.000000001, 0.000000002])).toBe(0.000000003)
  })

  it('stays exact past 2^53 nano-units with BigInt', () => {
    const big = sumMoney(Array.from({ length: 3 }, () => 4_000_000.000000001))
    expect(toNanos(big)).toBe(12_000_000_000_000_003)
    expect(fromNanos(12_000_000_000_000_003n)).toBeCloseTo(12_000_000.000000003, 6)
  })

  it('rounds to the nearest nano-unit and compares at that precision', () => {
    expect(toNanos(1.0000000004)).toBe(1_000_000_000)
    expect(toNanos(-0.0000000016)).toBe(-2)
    expect(moneyEquals(0.1 + 0.2, 0.3)).toBe(true)
    expect(moneyEquals(0.3, 0.300000001)).toBe(false)
  })

  it('turns nano-units back into the shortest exact decimal, as a number or a bigint (a SQL NUMERIC sum)', () => {
    expect(fromNanos(7_793_258_738n)).toBe(7.793258738)
    expect(String(fromNanos(7_793_258_738n))).toBe('7.793258738')
    expect(fromNanos(-7_793_258_738n)).toBe(-7.793258738)
    // Whatever the nano-units, the number prints as the exact decimal with its zeros trimmed.
    let seed = 7
    for (let i = 0; i < 2_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      const nanos = BigInt(seed) * 1_000n + BigInt(i)
      const text = `${nanos / 1_000_000_000n}.${String(nanos % 1_000_000_000n).padStart(9, '0')}`.replace(/\.?0+$/, '')
      expect(String(fromNanos(nanos))).toBe(text)
      expect(String(fromNanos(Number(nanos)))).toBe(text)
    }
  })
})
