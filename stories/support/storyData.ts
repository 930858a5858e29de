import {
  type AdapterCall,
  type AdapterMethod,
  type AdapterParams,
  type AdapterResult,
  type Dimension,
  FIELD_CAPABILITIES,
  InvalidQueryError,
  type Metric,
  type MeterRecord,
  type OptionalRecordField,
  type UsageAdapter,
  type UsageRecord,
  callAdapter,
  capabilitiesWithout,
  expandMetrics,
  mapAdapter,
} from '@usagekit/core'
import { generateMeterRecords, generateUsageRecords } from '@usagekit/core/fixtures'
import { type MemoryAdapterOptions, createMemoryAdapter } from '@usagekit/core/memory'

/** Every story sees the same clock, so screenshots are stable. */
export const STORY_NOW = '2026-11-20T15:00:00.000Z'
const START = '2026-09-21T00:00:00.000Z'

let records: UsageRecord[] | null = null
let meters: MeterRecord[] | null = null

/** 60 days of fixture usage ending at STORY_NOW (generated once per page). */
export function storyRecords(): UsageRecord[] {
  records ??= generateUsageRecords({ seed: 42, start: START, end: STORY_NOW, requestsPerDay: 900 })
  return records
}

export function storyMeters(): MeterRecord[] {
  meters ??= generateMeterRecords({ seed: 42, start: START, end: STORY_NOW })
  return meters
}

/** A memory adapter over the story data; options simulate latency, failures or hidden content. */
export function storyAdapter(options: MemoryAdapterOptions & { records?: UsageRecord[] } = {}) {
  const { records: own, ...rest } = options
  return createMemoryAdapter(own ?? storyRecords(), { meters: storyMeters(), now: () => STORY_NOW, ...rest })
}

let foreign: UsageRecord[] | null = null

/**
 * The story data as a gateway logs it (LiteLLM's spend logs): every seventh request made without a
 * user (LiteLLM writes `user = ''`); end customers and gateway cache hits as the fixtures carry them.
 */
export function foreignStoryRecords(): UsageRecord[] {
  foreign ??= storyRecords().map((record, i) => {
    if (i % 7 !== 3) return record
    const { userName: _name, userEmail: _email, ...rest } = record
    return { ...rest, userId: '' }
  })
  return foreign
}

/** What a record holds where the table has no such column (the rest are left out). */
const ABSENT: Partial<Record<OptionalRecordField, unknown>> = { team: null, apiKey: null, tags: [], application: null, agent: null, cachedInputTokens: 0 }

/**
 * A foreign table that lacks some record fields, over the memory adapter: the fields are stripped
 * from the records, the capabilities leave out what they answer (`capabilitiesWithout`), and any query
 * that still asks for one is refused (`InvalidQueryError`), as a real adapter does — so a widget that
 * asks for what the table cannot answer fails visibly in the story.
 */
export function foreignTable(records: readonly UsageRecord[], lacks: readonly OptionalRecordField[], options: MemoryAdapterOptions = {}): UsageAdapter {
  const stripped = records.map((record) => {
    const out: Record<string, unknown> = { ...record }
    for (const field of lacks) {
      if (Object.hasOwn(ABSENT, field)) out[field] = ABSENT[field]
      else delete out[field]
    }
    return out as unknown as UsageRecord
  })
  const memory = createMemoryAdapter(stripped, { now: () => STORY_NOW, ...options })
  const metrics = new Set<Metric>(lacks.flatMap((field) => FIELD_CAPABILITIES[field]?.metrics ?? []))
  const dimensions = new Set<Dimension>(lacks.flatMap((field) => FIELD_CAPABILITIES[field]?.dimensions ?? []))
  const check = (params: Record<string, unknown>) => {
    const asked = [
      ...((params.metrics as Metric[] | undefined) ?? []),
      ...[(params.sort as { metric?: Metric } | undefined)?.metric, (params.trend as { metric?: Metric } | undefined)?.metric].filter((m): m is Metric => !!m),
    ]
    for (const metric of expandMetrics(asked)) if (metrics.has(metric)) throw new InvalidQueryError(`This table has no ${metric}.`, { field: 'metrics' })
    for (const dimension of [params.groupBy, params.dimension, ...Object.keys((params.filters as object | undefined) ?? {})]) {
      if (typeof dimension === 'string' && dimensions.has(dimension as Dimension)) throw new InvalidQueryError(`This table has no ${dimension}.`, { field: 'dimension' })
    }
  }
  return mapAdapter(
    <M extends AdapterMethod>(method: M): AdapterCall<M> =>
      async (params) => {
        if (method === 'getCapabilities') return capabilitiesWithout(await memory.getCapabilities(params as AdapterParams<'getCapabilities'>), lacks) as AdapterResult<M>
        check((params ?? {}) as Record<string, unknown>)
        return callAdapter(memory, method, params)
      },
  )
}
