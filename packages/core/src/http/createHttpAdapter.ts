import { type AdapterCall, mapAdapter } from '../adapterMethods'
import { InvalidQueryError, NotFoundError, TimeoutError } from '../errors'
import type { AdapterMethod, UsageAdapter } from '../types'
import { HTTP_ROUTES, type HttpErrorBody } from './routes'

export interface HttpAdapterOptions {
  /** Where `createUsageHandler` is mounted, e.g. `/api/usage` or `https://console.example.com/api/usage`. */
  baseUrl: string
  /** Default `globalThis.fetch`. */
  fetch?: typeof fetch
  /** Sent with every call (auth); a function is called per request. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>)
}

/** The server said something went wrong on its side (HTTP 5xx, or an unexpected status). */
export class HttpAdapterError extends Error {
  readonly status: number
  readonly errorId: string | undefined
  constructor(message: string, status: number, errorId?: string) {
    super(message)
    this.name = 'HttpAdapterError'
    this.status = status
    this.errorId = errorId
  }
}

function toError(method: AdapterMethod, status: number, body: Partial<HttpErrorBody> | null): Error {
  const error = body?.error
  const message = error?.message ?? `${method} failed with HTTP ${status}.`
  // Client mistakes (bad params, too large, not JSON, wrong content type) are permanent: no retry.
  if (status === 400 || status === 413 || status === 415) return new InvalidQueryError(message, { field: error?.field, tooLarge: status === 413 })
  if (status === 404 && error?.code === 'NOT_FOUND') return new NotFoundError(error.id ?? '', message)
  if (status === 504 && error?.code === 'TIMEOUT') return new TimeoutError(method, 0, message)
  return new HttpAdapterError(`${message}${error?.errorId ? ` (error id ${error.errorId})` : ''}`, status, error?.errorId)
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`
}

/**
 * A `UsageAdapter` that talks to `createUsageHandler` over HTTP: the browser side of the wire.
 * Errors come back typed (`InvalidQueryError`, `NotFoundError`); the AbortSignal aborts the fetch.
 */
export function createHttpAdapter(options: HttpAdapterOptions): UsageAdapter {
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args))
  async function call<T>(method: AdapterMethod, params: object | undefined): Promise<T> {
    const { signal, ...body } = (params ?? {}) as { signal?: AbortSignal }
    const route = HTTP_ROUTES[method]
    const extra = typeof options.headers === 'function' ? await options.headers() : options.headers
    const headers = new Headers(extra)
    headers.set('accept', 'application/json')
    if (route.method === 'POST') headers.set('content-type', 'application/json')
    const response = await fetchImpl(joinUrl(options.baseUrl, route.path), {
      method: route.method,
      headers,
      body: route.method === 'POST' ? JSON.stringify(body) : undefined,
      signal,
    })
    const text = await response.text()
    let json: unknown = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      if (response.ok) throw new HttpAdapterError(`${method}: the server answered with something that is not JSON.`, response.status)
    }
    if (!response.ok) throw toError(method, response.status, json as Partial<HttpErrorBody> | null)
    return json as T
  }
  return mapAdapter((method) => ((params) => call(method, params)) as AdapterCall<typeof method>)
}
