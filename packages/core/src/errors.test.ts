import { describe, expect, it } from 'vitest'
import { InvalidQueryError, NotFoundError, TimeoutError, isInvalidQueryError, isNotFoundError, isTimeoutError, isUsageKitError } from './errors'

describe('typed errors', () => {
  it('are recognised by their brand', () => {
    expect(isInvalidQueryError(new InvalidQueryError('bad', { field: 'range' }))).toBe(true)
    expect(isNotFoundError(new NotFoundError('r1'))).toBe(true)
    expect(isTimeoutError(new TimeoutError('getSummary', 1500))).toBe(true)
    expect(new TimeoutError('getSummary', 1500).message).toBe('getSummary did not answer within 2 seconds.')
  })

  it('do not trust an object that merely has a code field (a driver or adapter error)', () => {
    const forged = Object.assign(new Error('relation does not exist'), { code: 'INVALID_QUERY', field: 'x' })
    expect(isInvalidQueryError(forged)).toBe(false)
    expect(isNotFoundError({ code: 'NOT_FOUND', id: 'x' })).toBe(false)
    expect(isUsageKitError(forged)).toBe(false)
  })

  it('survive a second copy of the package: the brand is a registered symbol', () => {
    const fromAnotherCopy = Object.assign(new Error('bad'), { code: 'INVALID_QUERY', [Symbol.for('usagekit.error')]: true })
    expect(isInvalidQueryError(fromAnotherCopy)).toBe(true)
  })
})
