import { InvalidQueryError } from './errors'
import type { TimeRange } from './types'

/** An instant from an ISO string, a Date or epoch milliseconds. */
export type InstantInput = string | number | Date

export function toEpochMs(value: InstantInput): number {
  if (typeof value === 'number') return value
  if (value instanceof Date) return value.getTime()
  return Date.parse(value)
}

/**
 * The instants a query may name: 1970-01-01 up to (not including) 2200-01-01 UTC. Every engine the
 * SQL adapter speaks holds them (ClickHouse's DateTime64 ends in 2299, PostgreSQL and DuckDB much
 * later), so an absurd year is a 400 naming the field, not a database error.
 */
export const SUPPORTED_SPAN = Object.freeze({ startMs: Date.UTC(1970, 0, 1), endMs: Date.UTC(2200, 0, 1) })

/**
 * ISO-8601: a calendar day (`2026-11-30`, midnight UTC) or a date-time with `Z` or an offset. A
 * date-time without one is refused: JavaScript would read it in the server's own zone.
 */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i

/** An ISO-8601 instant inside `SUPPORTED_SPAN`, as epoch ms; `NaN` for anything else (`2026-02-30` and `25:00` included). */
export function parseInstant(value: unknown): number {
  if (typeof value !== 'string' || value.length > 40) return Number.NaN
  const match = ISO_INSTANT.exec(value)
  if (!match) return Number.NaN
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  // Date.parse rolls 30 February over into March: the calendar is checked here.
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return Number.NaN
  if (match[4] !== undefined && (Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6] ?? 0) > 59)) return Number.NaN
  const ms = Date.parse(value)
  return ms >= SUPPORTED_SPAN.startMs && ms <= SUPPORTED_SPAN.endMs ? ms : Number.NaN
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
  const startMs = parseInstant(range.start)
  const endMs = parseInstant(range.end)
  const shown = (value: unknown) => (typeof value === 'string' && value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value))
  if (!Number.isFinite(startMs)) {
    throw new InvalidQueryError(`${field}.start must be an ISO-8601 instant from 1970 up to 2200 (got ${shown(range.start)}).`, {
      field: `${field}.start`,
    })
  }
  if (!Number.isFinite(endMs)) {
    throw new InvalidQueryError(`${field}.end must be an ISO-8601 instant from 1970 up to 2200 (got ${shown(range.end)}).`, {
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

/** The two stretches of time a summary with `compareToPrevious` adds up (epoch ms, end-exclusive). */
export interface ComparedPeriods {
  current: ParsedRange
  previous: ParsedRange
}

/**
 * What a previous-period comparison compares: equal elapsed time. The previous period is the
 * equally long period just before `range`; while `range` is still running (`now` inside it), the
 * current period counts up to `now` and the previous one only its same elapsed part, from its own
 * start: "this month so far" against the same number of hours of the period before, never a
 * partial period against a whole one. Without `now`, or with `now` at or past the end, the whole
 * periods. With `now` before the start, nothing has elapsed: both are empty.
 */
export function comparedPeriods(range: TimeRange, now?: number): ComparedPeriods {
  const { startMs, endMs } = parseRange(range)
  const length = endMs - startMs
  const elapsed = now === undefined || now >= endMs ? length : Math.max(0, now - startMs)
  return {
    current: { startMs, endMs: startMs + elapsed },
    previous: { startMs: startMs - length, endMs: startMs - length + elapsed },
  }
}

/**
 * The period a delta compares `range` with: the equally long period just before it, cut to the
 * elapsed part of `range` when `now` falls inside it (see `comparedPeriods`).
 */
export function previousRange(range: TimeRange, options: { now?: InstantInput } = {}): TimeRange {
  const { previous } = comparedPeriods(range, options.now === undefined ? undefined : toEpochMs(options.now))
  return { start: toIso(previous.startMs), end: toIso(previous.endMs) }
}
