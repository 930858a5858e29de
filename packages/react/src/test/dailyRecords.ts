import type { UsageRecord } from '@usagekit/core'

const DAY = 86_400_000

/**
 * One request at noon UTC every day from `from` up to `to` (exclusive) on team `team`, costing
 * `perDay`, or what `costOn` says for a day (ISO date → cost): steady series with known answers.
 */
export function dailyRecords(from: string, to: string, perDay: number, team = 'Research', costOn: Record<string, number> = {}): UsageRecord[] {
  const out: UsageRecord[] = []
  for (let ms = Date.parse(from) + DAY / 2, i = 0; ms < Date.parse(to); ms += DAY, i++) {
    out.push({
      id: `r${team}${i}`,
      timestamp: new Date(ms).toISOString(),
      userId: 'u1',
      team,
      apiKey: null,
      tags: [],
      application: null,
      agent: null,
      provider: 'openai',
      model: 'gpt-4o',
      status: 'success',
      inputTokens: 100,
      cachedInputTokens: 0,
      outputTokens: 10,
      cost: costOn[new Date(ms).toISOString().slice(0, 10)] ?? perDay,
      latencyMs: 100,
      ttftMs: null,
    })
  }
  return out
}

