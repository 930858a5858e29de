import { type OptionalRecordField, capabilitiesWithout } from '../recordFields'
import type { UsageAdapter, UsageRecord } from '../types'
import type { ContractFixtures } from './contractFixtures'

/**
 * What a record holds for a field its backend cannot store: what an adapter reading a table
 * without that column sees. Nullable fields are `null`; `tags` is `[]` (no tags);
 * `cachedInputTokens` is `0` (the record type keeps it a number; the metric is not offered);
 * detail-only fields that are optional and not nullable (`callType`, `modelId`, `retries`,
 * `costBreakdown`, `request`, `response`, `metadata`) are left out.
 */
export const ABSENT_FIELD_VALUES: { readonly [F in OptionalRecordField]-?: UsageRecord[F] } = {
  userName: null,
  userEmail: null,
  team: null,
  apiKey: null,
  apiKeyName: null,
  tags: [],
  application: null,
  agent: null,
  customer: null,
  cacheHit: null,
  cachedInputTokens: 0,
  ttftMs: null,
  callType: undefined,
  modelId: undefined,
  apiBase: null,
  ip: null,
  overheadMs: null,
  retries: undefined,
  costBreakdown: undefined,
  errorMessage: null,
  systemPrompt: null,
  prompt: null,
  completion: null,
  request: undefined,
  response: undefined,
  metadata: undefined,
}

/** Every optional record field (the values `lacks` may list). */
export const OPTIONAL_RECORD_FIELDS = Object.keys(ABSENT_FIELD_VALUES) as OptionalRecordField[]

/** Names in `lacks` that are not optional record fields (a typo, or a field every backend must store). */
export function unknownLacks(lacks: readonly string[]): string[] {
  return lacks.filter((field) => !(OPTIONAL_RECORD_FIELDS as string[]).includes(field))
}

/** A copy of `record` without `lacks`: each lacked field as a backend without it answers (`ABSENT_FIELD_VALUES`). */
export function recordWithout(record: UsageRecord, lacks: readonly OptionalRecordField[]): UsageRecord {
  const copy: UsageRecord = { ...record, tags: [...record.tags] }
  const fields = copy as unknown as Record<string, unknown>
  for (const field of lacks) {
    const absent = ABSENT_FIELD_VALUES[field]
    if (absent === undefined) delete fields[field]
    else fields[field] = Array.isArray(absent) ? [] : absent
  }
  return copy
}

/** The kit's fixtures without `lacks` (the same object when `lacks` is empty). */
export function fixturesWithout(fixtures: ContractFixtures, lacks: readonly OptionalRecordField[]): ContractFixtures {
  if (lacks.length === 0) return fixtures
  return { ...fixtures, records: fixtures.records.map((record) => recordWithout(record, lacks)) }
}

/** `adapter` whose capabilities drop what needs `lacks` (`capabilitiesWithout`); its other methods are its own. */
export function adapterWithout(adapter: UsageAdapter, lacks: readonly OptionalRecordField[]): UsageAdapter {
  if (lacks.length === 0) return adapter
  return {
    getCapabilities: async (params) => capabilitiesWithout(await adapter.getCapabilities(params), lacks),
    getSummary: (params) => adapter.getSummary(params),
    getTimeSeries: (params) => adapter.getTimeSeries(params),
    getBreakdown: (params) => adapter.getBreakdown(params),
    listRequests: (params) => adapter.listRequests(params),
    getRequest: (params) => adapter.getRequest(params),
    getDimensionValues: (params) => adapter.getDimensionValues(params),
  }
}
