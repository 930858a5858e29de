// Test support: LiteLLM's tables as its Prisma schema creates them on PostgreSQL, and a writer that
// stores usagekit records the way a LiteLLM proxy logs calls. Not part of the package's exports.
import { createHash } from 'node:crypto'
import type { MetadataValue, UsageRecord } from '@usagekit/core'
import pg from 'pg'
import { startPostgresServer } from '../../../../../scripts/postgresServer.mjs'
import type { SqlValue } from '../sqlParameters'

/**
 * The DDL of the LiteLLM tables the preset reads, written from LiteLLM's public `schema.prisma`
 * (models LiteLLM_SpendLogs, LiteLLM_TeamTable, LiteLLM_VerificationToken, LiteLLM_UserTable,
 * LiteLLM_EndUserTable) with Prisma's PostgreSQL types: `DateTime` → `timestamp(3)` without time
 * zone, `Float` → `double precision`, `Int` → `integer`, `Json` → `jsonb`, `String[]` → `text[]`;
 * quoted mixed-case names and Prisma's constraint and index names. Only the columns the preset or
 * the writer touch, plus the NOT NULLs and defaults that shape what a proxy writes.
 */
export function litellmTablesSql(options: { schema?: string; older?: boolean } = {}): string[] {
  const q = (name: string) => (options.schema ? `"${options.schema}"."${name}"` : `"${name}"`)
  // A proxy from before May 2025 (LiteLLM PR #10661) has no status column, nor the later
  // request_duration_ms (February 2026) and agent_id (December 2025).
  const newer = (column: string) => (options.older ? '' : column)
  return [
    ...(options.schema ? [`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`] : []),
    `CREATE TABLE ${q('LiteLLM_SpendLogs')} (
      "request_id" TEXT NOT NULL,
      "call_type" TEXT NOT NULL,
      "api_key" TEXT NOT NULL DEFAULT '',
      "spend" DOUBLE PRECISION NOT NULL DEFAULT 0.0,
      "total_tokens" INTEGER NOT NULL DEFAULT 0,
      "prompt_tokens" INTEGER NOT NULL DEFAULT 0,
      "completion_tokens" INTEGER NOT NULL DEFAULT 0,
      "startTime" TIMESTAMP(3) NOT NULL,
      "endTime" TIMESTAMP(3) NOT NULL,
      ${newer('"request_duration_ms" INTEGER,')}
      "completionStartTime" TIMESTAMP(3),
      "model" TEXT NOT NULL DEFAULT '',
      "model_id" TEXT DEFAULT '',
      "model_group" TEXT DEFAULT '',
      "custom_llm_provider" TEXT DEFAULT '',
      "api_base" TEXT DEFAULT '',
      "user" TEXT DEFAULT '',
      "metadata" JSONB DEFAULT '{}',
      "cache_hit" TEXT DEFAULT '',
      "cache_key" TEXT DEFAULT '',
      "request_tags" JSONB DEFAULT '[]',
      "team_id" TEXT,
      "organization_id" TEXT,
      "end_user" TEXT,
      "requester_ip_address" TEXT,
      "messages" JSONB DEFAULT '{}',
      "response" JSONB DEFAULT '{}',
      "session_id" TEXT,
      ${newer('"status" TEXT,')}
      "mcp_namespaced_tool_name" TEXT,
      ${newer('"agent_id" TEXT,')}
      "proxy_server_request" JSONB DEFAULT '{}',
      CONSTRAINT "LiteLLM_SpendLogs_pkey" PRIMARY KEY ("request_id")
    )`,
    `CREATE INDEX "LiteLLM_SpendLogs_startTime_idx" ON ${q('LiteLLM_SpendLogs')}("startTime")`,
    `CREATE INDEX "LiteLLM_SpendLogs_startTime_request_id_idx" ON ${q('LiteLLM_SpendLogs')}("startTime", "request_id")`,
    `CREATE INDEX "LiteLLM_SpendLogs_end_user_idx" ON ${q('LiteLLM_SpendLogs')}("end_user")`,
    `CREATE INDEX "LiteLLM_SpendLogs_session_id_idx" ON ${q('LiteLLM_SpendLogs')}("session_id")`,
    `CREATE TABLE ${q('LiteLLM_TeamTable')} (
      "team_id" TEXT NOT NULL,
      "team_alias" TEXT,
      "organization_id" TEXT,
      "admins" TEXT[],
      "members" TEXT[],
      "members_with_roles" JSONB NOT NULL DEFAULT '{}',
      "metadata" JSONB NOT NULL DEFAULT '{}',
      "max_budget" DOUBLE PRECISION,
      "spend" DOUBLE PRECISION NOT NULL DEFAULT 0.0,
      "models" TEXT[],
      "blocked" BOOLEAN NOT NULL DEFAULT false,
      "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
      "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
      "model_spend" JSONB NOT NULL DEFAULT '{}',
      "model_max_budget" JSONB NOT NULL DEFAULT '{}',
      CONSTRAINT "LiteLLM_TeamTable_pkey" PRIMARY KEY ("team_id")
    )`,
    `CREATE INDEX "LiteLLM_TeamTable_team_alias_idx" ON ${q('LiteLLM_TeamTable')}("team_alias")`,
    `CREATE TABLE ${q('LiteLLM_VerificationToken')} (
      "token" TEXT NOT NULL,
      "key_name" TEXT,
      "key_alias" TEXT,
      "soft_budget_cooldown" BOOLEAN NOT NULL DEFAULT false,
      "spend" DOUBLE PRECISION NOT NULL DEFAULT 0.0,
      "expires" TIMESTAMP(3),
      "models" TEXT[],
      "aliases" JSONB NOT NULL DEFAULT '{}',
      "config" JSONB NOT NULL DEFAULT '{}',
      "user_id" TEXT,
      "team_id" TEXT,
      "permissions" JSONB NOT NULL DEFAULT '{}',
      "metadata" JSONB NOT NULL DEFAULT '{}',
      "created_at" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
      "updated_at" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
      CONSTRAINT "LiteLLM_VerificationToken_pkey" PRIMARY KEY ("token")
    )`,
    `CREATE INDEX "LiteLLM_VerificationToken_user_id_team_id_idx" ON ${q('LiteLLM_VerificationToken')}("user_id", "team_id")`,
    `CREATE INDEX "LiteLLM_VerificationToken_team_id_idx" ON ${q('LiteLLM_VerificationToken')}("team_id")`,
    `CREATE TABLE ${q('LiteLLM_UserTable')} (
      "user_id" TEXT NOT NULL,
      "user_alias" TEXT,
      "team_id" TEXT,
      "teams" TEXT[] DEFAULT ARRAY[]::TEXT[],
      "user_role" TEXT,
      "max_budget" DOUBLE PRECISION,
      "spend" DOUBLE PRECISION NOT NULL DEFAULT 0.0,
      "user_email" TEXT,
      "models" TEXT[],
      "metadata" JSONB NOT NULL DEFAULT '{}',
      "created_at" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
      "updated_at" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
      CONSTRAINT "LiteLLM_UserTable_pkey" PRIMARY KEY ("user_id")
    )`,
    `CREATE TABLE ${q('LiteLLM_EndUserTable')} (
      "user_id" TEXT NOT NULL,
      "alias" TEXT,
      "spend" DOUBLE PRECISION NOT NULL DEFAULT 0.0,
      "allowed_model_region" TEXT,
      "default_model" TEXT,
      "budget_id" TEXT,
      "blocked" BOOLEAN NOT NULL DEFAULT false,
      CONSTRAINT "LiteLLM_EndUserTable_pkey" PRIMARY KEY ("user_id")
    )`,
  ]
}

