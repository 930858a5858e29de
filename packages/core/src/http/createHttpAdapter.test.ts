import { describe, expect, it } from 'vitest'
import { ADAPTER_METHODS } from '../adapterMethods'
import { isInvalidQueryError, isNotFoundError, isTimeoutError } from '../errors'
import { HttpAdapterError, createHttpAdapter } from './createHttpAdapter'
import { HTTP_ROUTES } from './routes'

function answering(status: number, body: unknown, seen: Request[] = []) {
  return createHttpAdapter({
    baseUrl: 'https://console.example.com/api/usage/',
    fetch: async (input, init) => {
      seen.push(new Request(input, init))
      return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })
    },
  })
}

const query = { range: { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' }, timeZone: 'UTC' }

describe('createHttpAdapter', () => {
  it('calls every method on its route from HTTP_ROUTES, JSON in, signal out of the body', async () => {
    const seen: Request[] = []
    const adapter = answering(200, {}, seen)
    for (const method of ADAPTER_METHODS) await (adapter[method] as (p: object) => Promise<unknown>)({ ...query, signal: new AbortController().signal })
    expect(seen.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual(
      ADAPTER_METHODS.map((method) => `${HTTP_ROUTES[method].method} /api/usage${HTTP_ROUTES[method].path}`),
    )
    const post = seen.find((request) => request.method === 'POST')!
    expect(post.headers.get('content-type')).toBe('application/json')
    expect(await post.json()).toEqual(query)
  })

  it('turns client-mistake statuses into InvalidQueryError (no retry), keeping the field', async () => {
    const tooLarge = await answering(413, { error: { code: 'INVALID_QUERY', message: 'filters.user has 500 values', field: 'filters.user' } })
      .getSummary({ ...query, metrics: ['cost'] })
      .catch((error: unknown) => error)
    expect(isInvalidQueryError(tooLarge) && [tooLarge.field, tooLarge.tooLarge]).toEqual(['filters.user', true])
    for (const status of [400, 415]) {
      const error = await answering(status, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'JSON only' } }).getSummary({ ...query, metrics: ['cost'] }).catch((e: unknown) => e)
      expect(isInvalidQueryError(error)).toBe(true)
    }
  })

  it('turns 404 NOT_FOUND into NotFoundError, 504 TIMEOUT into TimeoutError, and the rest into HttpAdapterError with the error id', async () => {
    expect(isNotFoundError(await answering(404, { error: { code: 'NOT_FOUND', message: 'No request', id: 'r1' } }).getRequest({ id: 'r1' }).catch((e: unknown) => e))).toBe(true)
    const timeout = await answering(504, { error: { code: 'TIMEOUT', message: 'getSummary did not answer within 30 seconds.' } }).getSummary({ ...query, metrics: ['cost'] }).catch((e: unknown) => e)
    expect(isTimeoutError(timeout) && timeout.message).toBe('getSummary did not answer within 30 seconds.')
    const failure = await answering(500, { error: { code: 'INTERNAL', message: 'getSummary failed on the server.', errorId: 'e-1' } }).getSummary({ ...query, metrics: ['cost'] }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(HttpAdapterError)
    expect((failure as HttpAdapterError).errorId).toBe('e-1')
    const notJson = await answering(200, '<html>').getCapabilities().catch((e: unknown) => e)
    expect((notJson as Error).message).toMatch(/not JSON/)
  })
})
