import {
  type AdapterCapabilities,
  type AdapterMethod,
  InvalidQueryError,
  NotFoundError,
  type UsageAdapter,
  type UsageQuery,
  assertBucket,
  assertDimension,
  assertMetric,
  assertMetrics,
  assertOptionalInteger,
  assertPageSize,
  assertValidQuery,
  isInvalidQueryError,
  isNotFoundError,
} from '@usagekit/core'
import { HTTP_ROUTES, type HttpErrorBody } from '@usagekit/core/http'
import { type UsageScope, scopeDimensionValues, scopeFilters, scopeRequestDetail } from './usageScope'

export interface UsageHandlerOptions {
  /** Where the handler is mounted; routes are `${basePath}/summary` and so on. Default `''`. */
  basePath?: string
  /**
   * Who is calling and what they may see. Return `null` to refuse (401). Default: everything.
   * The scope applies to every route and cannot be widened by the filters a client sends.
   */
  authorize?: (request: Request) => UsageScope | null | Promise<UsageScope | null>
  /** Largest request body in bytes (default 64 KiB): larger is 413. */
  maxBodyBytes?: number
  /** Called with every adapter failure answered as 500 (log it with the error id). */
  onError?: (error: unknown, context: { errorId: string; method: AdapterMethod }) => void
}

export type UsageHandler = (request: Request) => Promise<Response>

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }

function json(status: number, body: unknown): Response {
  // Adapters may answer bigints (64-bit counts); they travel as numeric strings, which clients normalise.
  return new Response(JSON.stringify(body, (_, value) => (typeof value === 'bigint' ? value.toString() : value)), { status, headers: JSON_HEADERS })
}

function errorResponse(status: number, error: HttpErrorBody['error']): Response {
  return json(status, { error })
}

async function readBody(request: Request, limit: number): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > limit) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`)
  const text = await request.text()
  if (new TextEncoder().encode(text).length > limit) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`)
  if (!text.trim()) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON.')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'BAD_REQUEST', 'The request body must be a JSON object.')
  return parsed as Record<string, unknown>
}

function pick<T extends string>(body: Record<string, unknown>, keys: readonly T[]): Partial<Record<T, unknown>> {
  const out: Partial<Record<T, unknown>> = {}
  for (const key of keys) if (body[key] !== undefined) out[key] = body[key]
  return out
}

const QUERY_KEYS = ['range', 'timeZone', 'filters'] as const

/**
 * Serves a `UsageAdapter` over HTTP as a Fetch-standard handler: mount it in Node's http server
 * (`toNodeHandler`), Hono, a Next.js route handler or any runtime with Request/Response. Every
 * query is checked (400 with the field at fault), scoped by `authorize`, and passed the request's
 * AbortSignal, so a client that disconnects aborts the adapter call.
 */
