import { InvalidQueryError } from './errors'
import type { TimeRange } from './types'

/** An instant from an ISO string, a Date or epoch milliseconds. */
export type InstantInput = string | number | Date

export function toEpochMs(value: InstantInput): number {
  if (typeof value === 'number') return value
  if (value instanceof Date) return value.getTime()
  return Date.parse(value)
}

export interface ParsedRange {
  startMs: number
  endMs: number
}

/** Parses and checks a range: both ends valid ISO-8601 instants, `end` after `start`. */
export function parseRange(range: TimeRange | undefined, field = 'range'): ParsedRange {
  if (!range || typeof range !== 'object') {
    throw new InvalidQueryError(`${field} must be { start, end } with ISO-8601 instants.`, { field })
  }
  const startMs = typeof range.start === 'string' ? Date.parse(range.start) : Number.NaN
  const endMs = typeof range.end === 'string' ? Date.parse(range.end) : Number.NaN
  if (!Number.isFinite(startMs)) {
    throw new InvalidQueryError(`${field}.start must be an ISO-8601 instant (got ${JSON.stringify(range.start)}).`, {
      field: `${field}.start`,
    })
  }
  if (!Number.isFinite(endMs)) {
    throw new InvalidQueryError(`${field}.end must be an ISO-8601 instant (got ${JSON.stringify(range.end)}).`, {
      field: `${field}.end`,
    })
  }
  if (endMs <= startMs) {
    throw new InvalidQueryError(
      `${field}.end (${range.end}) must be after ${field}.start (${range.start}); the range is end-exclusive.`,
      { field },
    )
  }
  return { startMs, endMs }
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString()
}

/** The equally long period just before `range` (what KPI deltas compare against). */
export function previousRange(range: TimeRange): TimeRange {
  const { startMs, endMs } = parseRange(range)
  return { start: toIso(startMs - (endMs - startMs)), end: toIso(startMs) }
}
