import type { Dimension } from '../dimensions'
import { NONE_KEY } from '../dimensions'
import type { Metric } from '../metrics'
import { roundMicroNanos } from '../cacheSavings'
import { NANOS_PER_UNIT, fromNanos } from '../money'
import type { Filters } from '../types'
import { COST_SPLIT, type CodedDimension, type ColumnStore, METER_DIMENSIONS, type MeterStore } from './columnStore'
import { type Cube, SLOT_MS } from './cube'

/** Allowed codes of one dimension, indexed by code + 1 (index 0 is "no value", `__none__`). */
type Allowed = Uint8Array

function allowedCodes(store: ColumnStore, dimension: Dimension, values: readonly string[]): Allowed {
  const dictionary = store.dictionaries[dimension]
  const allowed = new Uint8Array(dictionary.size + 1)
  for (const value of values) {
    if (value === NONE_KEY) allowed[0] = 1
    const code = dictionary.lookup(value)
    if (code !== undefined) allowed[code + 1] = 1
  }
  return allowed
}

function activeFilters(filters: Filters | undefined, exclude?: Dimension): [Dimension, readonly string[]][] {
  if (!filters) return []
  return (Object.entries(filters) as [Dimension, string[] | undefined][]).filter(
    (entry): entry is [Dimension, string[]] => entry[0] !== exclude && Array.isArray(entry[1]) && entry[1].length > 0,
  )
}

/**
 * Row indices in [startMs, endMs) that pass the filters (OR within a dimension, AND across),
 * ascending by time. `exclude` leaves one dimension's filter out (for its own value list).
 */
export function selectRows(
  store: ColumnStore,
  startMs: number,
  endMs: number,
  filters: Filters | undefined,
  exclude?: Dimension,
): Int32Array {
  const lo = store.lowerBound(startMs)
  const hi = store.lowerBound(endMs)
  const active = activeFilters(filters, exclude)
  const out = new Int32Array(Math.max(0, hi - lo))
  if (active.length === 0) {
    for (let i = lo; i < hi; i++) out[i - lo] = i
    return out
  }
  const coded: [Int32Array, Allowed][] = []
  let tagAllowed: Allowed | null = null
  for (const [dimension, values] of active) {
    const allowed = allowedCodes(store, dimension, values)
    if (dimension === 'tag') tagAllowed = allowed
    else coded.push([store.codes[dimension as CodedDimension], allowed])
  }
  const { tagStart, tagCodes } = store
  let n = 0
  rows: for (let i = lo; i < hi; i++) {
    for (let f = 0; f < coded.length; f++) {
      const [codes, allowed] = coded[f]!
      if (allowed[codes[i]! + 1] !== 1) continue rows
    }
    if (tagAllowed !== null) {
      const from = tagStart[i]!
      const to = tagStart[i + 1]!
      let pass = from === to && tagAllowed[0] === 1
      for (let t = from; t < to && !pass; t++) pass = tagAllowed[tagCodes[t]! + 1] === 1
      if (!pass) continue
    }
    out[n++] = i
  }
  return out.subarray(0, n)
}

/** Whether row `i` passes the filters, with the same rules as `selectRows` (for one request by id). */
export function rowMatches(store: ColumnStore, i: number, filters: Filters | undefined): boolean {
  for (const [dimension, values] of activeFilters(filters)) {
    if (dimension === 'tag') {
      const from = store.tagStart[i]!
      const to = store.tagStart[i + 1]!
      let pass = from === to && values.includes(NONE_KEY)
      for (let t = from; t < to && !pass; t++) pass = values.includes(store.dictionaries.tag.keys[store.tagCodes[t]!]!)
      if (!pass) return false
      continue
    }
    const code = store.codes[dimension as CodedDimension][i]!
    if (code < 0 ? !values.includes(NONE_KEY) : !values.includes(store.dictionaries[dimension].keys[code]!)) return false
  }
  return true
}

/** Selected rows: every row in [lo, hi) when `rows` is null (no filters), else the listed ones. */
export interface RowSet {
  lo: number
  hi: number
  rows: Int32Array | null
  /** The range and the filters (those in force) that selected the rows. */
  startMs: number
  endMs: number
  filters: [Dimension, readonly string[]][]
}

