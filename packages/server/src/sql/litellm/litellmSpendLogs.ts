import type { SqlColumnMapping, SqlColumnRef } from '../sqlColumnSpec'
import type { SqlLabelSources } from '../sqlLabelSources'

/** The LiteLLM tables the preset reads, by their Prisma names. */
export interface LitellmTableNames {
  /** The request log. Default `LiteLLM_SpendLogs`. */
  spendLogs?: string
  /** Team names (`team_alias`). Default `LiteLLM_TeamTable`. */
  teams?: string
  /** Virtual keys (`key_alias`). Default `LiteLLM_VerificationToken`. */
  keys?: string
  /** Internal users (`user_alias`, `user_email`). Default `LiteLLM_UserTable`. */
  users?: string
  /** End users, i.e. your customers (`alias`). Default `LiteLLM_EndUserTable`. */
  endUsers?: string
}

/** The dimensions the preset can name from LiteLLM's own tables. */
export type LitellmLabelledDimension = 'user' | 'team' | 'apiKey' | 'customer'

export interface LitellmSpendLogsOptions {
  /**
   * The schema holding LiteLLM's tables (Prisma's `?schema=` in `DATABASE_URL`). Default: none, so
   * the connection's `search_path` decides (`public` for a default LiteLLM install).
   */
  schema?: string
  /** Table names, when yours differ from the Prisma schema's. */
  tables?: LitellmTableNames
  /**
   * Which name a request's model goes by: `'modelGroup'` (default) — the public model name clients
   * ask the proxy for (`model_group`), or the deployment's model where a request had no group;
   * `'model'` — the model LiteLLM called (`model`), or the group where that is empty.
   */
  model?: 'modelGroup' | 'model'
  /**
   * Whether the request drawer shows the stored request body (`proxy_server_request`) and response
   * (`response`). LiteLLM keeps them only with `store_prompts_in_spend_logs`. Default false: the
   * content columns are never read.
   */
  content?: boolean
  /**
   * Which dimensions take their labels from LiteLLM's tables: team names from `LiteLLM_TeamTable`,
   * key aliases from `LiteLLM_VerificationToken`, user aliases and emails from `LiteLLM_UserTable`,
   * customer aliases from `LiteLLM_EndUserTable`. Default all (`true`); `false` for none, so every
   * label comes from the spend log's own rows (docs/sql.md, "Labels").
   */
  labels?: boolean | readonly LitellmLabelledDimension[]
  /**
   * Column specs laid over the preset's, field by field: for a proxy older than a column the preset
   * reads (`latencyMs: { from: 'startTime', to: 'endTime' }` before `request_duration_ms`), or for
   * what the preset leaves out (`agent: 'agent_id'` for LiteLLM's A2A agents).
   */
  columns?: SqlColumnMapping
}

/** What `litellmSpendLogs` returns: spread it into `createSqlAdapter({ dialect: 'postgres', execute, ...preset })`. */
export interface LitellmSpendLogsMapping {
  table: string | readonly string[]
  columns: SqlColumnMapping
  labels: SqlLabelSources
  /** Whether the drawer shows request and response payloads (the `content` option). */
  requestContent: boolean
}

const DEFAULT_TABLES: Required<LitellmTableNames> = {
  spendLogs: 'LiteLLM_SpendLogs',
  teams: 'LiteLLM_TeamTable',
  keys: 'LiteLLM_VerificationToken',
  users: 'LiteLLM_UserTable',
  endUsers: 'LiteLLM_EndUserTable',
}

const OPTION_NAMES: readonly string[] = ['schema', 'tables', 'model', 'content', 'labels', 'columns'] satisfies (keyof LitellmSpendLogsOptions)[]

const ALL_LABELS: readonly LitellmLabelledDimension[] = ['user', 'team', 'apiKey', 'customer']

/** A value in LiteLLM's `metadata` jsonb column. */
function metadata(...path: string[]): SqlColumnRef {
  return { column: 'metadata', path }
}

function nonEmptyName(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '' || value.includes('\u0000')) {
    throw new TypeError(`litellmSpendLogs: ${where} must be a non-empty name, got ${JSON.stringify(value)}.`)
  }
  return value
}

/**
 * The column mapping of LiteLLM's own `LiteLLM_SpendLogs` table (and the label tables beside it), as
 * the LiteLLM proxy's Prisma schema creates them on PostgreSQL: no view and no DDL change.
 *
 * ```ts
 * const adapter = createSqlAdapter({ dialect: 'postgres', execute, ...litellmSpendLogs() })
 * ```
 *
 * - `"startTime"` is `timestamp(3)` without time zone holding UTC: read as UTC whatever the
 *   session's `TimeZone`; latency is `request_duration_ms`, else `"endTime" - "startTime"`; time to
 *   first token `"completionStartTime" - "startTime"`.
 * - Status is the `status` column, else `metadata.status` (rows of proxies older than the column);
 *   `'failure'` is an error, anything else (and no value at all) a success, as LiteLLM reads it.
 * - Cached prompt tokens come from `metadata.additional_usage_values.prompt_tokens_details.cached_tokens`,
 *   else `metadata.usage_object.prompt_tokens_details.cached_tokens`.
 * - `''` (LiteLLM's "none" for user, team, key, end user, cache flag) is no value.
 * - Spend (`double precision`) is read as an exact 9-place decimal per row before summing.
 *
 * LiteLLM records no user names or emails in the log (they come from `LiteLLM_UserTable`), no
 * application, agent, retries or itemised cost lines: those are left out, so the page does not
 * offer them.
 */
