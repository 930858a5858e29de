import { tzOffset } from '@date-fns/tz'
import { InvalidQueryError } from './errors'

const validity = new Map<string, boolean>()

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  let valid = validity.get(timeZone)
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone }).format(0)
      valid = typeof timeZone === 'string' && timeZone.length > 0
    } catch {
      valid = false
    }
    validity.set(timeZone, valid)
  }
  return valid
}

export function assertTimeZone(timeZone: unknown, field = 'timeZone'): asserts timeZone is string {
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    throw new InvalidQueryError(
      `${field} must be an IANA time zone such as "Europe/Berlin" (got ${JSON.stringify(timeZone)}).`,
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
