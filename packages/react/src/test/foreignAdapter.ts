import {
  type AdapterCall,
  type AdapterMethod,
  type AdapterParams,
  type AdapterResult,
  type Dimension,
  FIELD_CAPABILITIES,
  InvalidQueryError,
  type Metric,
  type OptionalRecordField,
  type UsageAdapter,
  type UsageRecord,
  callAdapter,
  capabilitiesWithout,
  expandMetrics,
  mapAdapter,
} from '@usagekit/core'
import { type MemoryAdapterOptions, createMemoryAdapter } from '@usagekit/core/memory'
import { testRecords } from './renderUsage.js'

/** What a record holds where the table has no such column. */
const ABSENT: Partial<Record<OptionalRecordField, unknown>> = {
  team: null,
  apiKey: null,
  tags: [],
  application: null,
  agent: null,
  cachedInputTokens: 0,
}

function strip(record: UsageRecord, lacks: readonly OptionalRecordField[]): UsageRecord {
  const out: Record<string, unknown> = { ...record }
  for (const field of lacks) {
    if (Object.hasOwn(ABSENT, field)) out[field] = ABSENT[field]
    else delete out[field]
  }
  return out as unknown as UsageRecord
}

export interface ForeignAdapter extends UsageAdapter {
  /** Every call the UI made, in order. */
  calls: { method: AdapterMethod; params: unknown }[]
}

/**
 * A memory adapter over a "foreign table" that lacks some record fields: its capabilities leave out
 * what they answer (`capabilitiesWithout`), and — stricter than a wrapper of `getCapabilities` alone —
 * any query that still asks for one is refused with an `InvalidQueryError`, as a real adapter does.
 * A widget that asks for what the adapter does not offer therefore shows an error in the test.
 */
export function foreignAdapter(records: readonly UsageRecord[], lacks: readonly OptionalRecordField[], options: MemoryAdapterOptions = {}): ForeignAdapter {
  const memory = createMemoryAdapter(
    records.map((record) => strip(record, lacks)),
    options,
  )
  const metrics = new Set<Metric>(lacks.flatMap((field) => FIELD_CAPABILITIES[field]?.metrics ?? []))
  const dimensions = new Set<Dimension>(lacks.flatMap((field) => FIELD_CAPABILITIES[field]?.dimensions ?? []))
  const calls: ForeignAdapter['calls'] = []
  const refuse = (what: string) => {
    throw new InvalidQueryError(`this table has no ${what}`)
  }
  const check = (params: Record<string, unknown>) => {
    const asked = [
      ...((params.metrics as Metric[] | undefined) ?? []),
      ...[(params.sort as { metric?: Metric } | undefined)?.metric, (params.trend as { metric?: Metric } | undefined)?.metric].filter((m): m is Metric => !!m),
    ]
    for (const metric of expandMetrics(asked)) if (metrics.has(metric)) refuse(`metric ${metric}`)
    for (const dimension of [params.groupBy, params.dimension, ...Object.keys((params.filters as object | undefined) ?? {})]) {
      if (typeof dimension === 'string' && dimensions.has(dimension as Dimension)) refuse(`dimension ${dimension}`)
    }
  }
  const adapter = mapAdapter(
    <M extends AdapterMethod>(method: M): AdapterCall<M> =>
      async (params) => {
        calls.push({ method, params })
        if (method === 'getCapabilities') return capabilitiesWithout(await memory.getCapabilities(params as AdapterParams<'getCapabilities'>), lacks) as AdapterResult<M>
        check((params ?? {}) as Record<string, unknown>)
        return callAdapter(memory, method, params)
      },
  )
  return Object.assign(adapter, { calls })
}

export const CUSTOMERS = ['Acme Corp', 'Globex', 'Initech'] as const
let foreign: UsageRecord[] | null = null

/**
 * The test week as a gateway logs it: every fourth request for no end customer, the rest for one of
 * three customers; every sixth made without a user (LiteLLM's `user = ''`); a gateway cache hit on
 * every ninth successful one.
 */
export function foreignRecords(): UsageRecord[] {
  foreign ??= testRecords().map((record, i) => {
    const out: UsageRecord = { ...record, customer: i % 4 === 3 ? null : CUSTOMERS[i % 4]!, cacheHit: record.status === 'success' && i % 9 === 0 }
    if (i % 6 === 0) {
      out.userId = ''
      delete out.userName
      delete out.userEmail
    }
    return out
  })
  return foreign
}
