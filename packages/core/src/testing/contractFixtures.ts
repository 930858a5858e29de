import { generateMeterRecords } from '../fixtures/generateMeterRecords'
import { generateUsageRecords } from '../fixtures/generateUsageRecords'
import type { PriceTable } from '../priceTable'
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
 *
 * What foreign request logs hold is in it too: end customers (`customer`, some requests without
 * one), gateway cache hits (`cacheHit` true, false or unknown), and requests whose values are empty
 * strings (`edgeIds`): no user (`userId: ''`, as LiteLLM logs a call made without one), an empty
 * team, application, agent or customer, an empty tag. Empty means none: each counts under
 * `__none__`, and a request without a user is never an active user.
 */
export interface ContractFixtures {
  records: UsageRecord[]
  meters: MeterRecord[]
  /** The windows the records cover (ISO instants, end exclusive). */
  windows: { start: string; end: string }[]
  mover: FixtureMover
  /** The requests holding empty strings (see above), by what is empty. */
  edgeIds: { noUser: string[]; emptyTeam: string[]; emptyApplicationAndAgent: string[]; emptyTag: string[]; emptyCustomer: string[] }
  /**
   * Input prices by model (`CONTRACT_PRICES`): an adapter that offers `cacheSavings` is created
   * with these, and the kit prices the reference's answers with them too.
   */
  prices: PriceTable
}

/**
 * The price table of the kit's `cacheSavings` check: the fixture models' list prices as decimal
 * strings, except Gemini 2.5 Flash at a batch price that saves 28.5 nano-dollars per cached token
 * (so answers must add exactly and round once), and without Llama (a model with no price saves nothing).
 */
export const CONTRACT_PRICES: PriceTable = Object.freeze({
  'gpt-4.1': { input: '2', cachedInput: '0.5' },
  'gpt-4.1-mini': { input: '0.4', cachedInput: '0.1' },
  'o4-mini': { input: '1.1', cachedInput: '0.275' },
  'claude-sonnet-4.5': { input: '3', cachedInput: '0.3' },
  'claude-haiku-4.5': { input: '1', cachedInput: '0.1' },
  'gemini-2.5-pro': { input: '1.25', cachedInput: '0.31' },
  'gemini-2.5-flash': { input: '0.0375', cachedInput: '0.009' },
  'public/deepseek-r1': { input: '0.55', cachedInput: '0.14' },
})

/** The end customers (`customer`) the kit's records name; about a third of the records name none. */
export const CONTRACT_CUSTOMERS = ['acme-retail', 'globex', 'initech', 'umbrella-health', 'Sørensen & Søn'] as const

/** FNV-1a of a string: a stable per-record number, so the fixtures are the same on every machine. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** A customer for about two records in three (skewed: a few customers make most requests), none for the rest. */
function customerOf(id: string): string | undefined {
  const h = hash(id) % 100
  if (h < 32) return undefined
  if (h < 57) return CONTRACT_CUSTOMERS[0]
  if (h < 74) return CONTRACT_CUSTOMERS[1]
  if (h < 86) return CONTRACT_CUSTOMERS[2]
  if (h < 95) return CONTRACT_CUSTOMERS[3]
  return CONTRACT_CUSTOMERS[4]
}

/** Gateway cache hits: a few records true, most false, some unknown (a log that did not say). */
function cacheHitOf(id: string): boolean | undefined {
  const h = hash(`${id}#cache`) % 100
  return h < 7 ? true : h < 88 ? false : undefined
}

/**
 * Requests holding empty strings where a value could be, cloned from `templates` (spread over the
 * window, none of them the mover's): as gateways log calls made without a user, team or customer.
 */
function edgeRecords(templates: readonly UsageRecord[]): { records: UsageRecord[]; ids: ContractFixtures['edgeIds'] } {
  const ids: ContractFixtures['edgeIds'] = { noUser: [], emptyTeam: [], emptyApplicationAndAgent: [], emptyTag: [], emptyCustomer: [] }
  const kinds: [keyof ContractFixtures['edgeIds'], number, (record: UsageRecord, n: number) => void][] = [
    [
      'noUser',
      16,
      (record, n) => {
        record.userId = ''
        record.userName = null
        record.userEmail = null
        // Most have no agent either (no consumer at all); a few came from an agent (the agent is the consumer).
        if (n % 4 !== 3) record.agent = null
        // Some no-user calls also had no team (a key without one).
        if (n % 3 === 0) record.team = ''
      },
    ],
    ['emptyTeam', 8, (record) => void (record.team = '')],
    [
      'emptyApplicationAndAgent',
      8,
      (record) => {
        record.application = ''
        record.agent = ''
      },
    ],
    ['emptyTag', 8, (record, n) => void (record.tags = n % 2 === 0 ? [''] : ['', 'batch'])],
    ['emptyCustomer', 8, (record) => void (record.customer = '')],
  ]
  const total = kinds.reduce((sum, [, count]) => sum + count, 0)
  const records: UsageRecord[] = []
  let k = 0
  for (const [kind, count, change] of kinds) {
    for (let n = 0; n < count; n++, k++) {
      const template = templates[Math.floor(((k + 0.5) * templates.length) / total)]!
      const record: UsageRecord = {
        ...template,
        id: `edge-${kind}-${String(n).padStart(2, '0')}`,
        // A few ms after the template: never the same instant, so the request log's order is plain.
        timestamp: new Date(Date.parse(template.timestamp) + 3).toISOString(),
        tags: [...template.tags],
        customer: customerOf(`edge-${k}`) ?? null,
        cacheHit: n % 3 === 1,
      }
      change(record, n)
      ids[kind].push(record.id)
      records.push(record)
    }
  }
  return { records, ids }
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
  // End customers and gateway cache hits (unless the generator already set them).
  for (const record of records) {
    if (record.customer === undefined) {
      const customer = customerOf(record.id)
      if (customer !== undefined) record.customer = customer
    }
    if (record.cacheHit === undefined) {
      const cacheHit = cacheHitOf(record.id)
      if (cacheHit !== undefined) record.cacheHit = cacheHit
    }
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
  // Empty values, in both windows (most in autumn, where most checks look), never on the mover's records.
  const templates = records.filter((record) => record.userId !== userId)
  const autumn = templates.filter((record) => Date.parse(record.timestamp) >= Date.parse(CONTRACT_WINDOWS[1].start))
  const spring = templates.filter((record) => Date.parse(record.timestamp) < Date.parse(CONTRACT_WINDOWS[0].end))
  const edge = edgeRecords([...spring.filter((_, i) => i % 4 === 0), ...autumn])
  records.push(...edge.records)
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
  cached = { records, meters, windows: CONTRACT_WINDOWS.map((window) => ({ ...window })), mover, edgeIds: edge.ids, prices: CONTRACT_PRICES }
  return cached
}
