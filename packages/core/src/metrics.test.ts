import { describe, expect, it } from 'vitest'
import { STANDARD_METRICS, deriveMetricSeries, deriveMetricValues, expandMetrics, getMetricDefinition, metricDelta } from './metrics'

describe('metric registry', () => {
  it('knows every standard metric with its unit and aggregation kind', () => {
    expect(STANDARD_METRICS.cost).toMatchObject({ unit: 'money', aggregation: 'sum', sentiment: 'lowerIsBetter' })
    expect(STANDARD_METRICS.activeUsers.aggregation).toBe('distinct')
    expect(STANDARD_METRICS.avgLatencyMs.aggregation).toBe('avg')
    expect(STANDARD_METRICS.p95LatencyMs.aggregation).toBe('percentile')
    expect(getMetricDefinition('cpuCoreHours')).toMatchObject({ unit: 'coreHours', aggregation: 'sum' })
    expect(getMetricDefinition('successRate')).toMatchObject({ unit: 'fraction', aggregation: 'ratio' })
    expect(getMetricDefinition('gpuHours')).toBeUndefined()
    expect(getMetricDefinition('gpuHours', [{ id: 'gpuHours', label: 'GPU hours', unit: 'count', aggregation: 'sum', sentiment: 'neutral' }])?.label).toBe('GPU hours')
  })

  it('expands ratios into the sums they are derived from, keeping order', () => {
    expect(expandMetrics(['successRate', 'requests', 'requestsPerActiveUser', 'cachedInputShare'])).toEqual([
      'successfulRequests',
      'requests',
      'activeUsers',
      'cachedInputTokens',
      'inputTokens',
    ])
  })

  it('derives ratios from sums, null where the denominator is 0', () => {
    const values = { requests: 200, successfulRequests: 190, activeUsers: 8, cachedInputTokens: 0, inputTokens: 0 }
    expect(deriveMetricValues(values, ['successRate', 'requestsPerActiveUser', 'cachedInputShare', 'requests'])).toEqual({
      successRate: 0.95,
      requestsPerActiveUser: 25,
      cachedInputShare: null,
      requests: 200,
    })
    expect(deriveMetricSeries({ requests: [10, 0], successfulRequests: [9, 0] }, ['successRate'], 2)).toEqual({ successRate: [0.9, null] })
  })
})

describe('metricDelta', () => {
  it('colours change by meaning: more cost is bad, more requests is neutral, fewer failures is good', () => {
    expect(metricDelta(STANDARD_METRICS.cost, 120, 100)).toEqual({ difference: 20, relative: 0.2, direction: 'up', tone: 'bad' })
    expect(metricDelta(STANDARD_METRICS.requests, 120, 100)?.tone).toBe('neutral')
    expect(metricDelta(STANDARD_METRICS.failedRequests, 5, 10)?.tone).toBe('good')
    expect(metricDelta(STANDARD_METRICS.requests, 5, 0)).toEqual({ difference: 5, relative: null, direction: 'up', tone: 'neutral' })
    expect(metricDelta(STANDARD_METRICS.avgLatencyMs, null, 10)).toBeNull()
  })
})
