import { type MeterRecord, type OptionalRecordField, type UsageAdapter, type UsageRecord } from '@usagekit/core'
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

/**
 * A foreign table that lacks some record fields: the memory adapter's `lacks` strips them from the
 * records, leaves what they answer out of the capabilities and refuses any query that still asks for
 * one (`InvalidQueryError`), as a real adapter does — so a widget that asks for what the table cannot
 * answer fails visibly in the story.
 */
export function foreignTable(records: readonly UsageRecord[], lacks: readonly OptionalRecordField[], options: MemoryAdapterOptions = {}): UsageAdapter {
  return createMemoryAdapter(records, { now: () => STORY_NOW, ...options, lacks })
}