export function litellmSpendLogs(options: LitellmSpendLogsOptions = {}): LitellmSpendLogsMapping {
  if (typeof options !== 'object' || options === null) throw new TypeError('litellmSpendLogs: options must be an object.')
  for (const name of Object.keys(options)) {
    if (!OPTION_NAMES.includes(name)) throw new TypeError(`litellmSpendLogs: ${name} is not an option; use ${OPTION_NAMES.join(', ')}.`)
  }
  const model = options.model ?? 'modelGroup'
  if (model !== 'modelGroup' && model !== 'model') {
    throw new TypeError(`litellmSpendLogs: model must be 'modelGroup' or 'model', got ${JSON.stringify(model)}.`)
  }
  const content = options.content ?? false
  if (typeof content !== 'boolean') throw new TypeError('litellmSpendLogs: content must be true or false.')
  const tables = { ...DEFAULT_TABLES }
  for (const [name, value] of Object.entries(options.tables ?? {})) {
    if (!(name in DEFAULT_TABLES)) {
      throw new TypeError(`litellmSpendLogs: tables.${name} is not a LiteLLM table the preset reads; use ${Object.keys(DEFAULT_TABLES).join(', ')}.`)
    }
    if (value !== undefined) tables[name as keyof LitellmTableNames] = nonEmptyName(value, `tables.${name}`)
  }
  const schema = options.schema === undefined ? undefined : nonEmptyName(options.schema, 'schema')
  // Parts, not 'schema.name': a name is taken literally (quoted), dots and capitals included.
  const named = (table: string): string | readonly string[] => (schema === undefined ? [table] : [schema, table])

  const labelled = options.labels === undefined || options.labels === true ? ALL_LABELS : options.labels === false ? [] : options.labels
  if (!Array.isArray(labelled) || labelled.some((dimension) => !ALL_LABELS.includes(dimension))) {
    throw new TypeError(`litellmSpendLogs: labels must be true, false or a list of ${ALL_LABELS.join(', ')}.`)
  }
  const labels: SqlLabelSources = {}
  if (labelled.includes('user')) labels.user = { table: named(tables.users), key: 'user_id', label: 'user_alias', secondary: 'user_email' }
  if (labelled.includes('team')) labels.team = { table: named(tables.teams), key: 'team_id', label: 'team_alias' }
  if (labelled.includes('apiKey')) labels.apiKey = { table: named(tables.keys), key: 'token', label: 'key_alias' }
  if (labelled.includes('customer')) labels.customer = { table: named(tables.endUsers), key: 'user_id', label: 'alias' }

  const columns: SqlColumnMapping = {
    id: 'request_id',
    timestamp: { column: 'startTime', type: 'timestamp', zone: 'UTC' },
    userId: 'user',
    userName: null,
    userEmail: null,
    team: 'team_id',
    apiKey: 'api_key',
    // The key's alias as the proxy knew it when it logged the call (a deleted key keeps it here).
    apiKeyName: metadata('user_api_key_alias'),
    tags: { column: 'request_tags', type: 'json' },
    application: null,
    agent: null,
    customer: 'end_user',
    provider: 'custom_llm_provider',
    model: model === 'modelGroup' ? { column: 'model_group', orElse: 'model' } : { column: 'model', orElse: 'model_group' },
    status: { column: 'status', errorValues: ['failure'], missing: 'success', orElse: metadata('status') },
    cacheHit: { column: 'cache_hit', trueValues: ['True', 'true'] },
    inputTokens: 'prompt_tokens',
    cachedInputTokens: {
      ...metadata('additional_usage_values', 'prompt_tokens_details', 'cached_tokens'),
      orElse: metadata('usage_object', 'prompt_tokens_details', 'cached_tokens'),
    },
    outputTokens: 'completion_tokens',
    cost: 'spend',
    latencyMs: { column: 'request_duration_ms', orElse: { from: 'startTime', to: 'endTime' } },
    ttftMs: { from: 'startTime', to: 'completionStartTime' },
    callType: 'call_type',
    modelId: 'model_id',
    apiBase: 'api_base',
    ip: 'requester_ip_address',
    overheadMs: metadata('litellm_overhead_time_ms'),
    retries: null,
    costBreakdown: null,
    errorMessage: metadata('error_information', 'error_message'),
    systemPrompt: null,
    prompt: null,
    completion: null,
    request: content ? 'proxy_server_request' : null,
    response: content ? 'response' : null,
    // What the caller attached to the request (`metadata.spend_logs_metadata`), not the proxy's own bookkeeping.
    metadata: metadata('spend_logs_metadata'),
  }
  if (options.columns !== undefined && (typeof options.columns !== 'object' || options.columns === null || Array.isArray(options.columns))) {
    throw new TypeError('litellmSpendLogs: columns must be an object of record field → column spec.')
  }
  return { table: named(tables.spendLogs), columns: { ...columns, ...options.columns }, labels, requestContent: content }
}
