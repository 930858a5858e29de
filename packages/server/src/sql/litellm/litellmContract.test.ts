// The conformance kit on LiteLLM's own tables: the kit's records written the way a LiteLLM proxy logs
// calls (litellmTestTables.ts), read back through the preset, compared with the memory adapter over
// the same records without the fields LiteLLM cannot store.
import type { OptionalRecordField } from '@usagekit/core'
import { describeAdapterContract } from '@usagekit/core/testing'
import { createSqlAdapter } from '../createSqlAdapter'
import type { SqlValue } from '../sqlParameters'
import { litellmSpendLogs } from './litellmSpendLogs'
import { type LitellmDatabase, loadIntoSpendLogs, openLitellmDatabase } from './litellmTestTables'

/**
 * What a LiteLLM spend log does not keep: user names and emails (LiteLLM_UserTable has an alias and
 * an email per user, but no history of them, so the kit's rule of labels from the counted rows cannot
 * hold), applications and agents, retries, itemised cost lines, and chat turns or synthesised
 * payloads (the preset shows no content by default).
 */
const LITELLM_LACKS: OptionalRecordField[] = [
  'userName',
  'userEmail',
  'application',
  'agent',
  'retries',
  'costBreakdown',
  'systemPrompt',
  'prompt',
  'completion',
  'request',
  'response',
]

/** LiteLLM's tables in their own schema (the preset's `schema` option), read from a New York session. */
const SCHEMA = 'litellm'
let database: LitellmDatabase | undefined
let session: ((sql: string, params: SqlValue[]) => Promise<Record<string, unknown>[]>) | undefined

async function connection() {
  database ??= await openLitellmDatabase({ schema: SCHEMA })
  session ??= await database.session('America/New_York')
  return session
}

describeAdapterContract({
  name: 'LiteLLM preset on LiteLLM’s own tables (PostgreSQL 15, session TimeZone America/New_York)',
  // The kit's filters name the records' own team names and key ids, so they are written as the ids
  // (LiteLLM takes any text there); everything else is stored as a proxy stores it.
  load: async (records) => {
    await loadIntoSpendLogs(await connection(), records, { ids: 'verbatim', schema: SCHEMA })
  },
  lacks: LITELLM_LACKS,
  createAdapter: async () => ({
    adapter: createSqlAdapter({
      dialect: 'postgres',
      execute: await connection(),
      // Users are named by id: LiteLLM_UserTable's current alias is not the kit's per-row name.
      ...litellmSpendLogs({ schema: SCHEMA, labels: ['team', 'apiKey', 'customer'] }),
    }),
    cleanup: async () => {
      await database?.close()
      database = undefined
      session = undefined
    },
  }),
})
