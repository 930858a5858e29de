import { generateMeterRecords } from '../fixtures/generateMeterRecords'
import { generateUsageRecords } from '../fixtures/generateUsageRecords'
import type { MeterRecord, UsageRecord } from '../types'

/**
 * The data the conformance kit loads into an adapter under test: two windows of 2026 that span
 * every DST change the kit checks (US, EU and Lord Howe in spring and autumn), with the fixtures'
 * errors, cache hits, agents, multi-valued tags and long non-ASCII names, plus seed 002's meters.
 */
export interface ContractFixtures {
  records: UsageRecord[]
  meters: MeterRecord[]
  /** The windows the records cover (ISO instants, end exclusive). */
  windows: { start: string; end: string }[]
}

export const CONTRACT_WINDOWS = [
  { start: '2026-03-02T00:00:00.000Z', end: '2026-04-09T00:00:00.000Z' },
  { start: '2026-09-28T00:00:00.000Z', end: '2026-11-06T00:00:00.000Z' },
] as const

let cached: ContractFixtures | null = null

/** The kit's fixture data (deterministic; the same on every machine). Treat it as read-only. */
export function contractFixtures(): ContractFixtures {
  if (cached) return cached
  const records: UsageRecord[] = []
  const meters: MeterRecord[] = []
  CONTRACT_WINDOWS.forEach((window) => {
    records.push(...generateUsageRecords({ seed: 2026, ...window, requestsPerDay: 160 }))
    meters.push(...generateMeterRecords({ seed: 2026, ...window }).filter((_, i) => i % 4 === 0))
  })
  // Ids must be unique across windows: the second window's generator restarts its serials.
  const seen = new Set<string>()
  for (const record of records) {
    if (seen.has(record.id)) record.id = `${record.id}-b`
    seen.add(record.id)
  }
  cached = { records, meters, windows: CONTRACT_WINDOWS.map((window) => ({ ...window })) }
  return cached
}
