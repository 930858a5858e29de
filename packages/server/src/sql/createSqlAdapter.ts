import {
  type AdapterCapabilities,
  type BreakdownRow,
  type Dimension,
  DIMENSIONS,
  type Filters,
  type DimensionValue,
  type InstantInput,
  InvalidQueryError,
  type Metric,
  type MetricValues,
  NONE_KEY,
  NotFoundError,
  OTHER_KEY,
  OTHER_LABEL,
  PRICED_METRICS,
  type PriceTable,
  RATIO_METRICS,
  STANDARD_METRICS,
  type Series,
  type UsageAdapter,
  type UsageLimits,
  type UsageRecord,
  assertBreakdownQuery,
  assertDimensionValuesQuery,
  assertListRequestsQuery,
  assertMetrics,
  assertGetRequestQuery,
  assertTimeSeriesQuery,
  assertValidQuery,
  comparedPeriods,
  summaryNow,
  bucketBoundaries,
  cacheSavingsRates,
  decodeCursor,
  deriveMetricSeries,
  deriveMetricValues,
  encodeCursor,
  expandMetrics,
  isRatioMetric,
  limitsFromOptions,
  toEpochMs,
  toRequestDetail,
  toRequestSummary,
} from '@usagekit/core'
import { type OptionalRecordField, FIELD_CAPABILITIES, capabilitiesWithout } from '@usagekit/core'
import { SqlMappingError, checkColumns, checkLabelTables, describedTable } from './sqlCatalog'
import type { SqlColumnMapping } from './sqlColumnSpec'
import { type ResolvedColumns, quoteTableName, resolveColumns, tableParts } from './sqlColumns'
import { sqlDialect } from './dialects/sqlDialect'
import { type LabelContext, labelsSql } from './sqlLabels'
import { type SqlLabelSources, resolveLabelSources } from './sqlLabelSources'
import { type SqlRollup, keepsDimension, rollupTable } from './sqlRollup'
import { aggregateSql, answers, baseColumnNames, baseColumns, emptyValue, isSumMetric, rankSql, readMetric } from './sqlMetrics'
import { SqlParameters, type SqlStatementParams, type SqlValue } from './sqlParameters'
import { type SqlScope, SqlTable } from './sqlTable'
import { microsToIso, readCount, readJson, readMicros, readMoney, readNumber, readText } from './sqlValues'

export type SqlRow = Record<string, unknown>

/**
 * Runs one statement on the host's own client and resolves to its rows. PostgreSQL and DuckDB
 * statements have positional parameters (`$1`, `$2`, …) and receive an array; ClickHouse
 * statements have typed named ones (`{p1:String}`) and receive an object `{ p1: … }`, as
 * `@clickhouse/client`'s `query_params` and chdb's `queryBind` take it. pg's and PGlite's `query`
 * results (`{ rows }`) are accepted as they are.
 */
export type SqlExecute<Params extends SqlStatementParams = SqlStatementParams> = (
  sql: string,
  params: Params,
  options: { signal?: AbortSignal },
) => Promise<readonly SqlRow[] | { rows: readonly SqlRow[] }>

/** The engine, and the execute function its statements run through. */
export type SqlEngineOptions =
  | { dialect: 'postgres' | 'duckdb'; execute: SqlExecute<SqlValue[]> }
  | { dialect: 'clickhouse'; execute: SqlExecute<Record<string, SqlValue>> }

export type SqlAdapterOptions = SqlEngineOptions & SqlTableOptions

/** Everything but the engine: the table, its mapping, labels, limits, rollups. */
export interface SqlTableOptions {
  /** The request-log table (or view): `"name"`, `"schema.name"`, or its parts. Default `usage_requests`. */
  table?: string | readonly string[]
  /**
   * Which column holds each record field, and how (docs/sql.md, "Foreign schemas"): a name, `null`
   * (no such field), or a spec — a value inside a JSON column, a fallback, how timestamps, tags,
   * status and yes/no values are stored. Omitted fields use the reference schema's names; an
   * optional one the table lacks is dropped. Checked against the catalog before the first answer.
   */
  columns?: SqlColumnMapping
  /**
   * Read the table's columns from the catalog (PostgreSQL's pg_attribute, DuckDB's
   * information_schema) before the first answer, to check the mapping and learn how each column is
   * stored. Default true. `false` assumes the reference schema's types and reports nothing early.
   */
  checkCatalog?: boolean
  /** ISO 4217 code of the cost column. Default `USD`. */
  currency?: string
  /**
   * Input prices by model (per million tokens, in `currency`). With them the adapter offers
   * `cacheSavings` — what prompt caching saved — as a CASE on the model column, summed exactly and
   * rounded once to 1e-9 like the memory adapter (docs/spend-control.md). Models missing from the
   * table save nothing. Rollups do not answer it (they keep no tokens per model); the raw table does.
   * A malformed price is a `RangeError` at creation.
   */
  prices?: PriceTable
  /** Whether `getRequest` returns prompts and responses. Default true (when the table has them). */
  requestContent?: boolean
  /**
   * How much one query may ask for (filter values, buckets, cells, rows, range, page size): these
   * over `DEFAULT_LIMITS`, announced in `getCapabilities().limits` and enforced before any SQL runs.
   */
  limits?: Partial<UsageLimits>
  /** Largest `listRequests` page. Default 500. (`limits.maxPageSize` says the same and wins.) */
  maxPageSize?: number
  /** Longest range in days; default no limit. (`limits.maxRangeDays` says the same and wins.) */
  maxRangeDays?: number | null
  /**
   * The host's own tables that name users, teams, API keys, … (docs/sql.md, "Labels"). Without
   * one, a group's label is taken from the latest row the answer counts; with one, from the host's
   * table, LEFT JOINed (a key it lacks is shown as the key).
   */
  labels?: SqlLabelSources
  /** "Now", for flagging in-progress buckets as partial. Default the current time. */
  now?: () => InstantInput
  /**
   * Tables of sums the database keeps (docs/scale.md), tried in order: a summary, chart or
   * breakdown that fits one exactly reads it instead of the raw table.
   */
  rollups?: readonly SqlRollup[]
}