/** Like `selectRows`, without materialising the index list when nothing is filtered. */
export function selectRowSet(store: ColumnStore, startMs: number, endMs: number, filters: Filters | undefined, exclude?: Dimension): RowSet {
  const lo = store.lowerBound(startMs)
  const hi = store.lowerBound(endMs)
  const active = activeFilters(filters, exclude)
  const rows = active.length === 0 ? null : selectRows(store, startMs, endMs, filters, exclude)
  return { lo, hi, rows, startMs, endMs, filters: active }
}

export function rowSetSize(set: RowSet): number {
  return set.rows ? set.rows.length : Math.max(0, set.hi - set.lo)
}

/** The k-th selected row. */
export function rowAt(set: RowSet, k: number): number {
  return set.rows ? set.rows[k]! : set.lo + k
}

/** Meter indices overlapping [startMs, endMs) that pass the filters; dimensions a meter lacks count as "no value". */
export function selectMeters(
  meters: MeterStore,
  store: ColumnStore,
  startMs: number,
  endMs: number,
  filters: Filters | undefined,
  exclude?: Dimension,
): Int32Array {
  const active = activeFilters(filters, exclude).map(([dimension, values]) => {
    const allowed = allowedCodes(store, dimension, values)
    const codes = (METER_DIMENSIONS as readonly Dimension[]).includes(dimension)
      ? meters.codes[dimension as keyof MeterStore['codes']]
      : null
    return { allowed, codes }
  })
  const out = new Int32Array(meters.length)
  let n = 0
  outer: for (let i = 0; i < meters.length; i++) {
    const s = meters.start[i]!
    const e = meters.end[i]!
    const inside = e > s ? s < endMs && e > startMs : s >= startMs && s < endMs
    if (!inside) continue
    for (const { allowed, codes } of active) {
      const code = codes === null ? -1 : codes[i]!
      if (allowed[code + 1] !== 1) continue outer
    }
    out[n++] = i
  }
  return out.subarray(0, n)
}

/** How rows fall into groups: `map[code + 1]` is the group index, or -1 to leave the row out. */
export interface Grouping {
  dimension: Dimension
  map: Int32Array
}

export interface AggregateSpec {
  store: ColumnStore
  rows: RowSet
  /** B + 1 bucket edges (epoch ms); one bucket spanning the range for totals. */
  edges: readonly number[]
  groups: number
  grouping?: Grouping
  /** Base metrics (no ratios). */
  metrics: readonly Metric[]
  meters?: { store: MeterStore; selected: Int32Array; startMs: number; endMs: number }
}

/** metric → G × B values (cell = g × B + b); NaN where a non-sum metric has no data. */
export type Cells = Map<Metric, Float64Array>

const DISTINCT_STAMP_LIMIT = 8_000_000

/**
 * The selected rows (and meters) into G × B cells. Money is summed as two exact float halves of
 * integer nano-units; activeUsers counts distinct users per cell with a stamp table (rows arrive in
 * bucket order); p95 uses the nearest-rank method. Single-valued groupings (and no grouping) take
 * the columnar path, one tight loop per column; grouping by tag (multi-valued) goes row by row.
 */
export function aggregate(spec: AggregateSpec): Cells {
  const cube = cubeFor(spec)
  if (cube !== null) return aggregateFromCube(spec, cube)
  return spec.grouping?.dimension === 'tag' ? aggregateRowByRow(spec) : aggregateColumnar(spec)
}

/** Metrics rows answer that cells cannot (latency needs every value; other distinct counts need rows). */
// Cubes keep no savings column: priced metrics are answered from rows.
const NOT_IN_CUBES = new Set<Metric>(['avgLatencyMs', 'p95LatencyMs', 'cacheSavings'])

/**
 * The cube that answers `spec` exactly, if any: the grouping and every filter on one single-valued
 * dimension (activeUsers: the user dimension), only summed metrics; with `auto`, only when its cells
 * in range are fewer than the rows it replaces.
 */
