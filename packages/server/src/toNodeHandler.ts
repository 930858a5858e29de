/** A Fetch-standard handler: what `createUsageHandler` returns, or any other. */
export type FetchHandler = (request: Request) => Response | Promise<Response>

// The Node objects this adapter takes are described here by the members it uses, not imported from
// `node:http`: the package's declarations then need no `@types/node`, so a host without it (a Next.js
// or edge project, a browser-only tsconfig) still type-checks `import … from '@usagekit/server'`.
// Node's own IncomingMessage and ServerResponse fit these shapes (src/hostile.test.ts passes them).

/** A listener for the events this adapter subscribes to. */
type NodeListener = (...args: any[]) => void

/** The socket under a Node request, as far as `toNodeHandler` closes it after an early answer. */
export interface NodeSocket {
  readonly destroyed: boolean
  readonly writable: boolean
  destroySoon?: () => void
  end(): unknown
  destroy(): unknown
  once(event: string, listener: NodeListener): unknown
}

/** What `toNodeHandler` reads of Node's `http.IncomingMessage`. */
export interface NodeIncomingMessage {
  readonly method?: string | undefined
  readonly url?: string | undefined
  readonly rawHeaders: string[]
  readonly complete: boolean
  readonly socket: NodeSocket | null
  on(event: string, listener: NodeListener): unknown
  once(event: string, listener: NodeListener): unknown
  removeAllListeners(event: string): unknown
  pause(): unknown
  resume(): unknown
}

/** What `toNodeHandler` writes to Node's `http.ServerResponse`. */
export interface NodeServerResponse {
  statusCode: number
  readonly headersSent: boolean
  readonly writableEnded: boolean
  readonly writableFinished: boolean
  readonly destroyed: boolean
  setHeader(name: string, value: string | string[]): unknown
  writeHead(statusCode: number, headers: Record<string, string>): unknown
  end(chunk: Uint8Array | string): unknown
  destroy(): unknown
  on(event: string, listener: NodeListener): unknown
  once(event: string, listener: NodeListener): unknown
}

export interface NodeHandlerOptions {
  /**
   * Called when the handler throws or its answer cannot be sent (the caller gets a 500 with this
   * error id when it still can). Default: `console.error`.
   */
  onError?: (error: unknown, context: { errorId: string }) => void
}

/**
 * The origin of every Request this adapter builds. The Host header is the caller's to choose (a
 * `Host: x:99999` or `Host: [::1` is no URL at all), so it never becomes part of `request.url`; it
 * stays readable, unchecked, as `request.headers.get('host')`.
 */
export const NODE_REQUEST_ORIGIN = 'http://localhost'

/** Methods that the Fetch API cannot carry in a Request: answered 405 here. */
const FORBIDDEN_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT'])

/** Unread body a socket may still deliver after an early answer (a 413) before it is closed. */
const LINGER_BYTES = 256 * 1024
const LINGER_MS = 2_000

const ERROR_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }

function errorAnswer(status: number, code: string, message: string, headers: Record<string, string> = {}, errorId?: string): Response {
  return new Response(JSON.stringify({ error: { code, message, ...(errorId ? { errorId } : {}) } }), { status, headers: { ...ERROR_HEADERS, ...headers } })
}

interface BodyState {
  /** The whole body arrived. */
  complete: boolean
  /** The handler stopped reading it (a body over the limit). */
  cancelled: boolean
}

/**
 * The request body as a web stream that pulls from Node only on demand (one chunk ahead). Cancelling
 * it pauses the request instead of destroying the socket, so the early answer (413) can still be sent.
 */
function bodyStream(req: NodeIncomingMessage, state: BodyState): ReadableStream<Uint8Array> {
  let stopped = false
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Uint8Array) => {
          if (stopped) return
          try {
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
          } catch {
            stopped = true
          }
          if ((controller.desiredSize ?? 0) <= 0) req.pause()
        })
        req.once('end', () => {
          state.complete = true
          if (stopped) return
          stopped = true
          try {
            controller.close()
          } catch {}
        })
        const fail = (error: unknown) => {
          if (stopped) return
          stopped = true
          try {
            controller.error(error)
          } catch {}
        }
        req.once('error', fail)
        req.once('close', () => {
          if (!state.complete) fail(new Error('The client disconnected before the request body ended.'))
        })
        req.pause()
      },
      pull() {
        if (!stopped) req.resume()
      },
      cancel() {
        stopped = true
        state.cancelled = true
        req.pause()
      },
    },
    { highWaterMark: 1 },
  )
}

