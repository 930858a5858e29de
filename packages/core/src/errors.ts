export type UsageKitErrorCode = 'NOT_FOUND' | 'INVALID_QUERY' | 'ADAPTER_RESPONSE'

/**
 * Base of usagekit's typed errors. `code` survives serialisation (HTTP) and duplicate package
 * copies, so check errors with the `is…Error` guards rather than `instanceof`.
 */
export class UsageKitError extends Error {
  readonly code: UsageKitErrorCode
  constructor(code: UsageKitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = 'UsageKitError'
  }
}

/** An unknown request id (`getRequest`). */
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
  /** Set when the query is too large rather than malformed (oversized page or range): HTTP 413. */
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

function hasCode(error: unknown, code: UsageKitErrorCode): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}

export function isNotFoundError(error: unknown): error is NotFoundError {
  return hasCode(error, 'NOT_FOUND')
}

export function isInvalidQueryError(error: unknown): error is InvalidQueryError {
  return hasCode(error, 'INVALID_QUERY')
}

export function isAdapterResponseError(error: unknown): error is AdapterResponseError {
  return hasCode(error, 'ADAPTER_RESPONSE')
}
