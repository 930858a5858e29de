// Test support: the answers the adapter must give, computed by hand-written SQL straight over
// LiteLLM's tables (no usagekit SQL builder involved), for the plain-SQL comparison test.
import {
  type BreakdownResult,
  type BreakdownRow,
  type Bucket,
  type Dimension,
  type DimensionValue,
  type Filters,
  type MetricValues,
  NONE_KEY,
  NONE_LABEL,
  OTHER_KEY,
  OTHER_LABEL,
  type RequestDetail,
  type RequestSummary,
  type Series,
  type StandardMetric,
  type TimeBucket,
  type TimeRange,
  redactApiKey,
  redactIp,
} from '@usagekit/core'

/** Runs a statement and resolves to its rows (text columns: every value here is selected as text). */
export type PlainRun = (sql: string, params: unknown[]) => Promise<Record<string, string | null>[]>

export interface PlainOptions {
  schema?: string
  model?: 'modelGroup' | 'model'
  /** A proxy's table from before the status and request_duration_ms columns. */
  older?: boolean
}

/** Every standard metric has its plain SQL. */
export type PlainMetric = StandardMetric

const METRIC_SQL: Record<PlainMetric, string> = {
  requests: 'count(*)',
  successfulRequests: "count(*) FILTER (WHERE l.status = 'success')",
  failedRequests: "count(*) FILTER (WHERE l.status = 'error')",
  inputTokens: 'coalesce(sum(l.input_tokens), 0)',
  cachedInputTokens: 'coalesce(sum(l.cached_tokens), 0)',
  outputTokens: 'coalesce(sum(l.output_tokens), 0)',
  totalTokens: 'coalesce(sum(l.input_tokens + l.output_tokens), 0)',
  cost: 'coalesce(sum(l.cost), 0)',
  activeUsers: 'count(DISTINCT l.user_id)',
  avgLatencyMs: 'avg(l.latency_ms)',
  p95LatencyMs: 'percentile_disc(0.95) WITHIN GROUP (ORDER BY l.latency_ms)',
  cacheHits: 'coalesce(sum(l.cache_hit), 0)',
}

const SUM_METRICS = new Set<PlainMetric>(['requests', 'successfulRequests', 'failedRequests', 'inputTokens', 'cachedInputTokens', 'outputTokens', 'totalTokens', 'cost', 'cacheHits'])

/** The group key of a single-valued dimension on the normalised rows. */
const KEY_SQL: Partial<Record<Dimension, string>> = {
  user: 'l.user_id',
  team: 'l.team',
  apiKey: 'l.api_key',
  customer: 'l.customer',
  model: 'l.model',
  provider: 'l.provider',
  status: 'l.status',
}

