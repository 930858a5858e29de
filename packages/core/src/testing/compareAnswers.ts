import { toNanos } from '../money'

/** Fields that hold money: compared exactly in nano-units. */
const MONEY_KEYS = new Set(['cost', 'amount'])

/** How many mismatches one failure lists; the rest are counted ("… and 12 more"). */
export const MISMATCH_LIST_LIMIT = 50

/** One place where an adapter's answer differs from the reference's (or breaks a rule of the contract). */
export interface Mismatch {
  /** Where, e.g. `getSummary (one team, 2026-09).totals.cost`, or what a rule was about. */
  path: string
  /** What the adapter under test answered (`undefined` for a broken rule with no single value). */
  got: unknown
  /** What the reference adapter answers, or what the rule requires. */
  expected: unknown
  /** One line for an integrator: the path, what came back and what was expected. */
  message: string
}

function show(value: unknown): string {
  const text = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))
  return text === undefined ? String(value) : text.length > 160 ? `${text.slice(0, 160)}…` : text
}

/** The field a path ends in (`rows[3].metrics.cost` → `cost`), or `undefined` for a path without one. */
export function lastField(path: string): string | undefined {
  return /\.([A-Za-z_$][\w$]*)(?:\[\d+\])*$/.exec(path)?.[1]
}

/**
 * Lists mismatches, one a line, at most `limit` of them ("… and N more" after). A long list starts
 * with the fields that differ and how often, so one cause repeated over many rows reads as one.
 */
export function formatMismatches(mismatches: readonly Mismatch[], limit = MISMATCH_LIST_LIMIT): string {
  if (mismatches.length === 1) return mismatches[0]!.message
  const lines = mismatches.slice(0, limit).map((mismatch) => `  - ${mismatch.message}`)
  if (mismatches.length > limit) lines.push(`  … and ${mismatches.length - limit} more.`)
  let head = `${mismatches.length} mismatches`
  if (mismatches.length > 10) {
    const counts = new Map<string, number>()
    for (const { path } of mismatches) {
      const field = lastField(path)
      if (field) counts.set(field, (counts.get(field) ?? 0) + 1)
    }
    if (counts.size > 0) {
      const fields = [...counts].sort((a, b) => b[1] - a[1]).map(([field, n]) => `${field} ×${n}`)
      head += ` (by field: ${fields.slice(0, 8).join(', ')}${fields.length > 8 ? ', …' : ''})`
    }
  }
  return `${head}:\n${lines.join('\n')}`
}

export class ContractMismatch extends Error {
  /** Every mismatch found (the message lists the first `MISMATCH_LIST_LIMIT`). */
  readonly mismatches: Mismatch[]

  constructor(message: string, mismatches?: readonly Mismatch[]) {
    super(message)
    this.name = 'ContractMismatch'
    this.mismatches = mismatches ? [...mismatches] : [{ path: '', got: undefined, expected: undefined, message }]
  }

  /** One error for many mismatches (its message lists them). */
  static of(mismatches: readonly Mismatch[], note?: string): ContractMismatch {
    return new ContractMismatch(note ? `${formatMismatches(mismatches)}\n${note}` : formatMismatches(mismatches), mismatches)
  }
}

function numbersAgree(actual: number, expected: number, money: boolean): boolean {
  if (actual === expected) return true
  if (money) return toNanos(actual) === toNanos(expected)
  // Averages and meter shares are floats: allow rounding in the last digits, nothing more.
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected))
}

function differs(out: Mismatch[], path: string, got: unknown, expected: unknown, message?: string): void {
  out.push({ path, got, expected, message: message ?? `${path}: got ${show(got)}, the reference adapter answers ${show(expected)}.` })
}

function collect(actual: unknown, expected: unknown, path: string, money: boolean, out: Mismatch[]): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (!numbersAgree(actual, expected, money)) differs(out, path, actual, expected)
    return
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return differs(out, path, actual, expected, `${path}: got ${show(actual)}, expected an array.`)
    if (actual.length !== expected.length) {
      // Items of arrays of different lengths do not line up: comparing them one by one is noise.
      return differs(
        out,
        path,
        actual,
        expected,
        `${path}: got ${actual.length} items, the reference adapter answers ${expected.length}.` +
          ` First items: got ${show(actual.slice(0, 3))}, expected ${show(expected.slice(0, 3))}.`,
      )
    }
    expected.forEach((item, i) => collect(actual[i], item, `${path}[${i}]`, money, out))
    return
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return differs(out, path, actual, expected, `${path}: got ${show(actual)}, expected an object.`)
    }
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)])
    for (const key of keys) {
      const e = (expected as Record<string, unknown>)[key]
      const a = (actual as Record<string, unknown>)[key]
      if (e === undefined && a === undefined) continue
      collect(a, e, `${path}.${key}`, money || MONEY_KEYS.has(key), out)
    }
    return
  }
  if (actual !== expected) differs(out, path, actual, expected)
}

/**
 * Every path where an adapter's answer differs from the reference adapter's. Money must agree to
 * 1e-9 of the unit; other numbers to 1e-9 relative; `undefined` and absent fields are equal.
 * Arrays of different lengths are one mismatch (their items are not compared).
 */
