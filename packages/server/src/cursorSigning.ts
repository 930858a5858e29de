import { InvalidQueryError } from '@usagekit/core'
import type { UsageScope } from './usageScope'

/** Signs the cursors the handler hands out and checks the ones it gets back (`cursorSecret`). */
export interface CursorSigner {
  /** `cursor.signature`: an HMAC-SHA256 over the cursor and the caller's effective scope. */
  sign(cursor: string, scope: UsageScope): Promise<string>
  /** The adapter's cursor inside a signed one; `InvalidQueryError` (field `cursor`) when forged, altered or another caller's. */
  verify(signed: string, scope: UsageScope): Promise<string>
}

const encoder = new TextEncoder()
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/
const FORGED = 'cursor was not made by this server for this caller; pass the nextCursor of the previous page.'

function toBase64Url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/**
 * The scope as signed: its filters with dimensions and values sorted, so the same scope always
 * signs the same way and any other scope (another team, another user, an admin) does not.
 */
export function scopeSignature(scope: UsageScope): string {
  const filters = Object.entries(scope.filters ?? {})
    .filter(([, values]) => values !== undefined)
    .map(([dimension, values]) => [dimension, [...new Set(values)].sort()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return JSON.stringify(filters)
}

/** A `CursorSigner` keyed by `secret` (WebCrypto's HMAC-SHA256, constant-time verification). */
export function createCursorSigner(secret: string): CursorSigner {
  if (typeof secret !== 'string' || secret.length === 0) throw new TypeError('cursorSecret must be a non-empty string.')
  let key: Promise<CryptoKey> | null = null
  const getKey = () => (key ??= crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']))
  const message = (cursor: string, scope: UsageScope) => encoder.encode(JSON.stringify(['usagekit.cursor.v1', scopeSignature(scope), cursor]))
  return {
    async sign(cursor, scope) {
      const signature = await crypto.subtle.sign('HMAC', await getKey(), message(cursor, scope))
      return `${cursor}.${toBase64Url(signature)}`
    },
    async verify(signed, scope) {
      const at = signed.lastIndexOf('.')
      const cursor = signed.slice(0, at)
      const signature = signed.slice(at + 1)
      if (at < 0 || !SIGNATURE.test(signature)) throw new InvalidQueryError(FORGED, { field: 'cursor' })
      const valid = await crypto.subtle.verify('HMAC', await getKey(), fromBase64Url(signature), message(cursor, scope))
      if (!valid) throw new InvalidQueryError(FORGED, { field: 'cursor' })
      return cursor
    },
  }
}