const CONTENT_FIELDS = ['systemPrompt', 'prompt', 'completion', 'request', 'response'] as const

/** The optional fields a resolved mapping has no column for (what the adapter then does not offer). */
function mappedAbsent(columns: ResolvedColumns): OptionalRecordField[] {
  return (Object.keys(FIELD_CAPABILITIES) as OptionalRecordField[]).filter((field) => columns[field as keyof ResolvedColumns] === null)
}

/** A stored request or response payload; NULL, JSON null and `{}` are none. */
function payload(value: unknown): unknown {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return undefined
  return value
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')
}

/**
 * A usagekit adapter over a request-log table in PostgreSQL (server or PGlite) or DuckDB: every
 * method is one parameterised statement run through the host's own client. See docs/adapter.md
 * ("SQL adapter") and `referenceSchema` for the table it expects.
 */
export function createSqlAdapter(options: SqlAdapterOptions): UsageAdapter {
  const dialect = sqlDialect(options.dialect, 'createSqlAdapter')
  if (typeof options.execute !== 'function') {
    throw new TypeError('createSqlAdapter: execute(sql, params) must be a function that runs a statement on your client.')
  }
  // The dialect's params shape is the one its execute takes (an array, or ClickHouse's object).
  const execute = options.execute as SqlExecute
  const mapped = resolveColumns(options.columns)
  const tableOption = options.table ?? 'usage_requests'
  const tableName = quoteTableName(tableOption)
  const now = () => (options.now ? toEpochMs(options.now()) : Date.now())
  const rollups = (options.rollups ?? []).map((rollup, index) => rollupTable(dialect, rollup, `createSqlAdapter: rollups[${index}]`))
  const limits = limitsFromOptions(options, 'createSqlAdapter')
  const savingsRates = options.prices === undefined ? null : cacheSavingsRates(options.prices)
  // Checked now against the mapping alone (a field mapped to null has no dimension); again once the catalog is read.
  resolveLabelSources(
    options.labels,
    capabilitiesWithout({ metrics: [], dimensions: [...DIMENSIONS], currency: 'USD', requestContent: false, limits }, mappedAbsent(mapped)).dimensions,
  )

  /** The table, what it can answer, and its label sources, once the mapping is checked against the catalog. */
  function plan(columns: ResolvedColumns, qualified: { table: string; labels: Partial<Record<string, string>> } = { table: tableName, labels: {} }) {
    const table = new SqlTable(dialect, qualified.table, columns)
    const lacks = mappedAbsent(columns)
    const capabilities: AdapterCapabilities = capabilitiesWithout(
      {
        metrics: [...Object.values(STANDARD_METRICS), ...(savingsRates ? [PRICED_METRICS.cacheSavings] : [])],
        dimensions: [...DIMENSIONS],
        currency: options.currency ?? 'USD',
        requestContent: (options.requestContent ?? true) && CONTENT_FIELDS.some((field) => table.has(field)),
        limits,
      },
      lacks,
    )
    let labelSources: ReturnType<typeof resolveLabelSources>
    try {
      labelSources = resolveLabelSources(options.labels, capabilities.dimensions)
      for (const [dimension, name] of Object.entries(qualified.labels)) {
        const source = labelSources[dimension as keyof typeof labelSources]
        if (source && name) source.table = name
      }
    } catch (error) {
      throw new SqlMappingError([(error as Error).message.replace(/^createSqlAdapter: /, '')])
    }
    return { table, capabilities, labelSources }
  }

  let planned: ReturnType<typeof plan> | null = options.checkCatalog === false ? plan(checkColumns(mapped, null, tableName)) : null
  let planning: Promise<ReturnType<typeof plan>> | null = null

  /** Reads the catalog once (a failure is not kept: the next call tries again) and plans the table. */
  async function ready(signal: AbortSignal | undefined): Promise<void> {
    if (planned) return
    planning ??= (async () => {
      const describeTable = async (table: string | readonly string[]) => {
        const params = new SqlParameters(dialect)
        const sql = dialect.describeTable(quoteTableName(table), tableParts(table), params)
        const result = await execute(dialect.statement(sql), params.values, {})
        return describedTable(dialect, Array.isArray(result) ? result : (result as { rows: readonly SqlRow[] }).rows, quoteTableName(table))
      }
      const { columns, name: qualifiedTable, readable } = await describeTable(tableOption)
      if (columns.size === 0) {
        throw new SqlMappingError([
          `table ${tableName} was not found (or has no columns) in the database the execute function reaches. Names are taken literally, ` +
            `case included ("LiteLLM_SpendLogs" is not "litellm_spendlogs"); give the schema as 'schema.table' or ['schema', 'table'] when it is not on the search path.`,
        ])
      }
      if (!readable) throw new SqlMappingError([`the connection may not read ${tableName}: GRANT SELECT ON ${tableName} TO the role execute connects as.`])
      const checked = checkColumns(mapped, columns, tableName)
      const qualifiedLabels = await checkLabelTables(options.labels, describeTable)
      return plan(checked, { table: qualifiedTable, labels: qualifiedLabels })
    })().finally(() => {
      planning = null
    })
    const pending = planning
    throwIfAborted(signal)
    planned = await pending
  }

  // Set by `ready()` before any method reads them.
  let table: SqlTable
  let capabilities: AdapterCapabilities
  let labelSources: ReturnType<typeof resolveLabelSources>
  async function prepare(signal: AbortSignal | undefined): Promise<void> {
    throwIfAborted(signal)
    await ready(signal)
    ;({ table, capabilities, labelSources } = planned!)
  }

  /** Labels read the answer's own rows (range and filters) or the host's label tables, nothing else. */
  function labelContext(scope: SqlScope, params: SqlParameters, source: SqlTable, latestTimes?: string): LabelContext {
    return { scope, params, sources: labelSources, ...(source !== table ? { rollup: source } : {}), ...(latestTimes ? { latestTimes } : {}) }
  }

  /**
   * Whether a grouping pass by `dimension` over `source` keeps each key's newest timestamp (column
   * `last`) for the label lookup: on a dialect that takes it, over the request table itself, for a
   * dimension labelled from its latest row (a user without a host label table).
   */
  function keepsNewest(dimension: Dimension, source: SqlTable): boolean {
    return dialect.latestFromGroups && source === table && dimension === 'user' && !labelSources.user
  }
  /**
   * Each key with its newest timestamp, from a CTE with columns `g` and `last` holding exactly the
   * keys of `keys` (a filter on `keys` there kept ClickHouse from using the pairs on its primary index).
   */
  const latestTimesFrom = (cte: string) => `SELECT g, last AS t FROM ${cte}`

  async function query(sql: string, params: SqlParameters, signal: AbortSignal | undefined): Promise<readonly SqlRow[]> {
    throwIfAborted(signal)
    const result = await execute(dialect.statement(sql), params.values, { signal })
    throwIfAborted(signal)
    return Array.isArray(result) ? result : (result as { rows: readonly SqlRow[] }).rows
  }

  // ---------------------------------------------------------------- building blocks

  interface BaseOptions {
    scope: SqlScope
    metrics: readonly Metric[]
    /** Adds `g`, the group key ('__none__' for rows without one; one row per tag for `tag`). */
    dimension?: Dimension
    /** Adds `b`, the bucket index over these bound edges. */
    edges?: readonly string[]
    /** Adds `model`. */
    model?: boolean
    /** Adds `ts` (for trends computed later, or each key's newest timestamp). */
    ts?: boolean
  }

  interface SourceNeeds {
    metrics: readonly Metric[]
    filters?: Filters
    /** Dimensions grouped by or read (breakdown models). */
    dimensions: readonly Dimension[]
    /** Instants (ms) the answer splits at: range bounds and bucket edges. */
    instants: readonly number[]
  }

  /** The first rollup that answers exactly what is asked, else the raw table. */
  function sourceFor(needs: SourceNeeds): SqlTable {
    const filtered = Object.entries(needs.filters ?? {})
      .filter(([, values]) => Array.isArray(values) && values.length > 0)
      .map(([dimension]) => dimension as Dimension)
    for (const rollup of rollups) {
      if (!answers(rollup, needs.metrics)) continue
      if (![...filtered, ...needs.dimensions].every((dimension) => keepsDimension(rollup, dimension))) continue
      if (!needs.instants.every((ms) => ms % rollup.slotMs! === 0)) continue
      return rollup
    }
    return table
  }

  /** `SELECT … FROM table WHERE range AND filters`: one row per request (per tag when grouped by tag), or per rollup row. */
  function baseSql(params: SqlParameters, base: BaseOptions, source: SqlTable = table): string {
    const table = source
    const items = baseColumns(table, base.metrics, savingsRates ? { rates: savingsRates, params } : undefined)
    const where = table.where(base.scope, params)
    if (base.edges) items.push(`${table.bucketIndex(base.edges, params)} AS b`)
    if (base.model) items.push(`${table.column('model')} AS model`)
    if (base.ts) items.push(`${table.column('timestamp')} AS ts`)
    if (base.dimension === 'tag') {
      items.push(`${table.column('id')} AS id`, `coalesce(nullif(r.usagekit_tag, ''), '${NONE_KEY}') AS g`)
      // A request counts once under each of its tags (DISTINCT drops a tag listed twice).
      return (
        `SELECT DISTINCT ${items.join(', ')} FROM (SELECT r.*, ${dialect.eachTag(dialect.tagsOrNone(table.tags(), `'${NONE_KEY}'`))} AS usagekit_tag ` +
        `FROM ${table.name} r WHERE ${where}) r`
      )
    }
    if (base.dimension) items.push(`coalesce(${table.key(base.dimension)}, '${NONE_KEY}') AS g`)
    if (items.length === 0) items.push('1 AS one')
    return `SELECT ${items.join(', ')} FROM ${table.name} r WHERE ${where}`
  }

  function isoRange(startMs: number, endMs: number): { start: string; end: string } {
    return { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() }
  }

  function edgesOf(buckets: readonly { start: string; end: string }[]): string[] {
    return [...buckets.map((bucket) => bucket.start), buckets[buckets.length - 1]!.end]
  }

  function readValues(row: SqlRow, metrics: readonly Metric[]): Record<string, number | null> {
    const values: Record<string, number | null> = {}
    metrics.forEach((metric, i) => {
      values[metric] = readMetric(metric, row[`m${i}`])
    })
    return values
  }

  function aggregates(source: SqlTable, metrics: readonly Metric[], prefix = 'm'): string {
    return metrics.map((metric, i) => `${aggregateSql(source, metric)} AS ${prefix}${i}`).join(', ')
  }

  /** A metric over cells of partial sums (`partial(metric)` names each sum's column): ratios from their sums. */
  function totalOfPartials(metric: Metric, partial: (metric: Metric) => string): string {
    if (!isRatioMetric(metric)) return `sum(${partial(metric)})`
    const { numerator, denominator } = RATIO_METRICS[metric].ratio!
    return `${dialect.float(totalOfPartials(numerator, partial))} / nullif(${dialect.float(totalOfPartials(denominator, partial))}, 0)`
  }

  function orderBy(valueSql: string, direction: 'asc' | 'desc', key = 'g'): string {
    return `${valueSql} ${direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, ${dialect.binary(key)} ASC`
  }

  /** A record from a `recordColumns` row, as the memory adapter stores it. */
  function recordOf(row: SqlRow): UsageRecord {
    const timestamp = microsToIso(readMicros(row.ts_us))
    const costBreakdown = readJson(row.cost_breakdown)
    const metadata = readJson(row.metadata)
    const record: UsageRecord = {
      id: readText(row.id)!,
      timestamp,
      // Empty means none: the column expressions read '' as NULL, and a request without a user has ''.
      userId: readText(row.user_id) ?? '',
      userName: readText(row.user_name),
      userEmail: readText(row.user_email),
      team: readText(row.team) || null,
      apiKey: readText(row.api_key) || null,
      apiKeyName: readText(row.api_key_name),
      tags: ((readJson(row.tags) as string[] | null) ?? []).filter((tag) => tag !== ''),
      application: readText(row.application) || null,
      agent: readText(row.agent) || null,
      customer: readText(row.customer) || null,
      provider: readText(row.provider)!,
      model: readText(row.model)!,
      status: readText(row.status) === 'success' ? 'success' : 'error',
      inputTokens: readCount(row.input_tokens),
      cachedInputTokens: readCount(row.cached_input_tokens),
      outputTokens: readCount(row.output_tokens),
      cost: readMoney(row.cost),
      latencyMs: readNumber(row.latency_ms) ?? 0,
      ttftMs: readNumber(row.ttft_ms),
      errorMessage: readText(row.error_message),
    }
    if (row.call_type !== undefined) {
      const optional = {
        callType: readText(row.call_type) ?? undefined,
        modelId: readText(row.model_id) ?? undefined,
        apiBase: readText(row.api_base),
        ip: readText(row.ip),
        overheadMs: readNumber(row.overhead_ms),
        retries: row.retries === null || row.retries === undefined ? undefined : readCount(row.retries),
        cacheHit: row.cache_hit === null || row.cache_hit === undefined ? undefined : readCount(row.cache_hit) === 1,
        costBreakdown: Array.isArray(costBreakdown) ? costBreakdown : undefined,
        systemPrompt: readText(row.system_prompt),
        prompt: readText(row.prompt),
        completion: readText(row.completion),
        // An empty object is no payload (LiteLLM writes {} when it keeps no content).
        request: payload(readJson(row.request)),
        response: payload(readJson(row.response)),
        metadata: metadata && typeof metadata === 'object' ? (metadata as UsageRecord['metadata']) : undefined,
      }
      Object.assign(record, optional)
    }
    return record
  }

  /**
   * A request's user or key name from the host's label table (the first by value where a key is
   * listed twice, as labels take the first by label), falling back to `fallback` (the log's own).
   */
  function hostNamed(dimension: 'user' | 'apiKey', field: 'label' | 'secondary', fallback: string): string {
    const source = labelSources[dimension]
    const column = source?.[field]
    if (!source || !column) return fallback
    const key = table.lookupKey(dimension)
    return `coalesce((SELECT min(${dialect.text(`h.${column}`)}) FROM ${source.table} h WHERE h.${source.key} = ${key}), ${fallback})`
  }

  /** The columns `recordOf` reads; with `detail`, the drawer's too, and the content ones only when `content`. */
  function recordColumns(detail: boolean, content = false): string {
    const text = (field: Parameters<SqlTable['column']>[0], name: string) => `${table.column(field)} AS ${name}`
    const items = [
      text('id', 'id'),
      `${table.epochMicros()} AS ts_us`,
      text('userId', 'user_id'),
      // Names from the host's tables where it keeps them, as breakdowns show them; else the log's own.
      `${hostNamed('user', 'label', table.column('userName'))} AS user_name`,
      `${hostNamed('user', 'secondary', table.column('userEmail'))} AS user_email`,
      text('team', 'team'),
      text('apiKey', 'api_key'),
      `${hostNamed('apiKey', 'label', table.column('apiKeyName'))} AS api_key_name`,
      `${dialect.json(table.tags())} AS tags`,
      text('application', 'application'),
      text('agent', 'agent'),
      text('customer', 'customer'),
      text('provider', 'provider'),
      text('model', 'model'),
      text('status', 'status'),
      `${dialect.text(table.column('inputTokens'))} AS input_tokens`,
      table.has('cachedInputTokens') ? `${dialect.text(table.column('cachedInputTokens'))} AS cached_input_tokens` : '0 AS cached_input_tokens',
      `${dialect.text(table.column('outputTokens'))} AS output_tokens`,
      `${dialect.text(dialect.money(table.column('cost')))} AS cost`,
      text('latencyMs', 'latency_ms'),
      text('ttftMs', 'ttft_ms'),
      text('errorMessage', 'error_message'),
    ]
    if (detail) {
      const json = (field: Parameters<SqlTable['column']>[0], name: string) =>
        `${table.has(field) ? dialect.text(table.column(field)) : dialect.nullText} AS ${name}`
      items.push(
        text('callType', 'call_type'),
        text('modelId', 'model_id'),
        text('apiBase', 'api_base'),
        text('ip', 'ip'),
        text('overheadMs', 'overhead_ms'),
        text('retries', 'retries'),
        text('cacheHit', 'cache_hit'),
        json('costBreakdown', 'cost_breakdown'),
        json('metadata', 'metadata'),
        // Content the viewer may not see is never read out of the database.
        content ? text('systemPrompt', 'system_prompt') : `${dialect.nullText} AS system_prompt`,
        content ? text('prompt', 'prompt') : `${dialect.nullText} AS prompt`,
        content ? text('completion', 'completion') : `${dialect.nullText} AS completion`,
        content ? json('request', 'request') : `${dialect.nullText} AS request`,
        content ? json('response', 'response') : `${dialect.nullText} AS response`,
      )
    }
    return items.join(', ')
  }

  // ---------------------------------------------------------------- the adapter

  return {
    async getCapabilities(params = {}) {
      await prepare(params.signal)
      return structuredClone(capabilities)
    },

    async getSummary(params) {
      await prepare(params.signal)
      assertValidQuery(params, capabilities)
      assertMetrics(params.metrics, capabilities)
      const metrics = expandMetrics(params.metrics)
      // Equal elapsed time: while the range runs, both periods stop at the same point (core's rule).
      const { current, previous } = comparedPeriods(params.range, summaryNow(params))
      const from = params.compareToPrevious ? previous.startMs : current.startMs
      const instants = params.compareToPrevious ? [previous.startMs, previous.endMs, current.startMs, current.endMs] : [current.startMs, current.endMs]
      const sql = new SqlParameters(dialect)
      const source = sourceFor({ metrics, filters: params.filters, dimensions: [], instants })
      const base = baseSql(sql, { scope: { ...isoRange(from, current.endMs), filters: params.filters }, metrics, ts: true }, source)
      const currentStart = source.instant(new Date(current.startMs).toISOString(), sql)
      // One scan answers both periods: rows from `start` are the current one, rows before the
      // previous period's elapsed end the previous one, and the rest of that period (2) is not compared.
      const gap = previous.endMs < current.startMs ? `WHEN base.ts < ${source.instant(new Date(previous.endMs).toISOString(), sql)} THEN 0 ELSE 2` : 'ELSE 0'
      const statement =
        `SELECT CASE WHEN base.ts >= ${currentStart} THEN 1 ${gap} END AS period, ${aggregates(source, metrics)} ` +
        `FROM (${base}) base GROUP BY 1`
      const rows = await query(statement, sql, params.signal)
      const periodValues = (period: number) => {
        const row = rows.find((candidate) => readCount(candidate.period) === period)
        const values = row ? readValues(row, metrics) : Object.fromEntries(metrics.map((metric) => [metric, emptyValue(metric)]))
        return deriveMetricValues(values, params.metrics)
      }
      const result: { totals: MetricValues; previous?: MetricValues } = { totals: periodValues(1) }
      if (params.compareToPrevious) result.previous = periodValues(0)
      return result
    },

    async getTimeSeries(params) {
      await prepare(params.signal)
      const { startMs, endMs } = assertTimeSeriesQuery(params, capabilities)
      const buckets = bucketBoundaries(params.range, params.bucket, params.timeZone, { now: now() })
      const B = buckets.length
      const metrics = expandMetrics(params.metrics)
      const scope = { ...isoRange(startMs, endMs), filters: params.filters }
      const sql = new SqlParameters(dialect)
      const dimension = params.groupBy
      const source = sourceFor({
        metrics: [...metrics, params.metrics[0]!],
        filters: params.filters,
        dimensions: dimension === undefined ? [] : [dimension],
        instants: [startMs, endMs, ...buckets.map((bucket) => Date.parse(bucket.start)), Date.parse(buckets[B - 1]!.end)],
      })
      const empty = () => Object.fromEntries(metrics.map((metric) => [metric, Array.from({ length: B }, () => emptyValue(metric))]))

      if (dimension === undefined) {
        const base = baseSql(sql, { scope, metrics, edges: edgesOf(buckets) }, source)
        const rows = await query(`SELECT b, ${aggregates(source, metrics)} FROM (${base}) base GROUP BY b`, sql, params.signal)
        const values: Record<string, (number | null)[]> = empty()
        for (const row of rows) {
          const b = readCount(row.b)
          const cell = readValues(row, metrics)
          for (const metric of metrics) values[metric]![b] = cell[metric]!
        }
        return { buckets, series: [{ key: 'total', label: 'Total', values: deriveMetricSeries(values, params.metrics, B) }] }
      }

      const base = baseSql(sql, { scope, metrics: [...metrics, params.metrics[0]!], dimension, edges: edgesOf(buckets) }, source)
      const limit = params.limit === undefined ? null : sql.add(params.limit, 'integer')
      const inTop = limit === null ? 'TRUE' : `ranked.rn <= ${dialect.integer(limit)}`
      const other = limit === null ? 'ranked.rn' : `${dialect.integer(limit)} + 1`
      const rankMetric = params.metrics[0]!
      const partials = expandMetrics([...metrics, rankMetric])
      // Sums add up again from (group, bucket) cells: one pass over the rows instead of two.
      // Distinct users and p95 do not, and two tags folding into __other__ must count a request once.
      const additive = dimension !== 'tag' && partials.every(isSumMetric)
      // Each plan gives its CTEs up to `ranked` (groups ranked by the first metric over the whole
      // range, ties by key) and its `cells`, per (series, bucket) with the rest folded into __other__.
      let ranking: string[]
      let cells: string
      if (additive) {
        const partial = (metric: Metric) => `p${partials.indexOf(metric)}`
        const total = (metric: Metric) => totalOfPartials(metric, partial)
        ranking = [
          `${dialect.reusedCte('partials')} (SELECT g, b, ${partials.map((metric) => `${rankSql(source, metric)} AS ${partial(metric)}`).join(', ')} FROM base GROUP BY g, b),`,
          `${dialect.reusedCte('ranked')} (SELECT g, row_number() OVER (ORDER BY ${orderBy(total(rankMetric), 'desc')}) AS rn FROM partials GROUP BY g),`,
        ]
        cells =
          `cells AS (SELECT CASE WHEN ${inTop} THEN partials.g ELSE '${OTHER_KEY}' END AS s, CASE WHEN ${inTop} THEN ranked.rn ELSE ${other} END AS sr, ` +
          `partials.b, ${metrics.map((metric, i) => `${dialect.text(`sum(${partial(metric)})`)} AS m${i}`).join(', ')} ` +
          `FROM partials JOIN ranked ON ranked.g = partials.g GROUP BY 1, 2, 3)`
      } else {
        // Two tags folding into __other__ count a request once: DISTINCT over the request, not its tag.
        const carried = [...(dimension === 'tag' ? ['id'] : []), 'b', ...(source.sums ? ['n'] : []), ...baseColumnNames(partials).filter((name) => name !== 'n')]
          .map((name) => `base.${name}`)
          .join(', ')
        const distinct = dimension === 'tag' ? 'DISTINCT ' : ''
        ranking = [
          `${dialect.reusedCte('ranked')} (SELECT g, row_number() OVER (ORDER BY ${orderBy(rankSql(source, rankMetric), 'desc')}) AS rn FROM base GROUP BY g),`,
          `mapped AS (SELECT ${distinct}CASE WHEN ${inTop} THEN base.g ELSE '${OTHER_KEY}' END AS s, ` +
            `CASE WHEN ${inTop} THEN ranked.rn ELSE ${other} END AS sr, ${carried} FROM base JOIN ranked ON ranked.g = base.g),`,
        ]
        cells = `cells AS (SELECT s, sr, b, ${aggregates(source, metrics)} FROM mapped GROUP BY s, sr, b)`
      }
      const statement = [
        `WITH base AS (${base}),`,
        ...ranking,
        `${dialect.reusedCte('keys')} (SELECT g FROM ranked WHERE ${inTop}),`,
        `labels AS (${labelsSql(table, dimension, labelContext(scope, sql, source))}),`,
        cells,
        `SELECT cells.*, labels.label AS label FROM cells LEFT JOIN labels ON labels.g = cells.s ORDER BY cells.sr, cells.b`,
      ].join('\n')
      const rows = await query(statement, sql, params.signal)
      const series: Series[] = []
      let current: { key: string; label: string; values: Record<string, (number | null)[]> } | null = null
      for (const row of rows) {
        const key = readText(row.s)!
        if (current === null || current.key !== key) {
          current = { key, label: key === OTHER_KEY ? OTHER_LABEL : (readText(row.label) ?? key), values: empty() }
          series.push({ key: current.key, label: current.label, values: current.values })
        }
        const b = readCount(row.b)
        const cell = readValues(row, metrics)
        for (const metric of metrics) current.values[metric]![b] = cell[metric]!
      }
      for (const entry of series) entry.values = deriveMetricSeries(entry.values, params.metrics, B)
      return { buckets, series }
    },

    async getBreakdown(params) {
      await prepare(params.signal)
      const { startMs, endMs, sort } = assertBreakdownQuery(params, capabilities)
      const dimension = params.groupBy
      const metrics = expandMetrics(params.metrics)
      const trendMetrics = params.trend ? expandMetrics([params.trend.metric]) : []
      const sql = new SqlParameters(dialect)
      const trendBuckets = params.trend ? bucketBoundaries(params.range, params.trend.bucket, params.timeZone, { now: now() }) : []
      const source = sourceFor({
        metrics: [...metrics, sort.metric, ...trendMetrics],
        filters: params.filters,
        dimensions: dimension === 'model' ? [dimension] : [dimension, 'model'],
        instants: [startMs, endMs, ...(params.trend ? edgesOf(trendBuckets).map((edge) => Date.parse(edge)) : [])],
      })
      const scope = { ...isoRange(startMs, endMs), filters: params.filters }
      const withModels = dimension !== 'model'
      const partials = expandMetrics([...metrics, sort.metric, ...trendMetrics, ...(withModels ? (['requests'] as Metric[]) : [])])
      // Sums add up again from (group, model, trend bucket) cells: one pass over the rows instead of
      // one each for the totals, the models and the trend, where the engine hashes cells well.
      const additive = dialect.breakdownCells && dimension !== 'tag' && partials.every(isSumMetric)
      const partial = (metric: Metric) => `p${partials.indexOf(metric)}`
      const trendEdges = params.trend ? edgesOf(trendBuckets) : undefined
      const newest = additive && keepsNewest(dimension, source)
      const base = baseSql(
        sql,
        {
          scope,
          metrics: additive ? partials : [...metrics, sort.metric, ...trendMetrics],
          dimension,
          model: withModels,
          ...(additive ? { edges: trendEdges, ts: newest } : { ts: params.trend !== undefined }),
        },
        source,
      )
      const needle = params.search?.trim().toLowerCase() ?? ''
      const offset = sql.add(params.offset ?? 0, 'integer')
      const limit = params.limit === undefined ? null : sql.add(params.limit, 'integer')
      const cellKeys = ['g', ...(withModels ? ['model'] : []), ...(trendEdges ? ['b'] : [])].join(', ')
      const grouped = additive
        ? `${dialect.reusedCte('partials')} (SELECT ${cellKeys}, ${partials.map((metric) => `${rankSql(source, metric)} AS ${partial(metric)}`).join(', ')}${newest ? ', max(ts) AS last' : ''} FROM base GROUP BY ${cellKeys}),\n` +
          `${dialect.reusedCte('grouped')} (SELECT g, ${metrics.map((metric, i) => `${dialect.text(`sum(${partial(metric)})`)} AS m${i}`).join(', ')}, ` +
          `${totalOfPartials(sort.metric, partial)} AS v${newest ? ', max(last) AS last' : ''} FROM partials GROUP BY g),`
        : `${dialect.reusedCte('grouped')} (SELECT g, ${aggregates(source, metrics)}, ${rankSql(source, sort.metric)} AS v FROM base GROUP BY g),`
      const groupedColumns = ['g', ...metrics.map((_, i) => `m${i}`), 'v'].map((column) => `grouped.${column}`).join(', ')
      const page =
        `page AS (SELECT matched.*, row_number() OVER (ORDER BY ${orderBy('v', sort.direction)}) AS pos FROM matched ` +
        `ORDER BY pos${limit === null ? '' : ` LIMIT ${dialect.integer(limit)}`} OFFSET ${dialect.integer(offset)})`
      // A search matches labels, so every group is labelled first; otherwise only the page is.
      const parts =
        needle === ''
          ? [
              `WITH base AS (${base}),`,
              grouped,
              `matched AS (SELECT * FROM grouped),`,
              `${page},`,
              `keys AS (SELECT g FROM page),`,
              `labels AS (${labelsSql(table, dimension, labelContext(scope, sql, source, newest ? latestTimesFrom('page') : undefined))})`,
            ]
          : [
              `WITH base AS (${base}),`,
              grouped,
              `keys AS (SELECT g FROM grouped),`,
              `labels AS (${labelsSql(table, dimension, labelContext(scope, sql, source, newest ? latestTimesFrom('grouped') : undefined))}),`,
              `matched AS (SELECT ${groupedColumns}, l.label AS label, l.secondary AS secondary, l.team AS team FROM grouped JOIN labels l ON l.g = grouped.g ` +
                `WHERE ${table.search(needle, ['l.label', 'l.secondary', 'l.team', 'grouped.g'], sql)}),`,
              page,
            ]
      let extraColumns = needle === '' ? ', labels.label AS label, labels.secondary AS secondary, labels.team AS team' : ''
      let extraJoins = needle === '' ? ' LEFT JOIN labels ON labels.g = page.g' : ''
      if (dimension !== 'model') {
        // Models per row, most requests first (ties by name): the first three are shown, the count says "+N".
        parts[parts.length - 1] += ','
        parts.push(
          additive
            ? `model_counts AS (SELECT g, model, sum(${partial('requests')}) AS n FROM partials WHERE g IN (SELECT g FROM page) GROUP BY g, model),`
            : `model_counts AS (SELECT base.g, base.model, ${source.countSql} AS n FROM base WHERE base.g IN (SELECT g FROM page) GROUP BY base.g, base.model),`,
          `models AS (SELECT g, ${dialect.jsonArray('model', `n DESC, ${dialect.binary('model')}`)} AS list FROM model_counts GROUP BY g)`,
        )
        extraColumns += ', models.list AS models'
        extraJoins += ' LEFT JOIN models ON models.g = page.g'
      }
      if (params.trend) {
        parts[parts.length - 1] += ','
        parts.push(
          additive
            ? `trend_cells AS (SELECT g, b, ${trendMetrics.map((metric, i) => `${dialect.text(`sum(${partial(metric)})`)} AS t${i}`).join(', ')} ` +
                `FROM partials WHERE g IN (SELECT g FROM page) GROUP BY g, b),`
            : `trend_cells AS (SELECT base.g, ${source.bucketIndex(edgesOf(trendBuckets), sql, 'base.ts')} AS b, ${aggregates(source, trendMetrics, 't')} ` +
                `FROM base WHERE base.g IN (SELECT g FROM page) GROUP BY base.g, 2),`,
          `trends AS (SELECT g, ${dialect.jsonArray(dialect.tuple(['b', ...trendMetrics.map((_, i) => `t${i}`)]), 'b')} AS cells ` +
            `FROM trend_cells GROUP BY g)`,
        )
        extraColumns += ', trends.cells AS trend'
        extraJoins += ' LEFT JOIN trends ON trends.g = page.g'
      }
      // The page's columns by name: `page.*` beside other tables with a `g` is `page.g` on ClickHouse.
      const pageColumns = ['g', ...metrics.map((_, i) => `m${i}`), 'v', ...(needle === '' ? [] : ['label', 'secondary', 'team']), 'pos']
        .map((name) => `page.${name} AS ${name}`)
        .join(', ')
      const statement =
        `${parts.join('\n')}\n` +
        `SELECT counted.total, ${pageColumns}${extraColumns} FROM (SELECT count(*) AS total FROM matched) counted ` +
        `LEFT JOIN page ON TRUE${extraJoins} ORDER BY page.pos`
      const rows = await query(statement, sql, params.signal)
      const total = rows.length > 0 ? readCount(rows[0]!.total) : 0
      const result: BreakdownRow[] = []
      for (const row of rows) {
        if (row.g === null || row.g === undefined) continue
        // deriveMetricValues answers exactly the metrics asked (ratios derived, the sort metric dropped).
        const values = deriveMetricValues(readValues(row, metrics), params.metrics)
        const entry: BreakdownRow = { key: readText(row.g)!, label: readText(row.label) ?? readText(row.g)!, metrics: values }
        const secondary = readText(row.secondary)
        if (secondary !== null) entry.secondary = secondary
        const team = readText(row.team)
        if (team !== null && dimension === 'user') entry.team = team
        if (dimension !== 'model') {
          const models = (readJson(row.models) as string[] | null) ?? []
          entry.models = models.slice(0, 3)
          entry.modelCount = models.length
        }
        if (params.trend) {
          const values = Object.fromEntries(trendMetrics.map((metric) => [metric, Array.from({ length: trendBuckets.length }, () => emptyValue(metric))]))
          for (const cell of (readJson(row.trend) as unknown[][] | null) ?? []) {
            const b = readCount(cell[0])
            trendMetrics.forEach((metric, i) => {
              values[metric]![b] = readMetric(metric, cell[i + 1])
            })
          }
          entry.trend = deriveMetricSeries(values, [params.trend.metric], trendBuckets.length)[params.trend.metric]!
        }
        result.push(entry)
      }
      return { rows: result, total }
    },

    async listRequests(params) {
      await prepare(params.signal)
      const { startMs, endMs } = assertListRequestsQuery(params, capabilities)
      const cursorQuery = { range: params.range, timeZone: params.timeZone, filters: params.filters, search: params.search }
      const position = params.cursor ? decodeCursor(params.cursor, cursorQuery) : null
      // A cursor points at a request (in µs) of its own query's range; anything else was not made here.
      if (position && !(position.ts >= startMs * 1000 && position.ts < endMs * 1000)) {
        throw new InvalidQueryError('cursor is not a cursor this adapter made; pass the nextCursor of the previous page.', { field: 'cursor' })
      }
      const sql = new SqlParameters(dialect)
      const clauses = [table.where({ ...isoRange(startMs, endMs), filters: params.filters }, sql)]
      const ts = table.column('timestamp')
      const id = dialect.binary(table.column('id'))
      if (position) {
        const at = table.instant(microsToIso(BigInt(position.ts)), sql)
        const after = sql.add(position.id)
        // Keyset: strictly before the last item in (timestamp desc, id desc) order, so inserts never shift pages.
        // `ts <= at` on its own lets the engine prune blocks (zone maps) and use the (ts, id) index.
        clauses.push(`${ts} <= ${at}`, `(${ts} < ${at} OR ${id} < ${after})`)
      }
      const needle = params.search?.trim().toLowerCase() ?? ''
      if (needle !== '') {
        const fields = [table.column('id'), table.column('userName'), table.column('userEmail'), table.column('model'), table.column('application')]
        const tags = table.has('tags') ? (placeholder: string) => dialect.tagsContain(table.tags(), placeholder) : undefined
        clauses.push(table.search(needle, fields, sql, tags))
      }
      const limit = sql.add(params.pageSize + 1, 'integer')
      const statement =
        // The page's keys first, then its columns: engines that project before the top-N (DuckDB)
        // would otherwise build every column of every row in the range.
        `WITH page AS (SELECT ${ts} AS page_ts, ${table.column('id')} AS page_id FROM ${table.name} r WHERE ${clauses.join(' AND ')} ` +
        `ORDER BY ${ts} DESC, ${id} DESC LIMIT ${dialect.integer(limit)}) ` +
        `SELECT ${recordColumns(false)} FROM ${table.name} r JOIN page ON ${table.column('id')} = page.page_id AND ${ts} = page.page_ts ` +
        `WHERE ${ts} >= (SELECT min(page_ts) FROM page) ORDER BY ${ts} DESC, ${id} DESC`
      const rows = await query(statement, sql, params.signal)
      const page = rows.slice(0, params.pageSize)
      const items = page.map((row) => toRequestSummary(recordOf(row)))
      const last = page[page.length - 1]
      const nextCursor =
        rows.length > params.pageSize && last
          ? encodeCursor({ ts: Number(readMicros(last.ts_us)), id: readText(last.id)! }, cursorQuery)
          : null
      return { items, nextCursor }
    },

    async getRequest(params) {
      await prepare(params.signal)
      const id = params.id
      const content = assertGetRequestQuery(params, capabilities).content && capabilities.requestContent
      const sql = new SqlParameters(dialect)
      // One statement: the id and the caller's filters together. A request the filters do not match
      // is not found exactly like an unknown id; no row is read and checked afterwards.
      const where = [`${table.column('id')} = ${sql.add(id)}`, ...table.filterClauses(params.filters, sql)].join(' AND ')
      const statement = `SELECT ${recordColumns(true, content)} FROM ${table.name} r WHERE ${where} LIMIT 1`
      const rows = await query(statement, sql, params.signal)
      if (rows.length === 0) throw new NotFoundError(id)
      return toRequestDetail(recordOf(rows[0]!), { requestContent: content })
    },

    async getDimensionValues(params) {
      await prepare(params.signal)
      const { startMs, endMs } = assertDimensionValuesQuery(params, capabilities)
      const dimension = params.dimension
      const sql = new SqlParameters(dialect)
      // A filter's own options ignore that filter, so a multi-select keeps showing every value.
      const filters = Object.fromEntries(Object.entries(params.filters ?? {}).filter(([name]) => name !== dimension))
      const source = sourceFor({ metrics: [], filters, dimensions: [dimension], instants: [startMs, endMs] })
      const scope = { ...isoRange(startMs, endMs), filters: params.filters, exclude: dimension }
      const newest = keepsNewest(dimension, source)
      const base = baseSql(sql, { scope, metrics: [], dimension, ts: newest }, source)
      const needle = params.search?.trim().toLowerCase() ?? ''
      const search = needle === '' ? 'TRUE' : table.search(needle, ['grouped.g', 'l.label', 'l.secondary'], sql)
      const limit = sql.add(params.limit ?? 100, 'integer')
      const statement = [
        `WITH base AS (${base}),`,
        `${dialect.reusedCte('grouped')} (SELECT g, ${source.countSql} AS n${newest ? ', max(ts) AS last' : ''} FROM base GROUP BY g),`,
        `keys AS (SELECT g FROM grouped),`,
        `labels AS (${labelsSql(table, dimension, labelContext(scope, sql, source, newest ? latestTimesFrom('grouped') : undefined))})`,
        `SELECT grouped.g, grouped.n, l.label, l.secondary FROM grouped JOIN labels l ON l.g = grouped.g WHERE ${search} ` +
          `ORDER BY grouped.n DESC, ${dialect.binary('l.label')}, ${dialect.binary('grouped.g')} LIMIT ${dialect.integer(limit)}`,
      ].join('\n')
      const rows = await query(statement, sql, params.signal)
      const values: DimensionValue[] = rows.map((row) => {
        const value: DimensionValue = { key: readText(row.g)!, label: readText(row.label) ?? readText(row.g)!, count: readCount(row.n) }
        const secondary = readText(row.secondary)
        if (secondary !== null) value.secondary = secondary
        return value
      })
      return values
    },
  }
}
