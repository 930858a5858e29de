import { describe, expect, it } from 'vitest'
import { isInvalidQueryError } from './errors'
import { decodeCursor, encodeCursor } from './keysetCursor'

const query = { range: { start: '2026-11-01T00:00:00.000Z', end: '2026-11-08T00:00:00.000Z' }, timeZone: 'UTC' }

function forge(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url')
}

describe('decodeCursor', () => {
  it('round-trips a cursor of the same query', () => {
    const cursor = encodeCursor({ ts: 1_793_000_000_000_123, id: 'req_1' }, query)
    expect(decodeCursor(cursor, query)).toEqual({ ts: 1_793_000_000_000_123, id: 'req_1' })
  })

  it.each([
    ['a huge timestamp', { t: 1e300, i: 'a' }],
    ['a fractional timestamp', { t: 1.5, i: 'a' }],
    ['an unsafe integer', { t: 2 ** 60, i: 'a' }],
    ['a NUL in the id', { t: 1, i: 'a\u0000b' }],
    ['an id that is not a string', { t: 1, i: 42 }],
    ['a very long id', { t: 1, i: 'x'.repeat(600) }],
  ])('refuses a forged cursor with %s as an InvalidQueryError on field cursor', (_, fields) => {
    const cursor = forge({ v: 1, q: 'whatever', ...fields })
    let caught: unknown
    try {
      decodeCursor(cursor, query)
    } catch (error) {
      caught = error
    }
    expect(isInvalidQueryError(caught) && caught.field).toBe('cursor')
  })

  it('refuses garbage and over-long cursors', () => {
    for (const cursor of ['%%%', 'bnVsbA', forge('text'), 'a'.repeat(5000)]) {
      expect(() => decodeCursor(cursor, query)).toThrow(/cursor/)
    }
  })
})
