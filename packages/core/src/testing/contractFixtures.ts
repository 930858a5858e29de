import { generateMeterRecords } from '../fixtures/generateMeterRecords'
import { generateUsageRecords } from '../fixtures/generateUsageRecords'
import type { MeterRecord, UsageRecord } from '../types'

/** A person as the records name them at one time. */
export interface FixturePerson {
  name: string
  email: string
  team: string
}

/**
 * The user who moves: mid-way through the autumn window they leave one team for another and change
 * their name and email (and use the new team's API key). Labels must follow the rows a query counts:
 * a viewer scoped to the old team sees them as they were there, never under their new name or team.
 */
export interface FixtureMover {
  userId: string
  /** The first instant of their new life (ISO); records from here on carry `after`. */
  movedAt: string
  before: FixturePerson
  after: FixturePerson
}

/**
 * The data the conformance kit loads into an adapter under test: two windows of 2026 that span
 * every DST change the kit checks (US, EU and Lord Howe in spring and autumn), with the fixtures'
 * errors, cache hits, agents, multi-valued tags and long non-ASCII names, a user who moves teams
 * and changes name mid-window (`mover`), plus seed 002's meters.
 */
export interface ContractFixtures {
  records: UsageRecord[]
  meters: MeterRecord[]
  /** The windows the records cover (ISO instants, end exclusive). */
  windows: { start: string; end: string }[]
  mover: FixtureMover
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
  // The mover: a Research member who joins Platform mid-autumn under a new name and email.
  const userId = 'u_0004'
  const movedAt = '2026-10-17T00:00:00.000Z'
  const first = records.find((record) => record.userId === userId)!
  const platformKey = records.find((record) => record.team === 'Platform' && record.apiKeyName?.endsWith('production'))!
  const mover: FixtureMover = {
    userId,
    movedAt,
    before: { name: first.userName!, email: first.userEmail!, team: first.team! },
    after: { name: 'Xavier Iyer-Nakamura', email: 'x.nakamura@platform.acme.example', team: platformKey.team! },
  }
  for (const record of records) {
    if (record.userId !== userId || Date.parse(record.timestamp) < Date.parse(movedAt)) continue
    record.userName = mover.after.name
    record.userEmail = mover.after.email
    record.team = mover.after.team
    record.apiKey = platformKey.apiKey
    record.apiKeyName = platformKey.apiKeyName
  }
  // Their last two calls share a timestamp: the larger id is the latest, and it carries the new name.
  const last = records.filter((record) => record.userId === userId).reduce((a, b) => (Date.parse(b.timestamp) >= Date.parse(a.timestamp) ? b : a))
  records.push({ ...last, id: `${last.id}~` })
  last.userName = `${mover.after.name} (an older laptop)`
  cached = { records, meters, windows: CONTRACT_WINDOWS.map((window) => ({ ...window })), mover }
  return cached
}
