import type { Dimension } from '../dimensions'
import { toNanos } from '../money'
import type { MeterRecord, UsageRecord } from '../types'
import { Cube, slotRows } from './cube'
import { Dictionary } from './dictionary'

/** Cost nano-units split so that float sums of each half stay exact far past 2^53 nano-units in total. */
export const COST_SPLIT = 2 ** 30

/** Single-valued dimensions kept as one code column each (`tag` is multi-valued, kept apart). */
export type CodedDimension = Exclude<Dimension, 'tag'>
export const CODED_DIMENSIONS: readonly CodedDimension[] = [
  'user',
  'team',
  'model',
  'provider',
  'apiKey',
  'application',
  'agent',
  'consumer',
  'status',
  'customer',
]

/** Dimensions a meter record can carry; every other dimension filters meters out. */
export const METER_DIMENSIONS: readonly Dimension[] = ['user', 'team', 'agent', 'consumer']

/**
 * Whether the store keeps pre-aggregated cells (`Cube`s) per 15-minute slot and dimension code:
 * `auto` keeps those that compress the rows at least two-fold and lets each query choose the cheaper
 * path; `always` keeps and uses them whenever a query fits them (tests); `never` scans rows only
 * (the plain reference path).
 */
export type PreAggregate = 'auto' | 'always' | 'never'

/** Stores with fewer rows keep every cube whatever its size (they are small anyway). */
const CUBE_KEEP_BELOW_ROWS = 50_000

