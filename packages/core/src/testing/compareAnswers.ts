import { toNanos } from '../money'

/** Fields that hold money: compared exactly in nano-units. */
const MONEY_KEYS = new Set(['cost', 'amount'])

export class ContractMismatch extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ContractMismatch'
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))
  return text === undefined ? String(value) : text.length > 160 ? `${text.slice(0, 160)}…` : text
}

function numbersAgree(actual: number, expected: number, money: boolean): boolean {
  if (actual === expected) return true
  if (money) return toNanos(actual) === toNanos(expected)
  // Averages and meter shares are floats: allow rounding in the last digits, nothing more.
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected))
}

/**
 * Compares an adapter's answer with the reference adapter's, field by field. Money must agree
 * to 1e-9 of the unit; other numbers to 1e-9 relative; `undefined` and absent fields are equal.
 * Throws a `ContractMismatch` naming the first differing path.
 */
export function expectSameAnswer(actual: unknown, expected: unknown, path = 'answer', money = false): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (!numbersAgree(actual, expected, money)) {
      throw new ContractMismatch(`${path}: got ${show(actual)}, the reference adapter answers ${show(expected)}.`)
    }
    return
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) throw new ContractMismatch(`${path}: got ${show(actual)}, expected an array.`)
    if (actual.length !== expected.length) {
      throw new ContractMismatch(
        `${path}: got ${actual.length} items, the reference adapter answers ${expected.length}.` +
          ` First items: got ${show(actual.slice(0, 3))}, expected ${show(expected.slice(0, 3))}.`,
      )
    }
    expected.forEach((item, i) => expectSameAnswer(actual[i], item, `${path}[${i}]`, money))
    return
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      throw new ContractMismatch(`${path}: got ${show(actual)}, expected an object.`)
    }
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)])
    for (const key of keys) {
      const e = (expected as Record<string, unknown>)[key]
      const a = (actual as Record<string, unknown>)[key]
      if (e === undefined && a === undefined) continue
      expectSameAnswer(a, e, `${path}.${key}`, money || MONEY_KEYS.has(key))
    }
    return
  }
  if (actual !== expected) {
    throw new ContractMismatch(`${path}: got ${show(actual)}, the reference adapter answers ${show(expected)}.`)
  }
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
