export type UsageKitErrorCode = 'NOT_FOUND' | 'INVALID_QUERY' | 'ADAPTER_RESPONSE' | 'TIMEOUT'

/**
 * The brand every usagekit error carries. A registered symbol survives duplicate package copies
 * (two bundles of core agree on it), but an object an adapter or a database driver throws with a
 * `code: 'INVALID_QUERY'` field of its own does not have it: only usagekit's errors are trusted as
 * client mistakes (HTTP 4xx); anything else is a server failure.
 */
const BRAND: unique symbol = Symbol.for('usagekit.error') as never

/**
 * Base of usagekit's typed errors. Check them with the `is…Error` guards rather than `instanceof`:
 * the guards read the brand, which survives duplicate package copies.
 */
export class UsageKitError extends Error {
  readonly code: UsageKitErrorCode
  readonly [BRAND] = true
  constructor(code: UsageKitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = 'UsageKitError'
  }
}

/** An unknown request id (`getRequest`), or one the caller's filters do not match: the two look the same. */
export class NotFoundError extends UsageKitError {
  readonly id: string
  constructor(id: string, message = `No request with id "${id}".`) {
    super('NOT_FOUND', message)
    this.name = 'NotFoundError'
    this.id = id
  }
}

/**
 * A query the adapter cannot answer: a bad or reversed range, an unknown time zone, an unsupported
 * metric or dimension, another query's cursor, an oversized page. `field` names the params field.
 */
export class InvalidQueryError extends UsageKitError {
  readonly field: string | undefined
  /** Set when the query is too large rather than malformed (above a limit of the adapter's): HTTP 413. */
  readonly tooLarge: boolean
  constructor(message: string, options: { field?: string; tooLarge?: boolean } = {}) {
    super('INVALID_QUERY', message)
    this.name = 'InvalidQueryError'
    this.field = options.field
    this.tooLarge = options.tooLarge ?? false
  }
}

/** An adapter answer that breaks the contract; the message names the method, the field and the expected shape. */
export class AdapterResponseError extends UsageKitError {
  readonly method: string
  readonly path: string
  constructor(method: string, path: string, message: string, options?: { cause?: unknown }) {
    super('ADAPTER_RESPONSE', message, options)
    this.name = 'AdapterResponseError'
    this.method = method
    this.path = path
  }
}

/** An adapter call that did not answer within its time budget; its signal was aborted with this error. */
export class TimeoutError extends UsageKitError {
  readonly method: string
  readonly ms: number
  constructor(method: string, ms: number, message = `${method} did not answer within ${ms >= 1000 ? `${Math.round(ms / 1000)} seconds` : `${ms} ms`}.`) {
    super('TIMEOUT', message)
    this.name = 'TimeoutError'
    this.method = method
    this.ms = ms
  }
}

function hasBrand(error: unknown, code: UsageKitErrorCode): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { [BRAND]?: unknown })[BRAND] === true &&
    (error as { code?: unknown }).code === code
  )
}

/** Whether `error` is one of usagekit's own typed errors (not an object that merely has a `code`). */
export function isUsageKitError(error: unknown): error is UsageKitError {
  return typeof error === 'object' && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true
}

export function isNotFoundError(error: unknown): error is NotFoundError {
  return hasBrand(error, 'NOT_FOUND')
}

export function isInvalidQueryError(error: unknown): error is InvalidQueryError {
  return hasBrand(error, 'INVALID_QUERY')
}

export function isAdapterResponseError(error: unknown): error is AdapterResponseError {
  return hasBrand(error, 'ADAPTER_RESPONSE')
}

export function isTimeoutError(error: unknown): error is TimeoutError {
  return hasBrand(error, 'TIMEOUT')
}
