import {
  ADAPTER_METHODS,
  type AdapterCapabilities,
  type AdapterMethod,
  type AdapterParams,
  type AdapterResult,
  type DimensionValue,
  type ParsedParams,
  type RequestDetail,
  type RequestPage,
  type UsageAdapter,
  callAdapter,
  isInvalidQueryError,
  isNotFoundError,
  isTimeoutError,
  parseParams,
  resolveLimits,
  withTimeout,
} from '@usagekit/core'
import { HTTP_ROUTES, type HttpErrorBody } from '@usagekit/core/http'
import { AnswerCache, type AnswerCacheOptions, stableKey } from './answerCache'
import { type CursorSigner, createCursorSigner } from './cursorSigning'
import { HttpError, isJsonContentType, readJsonObject } from './requestBody'
import {
  InvalidScopeError,
  type UsageScope,
  normalizeScope,
  requestMatchesFilters,
  scopeDimensionValues,
  scopeFilters,
  scopeRequestDetail,
  scopeRequestSummary,
  withScopeFilters,
} from './usageScope'

export interface UsageHandlerOptions {
  /** Where the handler is mounted; routes are `${basePath}/summary` and so on. Default `''`. */
  basePath?: string
  /**
   * Who is calling and what they may see. Return `null` to refuse (401); `{}` is everything (an
   * admin). The scope applies to every route and cannot be widened by the filters a client sends;
   * an empty list in it matches nothing. Default: everything, for every caller.
   */
  authorize?: (request: Request) => UsageScope | null | undefined | Promise<UsageScope | null | undefined>
  /** Largest request body in bytes (default 64 KiB), counted while it streams: larger is 413. */
  maxBodyBytes?: number
  /**
   * Time budget of each adapter call in ms (default 30 000; `0` for none). Past it the call's
   * signal is aborted and the answer is 504 `TIMEOUT`. `getCapabilities` has the same budget.
   */
  timeoutMs?: number
  /**
   * Signs every `nextCursor` the handler returns (HMAC-SHA256 over the cursor and the caller's
   * scope) and refuses any incoming cursor it did not sign for that caller (400, field `cursor`)
   * before the adapter sees it. Default: off.
   */
  cursorSecret?: string
  /**
   * Coalesce identical scoped calls in flight (one adapter call, several answers) and keep answers
   * for `ttlMs`, at most `maxEntries` (default 500, least recently used first). Default: off.
   */
  cache?: AnswerCacheOptions
  /**
   * Called with every failure answered as 500 (an adapter error, a throwing `authorize`, an invalid
   * scope) and every timeout answered as 504, with the error id the answer carries. Log it.
   */
  onError?: (error: unknown, context: { errorId: string; method: AdapterMethod }) => void
}

export type UsageHandler = (request: Request) => Promise<Response>

/** Default `maxBodyBytes`: 64 KiB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024
/** Default `timeoutMs`: 30 s. */
export const DEFAULT_TIMEOUT_MS = 30_000
/** The longest time budget a timer can hold (about 24.8 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1

/** Methods every HTTP server knows; others are 501. TRACE, TRACK and CONNECT are refused by `toNodeHandler` (Fetch cannot carry them). */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT'])

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  // Adapters may answer bigints (64-bit counts); they travel as numeric strings, which clients normalise.
  return new Response(JSON.stringify(body, (_, value) => (typeof value === 'bigint' ? value.toString() : value)), {
    status,
    headers: { ...JSON_HEADERS, ...headers },
  })
}

function errorResponse(status: number, error: HttpErrorBody['error'], headers: Record<string, string> = {}): Response {
  return json(status, { error }, headers)
}

/** Thrown where an adapter's `InvalidQueryError` on `filters` can only come from the scope: the host's configuration, not the caller's mistake. */
class ScopeBeyondLimitsError extends Error {
  constructor(cause: unknown) {
    super(
      "The adapter refused the caller's scope filters (more values than its limits allow, or a value it cannot take). Scope filters are the host's and are not counted against the limits by the handler; raise the adapter's limits or narrow the scope.",
      { cause },
    )
    this.name = 'ScopeBeyondLimitsError'
  }
}

type Route = { adapterMethod: AdapterMethod; httpMethod: 'GET' | 'POST' }