export function findMismatches(actual: unknown, expected: unknown, path = 'answer', money = false): Mismatch[] {
  const out: Mismatch[] = []
  collect(actual, expected, path, money, out)
  return out
}

/**
 * Compares an adapter's answer with the reference adapter's, field by field (see `findMismatches`).
 * Throws one `ContractMismatch` listing every differing path.
 */
export function expectSameAnswer(actual: unknown, expected: unknown, path = 'answer', money = false): void {
  const mismatches = findMismatches(actual, expected, path, money)
  if (mismatches.length > 0) throw ContractMismatch.of(mismatches)
}

/** Asserts a condition of the subject alone. */
export function expectThat(condition: boolean, message: string): void {
  if (!condition) throw new ContractMismatch(message)
}

/**
 * Awaits a call that must reject with an error of `code` (and, when given, naming `field` and
 * flagged `tooLarge` or not); names what was wrong otherwise. Resolves to the error.
 */
export async function expectRejection(
  call: () => Promise<unknown>,
  code: string,
  what: string,
  expected: { field?: string; tooLarge?: boolean } = {},
): Promise<Error> {
  let result: unknown
  try {
    result = await call()
  } catch (error) {
    const actual = (error as { code?: unknown }).code
    if (actual !== code) {
      throw new ContractMismatch(
        `${what}: expected an error with code "${code}", got ${(error as Error)?.name ?? 'an error'} ` +
          `(code ${show(actual)}): ${(error as Error)?.message ?? String(error)}`,
      )
    }
    const { field, tooLarge } = error as { field?: unknown; tooLarge?: unknown }
    if (expected.field !== undefined && field !== expected.field) {
      throw new ContractMismatch(`${what}: the error must name the field "${expected.field}" (got field ${show(field)}): ${(error as Error).message}`)
    }
    if (expected.tooLarge !== undefined && Boolean(tooLarge) !== expected.tooLarge) {
      throw new ContractMismatch(
        `${what}: the error must ${expected.tooLarge ? '' : 'not '}be flagged tooLarge (HTTP ${expected.tooLarge ? 413 : 400}): ${(error as Error).message}`,
      )
    }
    return error as Error
  }
  throw new ContractMismatch(`${what}: expected a rejection with code "${code}", got an answer: ${show(result)}`)
}

/**
 * The mismatches of one check. Comparisons record what differs and the check goes on; at the end
 * `finish()` throws one `ContractMismatch` listing all of them (or returns when there are none).
 */
export class MismatchCollector {
  readonly mismatches: Mismatch[] = []

  /** Records a mismatch. */
  add(mismatch: Mismatch | readonly Mismatch[]): void {
    if (Array.isArray(mismatch)) this.mismatches.push(...(mismatch as readonly Mismatch[]))
    else this.mismatches.push(mismatch as Mismatch)
  }

  /** `expectSameAnswer` that records instead of throwing. True when the answers agree. */
  same(actual: unknown, expected: unknown, path: string, money = false): boolean {
    const found = findMismatches(actual, expected, path, money)
    this.mismatches.push(...found)
    return found.length === 0
  }

  /** `expectThat` that records instead of throwing. Returns the condition. */
  that(condition: boolean, message: string, path = '', got?: unknown, expected?: unknown): boolean {
    if (!condition) this.mismatches.push({ path, got, expected, message })
    return condition
  }

  /** `expectRejection` that records instead of throwing: the error, or `undefined` when the call did not reject as required. */
  async rejection(call: () => Promise<unknown>, code: string, what: string, expected: { field?: string; tooLarge?: boolean } = {}): Promise<Error | undefined> {
    try {
      return await expectRejection(call, code, what, expected)
    } catch (error) {
      this.caught(error, what)
      return undefined
    }
  }

  /**
   * Runs one step of a check (a case of a loop): what it finds is recorded; an error it throws —
   * a failed hard expectation or the adapter throwing — is recorded too, and the check goes on.
   */
  async step(what: string, run: () => Promise<void> | void): Promise<void> {
    try {
      await run()
    } catch (error) {
      this.caught(error, what)
    }
  }

  /** Records a thrown error: a `ContractMismatch`'s own mismatches, anything else as "threw". */
  caught(error: unknown, what: string): void {
    if (error instanceof ContractMismatch) {
      this.mismatches.push(...error.mismatches)
      return
    }
    const name = (error as Error)?.name ?? 'Error'
    const code = (error as { code?: unknown })?.code
    const message = (error as Error)?.message ?? String(error)
    this.mismatches.push({
      path: what,
      got: error,
      expected: 'an answer',
      message: `${what}: threw ${name}${code === undefined ? '' : ` (code ${show(code)})`}: ${message}`,
    })
  }

  /** Throws one `ContractMismatch` listing every mismatch recorded (with `note` after the list), if any. */
  finish(note?: (mismatches: readonly Mismatch[]) => string | undefined): void {
    if (this.mismatches.length === 0) return
    throw ContractMismatch.of(this.mismatches, note?.(this.mismatches))
  }
}