// ---------------------------------------------------------------- rows

export interface SpendLogRow {
  request_id: string
  call_type: string
  api_key: string
  spend: number
  total_tokens: number
  prompt_tokens: number
  completion_tokens: number
  /** Naive UTC, millisecond precision: `2026-10-05 14:03:07.123`. */
  startTime: string
  endTime: string
  request_duration_ms: number | null
  completionStartTime: string | null
  model: string
  model_id: string
  model_group: string
  custom_llm_provider: string
  api_base: string
  user: string | null
  metadata: Record<string, unknown>
  cache_hit: string
  cache_key: string
  request_tags: string[] | null
  team_id: string | null
  organization_id: string
  end_user: string | null
  requester_ip_address: string | null
  messages: unknown
  response: unknown
  session_id: string
  status: string | null
  proxy_server_request: unknown
}

export interface TeamRow {
  team_id: string
  team_alias: string | null
}

export interface KeyRow {
  token: string
  key_name: string
  key_alias: string | null
  user_id: string | null
  team_id: string | null
}

export interface UserRow {
  user_id: string
  user_alias: string | null
  user_email: string | null
}

export interface EndUserRow {
  user_id: string
  alias: string | null
}

export interface LitellmRows {
  spendLogs: SpendLogRow[]
  teams: TeamRow[]
  keys: KeyRow[]
  users: UserRow[]
  endUsers: EndUserRow[]
}

