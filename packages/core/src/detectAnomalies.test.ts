import { describe, expect, it } from 'vitest'
import { detectAnomalies } from './detectAnomalies'
import type { TimePoint } from './timePoint'

const DAY = 86_400_000
const HOUR = 3_600_000
const START = Date.parse('2026-06-01T00:00:00.000Z') // a Monday

/** A small deterministic wobble in [-1, 1]. */
const wobble = (i: number) => Math.sin(i * 12.9898) * 0.5 + Math.sin(i * 4.1414) * 0.5

function days(count: number, valueOf: (i: number, weekday: number) => number): TimePoint[] {
  return Array.from({ length: count }, (_, i) => ({ start: new Date(START + i * DAY).toISOString(), value: valueOf(i, i % 7) }))
}

/** Office hours: busy 9–17 UTC on weekdays, quiet otherwise. */
function hours(count: number, valueOf: (i: number, base: number) => number): TimePoint[] {
  return Array.from({ length: count }, (_, i) => {
    const hour = i % 24
    const weekday = Math.floor(i / 24) % 7
    const base = weekday < 5 && hour >= 9 && hour < 17 ? 40 : 4
    return { start: START + i * HOUR, value: valueOf(i, base) }
  })
}

describe('detectAnomalies', () => {
  it('flags a single 10× spike in steady daily data, and nothing else', () => {
    const points = days(60, (i) => (i === 40 ? 1000 : 100 + 5 * wobble(i)))
    const anomalies = detectAnomalies(points)
    expect(anomalies).toHaveLength(1)
    expect(anomalies[0]).toMatchObject({ index: 40, start: '2026-07-11T00:00:00.000Z', value: 1000 })
    expect(anomalies[0]!.expected).toBeCloseTo(100, -1)
    expect(anomalies[0]!.score).toBeGreaterThan(6)
  })

  it('flags an hour that costs days of usual spend, at night in hourly data with office hours, not the office hours themselves', () => {
    // A usual weekday is 8 × 40 + 16 × 4 = 384; at 03:00 on day 30 one hour spends 1,000.
    const spikeAt = 24 * 30 + 3
    const points = hours(24 * 42, (i, base) => (i === spikeAt ? 1000 : base * (1 + 0.1 * wobble(i))))
    expect(detectAnomalies(points).map((anomaly) => anomaly.index)).toEqual([spikeAt])
  })

  it('flags every hour of a runaway that lasts several hours (a flagged point never becomes the baseline)', () => {
    const from = 24 * 30 + 1
    const points = hours(24 * 42, (i, base) => (i >= from && i < from + 3 ? 1000 : base * (1 + 0.1 * wobble(i))))
    expect(detectAnomalies(points).map((anomaly) => anomaly.index)).toEqual([from, from + 1, from + 2])
  })

  it('compares a day with the same weekday: quiet weekends are not drops, and a weekend at weekday level is not a spike', () => {
    const weekly = days(70, (i, weekday) => (weekday >= 5 ? 10 : 100) * (1 + 0.05 * wobble(i)))
    expect(detectAnomalies(weekly, { direction: 'both' })).toEqual([])
    const busySaturday = days(70, (i, weekday) => (i === 47 ? 100 : (weekday >= 5 ? 10 : 100) * (1 + 0.05 * wobble(i))))
    expect(detectAnomalies(busySaturday)).toEqual([])
    const runawaySaturday = days(70, (i, weekday) => (i === 47 ? 600 : (weekday >= 5 ? 10 : 100) * (1 + 0.05 * wobble(i))))
    expect(detectAnomalies(runawaySaturday).map((anomaly) => anomaly.index)).toEqual([47])
  })

  it('flags only spikes by default; drops too with direction both (negative score)', () => {
    const outage = days(60, (i) => (i === 45 ? 0 : 100 + 5 * wobble(i)))
    expect(detectAnomalies(outage)).toEqual([])
    const drops = detectAnomalies(outage, { direction: 'both' })
    expect(drops).toHaveLength(1)
    expect(drops[0]).toMatchObject({ index: 45, value: 0 })
    expect(drops[0]!.score).toBeLessThan(-6)
  })

  it('leaves tiny series alone below the minimum volume', () => {
    const tiny = days(60, (i) => (i === 40 ? 0.02 : 0.002 * (1 + 0.1 * wobble(i))))
    expect(detectAnomalies(tiny).map((anomaly) => anomaly.index)).toEqual([40])
    expect(detectAnomalies(tiny, { minValue: 1 })).toEqual([])
  })

  it('does not flag a sparse series’ odd busy hour: an hour must add as much as would flag its day', () => {
    // Four requests a day, one in each of four hours; one hour with three more is a 1.75× day, not a spike.
    const sparse = Array.from({ length: 24 * 42 }, (_, i) => ({
      start: START + i * HOUR,
      value: [9, 11, 14, 16].includes(i % 24) ? 1 : i === 24 * 35 + 10 ? 3 : 0,
    }))
    expect(detectAnomalies(sparse)).toEqual([])
    // Twelve in one hour (a 4× day) is.
    sparse[24 * 35 + 10]!.value = 12
    expect(detectAnomalies(sparse).map((anomaly) => anomaly.index)).toEqual([24 * 35 + 10])
  })

  it('needs history before it flags anything: a week of days, a day of hours', () => {
    expect(detectAnomalies(days(20, (i) => (i === 6 ? 1000 : 100)))).toEqual([])
    expect(detectAnomalies(days(20, (i) => (i === 7 ? 1000 : 100))).map((anomaly) => anomaly.index)).toEqual([7])
    const flatHours = (spikeAt: number) => Array.from({ length: 72 }, (_, i) => ({ start: START + i * HOUR, value: i === spikeAt ? 50 : 5 }))
    expect(detectAnomalies(flatHours(23))).toEqual([])
    expect(detectAnomalies(flatHours(24)).map((anomaly) => anomaly.index)).toEqual([24])
  })

  it('flags a single 10× spike in steady hourly data, and nothing else', () => {
    const points = Array.from({ length: 24 * 14 }, (_, i) => ({ start: START + i * HOUR, value: i === 24 * 10 + 15 ? 200 : 20 * (1 + 0.05 * wobble(i)) }))
    const anomalies = detectAnomalies(points)
    expect(anomalies.map((anomaly) => anomaly.index)).toEqual([24 * 10 + 15])
    expect(anomalies[0]!.expected).toBeCloseTo(20, 0)
  })

  it('answers nothing for no points, one point, two points and all zeros', () => {
    expect(detectAnomalies([])).toEqual([])
    expect(detectAnomalies([{ start: START, value: 1000 }])).toEqual([])
    expect(detectAnomalies([{ start: START, value: 1 }, { start: START + DAY, value: 1000 }])).toEqual([])
    expect(detectAnomalies(days(60, () => 0), { direction: 'both' })).toEqual([])
    expect(detectAnomalies(days(60, () => 0).map((point) => ({ start: point.start, value: null })), { direction: 'both' })).toEqual([])
  })

  it('takes starts as ISO strings, Dates or epoch milliseconds and always answers ISO starts', () => {
    const iso = days(30, (i) => (i === 20 ? 1000 : 100))
    const expected = [{ index: 20, start: '2026-06-21T00:00:00.000Z', value: 1000, expected: 100, score: expect.any(Number) }]
    expect(detectAnomalies(iso)).toEqual(expected)
    expect(detectAnomalies(iso.map((point) => ({ ...point, start: new Date(point.start as string) })))).toEqual(expected)
    expect(detectAnomalies(iso.map((point) => ({ ...point, start: Date.parse(point.start as string) })))).toEqual(expected)
  })

  it('reads points in time order, counts null as 0 and answers indexes of the input', () => {
    const points = days(30, (i) => (i === 25 ? 1000 : 100))
    points[3] = { start: points[3]!.start, value: null }
    points[4] = { start: points[4]!.start, value: 100 }
    const shuffled = [...points].reverse()
    const anomalies = detectAnomalies(shuffled)
    expect(anomalies.map((anomaly) => anomaly.index)).toEqual([shuffled.findIndex((point) => point.value === 1000)])
  })

  it('follows local weekdays and hours in the zone it is given', () => {
    // 09:00–17:00 in Tokyo is 00:00–08:00 UTC: busy UTC nights are Tokyo's office hours.
    const tokyo = Array.from({ length: 24 * 42 }, (_, i) => {
      const localHour = (i + 9) % 24
      return { start: START + i * HOUR, value: localHour >= 9 && localHour < 17 ? 40 : 4 }
    })
    expect(detectAnomalies(tokyo, { timeZone: 'Asia/Tokyo' })).toEqual([])
    expect(() => detectAnomalies(tokyo, { timeZone: 'Nowhere/Special' })).toThrow(/timeZone/)
  })
})