/** An exact integer as two float halves (hi × COST_SPLIT + lo, 0 ≤ lo < COST_SPLIT) whose sums stay exact. */
function splitExact(value: bigint): [number, number] {
  const split = BigInt(COST_SPLIT)
  let hi = value / split
  let lo = value % split
  if (lo < 0n) {
    hi -= 1n
    lo += split
  }
  return [Number(hi), Number(lo)]
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(array: T, capacity: number): T {
  if (array.length >= capacity) return array
  const next = new (array.constructor as new (length: number) => T)(Math.max(capacity, array.length * 2, 1024))
  next.set(array)
  return next
}

/**
 * Request records as typed columns, sorted by (timestamp, id). Dimensions are dictionary codes;
 * a range is a binary search on `ts`; queries scan only the columns they need.
 */
export class ColumnStore {
  /** Records in column order, for request summaries and details. */
  records: UsageRecord[] = []
  length = 0
  ts = new Float64Array(0)
  codes = {} as Record<CodedDimension, Int32Array>
  dictionaries = {} as Record<Dimension, Dictionary>
  /** Tags as CSR: the tags of row i are tagCodes[tagStart[i] .. tagStart[i + 1]). */
  tagStart = new Int32Array(1)
  tagCodes = new Int32Array(0)
  tagCount = 0
  success = new Uint8Array(0)
  /** 1 where the gateway answered from its own cache (`cacheHit === true`); unknown counts as no hit. */
  cacheHit = new Uint8Array(0)
  inputTokens = new Float64Array(0)
  cachedInputTokens = new Float64Array(0)
  outputTokens = new Float64Array(0)
  costHi = new Float64Array(0)
  costLo = new Float64Array(0)
  /**
   * Prompt-caching savings of each row, exact, in 1e-15 of the unit (cached tokens × nano-units
   * saved per million), split like cost; empty without a price table. Rounded to nano-units only
   * when a cell is answered, so every answer is the exact sum of its rows rounded once.
   */
  savingsHi = new Float64Array(0)
  savingsLo = new Float64Array(0)
  latencyMs = new Float64Array(0)
  /**
   * Per consumer code: whether any record or meter names it as an agent. (Labels — a user's name,
   * email and team, an API key's name — are not kept here: they come from the rows a query counts.)
   */
  consumerIsAgent: boolean[] = []
  /** Pre-aggregated cells per dimension; null where none is kept (see `PreAggregate`). */
  cubes: Partial<Record<CodedDimension, Cube | null>> = {}
  /** Rows folded into the cubes, the last one's slot, and the running totals `slotRows` checks. */
  private cubed = { rows: 0, lastSlot: Number.NEGATIVE_INFINITY, totals: new Float64Array(5), off: false }
  private idIndex: Map<string, number> | null = null

  constructor(
    records: readonly UsageRecord[],
    readonly preAggregate: PreAggregate = 'auto',
    /** Nano-units saved per million cached tokens, by model (`cacheSavingsRates`); null without prices. */
    readonly savingsRates: ReadonlyMap<string, bigint> | null = null,
  ) {
    for (const dimension of [...CODED_DIMENSIONS, 'tag' as const]) this.dictionaries[dimension] = new Dictionary()
    for (const dimension of CODED_DIMENSIONS) this.codes[dimension] = new Int32Array(0)
    // Status codes are fixed so that `success` is always 0.
    this.dictionaries.status.code('success')
    this.dictionaries.status.code('error')
    this.load(records)
  }

  /** Adds records. Newer-than-everything records append in place; anything else rebuilds the columns. */
  insert(records: readonly UsageRecord[]): void {
    if (records.length === 0) return
    const sorted = sortRecords(records)
    const last = this.length > 0 ? this.records[this.length - 1]! : null
    const first = sorted[0]!
    if (last === null || compareRecords(last, first) < 0) {
      this.append(sorted)
    } else {
      this.load([...this.records, ...records])
    }
  }

  private load(records: readonly UsageRecord[]): void {
    this.records = []
    this.length = 0
    this.tagCount = 0
    this.idIndex = null
    this.cubes = {}
    this.cubed = { rows: 0, lastSlot: Number.NEGATIVE_INFINITY, totals: new Float64Array(5), off: false }
    this.append(sortRecords(records))
  }

  private append(sorted: readonly UsageRecord[]): void {
    const capacity = this.length + sorted.length
    this.ts = grow(this.ts, capacity)
    for (const dimension of CODED_DIMENSIONS) this.codes[dimension] = grow(this.codes[dimension], capacity)
    this.tagStart = grow(this.tagStart, capacity + 1)
    this.success = grow(this.success, capacity)
    this.cacheHit = grow(this.cacheHit, capacity)
    this.inputTokens = grow(this.inputTokens, capacity)
    this.cachedInputTokens = grow(this.cachedInputTokens, capacity)
    this.outputTokens = grow(this.outputTokens, capacity)
    this.costHi = grow(this.costHi, capacity)
    this.costLo = grow(this.costLo, capacity)
    if (this.savingsRates) {
      this.savingsHi = grow(this.savingsHi, capacity)
      this.savingsLo = grow(this.savingsLo, capacity)
    }
    this.latencyMs = grow(this.latencyMs, capacity)
    const d = this.dictionaries
    const c = this.codes
    for (const record of sorted) {
      const i = this.length
      this.records.push(record)
      this.idIndex?.set(record.id, i)
      this.ts[i] = Date.parse(record.timestamp)
      c.user[i] = d.user.code(record.userId)
      c.team[i] = d.team.code(record.team)
      c.model[i] = d.model.code(record.model)
      c.provider[i] = d.provider.code(record.provider)
      c.apiKey[i] = d.apiKey.code(record.apiKey)
      c.application[i] = d.application.code(record.application)
      c.agent[i] = d.agent.code(record.agent)
      c.customer[i] = d.customer.code(record.customer)
      const consumer = d.consumer.code(record.agent || record.userId)
      c.consumer[i] = consumer
      if (record.agent) this.consumerIsAgent[consumer] = true
      c.status[i] = d.status.code(record.status)
      this.success[i] = record.status === 'success' ? 1 : 0
      this.cacheHit[i] = record.cacheHit === true ? 1 : 0
      this.tagStart[i] = this.tagCount
      for (const tag of record.tags) {
        const code = d.tag.code(tag)
        if (code < 0) continue
        this.tagCodes = grow(this.tagCodes, this.tagCount + 1)
        this.tagCodes[this.tagCount++] = code
      }
      this.inputTokens[i] = record.inputTokens
      this.cachedInputTokens[i] = record.cachedInputTokens
      this.outputTokens[i] = record.outputTokens
      const nanos = toNanos(record.cost)
      const hi = Math.floor(nanos / COST_SPLIT)
      this.costHi[i] = hi
      this.costLo[i] = nanos - hi * COST_SPLIT
      if (this.savingsRates) {
        const rate = this.savingsRates.get(record.model)
        // Token counts are whole; a fractional one from a foreign log is taken to the nearest token rather than refused at ingest.
        const tokens = Math.round(record.cachedInputTokens)
        const [savingsHi, savingsLo] = rate === undefined || !tokens ? [0, 0] : splitExact(BigInt(tokens) * rate)
        this.savingsHi[i] = savingsHi
        this.savingsLo[i] = savingsLo
      }
      this.latencyMs[i] = record.latencyMs
      this.length = i + 1
    }
    this.tagStart[this.length] = this.tagCount
    this.refreshCubes()
  }

  /** Folds the rows appended since into every cube kept, dropping those not worth their memory. */
  private refreshCubes(): void {
    const cubed = this.cubed
    if (this.preAggregate === 'never' || cubed.off || cubed.rows >= this.length) return
    const from = cubed.rows
    const slots = slotRows(this, from, this.length, cubed.lastSlot, cubed.totals)
    cubed.rows = this.length
    if (slots === null) {
      // Not summable exactly in any order (or not times): rows answer everything from now on.
      cubed.off = true
      this.cubes = {}
      return
    }
    cubed.lastSlot = slots[slots.length - 1]!
    for (const dimension of CODED_DIMENSIONS) {
      let cube = this.cubes[dimension]
      if (cube === null) continue
      if (cube === undefined) cube = this.cubes[dimension] = new Cube(dimension)
      cube.append(this, from, slots)
      const tooBig = this.preAggregate === 'auto' && this.length >= CUBE_KEEP_BELOW_ROWS && cube.cells * 2 > this.length
      if (!cube.exact || tooBig) this.cubes[dimension] = null
    }
  }

  /** First row with ts ≥ ms. */
  lowerBound(ms: number): number {
    let lo = 0
    let hi = this.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.ts[mid]! < ms) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  rowOf(id: string): number | undefined {
    if (this.idIndex === null) {
      this.idIndex = new Map()
      for (let i = 0; i < this.length; i++) this.idIndex.set(this.records[i]!.id, i)
    }
    return this.idIndex.get(id)
  }
}

export function compareRecords(a: UsageRecord, b: UsageRecord): number {
  const dt = Date.parse(a.timestamp) - Date.parse(b.timestamp)
  if (dt !== 0) return dt
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function sortRecords(records: readonly UsageRecord[]): UsageRecord[] {
  // Sort on parsed keys once rather than parsing timestamps in every comparison.
  const keyed = records.map((record) => ({ record, ts: Date.parse(record.timestamp) }))
  keyed.sort((a, b) => a.ts - b.ts || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0))
  return keyed.map((entry) => entry.record)
}

/** Meter allocations as columns, sharing the request store's dictionaries so groups line up. */
export class MeterStore {
  length = 0
  meter: Int32Array
  start: Float64Array
  end: Float64Array
  quantity: Float64Array
  codes: Record<'user' | 'team' | 'agent' | 'consumer', Int32Array>
  readonly meters = new Dictionary()

  constructor(records: readonly MeterRecord[], store: ColumnStore) {
    const dictionaries = store.dictionaries
    const n = records.length
    this.length = n
    this.meter = new Int32Array(n)
    this.start = new Float64Array(n)
    this.end = new Float64Array(n)
    this.quantity = new Float64Array(n)
    this.codes = { user: new Int32Array(n), team: new Int32Array(n), agent: new Int32Array(n), consumer: new Int32Array(n) }
    records.forEach((record, i) => {
      this.meter[i] = this.meters.code(record.meter)
      this.start[i] = Date.parse(record.start)
      this.end[i] = Date.parse(record.end)
      this.quantity[i] = record.quantity
      this.codes.user[i] = dictionaries.user.code(record.user)
      this.codes.team[i] = dictionaries.team.code(record.team)
      this.codes.agent[i] = dictionaries.agent.code(record.agent)
      const consumer = dictionaries.consumer.code(record.agent || record.user)
      this.codes.consumer[i] = consumer
      if (consumer >= 0) store.consumerIsAgent[consumer] ||= Boolean(record.agent)
    })
  }
}