export interface LitellmRowsOptions {
  /**
   * How ids are written. `'litellm'` (default), as a proxy writes them: a team's id is a UUID (its
   * name is `LiteLLM_TeamTable.team_alias`) and `api_key` is the SHA-256 hash of the key (its alias is
   * `LiteLLM_VerificationToken.key_alias`); one key is missing from the key table (deleted; its alias
   * survives in the log's metadata), one team has no alias, and some users none. `'verbatim'`: the
   * records' own team names and key ids are the ids, and every team and key is in its table under
   * its record name — what the conformance kit needs, since its filters name the records' own keys.
   */
  ids?: 'litellm' | 'verbatim'
  /** Aliases of end users (customers) for `LiteLLM_EndUserTable.alias`; others get none. */
  customerAliases?: Readonly<Record<string, string>>
}

/** A stable 32-bit hash of text (FNV-1a): how each record is written depends on its id only, not on its position. */
function variantOf(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** A deterministic UUID for a name (the hash's bytes with the version-5 and variant bits). */
function uuidOf(name: string): string {
  const hex = sha256(`team:${name}`)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** An instant as `timestamp(3)` text holding UTC, as Prisma writes a UTC `DateTime`. */
function naiveUtc(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
}

function wholeMs(value: number, field: string, id: string): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`litellmRows: ${field} of ${id} is ${value}; LiteLLM keeps times to the millisecond, so it must be a whole number of ms.`)
  }
  return value
}

function latestBy<T>(records: readonly UsageRecord[], key: (record: UsageRecord) => string | null | undefined, pick: (record: UsageRecord) => T): Map<string, T> {
  const latest = new Map<string, { at: number; id: string; value: T }>()
  for (const record of records) {
    const k = key(record)
    if (!k) continue
    const at = Date.parse(record.timestamp)
    const seen = latest.get(k)
    if (!seen || at > seen.at || (at === seen.at && record.id > seen.id)) latest.set(k, { at, id: record.id, value: pick(record) })
  }
  return new Map([...latest].map(([k, { value }]) => [k, value]))
}

/**
 * Writes usagekit records the way a LiteLLM proxy logs calls, deterministically: `"startTime"` and
 * `"endTime"` as naive UTC `timestamp(3)` (latency = end − start; newer rows also keep
 * `request_duration_ms`), `"completionStartTime"` for the time to first token, spend as a float,
 * `"user" = ''` without a user, status `'success'`/`'failure'` — or, for rows of an older proxy,
 * `status` NULL with the outcome in `metadata.status` (and a few successes with no status at all),
 * cached prompt tokens in `metadata.additional_usage_values.prompt_tokens_details.cached_tokens` (or
 * `metadata.usage_object…`), the key alias in `metadata.user_api_key_alias`, the error text in
 * `metadata.error_information.error_message`, the caller's own metadata in
 * `metadata.spend_logs_metadata`, tags as a jsonb array, the gateway cache flag as `'True'`/`'False'`
 * (`''` when the record does not say). Which of these forms a row takes depends on its id only.
 */
