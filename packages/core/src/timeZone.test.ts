import { describe, expect, it } from 'vitest'
import { isValidTimeZone, knownTimeZoneCount } from './timeZone'

describe('isValidTimeZone', () => {
  it('knows IANA zones and refuses others', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true)
    expect(isValidTimeZone('America/Argentina/ComodRivadavia')).toBe(true)
    expect(isValidTimeZone('Mars/Olympus')).toBe(false)
    expect(isValidTimeZone('')).toBe(false)
    expect(isValidTimeZone('x'.repeat(10_000))).toBe(false)
    expect(isValidTimeZone(42 as unknown as string)).toBe(false)
  })

  it('keeps nothing for rejected zones, and at most a thousand valid ones', () => {
    const before = knownTimeZoneCount()
    for (let i = 0; i < 20_000; i++) isValidTimeZone(`Invalid/Zone_${i}`)
    expect(knownTimeZoneCount()).toBe(before)
    for (const zone of Intl.supportedValuesOf('timeZone')) isValidTimeZone(zone)
    expect(knownTimeZoneCount()).toBeGreaterThan(before)
    expect(knownTimeZoneCount()).toBeLessThanOrEqual(1_000)
  })
})
