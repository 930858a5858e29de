import { type Metric, type MetricValues, type TokenNotation, ratioValue } from '@usagekit/core'
import type { ReactNode } from 'react'
import type { UsageFormat } from '../hooks/useFormat.js'

export interface KpiSpec {
  metric: Metric
  label?: string
  /** Metrics the sub-line needs besides `metric` (fetched in the same summary). */
  needs?: Metric[]
  sub?: (totals: MetricValues, format: UsageFormat) => ReactNode
  tokenNotation?: TokenNotation
  unit?: string
  /** Show the delta chip (default true). */
  delta?: boolean
}

const of = (part: number | null | undefined, whole: number | null | undefined, format: UsageFormat) =>
  `${format.metric(part, 'inputTokens', { compact: true })} of ${format.metric(whole, 'inputTokens', { compact: true })} input`

/** Card sets that rebuild the seed pages' KPI rows. */
export const kpiPresets = {
  /** Seed 000: the organisation's summary metrics above its spend, token and request charts. */
  orgUsage: [
    { metric: 'cost', label: 'Spend' },
    { metric: 'totalTokens', label: 'Tokens', needs: ['inputTokens', 'outputTokens'], sub: (t, f) => `${f.metric(t.inputTokens, 'inputTokens', { compact: true })} input · ${f.metric(t.outputTokens, 'outputTokens', { compact: true })} output` },
    { metric: 'requests', label: 'Requests', needs: ['successRate'], sub: (t, f) => `${f.metric(t.successRate, 'successRate')} success rate` },
    { metric: 'activeUsers', label: 'Active users' },
  ],
  /** Seed 001: team and user usage. */
  teamUsage: [
    { metric: 'activeUsers', label: 'Active users' },
    { metric: 'requestsPerActiveUser', label: 'Avg requests / user' },
    { metric: 'requests', label: 'Requests' },
    { metric: 'totalTokens', label: 'Total tokens', needs: ['inputTokens', 'outputTokens'], sub: (t, f) => `${f.metric(t.inputTokens, 'inputTokens', { compact: true })} in · ${f.metric(t.outputTokens, 'outputTokens', { compact: true })} out` },
    { metric: 'cost', label: 'Spend' },
  ],
  /** Seed 002: the LLM section. */
  llm: [
    { metric: 'inputTokens', label: 'Input tokens' },
    { metric: 'cachedInputTokens', label: 'Cached tokens', needs: ['inputTokens'], sub: (t, f) => of(t.cachedInputTokens, t.inputTokens, f) },
    { metric: 'outputTokens', label: 'Output tokens' },
    { metric: 'successfulRequests', label: 'Successful requests' },
    { metric: 'failedRequests', label: 'Failed requests' },
  ],
  /** Seed 003: a model's Usage tab. */
  modelUsage: [
    { metric: 'requests', label: 'Requests', needs: ['successRate'], sub: (t, f) => `${f.metric(t.successRate, 'successRate')} success rate` },
    { metric: 'totalTokens', label: 'Tokens', needs: ['inputTokens', 'outputTokens'], sub: (t, f) => `${f.metric(t.inputTokens, 'inputTokens', { compact: true })} input · ${f.metric(t.outputTokens, 'outputTokens', { compact: true })} output` },
    { metric: 'cost', label: 'Spend' },
    { metric: 'avgLatencyMs', label: 'Avg latency', needs: ['p95LatencyMs'], sub: (t, f) => `p95 ${f.metric(t.p95LatencyMs, 'p95LatencyMs')}` },
  ],
  /** Seed 004: usage statistics in thousands of tokens. */
  tokenOverview: [
    { metric: 'totalTokens', label: 'Total usage', tokenNotation: 'thousands', unit: 'K tokens' },
    { metric: 'inputTokens', label: 'Input tokens', tokenNotation: 'thousands', unit: 'K tokens' },
    { metric: 'outputTokens', label: 'Output tokens', tokenNotation: 'thousands', unit: 'K tokens' },
  ],
  /**
   * A gateway's request log (LiteLLM's spend logs and the like). Cards the adapter cannot answer drop
   * out: a table without cached prompt tokens shows no "Cached tokens", one without a cache flag no
   * "Cache hits" (requests the gateway answered from its own cache, not prompt caching).
   */
  gateway: [
    { metric: 'requests', label: 'Requests', needs: ['successRate'], sub: (t, f) => `${f.metric(t.successRate, 'successRate')} success rate` },
    { metric: 'cost', label: 'Spend' },
    { metric: 'totalTokens', label: 'Tokens', needs: ['inputTokens', 'outputTokens'], sub: (t, f) => `${f.metric(t.inputTokens, 'inputTokens', { compact: true })} input · ${f.metric(t.outputTokens, 'outputTokens', { compact: true })} output` },
    { metric: 'cachedInputTokens', label: 'Cached tokens', needs: ['inputTokens'], sub: (t, f) => of(t.cachedInputTokens, t.inputTokens, f) },
    { metric: 'cacheHits', label: 'Cache hits', needs: ['requests'], sub: (t, f) => `${f.metric(ratioValue(t.cacheHits, t.requests), 'successRate')} of requests` },
    { metric: 'avgLatencyMs', label: 'Avg latency', needs: ['p95LatencyMs'], sub: (t, f) => `p95 ${f.metric(t.p95LatencyMs, 'p95LatencyMs')}` },
  ],
  /** Seed 002: compute. */
  compute: [
    { metric: 'cpuCoreHours', label: 'CPU core-hours' },
    { metric: 'ramGbHours', label: 'RAM GB-hours' },
  ],
  /** Seed 002: storage. */
  storage: [{ metric: 'storageGbHours', label: 'Storage GB-hours' }],
  /** Seed 002: platform activity. */
  platform: [
    { metric: 'threadsCreated', label: 'Threads created' },
    { metric: 'messagesSent', label: 'Messages sent' },
  ],
} satisfies Record<string, KpiSpec[]>

export type KpiPreset = keyof typeof kpiPresets