export function litellmRows(records: readonly UsageRecord[], options: LitellmRowsOptions = {}): LitellmRows {
  const verbatim = options.ids === 'verbatim'
  const teamId = (team: string) => (verbatim ? team : uuidOf(team))
  const keyHash = (key: string) => (verbatim ? key : sha256(key))
  const spendLogs = records.map((record): SpendLogRow => {
    const v = variantOf(record.id)
    const start = Date.parse(record.timestamp)
    if (!Number.isFinite(start)) throw new RangeError(`litellmRows: ${record.id} has no valid timestamp.`)
    if (start % 1 !== 0) throw new RangeError(`litellmRows: ${record.id}'s timestamp is finer than a millisecond.`)
    const latency = wholeMs(record.latencyMs, 'latencyMs', record.id)
    const ttft = record.ttftMs === null || record.ttftMs === undefined ? null : wholeMs(record.ttftMs, 'ttftMs', record.id)
    const failed = record.status === 'error'
    const cached = record.cachedInputTokens
    // Rows of an older proxy (about one in six): no `status` column value, no request_duration_ms.
    const olderProxy = v % 6 === 0
    const status = olderProxy ? null : failed ? 'failure' : 'success'
    const metadataStatus = olderProxy && !failed && v % 12 === 0 ? undefined : failed ? 'failure' : 'success'
    const usageDetails = cached > 0 || v % 4 !== 1 ? { cached_tokens: cached, audio_tokens: null } : null
    const inUsageObject = v % 5 === 2
    const apiKey = record.apiKey ? keyHash(record.apiKey) : ''
    const team = record.team ? teamId(record.team) : v % 2 === 0 ? '' : null
    const metadata: Record<string, unknown> = {
      user_api_key: apiKey || null,
      user_api_key_alias: record.apiKeyName ?? null,
      user_api_key_team_id: team || null,
      user_api_key_team_alias: record.team ?? null,
      user_api_key_user_id: record.userId || null,
      user_api_key_org_id: null,
      spend_logs_metadata: (record.metadata ?? null) as MetadataValue,
      requester_ip_address: record.ip ?? null,
      applied_guardrails: [],
      additional_usage_values: inUsageObject
        ? { completion_tokens_details: null, prompt_tokens_details: null }
        : { completion_tokens_details: { reasoning_tokens: 0 }, prompt_tokens_details: usageDetails },
      usage_object: inUsageObject
        ? { prompt_tokens: record.inputTokens, completion_tokens: record.outputTokens, prompt_tokens_details: usageDetails }
        : null,
      litellm_overhead_time_ms: record.overheadMs ?? null,
      error_information: failed
        ? { error_code: '429', error_class: 'RateLimitError', llm_provider: record.provider, error_message: record.errorMessage ?? '' }
        : null,
    }
    if (metadataStatus !== undefined) metadata.status = metadataStatus
    const requestBody =
      record.request ??
      (record.prompt || record.systemPrompt
        ? {
            model: record.model,
            messages: [
              ...(record.systemPrompt ? [{ role: 'system', content: record.systemPrompt }] : []),
              ...(record.prompt ? [{ role: 'user', content: record.prompt }] : []),
            ],
          }
        : null)
    // A request that bypassed the router's model groups has no model_group: the model is the one called.
    const grouped = v % 9 !== 4
    return {
      request_id: record.id,
      call_type: record.callType ?? '',
      api_key: apiKey,
      spend: record.cost,
      total_tokens: record.inputTokens + record.outputTokens,
      prompt_tokens: record.inputTokens,
      completion_tokens: record.outputTokens,
      startTime: naiveUtc(start),
      endTime: naiveUtc(start + latency),
      request_duration_ms: olderProxy ? null : latency,
      completionStartTime: ttft === null ? null : naiveUtc(start + ttft),
      model: grouped && record.modelId ? record.modelId : record.model,
      model_id: record.modelId ?? '',
      model_group: grouped ? record.model : '',
      custom_llm_provider: record.provider,
      api_base: record.apiBase ?? '',
      user: record.userId === '' && v % 3 === 0 ? null : record.userId,
      metadata,
      cache_hit: record.cacheHit === true ? 'True' : record.cacheHit === false ? 'False' : '',
      cache_key: record.cacheHit === true ? sha256(`cache:${record.id}`) : 'Cache OFF',
      request_tags: record.tags.length === 0 && v % 2 === 1 ? null : [...record.tags],
      team_id: team,
      organization_id: '',
      end_user: record.customer ? record.customer : v % 2 === 0 ? '' : null,
      requester_ip_address: record.ip ?? null,
      messages: {},
      response: record.response ?? (record.completion ? { id: record.id, model: record.model, choices: [{ index: 0, message: { role: 'assistant', content: record.completion } }] } : {}),
      session_id: sha256(`session:${record.id}`).slice(0, 32),
      status,
      proxy_server_request: requestBody ?? {},
    }
  })

  const teamNames = [...new Set(records.map((record) => record.team).filter((team): team is string => !!team))].sort()
  // One team created without an alias (LiteLLM allows it): shown by its id.
  const unnamedTeam = verbatim ? undefined : teamNames[teamNames.length - 1]
  const teams = teamNames.map((team) => ({ team_id: teamId(team), team_alias: team === unnamedTeam ? null : team }))

  const keyOwners = latestBy(records, (record) => record.apiKey, (record) => record)
  const keyIds = [...keyOwners.keys()].sort()
  // One key was deleted: LiteLLM moves it out of LiteLLM_VerificationToken; its alias survives in the log's metadata.
  const deletedKey = verbatim ? undefined : keyIds[0]
  const keys = keyIds
    .filter((key) => key !== deletedKey)
    .map((key) => {
      const owner = keyOwners.get(key)!
      return {
        token: keyHash(key),
        key_name: `sk-...${key.slice(-4)}`,
        key_alias: owner.apiKeyName ?? null,
        user_id: owner.userId || null,
        team_id: owner.team ? teamId(owner.team) : null,
      }
    })

  const people = latestBy(records, (record) => record.userId, (record) => record)
  const users = [...people.keys()].sort().map((userId) => {
    const person = people.get(userId)!
    // Some users were created without an alias (shown by id), and their email is all LiteLLM knows.
    const unnamed = !verbatim && variantOf(userId) % 5 === 0
    return { user_id: userId, user_alias: unnamed ? null : (person.userName ?? null), user_email: person.userEmail || null }
  })

  const customers = [...new Set(records.map((record) => record.customer).filter((customer): customer is string => !!customer))].sort()
  const endUsers = customers.map((customer) => ({ user_id: customer, alias: options.customerAliases?.[customer] ?? null }))

  return { spendLogs, teams, keys, users, endUsers }
}

