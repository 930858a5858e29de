import { type Metric, RATIO_METRICS, isRatioMetric } from '@usagekit/core'
import type { SqlParameters } from './sqlParameters'
import { quoteIdentifier } from './sqlColumns'
import type { RollupSums } from './sqlRollup'
import type { SqlTable } from './sqlTable'
import { readCount, readMicroNanos, readMoney, readNumber } from './sqlValues'

/** The per-row columns metrics aggregate, as the `base` rows of every query carry them. */
export type BaseColumn = 'n' | 'uid' | 'ok' | 'inp' | 'cin' | 'outp' | 'tot' | 'cost' | 'lat' | 'hit' | 'sav'

const NEEDS: Record<string, BaseColumn[]> = {
  requests: [],
  successfulRequests: ['ok'],
  failedRequests: ['ok'],
  inputTokens: ['inp'],
  cachedInputTokens: ['cin'],
  outputTokens: ['outp'],
  totalTokens: ['tot'],
  cost: ['cost'],
  activeUsers: ['uid'],
  avgLatencyMs: ['lat'],
  p95LatencyMs: ['lat'],
  cacheHits: ['hit'],
  cacheSavings: ['sav'],
}

/** The metrics the SQL adapter answers itself (ratios are derived by core from these). */
export const SQL_METRICS = Object.keys(NEEDS)

/** The names of the `base` columns `metrics` need. */
export function baseColumnNames(metrics: readonly Metric[]): BaseColumn[] {
  const needed = new Set<BaseColumn>()
  for (const metric of metrics) {
    if (isRatioMetric(metric)) {
      const { numerator, denominator } = RATIO_METRICS[metric].ratio!
      for (const column of [...NEEDS[numerator]!, ...NEEDS[denominator]!]) needed.add(column)
    } else {
      for (const column of NEEDS[metric] ?? []) needed.add(column)
    }
  }
  return [...needed]
}

/** Whether `table` can answer `metrics` (a rollup holds only some sums; p95 needs every request). */
export function answers(table: SqlTable, metrics: readonly Metric[]): boolean {
  const sums = table.sums
  if (!sums) return true
  return metrics.every((metric) => {
    if (isRatioMetric(metric)) return answers(table, [RATIO_METRICS[metric].ratio!.numerator, RATIO_METRICS[metric].ratio!.denominator])
    switch (metric) {
      case 'requests':
        return true
      case 'successfulRequests':
      case 'failedRequests':
        return sums.successfulRequests !== undefined
      case 'totalTokens':
        return sums.totalTokens !== undefined || (sums.inputTokens !== undefined && sums.outputTokens !== undefined)
      case 'activeUsers':
        return table.has('userId') || table.users !== undefined
      case 'avgLatencyMs':
        return sums.latencyMs !== undefined
      case 'inputTokens':
      case 'cachedInputTokens':
      case 'outputTokens':
      case 'cost':
        return sums[metric as keyof RollupSums] !== undefined
      default:
        return false
    }
  })
}

/**
 * What prompt caching saves on each row, exact, in 1e-15 of the unit: cached tokens × the nano-units
 * its model saves per million (`cacheSavingsRates`), a CASE on the model with the model names bound as
 * parameters, as an exact decimal. Summed exactly like cost and rounded once when read (`readMicroNanos`).
 */
export interface SavingsSql {
  rates: ReadonlyMap<string, bigint>
  params: SqlParameters
}

function savingsColumn(table: SqlTable, savings: SavingsSql | undefined): string {
  if (!savings || savings.rates.size === 0 || !table.has('cachedInputTokens')) return '0 AS sav'
  const cached = `coalesce(${table.column('cachedInputTokens')}, 0)`
  const model = table.column('model')
  const branches = [...savings.rates].map(([name, rate]) => `WHEN ${model} = ${savings.params.add(name)} THEN ${cached} * ${rate.toString()}`)
  return `${table.dialect.money(`CASE ${branches.join(' ')} ELSE 0 END`)} AS sav`
}