export function cubeFor(spec: AggregateSpec): Cube | null {
  const { store, rows, grouping, metrics } = spec
  if (store.preAggregate === 'never') return null
  let dimension: Dimension | undefined = grouping?.dimension
  for (const [filtered] of rows.filters) {
    if (dimension !== undefined && dimension !== filtered) return null
    dimension = filtered
  }
  const distinct = metrics.includes('activeUsers')
  if (distinct) {
    if (dimension !== undefined && dimension !== 'user') return null
    dimension = 'user'
  }
  if (dimension === undefined) dimension = 'status'
  if (dimension === 'tag') return null
  if (metrics.some((metric) => NOT_IN_CUBES.has(metric))) return null
  const cube = store.cubes[dimension as CodedDimension]
  if (!cube || !cube.exact || cube.rows !== store.length) return null
  if (store.preAggregate === 'auto' && cube.cellsBetween(rows.startMs, rows.endMs) >= rowSetSize(rows)) return null
  return cube
}

/** Position in `set` of its first row at or after `ms`. */
function positionOf(store: ColumnStore, set: RowSet, ms: number): number {
  if (set.rows === null) return Math.min(Math.max(store.lowerBound(ms), set.lo), set.hi) - set.lo
  const list = set.rows
  const ts = store.ts
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (ts[list[mid]!]! < ms) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Cells from a cube: each bucket's whole slots read from the cube's cells, the rows of its partial
 * slots (a range edge or a bucket edge inside a slot) read one by one. Buckets are as in the row
 * paths: bucket 0 reaches back to the range start, the last bucket on to the range end.
 */
export function aggregateFromCube(spec: AggregateSpec, cube: Cube): Cells {
  const { store, rows, edges, groups: G, grouping, metrics } = spec
  const B = edges.length - 1
  const needs = needsOf(metrics)
  const acc = accumulators(needs, G * B)
  const dimension = cube.dimension
  const filter = rows.filters.find(([filtered]) => filtered === dimension)
  const allowed = filter ? allowedCodes(store, dimension, filter[1]) : null
  const map = grouping?.map ?? null
  const rowCodes = store.codes[dimension]
  const users = needs.distinct ? new Int32Array(store.dictionaries.user.size) : null
  const { count, success, input, cached, output, costHi, costLo, cacheHits, distinct } = acc

  let b = 0
  // The rows of [from, to) one by one (they passed the filters already).
  const addRows = (from: number, to: number) => {
    if (to <= from) return
    const k1 = positionOf(store, rows, to)
    for (let k = positionOf(store, rows, from); k < k1; k++) {
      const i = rowAt(rows, k)
      const code = rowCodes[i]!
      const g = map === null ? 0 : map[code + 1]!
      if (g < 0) continue
      const cell = g * B + b
      if (needs.count) count[cell]! += 1
      if (needs.success) success[cell]! += store.success[i]!
      if (needs.input) input[cell]! += store.inputTokens[i]!
      if (needs.cached) cached[cell]! += store.cachedInputTokens[i]!
      if (needs.output) output[cell]! += store.outputTokens[i]!
      if (needs.cost) {
        costHi[cell]! += store.costHi[i]!
        costLo[cell]! += store.costLo[i]!
      }
      if (needs.cacheHits) cacheHits[cell]! += store.cacheHit[i]!
      // The cube is the user dimension's: the row's code is its user; no user is nobody.
      if (users !== null && code >= 0 && users[code] !== b + 1) {
        users[code] = b + 1
        distinct[cell]! += 1
      }
    }
  }
  // The cells of local slots [a, z).
  const addCells = (a: number, z: number) => {
    const code = cube.code
    for (let c = cube.slotStart[a]!, end = cube.slotStart[z]!; c < end; c++) {
      const key = code[c]! + 1
      if (allowed !== null && allowed[key] !== 1) continue
      const g = map === null ? 0 : map[key]!
      if (g < 0) continue
      const cell = g * B + b
      if (needs.count) count[cell]! += cube.count[c]!
      if (needs.success) success[cell]! += cube.success[c]!
      if (needs.input) input[cell]! += cube.input[c]!
      if (needs.cached) cached[cell]! += cube.cached[c]!
      if (needs.output) output[cell]! += cube.output[c]!
      if (needs.cost) {
        costHi[cell]! += cube.costHi[c]!
        costLo[cell]! += cube.costLo[c]!
      }
      if (needs.cacheHits) cacheHits[cell]! += cube.cacheHits[c]!
      if (users !== null && key > 0 && users[key - 1] !== b + 1) {
        users[key - 1] = b + 1
        distinct[cell]! += 1
      }
    }
  }
  for (; b < B; b++) {
    const from = Math.max(b === 0 ? rows.startMs : edges[b]!, rows.startMs)
    const to = Math.min(b === B - 1 ? rows.endMs : edges[b + 1]!, rows.endMs)
    if (to <= from) continue
    const firstSlot = Math.ceil(from / SLOT_MS)
    const endSlot = Math.floor(to / SLOT_MS)
    if (firstSlot >= endSlot) {
      addRows(from, to)
      continue
    }
    addRows(from, firstSlot * SLOT_MS)
    addCells(cube.local(firstSlot), cube.local(endSlot))
    addRows(endSlot * SLOT_MS, to)
  }
  return finishCells(spec, acc)
}

interface Accumulators {
  count: Float64Array
  success: Float64Array
  input: Float64Array
  cached: Float64Array
  output: Float64Array
  costHi: Float64Array
  costLo: Float64Array
  savingsHi: Float64Array
  savingsLo: Float64Array
  cacheHits: Float64Array
  latency: Float64Array
  distinct: Float64Array
  p95Cells: Int32Array
  p95Values: Float64Array
  p95Count: number
}

interface Needs {
  count: boolean
  success: boolean
  input: boolean
  cached: boolean
  output: boolean
  cost: boolean
  savings: boolean
  cacheHits: boolean
  latency: boolean
  p95: boolean
  distinct: boolean
}

function needsOf(metrics: readonly Metric[]): Needs {
  const want = new Set(metrics)
  return {
    count: want.has('requests') || want.has('avgLatencyMs') || want.has('p95LatencyMs') || want.has('successfulRequests') || want.has('failedRequests'),
    success: want.has('successfulRequests') || want.has('failedRequests'),
    input: want.has('inputTokens') || want.has('totalTokens'),
    cached: want.has('cachedInputTokens'),
    output: want.has('outputTokens') || want.has('totalTokens'),
    cost: want.has('cost'),
    savings: want.has('cacheSavings'),
    cacheHits: want.has('cacheHits'),
    latency: want.has('avgLatencyMs'),
    p95: want.has('p95LatencyMs'),
    distinct: want.has('activeUsers'),
  }
}

function accumulators(needs: Needs, size: number): Accumulators {
  return {
    count: new Float64Array(needs.count ? size : 0),
    success: new Float64Array(needs.success ? size : 0),
    input: new Float64Array(needs.input ? size : 0),
    cached: new Float64Array(needs.cached ? size : 0),
    output: new Float64Array(needs.output ? size : 0),
    costHi: new Float64Array(needs.cost ? size : 0),
    costLo: new Float64Array(needs.cost ? size : 0),
    savingsHi: new Float64Array(needs.savings ? size : 0),
    savingsLo: new Float64Array(needs.savings ? size : 0),
    cacheHits: new Float64Array(needs.cacheHits ? size : 0),
    latency: new Float64Array(needs.latency ? size : 0),
    distinct: new Float64Array(needs.distinct ? size : 0),
    p95Cells: new Int32Array(0),
    p95Values: new Float64Array(0),
    p95Count: 0,
  }
}

/** Adds column `values` of the selected rows into `into` at each row's cell (`-1`: row left out). */
function sumColumn(into: Float64Array, values: Float64Array | Uint8Array, rows: RowSet, cellOf: Int32Array | null, total: number): void {
  const list = rows.rows
  const lo = rows.lo
  if (cellOf === null) {
    // One cell, every row in it.
    let sum = 0
    if (list === null) for (let i = lo, end = lo + total; i < end; i++) sum += values[i]!
    else for (let k = 0; k < total; k++) sum += values[list[k]!]!
    into[0]! += sum
    return
  }
  if (list === null) {
    for (let k = 0; k < total; k++) {
      const cell = cellOf[k]!
      if (cell >= 0) into[cell]! += values[lo + k]!
    }
  } else {
    for (let k = 0; k < total; k++) {
      const cell = cellOf[k]!
      if (cell >= 0) into[cell]! += values[list[k]!]!
    }
  }
}

/**
 * The columnar path: each selected row's cell (group × bucket) computed once, then one tight loop
 * per column. Sums of integers (counts, tokens, the nano-unit halves) are exact in any order, so
 * this answers exactly what the row-by-row path answers.
 */
export function aggregateColumnar(spec: AggregateSpec): Cells {
  const { store, rows, edges, groups: G, grouping, metrics } = spec
  const B = edges.length - 1
  const size = G * B
  const needs = needsOf(metrics)
  const acc = accumulators(needs, size)
  const total = rowSetSize(rows)
  const list = rows.rows
  const lo = rows.lo
  const { ts } = store

  // Each row's cell, or null when every row lands in the single cell 0.
  let cellOf: Int32Array | null = null
  if (grouping !== undefined || B > 1) {
    cellOf = new Int32Array(total)
    const groupCodes = grouping ? store.codes[grouping.dimension as CodedDimension] : null
    const map = grouping?.map ?? null
    // Rows are in time order: walk the bucket edges alongside (rows before edge 1 are bucket 0,
    // rows from the last edge on the last bucket, as in the row-by-row path).
    let b = 0
    let k = 0
    while (k < total) {
      const bucketEnd = b < B - 1 ? edges[b + 1]! : Number.POSITIVE_INFINITY
      let stop = k
      if (list === null) {
        while (stop < total && ts[lo + stop]! < bucketEnd) stop++
      } else {
        while (stop < total && ts[list[stop]!]! < bucketEnd) stop++
      }
      if (map === null) {
        cellOf.fill(b, k, stop)
      } else if (list === null) {
        for (let j = k; j < stop; j++) {
          const g = map[groupCodes![lo + j]! + 1]!
          cellOf[j] = g >= 0 ? g * B + b : -1
        }
      } else {
        for (let j = k; j < stop; j++) {
          const g = map[groupCodes![list[j]!]! + 1]!
          cellOf[j] = g >= 0 ? g * B + b : -1
        }
      }
      k = stop
      b++
    }
  }

  if (needs.count) {
    if (cellOf === null) acc.count[0] = total
    else for (let k = 0; k < total; k++) if (cellOf[k]! >= 0) acc.count[cellOf[k]!]! += 1
  }
  if (needs.success) sumColumn(acc.success, store.success, rows, cellOf, total)
  if (needs.input) sumColumn(acc.input, store.inputTokens, rows, cellOf, total)
  if (needs.cached) sumColumn(acc.cached, store.cachedInputTokens, rows, cellOf, total)
  if (needs.output) sumColumn(acc.output, store.outputTokens, rows, cellOf, total)
  if (needs.cost) {
    sumColumn(acc.costHi, store.costHi, rows, cellOf, total)
    sumColumn(acc.costLo, store.costLo, rows, cellOf, total)
  }
  if (needs.savings) {
    sumColumn(acc.savingsHi, store.savingsHi, rows, cellOf, total)
    sumColumn(acc.savingsLo, store.savingsLo, rows, cellOf, total)
  }
  if (needs.cacheHits) sumColumn(acc.cacheHits, store.cacheHit, rows, cellOf, total)
  if (needs.latency) sumColumn(acc.latency, store.latencyMs, rows, cellOf, total)
  if (needs.p95) {
    const cells = new Int32Array(total)
    const values = new Float64Array(total)
    let n = 0
    for (let k = 0; k < total; k++) {
      const cell = cellOf === null ? 0 : cellOf[k]!
      if (cell < 0) continue
      cells[n] = cell
      values[n++] = store.latencyMs[list === null ? lo + k : list[k]!]!
    }
    acc.p95Cells = cells
    acc.p95Values = values
    acc.p95Count = n
  }
  if (needs.distinct) {
    // A request made without a user (code -1) is nobody: it never counts as an active user.
    const userCodes = store.codes.user
    const users = store.dictionaries.user.size
    const distinct = acc.distinct
    if (G * users <= DISTINCT_STAMP_LIMIT) {
      // Rows arrive in bucket order, so a (group, user) stamp of "last bucket counted" suffices.
      const stamps = new Int32Array(G * users)
      for (let k = 0; k < total; k++) {
        const cell = cellOf === null ? 0 : cellOf[k]!
        if (cell < 0) continue
        const user = userCodes[list === null ? lo + k : list[k]!]!
        if (user < 0) continue
        const g = (cell / B) | 0
        const slot = g * users + user
        const stamp = cell - g * B + 1
        if (stamps[slot] !== stamp) {
          stamps[slot] = stamp
          distinct[cell]! += 1
        }
      }
    } else {
      const seen = new Set<number>()
      for (let k = 0; k < total; k++) {
        const cell = cellOf === null ? 0 : cellOf[k]!
        if (cell < 0) continue
        const user = userCodes[list === null ? lo + k : list[k]!]!
        if (user < 0) continue
        const g = (cell / B) | 0
        const key = (g * users + user) * B + (cell - g * B)
        if (!seen.has(key)) {
          seen.add(key)
          distinct[cell]! += 1
        }
      }
    }
  }
  return finishCells(spec, acc)
}

/** The row-by-row path: every kind of grouping, including tags (a request counts under each). */
export function aggregateRowByRow(spec: AggregateSpec): Cells {
  const { store, rows, edges, groups: G, grouping, metrics } = spec
  const B = edges.length - 1
  const size = G * B
  const want = new Set(metrics)
  const needCount = want.has('requests') || want.has('avgLatencyMs') || want.has('p95LatencyMs')
  const needSuccess = want.has('successfulRequests') || want.has('failedRequests')
  const needInput = want.has('inputTokens') || want.has('totalTokens')
  const needCached = want.has('cachedInputTokens')
  const needOutput = want.has('outputTokens') || want.has('totalTokens')
  const needCost = want.has('cost')
  const needSavings = want.has('cacheSavings')
  const needCacheHits = want.has('cacheHits')
  const needLatency = want.has('avgLatencyMs')
  const needP95 = want.has('p95LatencyMs')
  const needDistinct = want.has('activeUsers')

  const count = new Float64Array(needCount || needSuccess ? size : 0)
  const success = new Float64Array(needSuccess ? size : 0)
  const input = new Float64Array(needInput ? size : 0)
  const cached = new Float64Array(needCached ? size : 0)
  const output = new Float64Array(needOutput ? size : 0)
  const costHi = new Float64Array(needCost ? size : 0)
  const costLo = new Float64Array(needCost ? size : 0)
  const savingsHi = new Float64Array(needSavings ? size : 0)
  const savingsLo = new Float64Array(needSavings ? size : 0)
  const cacheHits = new Float64Array(needCacheHits ? size : 0)
  const latency = new Float64Array(needLatency ? size : 0)
  const distinct = new Float64Array(needDistinct ? size : 0)

  const userCodes = store.codes.user
  const users = store.dictionaries.user.size
  const useStamps = needDistinct && G * users <= DISTINCT_STAMP_LIMIT
  const stamps = useStamps ? new Int32Array(G * users) : null
  const seen = needDistinct && !useStamps ? new Set<number>() : null

  // The cells a row counts in: one, or one per tag when grouped by tag.
  const multi = grouping?.dimension === 'tag'
  const groupCodes = grouping && !multi ? store.codes[grouping.dimension as CodedDimension] : null
  const map = grouping?.map ?? null
  const { ts, tagStart, tagCodes } = store
  const rowCells = new Int32Array(Math.max(1, G))
  // p95 needs every latency of a cell: collected as (cell, value) pairs only when asked for.
  const total = rowSetSize(rows)
  let p95Cells = new Int32Array(needP95 ? Math.max(1024, total) : 0)
  let p95Values = new Float64Array(needP95 ? Math.max(1024, total) : 0)
  let p95Count = 0

  let b = 0
  let bucketEnd = edges[1]!
  for (let k = 0; k < total; k++) {
    const i = rows.rows ? rows.rows[k]! : rows.lo + k
    const t = ts[i]!
    while (t >= bucketEnd && b < B - 1) bucketEnd = edges[++b + 1]!
    let count_ = 0
    if (map === null) rowCells[count_++] = b
    else if (groupCodes !== null) {
      const g = map[groupCodes[i]! + 1]!
      if (g >= 0) rowCells[count_++] = g * B + b
    } else {
      const from = tagStart[i]!
      const to = tagStart[i + 1]!
      if (from === to && map[0]! >= 0) rowCells[count_++] = map[0]! * B + b
      for (let j = from; j < to; j++) {
        const g = map[tagCodes[j]! + 1]!
        if (g < 0) continue
        // A request counts once under each of its tags; two tags folding into one group count once.
        const cell = g * B + b
        let seen = false
        for (let c = 0; c < count_ && !seen; c++) seen = rowCells[c] === cell
        if (!seen) rowCells[count_++] = cell
      }
    }
    for (let c = 0; c < count_; c++) {
      const cell = rowCells[c]!
      if (count.length) count[cell]! += 1
      if (needSuccess) success[cell]! += store.success[i]!
      if (needInput) input[cell]! += store.inputTokens[i]!
      if (needCached) cached[cell]! += store.cachedInputTokens[i]!
      if (needOutput) output[cell]! += store.outputTokens[i]!
      if (needCost) {
        costHi[cell]! += store.costHi[i]!
        costLo[cell]! += store.costLo[i]!
      }
      if (needSavings) {
        savingsHi[cell]! += store.savingsHi[i]!
        savingsLo[cell]! += store.savingsLo[i]!
      }
      if (needCacheHits) cacheHits[cell]! += store.cacheHit[i]!
      if (needLatency) latency[cell]! += store.latencyMs[i]!
      if (needP95) {
        if (p95Count === p95Cells.length) {
          const biggerCells = new Int32Array(p95Count * 2)
          biggerCells.set(p95Cells)
          p95Cells = biggerCells
          const biggerValues = new Float64Array(p95Count * 2)
          biggerValues.set(p95Values)
          p95Values = biggerValues
        }
        p95Cells[p95Count] = cell
        p95Values[p95Count++] = store.latencyMs[i]!
      }
      // A request made without a user (code -1) is nobody: it never counts as an active user.
      if (needDistinct && userCodes[i]! >= 0) {
        // Rows arrive in bucket order, so a (group, user) stamp of "last bucket counted" suffices.
        const g = (cell / B) | 0
        const user = userCodes[i]!
        if (stamps !== null) {
          const slot = g * users + user
          if (stamps[slot] !== b + 1) {
            stamps[slot] = b + 1
            distinct[cell]! += 1
          }
        } else {
          const key = (g * users + user) * B + b
          if (!seen!.has(key)) {
            seen!.add(key)
            distinct[cell]! += 1
          }
        }
      }
    }
  }

  return finishCells(spec, {
    count,
    success,
    input,
    cached,
    output,
    costHi,
    costLo,
    savingsHi,
    savingsLo,
    cacheHits,
    latency,
    distinct,
    p95Cells,
    p95Values,
    p95Count,
  })
}

function finishCells(spec: AggregateSpec, acc: Accumulators): Cells {
  const { metrics } = spec
  const { count, success, input, cached, output, costHi, costLo, savingsHi, savingsLo, cacheHits, latency, distinct, p95Cells, p95Values, p95Count } = acc
  const cells: Cells = new Map()
  for (const metric of metrics) {
    switch (metric) {
      case 'requests':
        cells.set(metric, count)
        break
      case 'successfulRequests':
        cells.set(metric, success)
        break
      case 'failedRequests':
        cells.set(metric, count.map((n, cell) => n - success[cell]!))
        break
      case 'inputTokens':
        cells.set(metric, input)
        break
      case 'cachedInputTokens':
        cells.set(metric, cached)
        break
      case 'outputTokens':
        cells.set(metric, output)
        break
      case 'totalTokens':
        cells.set(metric, input.map((n, cell) => n + output[cell]!))
        break
      case 'cost':
        cells.set(metric, costHi.map((hi, cell) => nanosToUnits(hi, costLo[cell]!)))
        break
      case 'cacheSavings':
        cells.set(metric, savingsHi.map((hi, cell) => microNanosToUnits(hi, savingsLo[cell]!)))
        break
      case 'cacheHits':
        cells.set(metric, cacheHits)
        break
      case 'activeUsers':
        cells.set(metric, distinct.map((n) => (n > 0 ? n : Number.NaN)))
        break
      case 'avgLatencyMs':
        cells.set(metric, latency.map((sum, cell) => (count[cell]! > 0 ? sum / count[cell]! : Number.NaN)))
        break
      case 'p95LatencyMs':
        cells.set(metric, percentileCells(p95Cells, p95Values, p95Count, count, 0.95))
        break
      default:
        break
    }
  }
  if (spec.meters) aggregateMeters(spec, cells)
  return cells
}

/** Exact nano-unit halves back to the currency unit (BigInt only past 2^53). */
function nanosToUnits(hi: number, lo: number): number {
  const nanos = hi * COST_SPLIT + lo
  if (Number.isSafeInteger(nanos)) return nanos / NANOS_PER_UNIT
  return fromNanos(BigInt(hi) * BigInt(COST_SPLIT) + BigInt(lo))
}

/** Exact savings halves (1e-15 of the unit) to the unit, rounded once to nano-units (see `cacheSavings`). */
function microNanosToUnits(hi: number, lo: number): number {
  return fromNanos(roundMicroNanos(BigInt(hi) * BigInt(COST_SPLIT) + BigInt(lo)))
}

function percentileCells(cellOf: Int32Array, valueOf: Float64Array, n: number, count: Float64Array, p: number): Float64Array {
  const size = count.length
  const offsets = new Int32Array(size + 1)
  for (let cell = 0; cell < size; cell++) offsets[cell + 1] = offsets[cell]! + count[cell]!
  const values = new Float64Array(offsets[size]!)
  const fill = offsets.slice(0, size)
  for (let k = 0; k < n; k++) values[fill[cellOf[k]!]!++] = valueOf[k]!
  const out = new Float64Array(size)
  for (let cell = 0; cell < size; cell++) {
    const from = offsets[cell]!
    const m = offsets[cell + 1]! - from
    out[cell] = m === 0 ? Number.NaN : selectKth(values, from, from + m - 1, from + Math.ceil(p * m) - 1)
  }
  return out
}

/** The k-th smallest of values[left..right] (inclusive), by quickselect in place: O(n), no full sort. */
function selectKth(values: Float64Array, left: number, right: number, k: number): number {
  let lo = left
  let hi = right
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!
    let i = lo
    let j = hi
    while (i <= j) {
      while (values[i]! < pivot) i++
      while (values[j]! > pivot) j--
      if (i <= j) {
        const swap = values[i]!
        values[i] = values[j]!
        values[j] = swap
        i++
        j--
      }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else return values[k]!
  }
  return values[k]!
}

function bucketIndex(edges: readonly number[], t: number): number {
  let lo = 0
  let hi = edges.length - 2
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (edges[mid]! <= t) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Meters spread pro rata over the buckets their interval covers; instants land in one bucket. */
function aggregateMeters(spec: AggregateSpec, cells: Cells): void {
  const { meters: m, edges, groups: G, grouping, metrics } = spec
  if (!m) return
  const B = edges.length - 1
  const store = m.store
  const targets = new Map<number, Float64Array>()
  for (const metric of metrics) {
    const code = store.meters.lookup(metric)
    if (code === undefined) {
      if (!cells.has(metric)) cells.set(metric, new Float64Array(G * B))
      continue
    }
    const values = new Float64Array(G * B)
    targets.set(code, values)
    cells.set(metric, values)
  }
  if (targets.size === 0) return
  const groupCodes =
    grouping && (METER_DIMENSIONS as readonly Dimension[]).includes(grouping.dimension)
      ? store.codes[grouping.dimension as keyof MeterStore['codes']]
      : null
  for (let k = 0; k < m.selected.length; k++) {
    const i = m.selected[k]!
    const values = targets.get(store.meter[i]!)
    if (!values) continue
    const g = grouping ? grouping.map[(groupCodes === null ? -1 : groupCodes[i]!) + 1]! : 0
    if (g < 0) continue
    const s = store.start[i]!
    const e = store.end[i]!
    const q = store.quantity[i]!
    if (e <= s) {
      if (s >= m.startMs && s < m.endMs) values[g * B + bucketIndex(edges, s)]! += q
      continue
    }
    const lo = Math.max(s, m.startMs)
    const hi = Math.min(e, m.endMs)
    if (hi <= lo) continue
    for (let b = bucketIndex(edges, lo); b < B && edges[b]! < hi; b++) {
      const overlap = Math.min(hi, edges[b + 1]!) - Math.max(lo, edges[b]!)
      if (overlap > 0) values[g * B + b]! += (q * overlap) / (e - s)
    }
  }
}
