import type { CodedDimension, ColumnStore } from './columnStore'

/**
 * Pre-aggregated cells: per 15-minute slot (aligned to the epoch, so to local quarter hours in every
 * zone whose offset is a whole number of quarter hours) and per code of one dimension, the sums of
 * the summable columns. A query whose buckets cover whole slots reads these cells instead of rows;
 * the rows of a bucket's partial slots (a range that starts or ends mid-slot, a zone with an odd
 * offset) are still read one by one, so answers stay exact.
 *
 * Cells are kept sparse, slot by slot (CSR): the cells of slot s are cells[slotStart[s] ..
 * slotStart[s + 1]), one per code present in that slot. Every summed value is an integer and every
 * column's running total of magnitudes stays below 2^53, so float sums are exact in any order and
 * equal the row scan's; a cube whose columns break that is dropped (`exact` false).
 */
export const SLOT_MS = 15 * 60_000

/** Most slots a cube spans (about 120 years of quarter hours); past that no cube is kept. */
const MAX_SLOTS = 2 ** 22

function grow<T extends Float64Array | Int32Array>(array: T, capacity: number): T {
  if (array.length >= capacity) return array
  const next = new (array.constructor as new (length: number) => T)(Math.max(capacity, array.length * 2, 256))
  next.set(array)
  return next
}

export class Cube {
  /** Epoch slot number of local slot 0. */
  base = 0
  /** Slots covered so far: local slots 0 .. slots - 1. */
  slots = 0
  slotStart = new Int32Array(1)
  cells = 0
  code = new Int32Array(0)
  count = new Float64Array(0)
  success = new Float64Array(0)
  input = new Float64Array(0)
  cached = new Float64Array(0)
  output = new Float64Array(0)
  costHi = new Float64Array(0)
  costLo = new Float64Array(0)
  cacheHits = new Float64Array(0)
  /** Rows folded in so far (rows 0 .. rows - 1 of the store). */
  rows = 0
  /** False once the rows cannot be folded in (too many slots); such a cube is dropped. */
  exact = true
  /** Per code + 1: the cell of that code in the last slot, valid when `stampOf` is that slot + 1. */
  private cellOf = new Int32Array(0)
  private stampOf = new Int32Array(0)

  constructor(readonly dimension: CodedDimension) {}

  /**
   * Folds rows [from, store.length) in, `slots[i - from]` being row i's epoch slot (ascending, never
   * before the last slot folded in). The caller has checked that every value is an integer and
   * every column's total of magnitudes is below 2^53 (`exactSums`).
   */
  append(store: ColumnStore, from: number, slots: Int32Array): void {
    const to = store.length
    if (from >= to || !this.exact) return
    const codes = store.codes[this.dimension]
    const { success, cacheHit, inputTokens, cachedInputTokens, outputTokens, costHi, costLo } = store
    const size = store.dictionaries[this.dimension].size + 1
    this.cellOf = grow(this.cellOf, size)
    this.stampOf = grow(this.stampOf, size)
    if (this.slots === 0) this.base = slots[0]!
    const lastSlot = slots[to - 1 - from]! - this.base
    if (lastSlot + 1 > MAX_SLOTS || lastSlot < this.slots - 1) {
      this.exact = false
      return
    }
    this.slotStart = grow(this.slotStart, lastSlot + 2)
    const base = this.base
    const stampOf = this.stampOf
    const cellOf = this.cellOf
    let slot = this.slots - 1
    for (let i = from; i < to; i++) {
      const s = slots[i - from]! - base
      while (slot < s) {
        slot++
        this.slotStart[slot] = this.cells
      }
      const key = codes[i]! + 1
      let cell: number
      if (stampOf[key] === slot + 1) {
        cell = cellOf[key]!
      } else {
        cell = this.cells++
        if (cell >= this.code.length) this.reserve(cell + 1)
        this.code[cell] = key - 1
        stampOf[key] = slot + 1
        cellOf[key] = cell
      }
      this.count[cell]! += 1
      this.success[cell]! += success[i]!
      this.cacheHits[cell]! += cacheHit[i]!
      this.input[cell]! += inputTokens[i]!
      this.cached[cell]! += cachedInputTokens[i]!
      this.output[cell]! += outputTokens[i]!
      this.costHi[cell]! += costHi[i]!
      this.costLo[cell]! += costLo[i]!
    }
    this.slots = slot + 1
    this.slotStart[this.slots] = this.cells
    this.rows = to
  }

  private reserve(capacity: number): void {
    this.code = grow(this.code, capacity)
    this.count = grow(this.count, capacity)
    this.success = grow(this.success, capacity)
    this.input = grow(this.input, capacity)
    this.cached = grow(this.cached, capacity)
    this.output = grow(this.output, capacity)
    this.costHi = grow(this.costHi, capacity)
    this.costLo = grow(this.costLo, capacity)
    this.cacheHits = grow(this.cacheHits, capacity)
  }

  /** Local slot index of epoch slot `slot`, clamped to [0, slots]. */
  local(slot: number): number {
    const s = slot - this.base
    return s < 0 ? 0 : s > this.slots ? this.slots : s
  }

  /** Cells of the whole slots inside [startMs, endMs). */
  cellsBetween(startMs: number, endMs: number): number {
    const a = this.local(Math.ceil(startMs / SLOT_MS))
    const z = this.local(Math.floor(endMs / SLOT_MS))
    return z > a ? this.slotStart[z]! - this.slotStart[a]! : 0
  }
}

/**
 * The epoch slots of rows [from, to) into `slots`, and whether cubes may sum them exactly: times
 * finite and ascending from `lastSlot`, token counts integers, and each column's running total of
 * magnitudes (`totals`, carried across appends) below 2^53.
 */
export function slotRows(store: ColumnStore, from: number, to: number, lastSlot: number, totals: Float64Array): Int32Array | null {
  const { ts, inputTokens, cachedInputTokens, outputTokens, costHi, costLo } = store
  const slots = new Int32Array(to - from)
  let previous = lastSlot
  let input = totals[0]!
  let cached = totals[1]!
  let output = totals[2]!
  let hi = totals[3]!
  let lo = totals[4]!
  for (let i = from; i < to; i++) {
    const slot = Math.floor(ts[i]! / SLOT_MS)
    if (!(slot >= previous) || slot > 2 ** 31 - 1) return null
    previous = slot
    slots[i - from] = slot
    const a = inputTokens[i]!
    const b = cachedInputTokens[i]!
    const c = outputTokens[i]!
    if (!Number.isInteger(a) || !Number.isInteger(b) || !Number.isInteger(c)) return null
    input += Math.abs(a)
    cached += Math.abs(b)
    output += Math.abs(c)
    hi += Math.abs(costHi[i]!)
    lo += costLo[i]!
  }
  const sums = [input, cached, output, hi, lo]
  if (!sums.every((sum) => sum <= Number.MAX_SAFE_INTEGER)) return null
  totals.set(sums)
  return slots
}