/** Builds the Request, or the answer for a request that cannot be one (bad target, method or header). */
function toRequest(req: NodeIncomingMessage, signal: AbortSignal, state: BodyState): Request | Response {
  const method = (req.method ?? 'GET').toUpperCase()
  if (FORBIDDEN_METHODS.has(method)) return errorAnswer(405, 'METHOD_NOT_ALLOWED', `The method ${method} is not allowed.`, { allow: 'GET, POST' })
  let target = req.url ?? '/'
  if (!target.startsWith('/')) {
    // Absolute form (`GET http://host/path`): only its path and query count. The asterisk form
    // (`OPTIONS *`) and anything else is not a resource here.
    if (!/^https?:\/\//i.test(target)) return errorAnswer(400, 'BAD_REQUEST', 'The request target must be a path.')
    try {
      const absolute = new URL(target)
      target = `${absolute.pathname}${absolute.search}`
    } catch {
      return errorAnswer(400, 'BAD_REQUEST', 'The request target is not a valid URL.')
    }
  }
  let url: URL
  try {
    // Concatenated, never resolved against: `//evil.example/x` stays a path on the fixed origin.
    url = new URL(`${NODE_REQUEST_ORIGIN}${target}`)
  } catch {
    return errorAnswer(400, 'BAD_REQUEST', 'The request target is not a valid path.')
  }
  if (url.origin !== NODE_REQUEST_ORIGIN) return errorAnswer(400, 'BAD_REQUEST', 'The request target is not a valid path.')
  const headers = new Headers()
  try {
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!)
  } catch {
    return errorAnswer(400, 'BAD_REQUEST', 'A request header is not valid.')
  }
  const hasBody = method !== 'GET' && method !== 'HEAD'
  try {
    return new Request(url, {
      method,
      headers,
      body: hasBody ? bodyStream(req, state) : undefined,
      signal,
      // Node's fetch needs this for a streamed request body.
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit)
  } catch {
    return errorAnswer(400, 'BAD_REQUEST', 'The request is not valid.')
  }
}

function newErrorId(): string {
  return crypto.randomUUID()
}

/**
 * After an early answer (a 413) the rest of the body is still on its way. Node closes a
 * `connection: close` socket as soon as the answer is written, and closing a socket with unread
 * data resets it — the caller may never read the 413. So this socket closes in stages instead:
 * the answer and a FIN, then up to `LINGER_BYTES` (or `LINGER_MS`) more of the body read and
 * dropped, then the socket destroyed. The body is never read whole.
 */
function closeAfterLinger(req: NodeIncomingMessage): void {
  const socket = req.socket
  if (!socket || socket.destroyed) return
  socket.destroySoon = function lingeringClose() {
    if (socket.writable) socket.end()
    let dropped = 0
    const close = () => {
      clearTimeout(timer)
      if (!socket.destroyed) socket.destroy()
    }
    const timer = setTimeout(close, LINGER_MS)
    timer.unref?.()
    socket.once('close', () => clearTimeout(timer))
    req.removeAllListeners('data')
    req.on('data', (chunk: Uint8Array) => {
      dropped += chunk.byteLength
      if (dropped > LINGER_BYTES) close()
    })
    req.once('end', close)
    req.resume()
  }
}

async function send(req: NodeIncomingMessage, res: NodeServerResponse, response: Response, state: BodyState): Promise<void> {
  if (res.headersSent || res.writableEnded || res.destroyed) {
    await response.body?.cancel().catch(() => {})
    return
  }
  const body = new Uint8Array(await response.arrayBuffer())
  if (res.destroyed || res.writableEnded) return
  res.statusCode = response.status
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value)
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('set-cookie', cookies)
  const bodyLeft = state.cancelled || (req.method !== 'GET' && req.method !== 'HEAD' && !state.complete && !req.complete)
  if (bodyLeft) {
    // The body was not read to its end (it was over the limit): answer, then close the connection.
    res.setHeader('connection', 'close')
    closeAfterLinger(req)
  }
  res.end(body)
}

/**
 * Mounts a Fetch-standard handler in Node's `http` server. The promise it returns never rejects:
 * a request that cannot become a Fetch Request (a Host like `x:99999`, TRACE or CONNECT, an
 * asterisk target, a header value Fetch refuses) is answered 400 or 405, a handler that throws is a
 * 500 (reported through `onError`), and an answer for a caller who already left is dropped.
 *
 * `request.url` always has the origin `http://localhost` (the Host header is never trusted into
 * it; read `request.headers.get('host')` if you need it, and check it yourself). A client that
 * disconnects before the answer aborts `request.signal`, and with it the adapter call. A body is
 * streamed as it arrives; when the handler stops reading it early (over its limit), the answer is
 * sent with `connection: close` and the socket is closed after a short linger.
 */
export function toNodeHandler(handler: FetchHandler, options: NodeHandlerOptions = {}): (req: NodeIncomingMessage, res: NodeServerResponse) => Promise<void> {
  const report = (error: unknown): string => {
    const errorId = newErrorId()
    try {
      if (options.onError) options.onError(error, { errorId })
      else console.error(`[usagekit] ${errorId}`, error)
    } catch {}
    return errorId
  }
  return async (req, res) => {
    try {
      // A write after the socket closed must never become an unhandled 'error' event.
      res.on('error', () => {})
      req.on('error', () => {})
      const controller = new AbortController()
      res.once('close', () => {
        if (!res.writableFinished) controller.abort(new Error('The client disconnected.'))
      })
      const state: BodyState = { complete: false, cancelled: false }
      let response: Response
      try {
        const built = toRequest(req, controller.signal, state)
        response = built instanceof Response ? built : await handler(built)
        if (!(response instanceof Response)) throw new TypeError('The handler did not answer with a Response.')
      } catch (error) {
        if (controller.signal.aborted) return
        response = errorAnswer(500, 'INTERNAL', 'The server failed.', {}, report(error))
      }
      try {
        await send(req, res, response, state)
      } catch (error) {
        if (controller.signal.aborted || res.destroyed) return
        const errorId = report(error)
        if (!res.headersSent) {
          try {
            res.writeHead(500, ERROR_HEADERS)
            res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'The server failed.', errorId } }))
            return
          } catch {}
        }
        res.destroy()
      }
    } catch (error) {
      // Last line: nothing may escape as a rejection (an unhandled one ends a Node process).
      try {
        report(error)
        if (!res.destroyed) res.destroy()
      } catch {}
    }
  }
}
