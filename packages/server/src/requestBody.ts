/** An answer the handler gives before any adapter call: a status, a code and a message for the caller. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

/** Deepest nesting of arrays and objects a body may have (a real query has 3 levels). */
export const MAX_JSON_DEPTH = 64

/**
 * Whether a `content-type` header says JSON: `application/json`, any case, with an optional
 * `charset` that must be UTF-8 (other parameters are ignored). Anything else, including a missing
 * header, is refused with 415 — which also keeps cross-site "simple" POSTs (text/plain, form
 * encodings) from reaching the adapter.
 */
export function isJsonContentType(header: string | null): boolean {
  if (header === null) return false
  const [type = '', ...parameters] = header.split(';')
  if (type.trim().toLowerCase() !== 'application/json') return false
  for (const parameter of parameters) {
    const at = parameter.indexOf('=')
    if (at < 0) continue
    if (parameter.slice(0, at).trim().toLowerCase() !== 'charset') continue
    const charset = parameter.slice(at + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase()
    if (charset !== 'utf-8' && charset !== 'utf8') return false
  }
  return true
}

/**
 * Whether `text` nests arrays and objects deeper than `max`, by one linear scan that skips strings.
 * Runs before `JSON.parse`, so a deeply nested body is refused without recursion anywhere (parsing,
 * validating, or formatting an error message about it).
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // a backslash escapes the next character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return false
}

const tooLarge = (limit: number) => new HttpError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`)

/**
 * Reads a request body of at most `limit` bytes, counting while it streams: past the limit the
 * stream is cancelled and the answer is 413, so a huge (or endless, chunked) body costs at most
 * `limit` plus one chunk of memory. A declared `content-length` over the limit is refused unread.
 */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length')
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await request.body?.cancel().catch(() => {})
    throw tooLarge(limit)
  }
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>
    try {
      chunk = await reader.read()
    } catch {
      // The stream broke (the caller went away mid-body, a malformed chunk): the caller's problem, not the server's.
      throw new HttpError(400, 'BAD_REQUEST', 'The request body could not be read to its end.')
    }
    const { done, value } = chunk
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel(tooLarge(limit)).catch(() => {})
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return bytes
}

/**
 * The body as a JSON object: at most `limit` bytes (413), UTF-8, at most `MAX_JSON_DEPTH` levels
 * deep, valid JSON, and an object (each a 400 otherwise).
 */
export async function readJsonObject(request: Request, limit: number): Promise<Record<string, unknown>> {
  const bytes = await readBodyBytes(request, limit)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid UTF-8.')
  }
  if (text.trim() === '') throw new HttpError(400, 'BAD_REQUEST', 'The request body is empty; send the params as a JSON object.')
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw new HttpError(400, 'BAD_REQUEST', `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON.')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HttpError(400, 'BAD_REQUEST', 'The request body must be a JSON object.')
  return parsed as Record<string, unknown>
}
