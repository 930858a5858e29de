/** The handler's `cache` option. */
export interface AnswerCacheOptions {
  /** How long an answer is reused, in ms. `0` only coalesces identical calls in flight. */
  ttlMs: number
  /** Answers kept at most; the least recently used goes first. Default 500. */
  maxEntries?: number
}

export const DEFAULT_CACHE_ENTRIES = 500

interface InFlight {
  controller: AbortController
  promise: Promise<unknown>
  waiters: number
}

/**
 * Coalesces identical calls in flight and keeps their answers for `ttlMs`. The key is the caller's
 * business (the handler uses the method and the exact scoped params). One shared call runs with
 * its own signal, aborted only when every waiter has gone: one caller leaving never fails the
 * others. Failures are never kept.
 */
export class AnswerCache {
  readonly ttlMs: number
  readonly maxEntries: number
  private readonly inFlight = new Map<string, InFlight>()
  private readonly answers = new Map<string, { value: unknown; expires: number }>()

  constructor(options: AnswerCacheOptions) {
    const { ttlMs, maxEntries = DEFAULT_CACHE_ENTRIES } = options
    if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs < 0) throw new TypeError('cache.ttlMs must be a number of milliseconds ≥ 0.')
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError('cache.maxEntries must be a whole number ≥ 1.')
    this.ttlMs = ttlMs
    this.maxEntries = maxEntries
  }

  /** Answers kept now (for tests and metrics). */
  get size(): number {
    return this.answers.size
  }

  /** Calls in flight now (for tests and metrics). */
  get pending(): number {
    return this.inFlight.size
  }

  /**
   * The kept answer for `key`, else the answer of the identical call in flight, else a new call
   * `start(sharedSignal)`. `signal` is this caller's: when it aborts, this caller stops waiting (with
   * its abort reason), and the shared call is aborted once no caller waits for it.
   */
  run<T>(key: string, signal: AbortSignal, start: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const kept = this.answers.get(key)
    if (kept) {
      if (kept.expires > Date.now()) {
        // Least recently used first: a hit moves to the end.
        this.answers.delete(key)
        this.answers.set(key, kept)
        return Promise.resolve(kept.value as T)
      }
      this.answers.delete(key)
    }
    if (signal.aborted) return Promise.reject(signal.reason)
    let shared = this.inFlight.get(key)
    if (!shared) {
      const controller = new AbortController()
      let promise: Promise<unknown>
      try {
        promise = start(controller.signal)
      } catch (error) {
        promise = Promise.reject(error)
      }
      const entry: InFlight = { controller, promise, waiters: 0 }
      shared = entry
      this.inFlight.set(key, entry)
      promise.then(
        (value) => {
          if (this.inFlight.get(key) === entry) this.inFlight.delete(key)
          if (!controller.signal.aborted && this.ttlMs > 0) this.keep(key, value)
        },
        () => {
          if (this.inFlight.get(key) === entry) this.inFlight.delete(key)
        },
      )
    }
    const entry = shared
    entry.waiters++
    return new Promise<T>((resolve, reject) => {
      let done = false
      const onAbort = () => {
        if (done) return
        done = true
        entry.waiters--
        if (entry.waiters === 0) {
          // Nobody waits any more: stop the work, and let the next identical call start afresh.
          if (this.inFlight.get(key) === entry) this.inFlight.delete(key)
          entry.controller.abort(signal.reason)
        }
        reject(signal.reason)
      }
      signal.addEventListener('abort', onAbort, { once: true })
      entry.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort)
          if (done) return
          done = true
          resolve(value as T)
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort)
          if (done) return
          done = true
          reject(error)
        },
      )
    })
  }

  private keep(key: string, value: unknown): void {
    const now = Date.now()
    this.answers.delete(key)
    this.answers.set(key, { value, expires: now + this.ttlMs })
    // Expired answers at the old end go first, then the least recently used past the bound.
    for (const [oldKey, old] of this.answers) {
      if (this.answers.size <= this.maxEntries && old.expires > now) break
      this.answers.delete(oldKey)
    }
  }
}

/**
 * A stable text for a params object: keys sorted at every level, so `{ a, b }` and `{ b, a }` are
 * one key. Arrays keep their order (a different order may be a different question).
 */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item
    return Object.fromEntries(Object.keys(item).sort().map((key) => [key, (item as Record<string, unknown>)[key]]))
  })
}