// ---------------------------------------------------------------- loading

export type LitellmExecute = (sql: string, params: SqlValue[], options: { signal?: AbortSignal }) => Promise<unknown>

const SPEND_LOG_COLUMNS: [keyof SpendLogRow, string][] = [
  ['request_id', 'text'],
  ['call_type', 'text'],
  ['api_key', 'text'],
  ['spend', 'double precision'],
  ['total_tokens', 'integer'],
  ['prompt_tokens', 'integer'],
  ['completion_tokens', 'integer'],
  ['startTime', 'timestamp(3)'],
  ['endTime', 'timestamp(3)'],
  ['request_duration_ms', 'integer'],
  ['completionStartTime', 'timestamp(3)'],
  ['model', 'text'],
  ['model_id', 'text'],
  ['model_group', 'text'],
  ['custom_llm_provider', 'text'],
  ['api_base', 'text'],
  ['user', 'text'],
  ['metadata', 'jsonb'],
  ['cache_hit', 'text'],
  ['cache_key', 'text'],
  ['request_tags', 'jsonb'],
  ['team_id', 'text'],
  ['organization_id', 'text'],
  ['end_user', 'text'],
  ['requester_ip_address', 'text'],
  ['messages', 'jsonb'],
  ['response', 'jsonb'],
  ['session_id', 'text'],
  ['status', 'text'],
  ['proxy_server_request', 'jsonb'],
]

/**
 * `INSERT … SELECT … FROM jsonb_to_recordset($1)`: a batch of rows in one parameter. Timestamps
 * arrive as zone-less text, so the session's TimeZone never touches them.
 */
function insertSql(table: string, columns: readonly [string, string][], conflict: string): string {
  const names = columns.map(([name]) => `"${name}"`).join(', ')
  const types = columns.map(([name, type]) => `"${name}" ${type}`).join(', ')
  return `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${types}) ${conflict}`
}

/**
 * The conformance kit's `load` for LiteLLM: writes `records` into the LiteLLM tables (created with
 * `litellmTablesSql`) as a proxy would, through the same `execute` the adapter uses. Directory rows
 * (teams, keys, users, end users) are upserted, so loading more records later (the kit's live
 * inserts) keeps them current.
 */
