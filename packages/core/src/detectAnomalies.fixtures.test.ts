import { describe, expect, it } from 'vitest'
import { type Anomaly, detectAnomalies } from './detectAnomalies'
import type { Dimension } from './dimensions'
import { generateUsageRecords, generateUsers } from './fixtures/generateUsageRecords'
import { resolveRunaway } from './fixtures/runawayScenario'
import { createMemoryAdapter } from './memory/createMemoryAdapter'
import { seriesPoints } from './timePoint'
import type { Bucket, UsageRecord } from './types'

// 90 days of the fixture organisation (2,000 requests a day), read the way a page reads them:
// one time series per group from the memory adapter, in the organisation's zone.
const timeZone = 'America/New_York'
const range = { start: '2026-08-03T04:00:00.000Z', end: '2026-11-01T04:00:00.000Z' }
const options = { seed: 42, start: range.start, end: range.end, content: false, spike: false }
const limits = { maxBuckets: 3000, maxCells: 1_000_000, maxSeries: 100 }
const DIMENSIONS: Dimension[] = ['user', 'team', 'model', 'apiKey']
const BUCKETS: Bucket[] = ['1d', '1h']

interface Marked {
  dimension: Dimension
  bucket: Bucket
  metric: string
  key: string
  anomalies: Anomaly[]
}

async function markers(records: readonly UsageRecord[]): Promise<Marked[]> {
  const adapter = createMemoryAdapter(records, { limits })
  const out: Marked[] = []
  for (const dimension of DIMENSIONS) {
    for (const bucket of BUCKETS) {
      const result = await adapter.getTimeSeries({ range, timeZone, bucket, metrics: ['cost', 'requests'], groupBy: dimension, limit: 100 })
      for (const series of result.series) {
        for (const metric of ['cost', 'requests']) {
          out.push({ dimension, bucket, metric, key: series.key, anomalies: detectAnomalies(seriesPoints(result, series.key, metric), { timeZone }) })
        }
      }
    }
  }
  return out
}

describe('detectAnomalies on the fixture organisation', () => {
  it('raises at most one marker per series in 90 days of normal traffic (per user, team, model and key; daily and hourly)', async () => {
    const marked = await markers(generateUsageRecords(options))
    expect(marked.filter((series) => series.dimension === 'user' && series.bucket === '1h').length).toBeGreaterThan(100)
    const over = marked.filter((series) => series.anomalies.length > 1).map(({ dimension, bucket, metric, key, anomalies }) => `${dimension}/${bucket}/${metric}/${key}: ${anomalies.length}`)
    expect(over).toEqual([])
  }, 60_000)

  it('finds a runaway agent in its user’s and key’s daily and hourly series, and nowhere it did not run', async () => {
    const records = generateUsageRecords({ ...options, runaway: true })
    const scenario = resolveRunaway(generateUsers(42), { startMs: Date.parse(range.start), endMs: Date.parse(range.end), requestsPerDay: 2000, timeZone }, {})
    const loop = records.filter((record) => record.id.startsWith('chatcmpl-loop'))
    expect(loop.length).toBe(scenario.requests)
    expect(loop.every((record) => record.userId === scenario.userId && record.apiKey === scenario.apiKey && record.agent === scenario.agent)).toBe(true)
    // "Every few seconds" for a user of this size: one call every 24 s, costing 5–20× the user's usual day.
    expect((scenario.endMs - scenario.startMs) / scenario.requests / 1000).toBeLessThan(30)
    const adapter = createMemoryAdapter(records, { limits })
    const userDays = await adapter.getTimeSeries({ range, timeZone, bucket: '1d', metrics: ['cost'], filters: { user: [scenario.userId] } })
    const days = seriesPoints(userDays, 'total', 'cost')
    const loopDay = days.findIndex((day, i) => Date.parse(String(day.start)) <= scenario.startMs && scenario.startMs < Date.parse(userDays.buckets[i]!.end))
    const usual = days.filter((_, i) => i !== loopDay).map((day) => day.value!).sort((a, b) => a - b)[Math.floor(days.length / 2)]!
    expect(days[loopDay]!.value! / usual).toBeGreaterThan(5)
    expect(days[loopDay]!.value! / usual).toBeLessThan(20)

    const marked = await markers(records)
    const keyOf = { user: scenario.userId, apiKey: scenario.apiKey, model: scenario.model, team: loop[0]!.team! } as Record<Dimension, string>
    const loopDayStart = Date.parse(String(days[loopDay]!.start))
    for (const series of marked) {
      for (const anomaly of series.anomalies) {
        // Only series the loop ran in, and only at its time: its hours, or its day.
        expect(series.key).toBe(keyOf[series.dimension])
        const at = Date.parse(anomaly.start)
        if (series.bucket === '1h') expect(at >= scenario.startMs && at < scenario.endMs).toBe(true)
        else expect(at).toBe(loopDayStart)
      }
    }
    for (const dimension of ['user', 'apiKey'] as const) {
      for (const metric of ['cost', 'requests']) {
        const find = (bucket: Bucket) => marked.find((series) => series.dimension === dimension && series.bucket === bucket && series.metric === metric && series.key === keyOf[dimension])!
        expect(find('1d').anomalies.map((anomaly) => anomaly.start)).toEqual([new Date(loopDayStart).toISOString()])
        expect(find('1h').anomalies.map((anomaly) => Date.parse(anomaly.start))).toEqual([0, 1, 2].map((hour) => scenario.startMs + hour * 3_600_000))
      }
    }
  }, 60_000)

  it('leaves the organisation’s own records exactly as they are without the scenario', () => {
    const window = { seed: 5, start: '2026-10-01T00:00:00.000Z', end: '2026-10-08T00:00:00.000Z', requestsPerDay: 300, content: false }
    const plain = generateUsageRecords(window)
    const withLoop = generateUsageRecords({ ...window, runaway: true })
    const ids = new Set(plain.map((record) => record.id))
    expect(withLoop.filter((record) => ids.has(record.id))).toEqual(plain)
    expect(withLoop.length).toBeGreaterThan(plain.length)
    expect(withLoop.every((record, i) => i === 0 || withLoop[i - 1]!.timestamp <= record.timestamp)).toBe(true)
  })
})
