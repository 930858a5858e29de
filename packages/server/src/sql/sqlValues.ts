import { AdapterResponseError, fromNanos, roundMicroNanos, toNanos } from '@usagekit/core'

/**
 * Values as the drivers hand them back: pg and PGlite give bigint and numeric columns as strings,
 * DuckDB gives BIGINT as bigint. The queries cast sums to text, so these readers see few shapes.
 */
function fail(what: string, value: unknown): never {
  throw new AdapterResponseError(
    'sql',
    what,
    `The database returned ${what} the SQL adapter cannot read: ${String(value)} (${typeof value}). Check the column mapping and types.`,
  )
}

/** A count or a token sum: an integer-valued number. `null` (no rows) is 0. */
export function readCount(value: unknown, what = 'a count'): number {
  if (value === null || value === undefined) return 0
  const number = typeof value === 'number' ? value : typeof value === 'bigint' || typeof value === 'string' ? Number(value) : Number.NaN
  if (!Number.isFinite(number)) fail(what, value)
  return number
}

/** A float that may be missing (averages, percentiles, latencies). */
export function readNumber(value: unknown, what = 'a number'): number | null {
  if (value === null || value === undefined) return null
  const number = typeof value === 'number' ? value : typeof value === 'bigint' || typeof value === 'string' ? Number(value) : Number.NaN
  if (!Number.isFinite(number)) fail(what, value)
  return number
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/

/** Money from an exact decimal text (a NUMERIC / DECIMAL sum), to the nearest nano-unit. */
export function readMoney(value: unknown, what = 'a money amount'): number {
  if (value === null || value === undefined) return 0
  if (typeof value === 'number') return fromNanos(toNanos(value))
  if (typeof value === 'bigint') return Number(value)
  if (typeof value !== 'string') fail(what, value)
  const match = DECIMAL.exec(value.trim())
  if (!match) {
    const number = Number(value)
    if (!Number.isFinite(number)) fail(what, value)
    return fromNanos(toNanos(number))
  }
  const [, sign, whole, fraction = ''] = match
  // Digits past the ninth round half away from zero, as the cast to 9 places does.
  const nine = (fraction + '000000000').slice(0, 9)
  let nanos = BigInt(whole!) * 1_000_000_000n + BigInt(nine)
  if (fraction.length > 9 && fraction[9]! >= '5') nanos += 1n
  return fromNanos(sign === '-' ? -nanos : nanos)
}

/**
 * Money summed exactly in 1e-15 of the unit (an integer, as decimal text such as `"2250.000000000"`),
 * rounded once, half away from zero, to the nearest nano-unit (`roundMicroNanos`, as core rounds it).
 */
export function readMicroNanos(value: unknown, what = 'a money amount'): number {
  if (value === null || value === undefined) return 0
  if (typeof value === 'bigint') return fromNanos(roundMicroNanos(value))
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value
  if (typeof text !== 'string') fail(what, value)
  const match = DECIMAL.exec(text.trim())
  // Whole numbers only: a fraction here means the sum was not of integers.
  if (!match || /[1-9]/.test(match[3] ?? '')) fail(what, value)
  const [, sign, whole] = match
  return fromNanos(roundMicroNanos(sign === '-' ? -BigInt(whole!) : BigInt(whole!)))
}

/** A JSON text column (or a value the driver already parsed). */
export function readJson(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (typeof value !== 'string') return value
  return JSON.parse(value)
}

/** Text that may be missing. */
export function readText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return typeof value === 'string' ? value : String(value)
}

/** An ISO-8601 instant with microseconds (when there are any), from microseconds since the epoch. */
export function microsToIso(micros: bigint): string {
  const ms = micros >= 0n ? micros / 1000n : (micros - 999n) / 1000n
  const rest = Number(micros - ms * 1000n)
  const iso = new Date(Number(ms)).toISOString()
  return rest === 0 ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`
}

/** Microseconds since the epoch, as the queries return them. */
export function readMicros(value: unknown): bigint {
  if (typeof value === 'bigint') return value
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value)
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value)
  fail('a timestamp', value)
}