export async function loadIntoSpendLogs(
  execute: LitellmExecute,
  records: readonly UsageRecord[],
  options: LitellmRowsOptions & { schema?: string; older?: boolean } = {},
): Promise<LitellmRows> {
  const rows = litellmRows(records, options)
  // An older proxy's table: the outcome only in metadata.status, latency only as end − start.
  const columns = options.older ? SPEND_LOG_COLUMNS.filter(([name]) => name !== 'status' && name !== 'request_duration_ms') : SPEND_LOG_COLUMNS
  const q = (name: string) => (options.schema ? `"${options.schema}"."${name}"` : `"${name}"`)
  const run = (sql: string, batch: readonly unknown[]) => execute(sql, [JSON.stringify(batch)], {})
  const logSql = insertSql(q('LiteLLM_SpendLogs'), columns, '')
  for (let i = 0; i < rows.spendLogs.length; i += 2000) await run(logSql, rows.spendLogs.slice(i, i + 2000))
  if (rows.teams.length) {
    await run(
      insertSql(q('LiteLLM_TeamTable'), [['team_id', 'text'], ['team_alias', 'text']], 'ON CONFLICT ("team_id") DO UPDATE SET "team_alias" = EXCLUDED."team_alias"'),
      rows.teams,
    )
  }
  if (rows.keys.length) {
    await run(
      insertSql(
        q('LiteLLM_VerificationToken'),
        [['token', 'text'], ['key_name', 'text'], ['key_alias', 'text'], ['user_id', 'text'], ['team_id', 'text']],
        'ON CONFLICT ("token") DO UPDATE SET "key_alias" = EXCLUDED."key_alias", "user_id" = EXCLUDED."user_id", "team_id" = EXCLUDED."team_id"',
      ),
      rows.keys,
    )
  }
  if (rows.users.length) {
    await run(
      insertSql(
        q('LiteLLM_UserTable'),
        [['user_id', 'text'], ['user_alias', 'text'], ['user_email', 'text']],
        'ON CONFLICT ("user_id") DO UPDATE SET "user_alias" = EXCLUDED."user_alias", "user_email" = EXCLUDED."user_email"',
      ),
      rows.users,
    )
  }
  if (rows.endUsers.length) {
    await run(insertSql(q('LiteLLM_EndUserTable'), [['user_id', 'text'], ['alias', 'text']], 'ON CONFLICT ("user_id") DO UPDATE SET "alias" = EXCLUDED."alias"'), rows.endUsers)
  }
  return rows
}

// ---------------------------------------------------------------- test records and a server

/** End users (customers) of the test records, with the aliases some of them have in LiteLLM_EndUserTable. */
export const TEST_CUSTOMERS = ['cus_acme', 'cus_globex', 'cus_initech', 'cus_umbrella', 'cus_hooli'] as const
export const TEST_CUSTOMER_ALIASES: Readonly<Record<string, string>> = { cus_acme: 'Acme Corp', cus_globex: 'Globex', cus_initech: 'Initech' }

/**
 * The fixture records with what LiteLLM adds and what its logs hold at the edges, deterministically
 * by record id: an end user (customer) on most calls, calls made without a user (`''`) or a team, the
 * gateway's cache flag (hits, misses, and rows that do not say), and two calls logged in the same
 * millisecond (the request log orders them by id).
 */
export function litellmTestRecords(records: readonly UsageRecord[]): UsageRecord[] {
  const out = records.map((record): UsageRecord => {
    const v = variantOf(record.id)
    const next: UsageRecord = { ...record }
    if (v % 10 < 6) next.customer = TEST_CUSTOMERS[(v >>> 4) % TEST_CUSTOMERS.length]!
    if ((v >>> 8) % 20 === 0) Object.assign(next, { userId: '', userName: null, userEmail: null })
    // A personal key outside any team.
    if ((v >>> 16) % 30 === 0) next.team = null
    const cache = (v >>> 12) % 20
    next.cacheHit = cache === 0 ? true : cache < 3 ? null : false
    return next
  })
  const twin = out[Math.floor(out.length / 2)]!
  out.push({ ...twin, id: `${twin.id}-twin`, cacheHit: true })
  return out
}

export interface LitellmDatabase {
  host: string
  port: number
  /** A connection whose session runs in `timeZone` (PostgreSQL's `SET TimeZone`), as an adapter `execute`. */
  session(timeZone: string): Promise<(sql: string, params: SqlValue[], options?: { signal?: AbortSignal }) => Promise<Record<string, unknown>[]>>
  close(): Promise<void>
}

/**
 * A throwaway PostgreSQL server (scripts/postgresServer.mjs) with LiteLLM's tables, in `schema` when
 * given. Each `session(timeZone)` is its own connection with that session TimeZone.
 */
export async function openLitellmDatabase(options: { schema?: string; older?: boolean } = {}): Promise<LitellmDatabase> {
  const server = await startPostgresServer()
  const clients: pg.Client[] = []
  const connect = async (timeZone: string) => {
    const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database: server.database })
    await client.connect()
    clients.push(client)
    await client.query(`SET TimeZone TO '${timeZone.replace(/'/g, "''")}'`)
    return async (sql: string, params: SqlValue[]) => (await client.query(sql, params as unknown[])).rows as Record<string, unknown>[]
  }
  const admin = await connect('UTC')
  for (const statement of litellmTablesSql(options)) await admin(statement, [])
  return {
    host: server.host,
    port: server.port,
    session: connect,
    close: async () => {
      for (const client of clients) await client.end()
      server.stop()
    },
  }
}
