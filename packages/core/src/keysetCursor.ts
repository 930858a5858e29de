import { InvalidQueryError } from './errors'
import type { Filters, TimeRange } from './types'

/** What a cursor is bound to: the query that made it (not the page size). */
export interface CursorQuery {
  range: TimeRange
  timeZone: string
  filters?: Filters
  search?: string
}

export interface CursorPosition {
  /** Timestamp (epoch ms, or the adapter's own finer unit) and id of the last item of the page: the next page starts strictly after it. */
  ts: number
  id: string
}

function normalizedFilters(filters: Filters | undefined): [string, string[]][] {
  return Object.entries(filters ?? {})
    .filter((entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].length > 0)
    .map(([dimension, values]) => [dimension, [...values].sort()] as [string, string[]])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
}

/** A stable fingerprint of a query (FNV-1a over its normalised JSON). */
export function querySignature(query: CursorQuery): string {
  const text = JSON.stringify([
    Date.parse(query.range.start),
    Date.parse(query.range.end),
    query.timeZone,
    normalizedFilters(query.filters),
    (query.search ?? '').trim().toLowerCase(),
  ])
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(36)
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)))
}

export function encodeCursor(position: CursorPosition, query: CursorQuery): string {
  return toBase64Url(JSON.stringify({ v: 1, q: querySignature(query), t: position.ts, i: position.id }))
}

const NOT_OURS = 'cursor is not a cursor this adapter made; pass the nextCursor of the previous page.'
/** A cursor's timestamp is epoch ms or a finer unit (µs) of an instant before 2200: well inside 2^53. */
const MAX_CURSOR_TS = 8_000_000_000_000_000

/**
 * The position a cursor points at; `InvalidQueryError` for a malformed or forged cursor (a timestamp
 * that is not a safe whole number of the span, an id that is not a short text without NUL) or
 * another query's.
 */
export function decodeCursor(cursor: string, query: CursorQuery): CursorPosition {
  let parsed: { v?: unknown; q?: unknown; t?: unknown; i?: unknown }
  try {
    if (typeof cursor !== 'string' || cursor.length > 2_048) throw new Error('not a cursor')
    parsed = JSON.parse(fromBase64Url(cursor))
  } catch {
    throw new InvalidQueryError(NOT_OURS, { field: 'cursor' })
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    parsed.v !== 1 ||
    typeof parsed.t !== 'number' ||
    !Number.isSafeInteger(parsed.t) ||
    Math.abs(parsed.t) > MAX_CURSOR_TS ||
    typeof parsed.i !== 'string' ||
    parsed.i.length > 512 ||
    parsed.i.includes('\u0000')
  ) {
    throw new InvalidQueryError(NOT_OURS, { field: 'cursor' })
  }
  if (parsed.q !== querySignature(query)) {
    throw new InvalidQueryError(
      'cursor belongs to another query (range, time zone, filters or search changed); start again from the first page.',
      { field: 'cursor' },
    )
  }
  return { ts: parsed.t, id: parsed.i }
}
