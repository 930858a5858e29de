import type { MeterRecord, UsageRecord } from '@usagekit/core'
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
