import { tzOffset } from '@date-fns/tz'
import { InvalidQueryError } from './errors'

/**
 * Zones known to be valid. Only valid zones are kept, and at most `MAX_KNOWN_ZONES` of them (the
 * IANA database has about 600 names), so a caller sending endless invalid or distinct names costs
 * nothing that lasts.
 */
const knownZones = new Set<string>()
const MAX_KNOWN_ZONES = 1_000
/** The longest IANA name is 32 characters ("America/Argentina/ComodRivadavia"); anything much longer is not a zone. */
const MAX_ZONE_LENGTH = 64

/** How many zones the cache holds (for tests: rejected zones must add none). */
export function knownTimeZoneCount(): number {
  return knownZones.size
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > MAX_ZONE_LENGTH) return false
  if (knownZones.has(timeZone)) return true
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0)
  } catch {
    return false
  }
  if (knownZones.size >= MAX_KNOWN_ZONES) knownZones.clear()
  knownZones.add(timeZone)
  return true
}

export function assertTimeZone(timeZone: unknown, field = 'timeZone'): asserts timeZone is string {
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    const shown = typeof timeZone === 'string' && timeZone.length > MAX_ZONE_LENGTH ? `${JSON.stringify(timeZone.slice(0, MAX_ZONE_LENGTH))}…` : JSON.stringify(timeZone)
    throw new InvalidQueryError(
      `${field} must be an IANA time zone such as "Europe/Berlin" (got ${shown}).`,
      { field },
    )
  }
}

/** The zone's offset from UTC at an instant, in minutes (New York in winter: -300). */
export function offsetMinutes(timeZone: string, instantMs: number): number {
  return tzOffset(timeZone, new Date(instantMs))
}

/** The browser's (or server's) own zone. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}
