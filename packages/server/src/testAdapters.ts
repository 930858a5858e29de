// Test helpers (not exported from the package).
import { type Dimension, type Filters, NONE_KEY, type UsageRecord } from '@usagekit/core'

/** The values a record has for a dimension, as the memory adapter groups and filters them. */
export function recordValues(record: UsageRecord, dimension: Dimension): string[] {
  const one = (value: string | null | undefined) => [value ? value : NONE_KEY]
  switch (dimension) {
    case 'user':
      return one(record.userId)
    case 'team':
      return one(record.team)
    case 'model':
      return one(record.model)
    case 'provider':
      return one(record.provider)
    case 'apiKey':
      return one(record.apiKey)
    case 'tag':
      return record.tags.length ? record.tags : [NONE_KEY]
    case 'application':
      return one(record.application)
    case 'agent':
      return one(record.agent)
    case 'consumer':
      return one(record.agent || record.userId)
    case 'status':
      return one(record.status)
    case 'customer':
      return one(record.customer)
  }
}

/** Whether filters match a record: OR within a dimension, AND across; an empty list is no filter. */
export function recordMatches(record: UsageRecord, filters: Filters | undefined): boolean {
  for (const [dimension, values] of Object.entries(filters ?? {}) as [Dimension, string[] | undefined][]) {
    if (!values || values.length === 0) continue
    if (!recordValues(record, dimension).some((value) => values.includes(value))) return false
  }
  return true
}
