import type { Dimension } from './dimensions'
import type { Metric } from './metrics'
import type { AdapterCapabilities, UsageRecord } from './types'

/**
 * Record fields a backend may not have. Without one, an adapter offers none of what the field
 * answers (below) and shows nothing of it in the request log and drawer: it never invents a value.
 */
export type OptionalRecordField = Exclude<
  keyof UsageRecord,
  'id' | 'timestamp' | 'userId' | 'provider' | 'model' | 'status' | 'inputTokens' | 'outputTokens' | 'cost' | 'latencyMs'
>

/** What each optional field lets an adapter answer. One table for the memory adapter, the SQL adapter and the kit. */
export const FIELD_CAPABILITIES: Readonly<
  Partial<Record<OptionalRecordField, { metrics?: readonly Metric[]; dimensions?: readonly Dimension[] }>>
> = {
  team: { dimensions: ['team'] },
  apiKey: { dimensions: ['apiKey'] },
  tags: { dimensions: ['tag'] },
  application: { dimensions: ['application'] },
  agent: { dimensions: ['agent'] },
  customer: { dimensions: ['customer'] },
  cachedInputTokens: { metrics: ['cachedInputTokens', 'cacheSavings'] },
  cacheHit: { metrics: ['cacheHits'] },
}

/** `capabilities` without the metrics and dimensions that need any of `lacks`. */
export function capabilitiesWithout(capabilities: AdapterCapabilities, lacks: readonly OptionalRecordField[]): AdapterCapabilities {
  const metrics = new Set<Metric>()
  const dimensions = new Set<Dimension>()
  for (const field of lacks) {
    for (const metric of FIELD_CAPABILITIES[field]?.metrics ?? []) metrics.add(metric)
    for (const dimension of FIELD_CAPABILITIES[field]?.dimensions ?? []) dimensions.add(dimension)
  }
  return {
    ...capabilities,
    metrics: capabilities.metrics.filter((definition) => !metrics.has(definition.id)),
    dimensions: capabilities.dimensions.filter((dimension) => !dimensions.has(dimension)),
  }
}

/**
 * What a record holds where a backend cannot store `field`: the value a record without it has.
 * `undefined` removes the field; `null`, `[]` and `0` stand where the record type requires a value
 * (`cachedInputTokens` is a number in every request summary, so a backend without it reads 0 there).
 * Keyed by every optional field, so the compiler names a new field that lacks an entry.
 */
const ABSENT: { readonly [F in OptionalRecordField]: UsageRecord[F] | undefined } = {
  userName: undefined,
  userEmail: undefined,
  team: null,
  apiKey: null,
  apiKeyName: undefined,
  tags: [],
  application: null,
  agent: null,
  customer: undefined,
  cacheHit: undefined,
  cachedInputTokens: 0,
  ttftMs: null,
  callType: undefined,
  modelId: undefined,
  apiBase: undefined,
  ip: undefined,
  overheadMs: undefined,
  retries: undefined,
  costBreakdown: undefined,
  errorMessage: undefined,
  systemPrompt: undefined,
  prompt: undefined,
  completion: undefined,
  request: undefined,
  response: undefined,
  metadata: undefined,
}

/** Every field a backend may lack, for checking a `lacks` list. */
export const OPTIONAL_RECORD_FIELDS = Object.keys(ABSENT) as readonly OptionalRecordField[]

export function isOptionalRecordField(value: unknown): value is OptionalRecordField {
  return typeof value === 'string' && Object.hasOwn(ABSENT, value)
}

/** `record` as a backend without `lacks` stores it: those fields gone (or null/empty where the type needs a value). */
export function withoutRecordFields(record: UsageRecord, lacks: readonly OptionalRecordField[]): UsageRecord {
  if (lacks.length === 0) return record
  const stripped: Record<string, unknown> = { ...record }
  for (const field of lacks) {
    const absent = ABSENT[field]
    if (absent === undefined) delete stripped[field]
    else stripped[field] = Array.isArray(absent) ? [] : absent
  }
  return stripped as unknown as UsageRecord
}
