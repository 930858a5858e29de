import {
  type Bucket,
  type MetricDefinition,
  type TimeBucket,
  type TokenNotation,
  formatBucketLabel,
  formatBucketRange,
  formatDateTime,
  formatMetricValue,
  formatMoney,
  getMetricDefinition,
} from '@usagekit/core'
import { useMemo } from 'react'
import { useUsageConfig } from '../context/UsageProvider.js'
import { metricLabel } from '../i18n/coreLabels.js'
import { useMessages } from '../i18n/useMessages.js'
import { useCapabilities } from './useCapabilities.js'

export interface UsageFormat {
  locale: string | undefined
  currency: string
  timeZone: string
  /** The metric's definition, its label in the page's language (a host's own metric keeps its label). */
  definition: (metric: string) => MetricDefinition
  metric: (value: number | null | undefined, metric: string, options?: { compact?: boolean; tokenNotation?: TokenNotation }) => string
  money: (value: number | null | undefined) => string
  dateTime: (instant: string | number, seconds?: boolean) => string
  bucketLabel: (bucket: TimeBucket, size: Bucket) => string
  bucketRange: (bucket: TimeBucket, size: Bucket) => string
}

/** Formatting bound to the provider's locale, the data's currency and the chosen zone. */
export function useFormat(): UsageFormat {
  const { locale, currency: displayCurrency, timeZone } = useUsageConfig()
  const capabilities = useCapabilities().data
  const currency = displayCurrency ?? capabilities?.currency ?? 'USD'
  const zone = timeZone ?? 'UTC'
  const t = useMessages()
  return useMemo(() => {
    const definition = (metric: string): MetricDefinition => {
      const found = getMetricDefinition(metric, capabilities?.metrics)
      return found ? { ...found, label: metricLabel(found, t) } : { id: metric, label: metric, unit: 'count', aggregation: 'sum', sentiment: 'neutral' }
    }
    return {
      locale,
      currency,
      timeZone: zone,
      definition,
      metric: (value, metric, options = {}) => formatMetricValue(value, definition(metric), { locale, currency, ...options }),
      money: (value) => formatMoney(value, { locale, currency }),
      dateTime: (instant, seconds) => formatDateTime(instant, { locale, timeZone: zone, seconds }),
      bucketLabel: (bucket, size) => formatBucketLabel(bucket, size, { locale, timeZone: zone }),
      bucketRange: (bucket, size) => formatBucketRange(bucket, size, { locale, timeZone: zone }),
    }
  }, [locale, currency, zone, capabilities, t])
}
