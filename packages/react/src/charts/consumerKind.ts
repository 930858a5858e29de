import type { BreakdownRow } from '@usagekit/core'

export type ConsumerKind = 'agent' | 'user'

/**
 * Whether a `consumer` row is an agent or a user. The contract marks agents by their secondary line,
 * `Agent` (docs/adapter.md, getBreakdown); a user's secondary line is their email, or nothing.
 */
export function consumerKind(row: Pick<BreakdownRow, 'secondary'>): ConsumerKind {
  return row.secondary === 'Agent' ? 'agent' : 'user'
}