/** An instant as ISO-8601 UTC text with milliseconds. */
const iso = (expression: string) => `to_char((${expression}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

export class PlainLitellm {
  constructor(
    private readonly run: PlainRun,
    private readonly options: PlainOptions = {},
  ) {}

  private table(name: string): string {
    return this.options.schema ? `"${this.options.schema}"."${name}"` : `"${name}"`
  }

  /**
   * LiteLLM's spend log read by hand: naive UTC timestamps made instants with `AT TIME ZONE 'UTC'`
   * (so the session's TimeZone never matters), `''` as no value, status from the column else from
   * `metadata.status` ('failure' is an error, nothing at all a success), cached tokens from either
   * place in metadata, spend rounded to 9 places per row, latency from `request_duration_ms` else
   * end − start.
   */
  private get logs(): string {
    const model =
      this.options.model === 'model'
        ? "coalesce(nullif(s.model, ''), nullif(s.model_group, ''))"
        : "coalesce(nullif(s.model_group, ''), nullif(s.model, ''))"
    return `l AS (
      SELECT s.request_id AS id,
        s."startTime" AT TIME ZONE 'UTC' AS ts,
        nullif(s."user", '') AS user_id,
        nullif(s.team_id, '') AS team,
        nullif(s.api_key, '') AS api_key,
        nullif(s.end_user, '') AS customer,
        ${model} AS model,
        nullif(s.custom_llm_provider, '') AS provider,
        CASE coalesce(nullif(${this.options.older ? 'NULL::text' : 's.status'}, ''), nullif(s.metadata ->> 'status', ''), 'success') WHEN 'failure' THEN 'error' ELSE 'success' END AS status,
        s.prompt_tokens::bigint AS input_tokens,
        coalesce(
          nullif(s.metadata #>> '{additional_usage_values,prompt_tokens_details,cached_tokens}', ''),
          nullif(s.metadata #>> '{usage_object,prompt_tokens_details,cached_tokens}', ''),
          '0')::bigint AS cached_tokens,
        s.completion_tokens::bigint AS output_tokens,
        round(s.spend::numeric, 9) AS cost,
        coalesce(${this.options.older ? 'NULL::float8' : 's.request_duration_ms::float8'}, (extract(epoch FROM s."endTime" - s."startTime") * 1000)::float8) AS latency_ms,
        (extract(epoch FROM s."completionStartTime" - s."startTime") * 1000)::float8 AS ttft_ms,
        CASE WHEN s.cache_hit IN ('True', 'true') THEN 1 ELSE 0 END AS cache_hit,
        nullif(s.cache_hit, '') AS cache_flag,
        CASE WHEN jsonb_typeof(s.request_tags) = 'array'
          THEN ARRAY(SELECT DISTINCT t FROM jsonb_array_elements_text(s.request_tags) t WHERE t <> '') ELSE '{}'::text[] END AS tag_set,
        CASE WHEN jsonb_typeof(s.request_tags) = 'array'
          THEN ARRAY(SELECT t FROM jsonb_array_elements_text(s.request_tags) WITH ORDINALITY AS e(t, n) WHERE t <> '' ORDER BY n) ELSE '{}'::text[] END AS tags,
        nullif(s.metadata ->> 'user_api_key_alias', '') AS key_alias_logged,
        nullif(s.metadata #>> '{error_information,error_message}', '') AS error_message,
        nullif(s.call_type, '') AS call_type,
        nullif(s.model_id, '') AS model_id,
        nullif(s.api_base, '') AS api_base,
        nullif(s.requester_ip_address, '') AS ip,
        (s.metadata ->> 'litellm_overhead_time_ms')::float8 AS overhead_ms,
        s.metadata -> 'spend_logs_metadata' AS caller_metadata,
        s.proxy_server_request AS request_body,
        s.response AS response_body
      FROM ${this.table('LiteLLM_SpendLogs')} s)`
  }

  /** The WHERE clause of a range and filters over `l`, with its parameters from `$first` on. */
  private where(range: TimeRange, filters: Filters | undefined, params: unknown[], exclude?: Dimension): string {
    const add = (value: unknown) => {
      params.push(value)
      return `$${params.length}`
    }
    const clauses = [`l.ts >= ${add(range.start)}::timestamptz`, `l.ts < ${add(range.end)}::timestamptz`]
    for (const [dimension, values] of Object.entries(filters ?? {}) as [Dimension, string[]][]) {
      if (!values?.length || dimension === exclude) continue
      const named = values.filter((value) => value !== NONE_KEY)
      const none = named.length < values.length
      if (dimension === 'tag') {
        const parts = [...(named.length ? [`l.tag_set && ${add(named)}::text[]`] : []), ...(none ? ['cardinality(l.tag_set) = 0'] : [])]
        clauses.push(`(${parts.join(' OR ')})`)
        continue
      }
      const key = KEY_SQL[dimension]
      if (!key) throw new Error(`plain SQL: no ${dimension} in LiteLLM's log`)
      const parts = [...(named.length ? [`${key} = ANY(${add(named)}::text[])`] : []), ...(none ? [`${key} IS NULL`] : [])]
      clauses.push(`(${parts.join(' OR ')})`)
    }
    return clauses.join(' AND ')
  }

  /** `FROM` of grouped rows: one per request, or one per request and tag for `tag`; `g` the key. */
  private grouped(dimension: Dimension): string {
    if (dimension === 'tag') {
      return `(SELECT l.*, coalesce(t.tag, '${NONE_KEY}') AS g FROM l LEFT JOIN LATERAL unnest(l.tag_set) AS t(tag) ON true) l`
    }
    return `(SELECT l.*, coalesce(${KEY_SQL[dimension]}, '${NONE_KEY}') AS g FROM l) l`
  }

  private metricsSql(metrics: readonly PlainMetric[]): string {
    return ['count(*)::text AS n', ...metrics.map((metric, i) => `(${METRIC_SQL[metric]})::text AS m${i}`)].join(', ')
  }

  private read(row: Record<string, string | null>, metrics: readonly PlainMetric[]): MetricValues {
    const requests = Number(row.n)
    const values: MetricValues = {}
    metrics.forEach((metric, i) => {
      const text = row[`m${i}`]
      if (SUM_METRICS.has(metric)) values[metric] = Number(text ?? '0')
      // As the reference adapter: no user among the rows (none at all, or only calls without a user) is no value.
      else if (metric === 'activeUsers') values[metric] = requests === 0 || Number(text) === 0 ? null : Number(text)
      else values[metric] = text === null ? null : Number(text)
    })
    return values
  }

  /** Rows of `SELECT` over the normalised log. */
  private async select(body: string, params: unknown[]): Promise<Record<string, string | null>[]> {
    return this.run(`WITH ${this.logs} ${body}`, params)
  }

  // ---------------------------------------------------------------- labels

  /**
   * The label rule for a dimension with the preset's label tables: team names from
   * LiteLLM_TeamTable, user aliases and emails from LiteLLM_UserTable, customer aliases from
   * LiteLLM_EndUserTable; a key's alias from LiteLLM_VerificationToken, else the alias the log kept
   * (the latest counted row that names it: a deleted key keeps its name), else the redacted key.
   */
  async labels(dimension: Dimension, keys: readonly string[], range: TimeRange, filters: Filters | undefined, exclude?: Dimension): Promise<Map<string, { label: string; secondary?: string; team?: string }>> {
    const out = new Map<string, { label: string; secondary?: string; team?: string }>()
    const named = keys.filter((key) => key !== NONE_KEY && key !== OTHER_KEY)
    for (const key of keys) {
      if (key === NONE_KEY) out.set(key, { label: NONE_LABEL })
      if (key === OTHER_KEY) out.set(key, { label: OTHER_LABEL })
    }
    if (named.length === 0) return out
    switch (dimension) {
      case 'user': {
        const rows = await this.run(`SELECT k AS key, u.user_alias AS label, u.user_email AS secondary FROM unnest($1::text[]) k LEFT JOIN ${this.table('LiteLLM_UserTable')} u ON u.user_id = k`, [named])
        for (const row of rows) out.set(row.key!, { label: row.label ?? row.key!, ...(row.secondary ? { secondary: row.secondary } : {}) })
        break
      }
      case 'team': {
        const rows = await this.run(`SELECT k AS key, t.team_alias AS label FROM unnest($1::text[]) k LEFT JOIN ${this.table('LiteLLM_TeamTable')} t ON t.team_id = k`, [named])
        for (const row of rows) out.set(row.key!, { label: row.label ?? row.key! })
        break
      }
      case 'customer': {
        const rows = await this.run(`SELECT k AS key, e.alias AS label FROM unnest($1::text[]) k LEFT JOIN ${this.table('LiteLLM_EndUserTable')} e ON e.user_id = k`, [named])
        for (const row of rows) out.set(row.key!, { label: row.label ?? row.key! })
        break
      }
      case 'apiKey': {
        const params: unknown[] = [named]
        const where = this.where(range, filters, params, exclude)
        const rows = await this.select(
          `SELECT k AS key, v.key_alias AS label,
             (SELECT l.key_alias_logged FROM l WHERE l.api_key = k AND l.key_alias_logged IS NOT NULL AND ${where}
              ORDER BY l.ts DESC, l.id COLLATE "C" DESC LIMIT 1) AS logged
           FROM unnest($1::text[]) k LEFT JOIN ${this.table('LiteLLM_VerificationToken')} v ON v.token = k`,
          params,
        )
        for (const row of rows) out.set(row.key!, { label: row.label ?? row.logged ?? redactApiKey(row.key!), secondary: redactApiKey(row.key!) })
        break
      }
      case 'status':
        for (const key of named) out.set(key, { label: key === 'success' ? 'Success' : 'Error' })
        break
      default:
        for (const key of named) out.set(key, { label: key })
    }
    return out
  }

  // ---------------------------------------------------------------- methods

  async summary(range: TimeRange, metrics: readonly PlainMetric[], filters?: Filters): Promise<MetricValues> {
    const params: unknown[] = []
    const [row] = await this.select(`SELECT ${this.metricsSql(metrics)} FROM l WHERE ${this.where(range, filters, params)}`, params)
    return this.read(row!, metrics)
  }

  /** The row's bucket start (ISO) in the zone, by PostgreSQL's own calendar arithmetic. */
  private bucketSql(bucket: Bucket, timeZone: string, params: unknown[]): string {
    // Hours of elapsed time: UTC hours (the zones hourly buckets are checked in have whole-hour offsets).
    if (bucket === '1h') return iso(`date_trunc('hour', l.ts, 'UTC')`)
    params.push(timeZone)
    const zone = `$${params.length}::text`
    switch (bucket) {
      case '1d':
        return iso(`date_trunc('day', l.ts, ${zone})`)
      case '1w':
        return iso(`date_trunc('week', l.ts, ${zone})`)
      case '1mo':
        return iso(`date_trunc('month', l.ts, ${zone})`)
      default:
        throw new Error(`plain SQL: bucket ${bucket} is not used by this test`)
    }
  }

  private bucketIndex(buckets: readonly TimeBucket[]): (start: string) => number {
    const index = new Map(buckets.map((bucket, i) => [new Date(bucket.start).toISOString(), i]))
    return (start) => {
      const i = index.get(start)
      if (i === undefined) throw new Error(`plain SQL: a row's bucket ${start} is not one of the answer's buckets`)
      return i
    }
  }

  private emptyValues(metrics: readonly PlainMetric[], n: number): Record<string, (number | null)[]> {
    return Object.fromEntries(metrics.map((metric) => [metric, Array.from({ length: n }, () => (SUM_METRICS.has(metric) ? 0 : null))]))
  }

  /** Groups ranked by the first metric over the range (desc, NULLs last), ties by key in binary order. */
  private async ranked(dimension: Dimension, range: TimeRange, metric: PlainMetric, filters?: Filters, direction: 'asc' | 'desc' = 'desc'): Promise<string[]> {
    const params: unknown[] = []
    const rows = await this.select(
      `SELECT l.g AS key FROM ${this.grouped(dimension)} WHERE ${this.where(range, filters, params)} GROUP BY l.g
       ORDER BY ${METRIC_SQL[metric]} ${direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, l.g COLLATE "C"`,
      params,
    )
    return rows.map((row) => row.key!)
  }

  async timeSeries(query: {
    range: TimeRange
    timeZone: string
    bucket: Bucket
    buckets: readonly TimeBucket[]
    metrics: readonly PlainMetric[]
    groupBy?: Dimension
    limit?: number
    filters?: Filters
  }): Promise<Series[]> {
    const { range, metrics, buckets } = query
    const at = this.bucketIndex(buckets)
    const params: unknown[] = []
    const bucketSql = this.bucketSql(query.bucket, query.timeZone, params)
    if (!query.groupBy) {
      const rows = await this.select(
        `SELECT ${bucketSql} AS b, ${this.metricsSql(metrics)} FROM l WHERE ${this.where(range, query.filters, params)} GROUP BY 1`,
        params,
      )
      const values = this.emptyValues(metrics, buckets.length)
      for (const row of rows) {
        const read = this.read(row, metrics)
        for (const metric of metrics) values[metric]![at(row.b!)] = read[metric]!
      }
      return [{ key: 'total', label: 'Total', values }]
    }
    const order = await this.ranked(query.groupBy, range, metrics[0]!, query.filters)
    const top = query.limit !== undefined && order.length > query.limit ? order.slice(0, query.limit) : order
    const folded = top.length < order.length
    params.push(top)
    const topParam = `$${params.length}`
    // A request counts once in Other however many of its tags fold there.
    const rows = await this.select(
      `SELECT l.key, ${bucketSql} AS b, ${this.metricsSql(metrics)} FROM (
         SELECT DISTINCT ON (l.id, key) l.*, CASE WHEN l.g = ANY(${topParam}::text[]) THEN l.g ELSE '${OTHER_KEY}' END AS key
         FROM ${this.grouped(query.groupBy)} WHERE ${this.where(range, query.filters, params)}) l GROUP BY 1, 2`,
      params,
    )
    const keys = folded ? [...top, OTHER_KEY] : top
    const labels = await this.labels(query.groupBy, keys, range, query.filters)
    const series = new Map(keys.map((key) => [key, { key, label: labels.get(key)!.label, values: this.emptyValues(metrics, buckets.length) } as Series]))
    for (const row of rows) {
      const read = this.read(row, metrics)
      for (const metric of metrics) series.get(row.key!)!.values[metric]![at(row.b!)] = read[metric]!
    }
    return keys.map((key) => series.get(key)!)
  }

  async breakdown(query: {
    range: TimeRange
    timeZone: string
    groupBy: Dimension
    metrics: readonly PlainMetric[]
    filters?: Filters
    sort?: { metric: PlainMetric; direction: 'asc' | 'desc' }
    limit?: number
    offset?: number
    trend?: { bucket: Bucket; metric: PlainMetric; buckets: readonly TimeBucket[] }
  }): Promise<BreakdownResult> {
    const { range, metrics, groupBy } = query
    const sort = query.sort ?? { metric: metrics[0]!, direction: 'desc' as const }
    const order = await this.ranked(groupBy, range, sort.metric, query.filters, sort.direction)
    const page = order.slice(query.offset ?? 0, (query.offset ?? 0) + (query.limit ?? order.length))
    const params: unknown[] = [page]
    const where = this.where(range, query.filters, params)
    const rows = await this.select(`SELECT l.g AS key, ${this.metricsSql(metrics)} FROM ${this.grouped(groupBy)} WHERE l.g = ANY($1::text[]) AND ${where} GROUP BY l.g`, params)
    const byKey = new Map(rows.map((row) => [row.key!, this.read(row, metrics)]))
    const labels = await this.labels(groupBy, page, range, query.filters)
    const models = new Map<string, { models: string[]; modelCount: number }>()
    if (groupBy !== 'model') {
      const modelParams: unknown[] = [page]
      const modelRows = await this.select(
        `SELECT key, array_to_json(array_agg(model ORDER BY n DESC, model COLLATE "C"))::text AS models FROM (
           SELECT l.g AS key, l.model, count(*) AS n FROM ${this.grouped(groupBy)} WHERE l.g = ANY($1::text[]) AND ${this.where(range, query.filters, modelParams)}
           GROUP BY l.g, l.model) m GROUP BY key`,
        modelParams,
      )
      for (const row of modelRows) {
        const list = JSON.parse(row.models!) as string[]
        models.set(row.key!, { models: list.slice(0, 3), modelCount: list.length })
      }
    }
    const trends = new Map<string, (number | null)[]>()
    if (query.trend) {
      const trend = query.trend
      const at = this.bucketIndex(trend.buckets)
      const trendParams: unknown[] = [page]
      const bucketSql = this.bucketSql(trend.bucket, query.timeZone, trendParams)
      const trendRows = await this.select(
        `SELECT l.g AS key, ${bucketSql} AS b, ${this.metricsSql([trend.metric])} FROM ${this.grouped(groupBy)}
         WHERE l.g = ANY($1::text[]) AND ${this.where(range, query.filters, trendParams)} GROUP BY 1, 2`,
        trendParams,
      )
      for (const key of page) trends.set(key, this.emptyValues([trend.metric], trend.buckets.length)[trend.metric]!)
      for (const row of trendRows) trends.get(row.key!)![at(row.b!)] = this.read(row, [trend.metric])[trend.metric]!
    }
    return {
      total: order.length,
      rows: page.map((key): BreakdownRow => {
        const label = labels.get(key)!
        const row: BreakdownRow = { key, label: label.label, metrics: byKey.get(key)! }
        if (label.secondary !== undefined) row.secondary = label.secondary
        if (label.team !== undefined) row.team = label.team
        const used = models.get(key)
        if (used) Object.assign(row, used)
        if (query.trend) row.trend = trends.get(key)!
        return row
      }),
    }
  }

  async dimensionValues(query: { range: TimeRange; dimension: Dimension; filters?: Filters; limit?: number }): Promise<DimensionValue[]> {
    const params: unknown[] = []
    const rows = await this.select(
      `SELECT l.g AS key, count(*)::text AS n FROM ${this.grouped(query.dimension)} WHERE ${this.where(query.range, query.filters, params, query.dimension)} GROUP BY l.g`,
      params,
    )
    const labels = await this.labels(query.dimension, rows.map((row) => row.key!), query.range, query.filters, query.dimension)
    const values = rows.map((row): DimensionValue => {
      const label = labels.get(row.key!)!
      return { key: row.key!, label: label.label, ...(label.secondary !== undefined ? { secondary: label.secondary } : {}), count: Number(row.n) }
    })
    const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
    values.sort((a, b) => b.count! - a.count! || binary(a.label, b.label) || binary(a.key, b.key))
    return values.slice(0, query.limit ?? 100)
  }

  private summaryColumns(): string {
    return `l.id, ${iso('l.ts')} AS ts, l.status, l.user_id, l.team, l.api_key, l.key_alias_logged, l.customer, l.provider, l.model,
      l.input_tokens::text AS input_tokens, l.cached_tokens::text AS cached_tokens, l.output_tokens::text AS output_tokens,
      l.cost::text AS cost, l.latency_ms::text AS latency_ms, l.ttft_ms::text AS ttft_ms, array_to_json(l.tags)::text AS tags, l.error_message,
      (SELECT u.user_alias FROM ${this.table('LiteLLM_UserTable')} u WHERE u.user_id = l.user_id) AS user_alias,
      (SELECT u.user_email FROM ${this.table('LiteLLM_UserTable')} u WHERE u.user_id = l.user_id) AS user_email,
      (SELECT v.key_alias FROM ${this.table('LiteLLM_VerificationToken')} v WHERE v.token = l.api_key) AS key_alias`
  }

  private toSummary(row: Record<string, string | null>): RequestSummary {
    const summary: RequestSummary = {
      id: row.id!,
      timestamp: row.ts!,
      status: row.status as RequestSummary['status'],
      provider: row.provider!,
      model: row.model!,
      inputTokens: Number(row.input_tokens),
      cachedInputTokens: Number(row.cached_tokens),
      outputTokens: Number(row.output_tokens),
      totalTokens: Number(row.input_tokens) + Number(row.output_tokens),
      cost: Number(row.cost),
      latencyMs: Number(row.latency_ms),
      ttftMs: row.ttft_ms == null ? null : Number(row.ttft_ms),
      tags: JSON.parse(row.tags!) as string[],
    }
    // LiteLLM's log keeps no user names: the user table's alias and email, else the id.
    if (row.user_id) Object.assign(summary, { userId: row.user_id, userName: row.user_alias ?? row.user_id }, row.user_email ? { userEmail: row.user_email } : {})
    if (row.team) summary.team = row.team
    if (row.api_key) summary.apiKey = row.key_alias ?? row.key_alias_logged ?? redactApiKey(row.api_key)
    if (row.customer) summary.customer = row.customer
    if (row.error_message) summary.errorMessage = row.error_message
    return summary
  }

  /** Every request of the range and filters, newest first (timestamp desc, id desc in binary order). */
  async requests(range: TimeRange, filters?: Filters, search?: string): Promise<RequestSummary[]> {
    const params: unknown[] = []
    let where = this.where(range, filters, params)
    if (search) {
      params.push(search.toLowerCase())
      const needle = `$${params.length}`
      where += ` AND (strpos(lower(l.id), ${needle}) > 0 OR strpos(lower(coalesce(l.user_id, '')), ${needle}) > 0 OR strpos(lower(coalesce(l.model, '')), ${needle}) > 0
        OR EXISTS (SELECT 1 FROM unnest(l.tags) t WHERE strpos(lower(t), ${needle}) > 0))`
    }
    const rows = await this.select(`SELECT ${this.summaryColumns()} FROM l WHERE ${where} ORDER BY l.ts DESC, l.id COLLATE "C" DESC`, params)
    return rows.map((row) => this.toSummary(row))
  }

  /** The drawer's answer for one request; `content` reads the stored request and response bodies (LiteLLM's `{}` is none). */
  async request(id: string, content = false): Promise<RequestDetail | null> {
    const rows = await this.select(
      `SELECT ${this.summaryColumns()}, l.call_type, l.model_id, l.api_base, l.ip, l.overhead_ms::text AS overhead_ms, l.cache_flag,
         ${iso("l.ts + l.latency_ms * interval '1 millisecond'")} AS end_ts,
         l.caller_metadata::text AS caller_metadata,
         CASE WHEN l.request_body = '{}'::jsonb THEN NULL ELSE l.request_body::text END AS request_body,
         CASE WHEN l.response_body = '{}'::jsonb THEN NULL ELSE l.response_body::text END AS response_body
       FROM l WHERE l.id = $1`,
      [id],
    )
    const row = rows[0]
    if (!row) return null
    const metadata = row.caller_metadata == null ? null : (JSON.parse(row.caller_metadata) as unknown)
    const detail: RequestDetail = {
      ...this.toSummary(row),
      apiBase: row.api_base ?? null,
      ip: row.ip ? redactIp(row.ip) : null,
      overheadMs: row.overhead_ms == null ? null : Number(row.overhead_ms),
      startTime: row.ts!,
      endTime: row.end_ts!,
      costBreakdown: [],
      request: content && row.request_body != null ? JSON.parse(row.request_body) : null,
      response: content && row.response_body != null ? JSON.parse(row.response_body) : null,
      messages: [],
      metadata: metadata && typeof metadata === 'object' && !Array.isArray(metadata) ? (metadata as RequestDetail['metadata']) : {},
    }
    if (row.call_type) detail.callType = row.call_type
    if (row.model_id) detail.modelId = row.model_id
    if (row.cache_flag != null) detail.cacheHit = row.cache_flag === 'True' || row.cache_flag === 'true'
    return detail
  }
}
