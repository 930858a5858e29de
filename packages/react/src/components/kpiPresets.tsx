import { type Metric, type MetricValues, type TokenNotation, ratioValue } from '@usagekit/core'
import type { ReactNode } from 'react'
import type { UsageFormat } from '../hooks/useFormat.js'
import type { UsageMessageKey } from '../i18n/enMessages.js'
import type { Translate } from '../i18n/translate.js'

export interface KpiSpec {
  metric: Metric
  /** The card's label; default the catalog's `labelKey`, else the metric's label in the page's language. */
  label?: string
  /** A message key for the label (the presets' "Spend", "User cost"…), so it follows the page's language. */
  labelKey?: UsageMessageKey
  /** Metrics the sub-line needs besides `metric` (fetched in the same summary). */
  needs?: Metric[]
  /** The muted line under the value; `t` reads the page's catalog (`kpi.sub.*` for the presets' lines). */
  sub?: (totals: MetricValues, format: UsageFormat, t: Translate) => ReactNode
  tokenNotation?: TokenNotation
  unit?: string
  /** A message key for the unit ("K tokens"); `unit` wins. */
  unitKey?: UsageMessageKey
  /** Show the delta chip (default true). */
  delta?: boolean
}

const compact = { compact: true } as const
const cachedOfInput: KpiSpec['sub'] = (t, f, tr) =>
  tr('kpi.sub.cachedOfInput', { cached: f.metric(t.cachedInputTokens, 'inputTokens', compact), input: f.metric(t.inputTokens, 'inputTokens', compact) })
const inputOutput: KpiSpec['sub'] = (t, f, tr) =>
  tr('kpi.sub.inputOutput', { input: f.metric(t.inputTokens, 'inputTokens', compact), output: f.metric(t.outputTokens, 'outputTokens', compact) })
const successRate: KpiSpec['sub'] = (t, f, tr) => tr('kpi.sub.successRate', { rate: f.metric(t.successRate, 'successRate') })
const p95: KpiSpec['sub'] = (t, f, tr) => tr('kpi.sub.p95', { latency: f.metric(t.p95LatencyMs, 'p95LatencyMs') })

/** Card sets that rebuild the seed pages' KPI rows. */
export const kpiPresets = {
  /** Seed 000: the organisation's summary metrics above its spend, token and request charts. */
  orgUsage: [
    { metric: 'cost', labelKey: 'kpi.spend' },
    { metric: 'totalTokens', labelKey: 'kpi.tokens', needs: ['inputTokens', 'outputTokens'], sub: inputOutput },
    { metric: 'requests', needs: ['successRate'], sub: successRate },
    { metric: 'activeUsers' },
  ],
  /** Seed 001: team and user usage. */
  teamUsage: [
    { metric: 'activeUsers' },
    { metric: 'requestsPerActiveUser' },
    { metric: 'requests' },
    {
      metric: 'totalTokens',
      needs: ['inputTokens', 'outputTokens'],
      sub: (t, f, tr) => tr('kpi.sub.inOut', { input: f.metric(t.inputTokens, 'inputTokens', compact), output: f.metric(t.outputTokens, 'outputTokens', compact) }),
    },
    { metric: 'cost', labelKey: 'kpi.spend' },
  ],
  /** Seed 002: the LLM section. */
  llm: [
    { metric: 'inputTokens' },
    { metric: 'cachedInputTokens', labelKey: 'kpi.cachedTokens', needs: ['inputTokens'], sub: cachedOfInput },
    { metric: 'outputTokens' },
    { metric: 'successfulRequests' },
    { metric: 'failedRequests' },
  ],
  /** Seed 003: a model's Usage tab. */
  modelUsage: [
    { metric: 'requests', needs: ['successRate'], sub: successRate },
    { metric: 'totalTokens', labelKey: 'kpi.tokens', needs: ['inputTokens', 'outputTokens'], sub: inputOutput },
    { metric: 'cost', labelKey: 'kpi.spend' },
    { metric: 'avgLatencyMs', needs: ['p95LatencyMs'], sub: p95 },
  ],
  /** Seed 004: usage statistics in thousands of tokens. */
  tokenOverview: [
    { metric: 'totalTokens', labelKey: 'kpi.totalUsage', tokenNotation: 'thousands', unitKey: 'kpi.unit.thousandTokens' },
    { metric: 'inputTokens', tokenNotation: 'thousands', unitKey: 'kpi.unit.thousandTokens' },
    { metric: 'outputTokens', tokenNotation: 'thousands', unitKey: 'kpi.unit.thousandTokens' },
  ],
  /**
   * A gateway's request log (LiteLLM's spend logs and the like). Cards the adapter cannot answer drop
   * out: a table without cached prompt tokens shows no "Cached tokens", one without a cache flag no
   * "Cache hits" (requests the gateway answered from its own cache, not prompt caching).
   */
  gateway: [
    { metric: 'requests', needs: ['successRate'], sub: successRate },
    { metric: 'cost', labelKey: 'kpi.spend' },
    { metric: 'totalTokens', labelKey: 'kpi.tokens', needs: ['inputTokens', 'outputTokens'], sub: inputOutput },
    { metric: 'cachedInputTokens', labelKey: 'kpi.cachedTokens', needs: ['inputTokens'], sub: cachedOfInput },
    { metric: 'cacheHits', needs: ['requests'], sub: (t, f, tr) => tr('kpi.sub.shareOfRequests', { share: f.metric(ratioValue(t.cacheHits, t.requests), 'successRate') }) },
    { metric: 'avgLatencyMs', needs: ['p95LatencyMs'], sub: p95 },
  ],
  /**
   * Spend control (issue 16): spend, and what prompt caching saved in money, exact like all money.
   * The savings card drops out when the adapter has no price table (no `cacheSavings` metric).
   */
  spendControl: [
    { metric: 'cost', labelKey: 'kpi.spend' },
    { metric: 'cacheSavings', labelKey: 'spend.savedByCaching', needs: ['cachedInputTokens'], sub: (t, f, tr) => tr('spend.savedSub', { cached: f.metric(t.cachedInputTokens, 'cachedInputTokens', compact) }) },
  ],
  /** Seed 002: compute. */
  compute: [{ metric: 'cpuCoreHours' }, { metric: 'ramGbHours' }],
  /** Seed 002: storage. */
  storage: [{ metric: 'storageGbHours' }],
  /** Seed 002: platform activity. */
  platform: [{ metric: 'threadsCreated' }, { metric: 'messagesSent' }],
} satisfies Record<string, KpiSpec[]>

export type KpiPreset = keyof typeof kpiPresets
