import type { Metric } from '@usagekit/core'
import { useCallback } from 'react'
import type { UsageMessageKey } from '../i18n/enMessages.js'
import { useMessages } from '../i18n/useMessages.js'
import { useFormat } from './useFormat.js'

/** What a count metric counts, by metric id; units that say themselves (money, ms, %) need no noun. */
const COUNT_NOUNS: Record<string, UsageMessageKey> = {
  requests: 'design.amount.requests',
  successfulRequests: 'design.amount.requests',
  failedRequests: 'design.amount.requests',
  activeUsers: 'design.amount.users',
  threadsCreated: 'design.amount.threads',
  messagesSent: 'design.amount.messages',
  cacheHits: 'design.amount.cacheHits',
}

const UNIT_NOUNS: Record<string, UsageMessageKey> = {
  tokens: 'design.amount.tokens',
  coreHours: 'design.amount.coreHours',
  gbHours: 'design.amount.gbHours',
}

export type MetricAmount = (value: number | null | undefined, metric: Metric, options?: { compact?: boolean }) => string

/**
 * A metric's value with its unit, so a value standing alone says what it is: "1.2M tokens",
 * "$12.40", "340 requests", "309 core-hours". Money, durations and percentages carry their unit in
 * the number's own formatting; counts take the metric's noun; an adapter's own count metric is
 * written with its label ("12 widgets built").
 */
export function useMetricAmount(): MetricAmount {
  const format = useFormat()
  const t = useMessages()
  return useCallback<MetricAmount>(
    (value, metric, options = {}) => {
      const text = format.metric(value, metric, options)
      if (value === null || value === undefined || !Number.isFinite(value)) return text
      const definition = format.definition(metric)
      if (definition.unit === 'money' || definition.unit === 'milliseconds' || definition.unit === 'fraction') return text
      const key = Object.hasOwn(COUNT_NOUNS, metric) ? COUNT_NOUNS[metric] : Object.hasOwn(UNIT_NOUNS, definition.unit) ? UNIT_NOUNS[definition.unit] : undefined
      if (key) return t(key, { count: value, value: text })
      return t('design.amount.other', { value: text, label: definition.label.toLocaleLowerCase(format.locale) })
    },
    [format, t],
  )
}