/**
 * Serves a `UsageAdapter` over HTTP as a Fetch-standard handler: mount it in Node's http server
 * (`toNodeHandler`), Hono, a Next.js route handler or any runtime with Request/Response.
 *
 * Every request goes: route and method (404/405/501) → content type (415) → `authorize` (401) →
 * body, read with a byte limit while it streams (413/400) → the adapter's capabilities → the
 * method's params checked against them (`parseParams`: 400/413 naming the field) → the scope
 * applied → one adapter call under the time budget (504), passed an AbortSignal that the client
 * disconnecting also aborts. The handler never throws: anything unexpected is a 500 with an error
 * id, reported through `onError`.
 */
export function createUsageHandler(adapter: UsageAdapter, options: UsageHandlerOptions = {}): UsageHandler {
  const base = (options.basePath ?? '').replace(/\/+$/, '')
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  if (!Number.isFinite(maxBodyBytes) || maxBodyBytes < 0) throw new TypeError('maxBodyBytes must be a number of bytes ≥ 0.')
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new TypeError(`timeoutMs must be a number of milliseconds from 0 (no budget) to ${MAX_TIMEOUT_MS}.`)
  }
  const signer: CursorSigner | null = options.cursorSecret !== undefined ? createCursorSigner(options.cursorSecret) : null
  const cache = options.cache ? new AnswerCache(options.cache) : null
  const timed = timeoutMs > 0 ? withTimeout(adapter, timeoutMs) : adapter

  const routes = new Map<string, Route>()
  for (const method of ADAPTER_METHODS) {
    const route = HTTP_ROUTES[method]
    routes.set(`${base}${route.path}`, { adapterMethod: method, httpMethod: route.method })
  }

  // One capabilities call shared by every request, under the time budget; a failure or a timeout
  // drops it, so the next request asks again instead of waiting on a promise that never settles.
  let capabilities: Promise<AdapterCapabilities> | null = null
  function getCapabilities(signal: AbortSignal): Promise<AdapterCapabilities> {
    const shared = (capabilities ??= timed.getCapabilities({}).catch((error: unknown) => {
      capabilities = null
      throw error
    }))
    // A caller who goes away stops waiting; the shared call goes on for the others (within its budget).
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason)
      const onAbort = () => reject(signal.reason)
      signal.addEventListener('abort', onAbort, { once: true })
      shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
    })
  }

  /** One adapter call with the scoped params: shared and cached when `cache` is on. */
  function call<M extends AdapterMethod>(method: M, params: ParsedParams<M>, signal: AbortSignal): Promise<AdapterResult<M>> {
    const run = (callSignal: AbortSignal) => callAdapter(timed, method, { ...params, signal: callSignal } as AdapterParams<M>)
    if (!cache) return run(signal)
    return cache.run(stableKey([method, params]), signal, run)
  }

  function report(error: unknown, method: AdapterMethod): string {
    const errorId = crypto.randomUUID()
    try {
      options.onError?.(error, { errorId, method })
    } catch {
      // A logger that throws must not turn an answer into a crash.
    }
    return errorId
  }

  async function serve(route: Route, request: Request): Promise<Response> {
    const method = route.adapterMethod
    if (route.httpMethod === 'POST' && !isJsonContentType(request.headers.get('content-type'))) {
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the params as JSON: content-type must be application/json.', { accept: 'application/json' })
    }
    const returned = options.authorize ? await options.authorize(request) : {}
    if (returned === null || returned === undefined) return errorResponse(401, { code: 'UNAUTHORIZED', message: 'Sign in to see usage.' })
    const scope = normalizeScope(returned)
    const body = route.httpMethod === 'POST' ? await readJsonObject(request, maxBodyBytes) : {}
    const caps = await getCapabilities(request.signal)
    for (const dimension of Object.keys(scope.filters ?? {})) {
      // A scope on a dimension the adapter cannot filter by would be ignored: fail closed.
      if (!caps.dimensions.includes(dimension as never)) throw new InvalidScopeError(`filters.${dimension}: the adapter does not support this dimension.`)
    }
    // The client's params, checked against the adapter's limits before any other adapter call. The
    // scope's filters are applied after: they are the host's, and never make the caller's query too large.
    const parsed = parseParams(method, body, caps)
    const content = scope.requestContent !== false
    const signal = request.signal
    try {
      switch (method) {
        case 'getCapabilities':
          // The contract's fields only, with every limit in effect (the adapter's, else core's defaults).
          return json(200, {
            metrics: caps.metrics,
            dimensions: caps.dimensions,
            currency: caps.currency,
            requestContent: caps.requestContent && content,
            limits: resolveLimits(caps.limits),
          })
        case 'getRequest': {
          const asked = parsed as ParsedParams<'getRequest'>
          const withContent = content && asked.content !== false
          const params: ParsedParams<'getRequest'> = { id: asked.id, content: withContent }
          const filters = scopeFilters(asked.filters, scope)
          if (filters) params.filters = filters
          const notFound = () => errorResponse(404, { code: 'NOT_FOUND', message: `No request with id "${asked.id}".`, id: asked.id })
          let detail: RequestDetail
          try {
            // One scoped call: unknown and out-of-scope ids take the same path and get the same 404.
            detail = await call('getRequest', params, signal)
          } catch (error) {
            if (isNotFoundError(error)) return notFound()
            throw error
          }
          // Second line, for an adapter that ignores `filters` in getRequest: never pass on a request outside them.
          if (!requestMatchesFilters(detail, filters)) return notFound()
          return json(200, scopeRequestDetail(detail, scope, withContent))
        }
        case 'listRequests': {
          const asked = parsed as ParsedParams<'listRequests'>
          const params = withScopeFilters(asked, scope)
          if (signer && typeof asked.cursor === 'string') params.cursor = await signer.verify(asked.cursor, scope)
          const page: RequestPage = await call('listRequests', params, signal)
          const items = Array.isArray(page.items) ? page.items.map(scopeRequestSummary) : page.items
          const nextCursor = signer && typeof page.nextCursor === 'string' ? await signer.sign(page.nextCursor, scope) : page.nextCursor
          return json(200, { items, nextCursor })
        }
        case 'getDimensionValues': {
          const asked = parsed as ParsedParams<'getDimensionValues'>
          const params = withScopeFilters(asked, scope)
          const values: DimensionValue[] = await call('getDimensionValues', params, signal)
          return json(200, Array.isArray(values) ? scopeDimensionValues(asked.dimension, values, scope) : values)
        }
        default: {
          return json(200, await call(method, withScopeFilters(parsed as ParsedParams<typeof method>, scope), signal))
        }
      }
    } catch (error) {
      // The client's filters passed parseParams, so an adapter's complaint about filters is about the scope's.
      if (isInvalidQueryError(error) && (error.field === 'filters' || error.field?.startsWith('filters.'))) throw new ScopeBeyondLimitsError(error)
      throw error
    }
  }

  function answerError(error: unknown, route: Route, request: Request): Response {
    const method = route.adapterMethod
    if (error instanceof HttpError) return errorResponse(error.status, { code: error.code, message: error.message }, error.headers)
    // Only usagekit's own (branded) errors are the caller's mistakes; an adapter's `{ code: 'INVALID_QUERY' }` is not trusted.
    if (isInvalidQueryError(error)) {
      return errorResponse(error.tooLarge ? 413 : 400, { code: 'INVALID_QUERY', message: error.message, ...(typeof error.field === 'string' ? { field: error.field } : {}) })
    }
    if (isTimeoutError(error)) {
      const errorId = report(error, method)
      return errorResponse(504, { code: 'TIMEOUT', message: `${method} did not answer in time.`, errorId })
    }
    if (request.signal.aborted) return errorResponse(499, { code: 'CLIENT_CLOSED', message: 'The client went away.' })
    const errorId = report(error, method)
    return errorResponse(500, { code: 'INTERNAL', message: `${method} failed on the server.`, errorId })
  }

  return async (request) => {
    try {
      const path = new URL(request.url).pathname.replace(/\/+$/, '')
      const route = routes.get(path)
      if (!route) return errorResponse(404, { code: 'NOT_FOUND_ROUTE', message: 'No usage route here.' })
      if (request.method !== route.httpMethod) {
        if (!KNOWN_METHODS.has(request.method)) return errorResponse(501, { code: 'NOT_IMPLEMENTED', message: `The method ${request.method.slice(0, 20)} is not supported.` }, { allow: route.httpMethod })
        return errorResponse(405, { code: 'METHOD_NOT_ALLOWED', message: `Use ${route.httpMethod} for this route.` }, { allow: route.httpMethod })
      }
      try {
        return await serve(route, request)
      } catch (error) {
        return answerError(error, route, request)
      }
    } catch (error) {
      // Nothing above should throw; if something does, it is still an answer, never a rejection.
      try {
        const errorId = report(error, 'getCapabilities')
        return errorResponse(500, { code: 'INTERNAL', message: 'The usage handler failed.', errorId })
      } catch {
        return new Response('{"error":{"code":"INTERNAL","message":"The usage handler failed."}}', { status: 500, headers: JSON_HEADERS })
      }
    }
  }
}
