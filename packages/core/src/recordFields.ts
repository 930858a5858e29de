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
  cachedInputTokens: { metrics: ['cachedInputTokens'] },
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