export function createUsageHandler(adapter: UsageAdapter, options: UsageHandlerOptions = {}): UsageHandler {
  const base = (options.basePath ?? '').replace(/\/+$/, '')
  const limit = options.maxBodyBytes ?? 64 * 1024
  const routes = new Map(Object.entries(HTTP_ROUTES).map(([method, route]) => [`${route.method} ${base}${route.path}`, method as AdapterMethod]))
  const allowedMethods = new Map(Object.values(HTTP_ROUTES).map((route) => [`${base}${route.path}`, route.method]))
  let capabilities: Promise<AdapterCapabilities> | null = null
  const getCapabilities = () => {
    capabilities ??= adapter.getCapabilities().catch((error) => {
      capabilities = null
      throw error
    })
    return capabilities
  }

  async function run(method: AdapterMethod, request: Request, scope: UsageScope): Promise<unknown> {
    const signal = request.signal
    if (method === 'getCapabilities') {
      const own = await getCapabilities()
      return { ...own, requestContent: own.requestContent && scope.requestContent !== false }
    }
    const body = await readBody(request, limit)
    const caps = await getCapabilities()
    if (method === 'getRequest') {
      if (typeof body.id !== 'string' || body.id === '') throw new InvalidQueryError('id must be a non-empty string.', { field: 'id' })
      const detail = await adapter.getRequest({ id: body.id, signal })
      if (scope.filters && Object.keys(scope.filters).length) {
        // Visible only if the scoped query finds it: ask for its own millisecond, its own id.
        const at = Date.parse(detail.timestamp)
        const page = await adapter.listRequests({
          range: { start: new Date(at).toISOString(), end: new Date(at + 1).toISOString() },
          timeZone: 'UTC',
          filters: scopeFilters(undefined, scope),
          search: detail.id,
          pageSize: Math.min(100, caps.limits.maxPageSize),
          signal,
        })
        if (!page.items.some((item) => item.id === detail.id)) throw new NotFoundError(body.id)
      }
      return scopeRequestDetail(detail, scope)
    }
    const query = { ...pick(body, QUERY_KEYS) } as unknown as UsageQuery
    assertValidQuery(query, caps)
    const scoped = { ...query, filters: scopeFilters(query.filters, scope) }
    switch (method) {
      case 'getSummary': {
        const params = pick(body, ['metrics', 'compareToPrevious'] as const)
        assertMetrics(params.metrics, caps)
        return adapter.getSummary({ ...scoped, metrics: params.metrics, compareToPrevious: params.compareToPrevious === true, signal })
      }
      case 'getTimeSeries': {
        const params = pick(body, ['bucket', 'metrics', 'groupBy', 'limit'] as const)
        assertBucket(params.bucket)
        assertMetrics(params.metrics, caps)
        if (params.groupBy !== undefined) assertDimension(params.groupBy, caps, 'groupBy')
        assertOptionalInteger(params.limit, 'limit', 1)
        return adapter.getTimeSeries({ ...scoped, ...params, bucket: params.bucket, metrics: params.metrics, signal } as Parameters<UsageAdapter['getTimeSeries']>[0])
      }
      case 'getBreakdown': {
        const params = pick(body, ['groupBy', 'metrics', 'sort', 'search', 'limit', 'offset', 'trend'] as const)
        assertDimension(params.groupBy, caps, 'groupBy')
        assertMetrics(params.metrics, caps)
        assertOptionalInteger(params.limit, 'limit', 0)
        assertOptionalInteger(params.offset, 'offset', 0)
        if (params.search !== undefined && typeof params.search !== 'string') throw new InvalidQueryError('search must be a string.', { field: 'search' })
        if (params.sort !== undefined) assertMetric((params.sort as { metric?: unknown })?.metric, caps, 'sort.metric')
        if (params.trend !== undefined) {
          const trend = params.trend as { bucket?: unknown; metric?: unknown }
          assertBucket(trend?.bucket, 'trend.bucket')
          assertMetric(trend?.metric, caps, 'trend.metric')
        }
        return adapter.getBreakdown({ ...scoped, ...params, signal } as Parameters<UsageAdapter['getBreakdown']>[0])
      }
      case 'listRequests': {
        const params = pick(body, ['cursor', 'pageSize', 'search'] as const)
        assertPageSize(params.pageSize, caps)
        if (params.cursor !== undefined && params.cursor !== null && typeof params.cursor !== 'string') throw new InvalidQueryError('cursor must be a string or null.', { field: 'cursor' })
        if (params.search !== undefined && typeof params.search !== 'string') throw new InvalidQueryError('search must be a string.', { field: 'search' })
        return adapter.listRequests({ ...scoped, ...params, pageSize: params.pageSize, signal } as Parameters<UsageAdapter['listRequests']>[0])
      }
      case 'getDimensionValues': {
        const params = pick(body, ['dimension', 'search', 'limit'] as const)
        assertDimension(params.dimension, caps, 'dimension')
        assertOptionalInteger(params.limit, 'limit', 1)
        const values = await adapter.getDimensionValues({ ...scoped, ...params, dimension: params.dimension, signal } as Parameters<UsageAdapter['getDimensionValues']>[0])
        return scopeDimensionValues(params.dimension, values, scope)
      }
    }
  }

  return async (request) => {
    const path = new URL(request.url).pathname.replace(/\/+$/, '')
    const method = routes.get(`${request.method} ${path}`)
    if (!method) {
      const allowed = allowedMethods.get(path)
      if (allowed) return new Response(JSON.stringify({ error: { code: 'METHOD_NOT_ALLOWED', message: `Use ${allowed} for ${path}.` } }), { status: 405, headers: { ...JSON_HEADERS, allow: allowed } })
      return errorResponse(404, { code: 'NOT_FOUND_ROUTE', message: `No usage route at ${path}.` })
    }
    try {
      const scope = options.authorize ? await options.authorize(request) : {}
      if (!scope) return errorResponse(401, { code: 'UNAUTHORIZED', message: 'Sign in to see usage.' })
      return json(200, await run(method, request, scope))
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error.status, { code: error.code, message: error.message })
      if (isInvalidQueryError(error)) {
        return errorResponse(error.tooLarge ? 413 : 400, { code: 'INVALID_QUERY', message: error.message, ...(error.field ? { field: error.field } : {}) })
      }
      if (isNotFoundError(error)) return errorResponse(404, { code: 'NOT_FOUND', message: error.message, id: error.id })
      if (request.signal.aborted) return errorResponse(499, { code: 'CLIENT_CLOSED', message: 'The client went away.' })
      const errorId = crypto.randomUUID()
      options.onError?.(error, { errorId, method })
      return errorResponse(500, { code: 'INTERNAL', message: `${method} failed on the server.`, errorId })
    }
  }
}