/** The `base` columns `metrics` need, as `expression AS name` select items over alias `r`. */
export function baseColumns(table: SqlTable, metrics: readonly Metric[], savings?: SavingsSql): string[] {
  const d = table.dialect
  const sums = table.sums
  if (sums) {
    // A rollup row stands for `requests` requests: its sums are summed again, weighted by nothing.
    const rollupItems: Record<BaseColumn, () => string> = {
      n: () => `r.${quoteIdentifier(sums.requests)} AS n`,
      uid: () => (table.users === undefined ? `${table.column('userId')} AS uid` : `r.${quoteIdentifier(table.users)} AS uid`),
      ok: () => `r.${quoteIdentifier(sums.successfulRequests!)} AS ok`,
      inp: () => `r.${quoteIdentifier(sums.inputTokens!)} AS inp`,
      cin: () => `r.${quoteIdentifier(sums.cachedInputTokens!)} AS cin`,
      outp: () => `r.${quoteIdentifier(sums.outputTokens!)} AS outp`,
      tot: () =>
        sums.totalTokens !== undefined
          ? `r.${quoteIdentifier(sums.totalTokens)} AS tot`
          : `r.${quoteIdentifier(sums.inputTokens!)} + r.${quoteIdentifier(sums.outputTokens!)} AS tot`,
      cost: () => `${d.money(`r.${quoteIdentifier(sums.cost!)}`)} AS cost`,
      lat: () => `r.${quoteIdentifier(sums.latencyMs!)} AS lat`,
      // Never read: `answers` keeps gateway cache hits on the raw table.
      hit: () => '0 AS hit',
      // Never read: `answers` keeps priced metrics on the raw table (rollups keep no per-model tokens).
      sav: () => '0 AS sav',
    }
    const names = baseColumnNames(metrics)
    return ['n' as const, ...names.filter((name) => name !== 'n')].map((column) => rollupItems[column]())
  }
  const items: Record<BaseColumn, () => string> = {
    uid: () => `${table.column('userId')} AS uid`,
    ok: () => `CASE WHEN ${table.succeeded()} THEN 1 ELSE 0 END AS ok`,
    inp: () => `${table.column('inputTokens')} AS inp`,
    cin: () => (table.has('cachedInputTokens') ? `coalesce(${table.column('cachedInputTokens')}, 0) AS cin` : '0 AS cin'),
    outp: () => `${table.column('outputTokens')} AS outp`,
    tot: () => `${table.column('inputTokens')} + ${table.column('outputTokens')} AS tot`,
    n: () => '1 AS n',
    cost: () => `${d.money(table.column('cost'))} AS cost`,
    lat: () => `${table.column('latencyMs')} AS lat`,
    hit: () => `coalesce(${table.column('cacheHit')}, 0) AS hit`,
    sav: () => savingsColumn(table, savings),
  }
  return baseColumnNames(metrics).map((column) => items[column]())
}

/** The aggregate of one base metric over `base` rows, as the query returns it. */
export function aggregateSql(table: SqlTable, metric: Metric): string {
  const value = rankSql(table, metric)
  // Sums travel as text: exact in every driver (NUMERIC and BIGINT sums come back as strings or bigints).
  return isSumMetric(metric) ? table.dialect.text(value) : value
}

/** The SQL value of a metric over `base` rows, sortable (ratios divided in double precision, as core divides them). */
export function rankSql(table: SqlTable, metric: Metric): string {
  const d = table.dialect
  if (isRatioMetric(metric)) {
    const { numerator, denominator } = RATIO_METRICS[metric].ratio!
    return `${d.float(rankSql(table, numerator))} / nullif(${d.float(rankSql(table, denominator))}, 0)`
  }
  switch (metric) {
    case 'requests':
      return table.countSql
    case 'successfulRequests':
      return 'coalesce(sum(ok), 0)'
    case 'failedRequests':
      return `${table.countSql} - coalesce(sum(ok), 0)`
    case 'inputTokens':
      return 'coalesce(sum(inp), 0)'
    case 'cachedInputTokens':
      return 'coalesce(sum(cin), 0)'
    case 'outputTokens':
      return 'coalesce(sum(outp), 0)'
    case 'totalTokens':
      return 'coalesce(sum(tot), 0)'
    case 'cost':
      return 'coalesce(sum(cost), 0)'
    case 'activeUsers':
      // A rollup's user sets merge exactly; anything else counts the distinct keys of its rows.
      return table.users === undefined ? 'count(DISTINCT uid)' : d.userSets!.merge('uid')
    case 'cacheHits':
      return 'coalesce(sum(hit), 0)'
    case 'cacheSavings':
      return 'coalesce(sum(sav), 0)'
    case 'avgLatencyMs':
      return table.sums ? `${d.float('sum(lat)')} / nullif(${d.float('sum(n)')}, 0)` : d.float('avg(lat)')
    case 'p95LatencyMs':
      return d.float(d.p95('lat'))
    default:
      throw new TypeError(`The SQL adapter has no aggregate for metric "${metric}".`)
  }
}

/** Whether an empty cell of `metric` is 0 (sums) rather than `null` (a gap). */
export function isSumMetric(metric: Metric): boolean {
  return metric !== 'activeUsers' && metric !== 'avgLatencyMs' && metric !== 'p95LatencyMs'
}

/** A base metric's value from a result cell. */
export function readMetric(metric: Metric, value: unknown): number | null {
  switch (metric) {
    case 'cost':
      return readMoney(value, 'cost')
    case 'cacheSavings':
      return readMicroNanos(value, 'cacheSavings')
    case 'activeUsers': {
      const count = readCount(value, metric)
      return count > 0 ? count : null
    }
    case 'avgLatencyMs':
    case 'p95LatencyMs':
      return readNumber(value, metric)
    default:
      return readCount(value, metric)
  }
}

/** The value of an empty cell. */
export function emptyValue(metric: Metric): number | null {
  return isSumMetric(metric) ? 0 : null
}
