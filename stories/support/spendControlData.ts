import { type UsageBudget, type UsageRecord } from '@usagekit/core'
import { FIXTURE_PRICES, generateUsageRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { STORY_NOW, storyMeters } from './storyData'

const START = '2026-09-21T00:00:00.000Z'
let records: UsageRecord[] | null = null

/**
 * The story organisation with the runaway scenario: a Finance user's agent looping for three hours on
 * Nov 17 (Berlin afternoon) at twenty times the user's usual day of requests.
 */
export function spendControlRecords(): UsageRecord[] {
  records ??= generateUsageRecords({ seed: 42, start: START, end: STORY_NOW, requestsPerDay: 900, runaway: { start: '2026-11-17T12:00:00.000Z', multiple: 20 } })
  return records
}

/** The memory adapter over those records, priced with the fixture list prices (so it offers `cacheSavings`). */
export function spendControlAdapter(records: UsageRecord[] = spendControlRecords()) {
  return createMemoryAdapter(records, { meters: storyMeters(), now: () => STORY_NOW, prices: FIXTURE_PRICES })
}

/** The host's budgets: the organisation's month, and one a month per team. */
export const SPEND_BUDGETS: UsageBudget[] = [
  // $72 spent by Nov 20, about $107 expected: the forecast crosses it late in the month.
  { amount: 100, period: 'month', label: 'Organisation' },
  // Research spends about $32 by Nov 20: comfortably under.
  { amount: 60, period: 'month', filters: { team: ['Research'] }, label: 'Research' },
  // The runaway agent is Finance's: about $4.75 by Nov 20, past its $4 already.
  { amount: 4, period: 'month', filters: { team: ['Finance'] }, label: 'Finance' },
]
