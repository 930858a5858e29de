import type { TimeBucket } from '@usagekit/core'
import { describe, expect, it } from 'vitest'
import type { ChartSeries } from '../charts/TimeChart.js'
import { chartAnomalies } from './chartAnomalies.js'

const DAY = 86_400_000
const START = Date.parse('2026-10-01T00:00:00.000Z')
const buckets: TimeBucket[] = Array.from({ length: 30 }, (_, i) => ({
  start: new Date(START + i * DAY).toISOString(),
  end: new Date(START + (i + 1) * DAY).toISOString(),
}))
/** Steady `level` a day with a 10× day at index 20. */
const spiking = (key: string, level: number): ChartSeries => ({
  key,
  label: key,
  color: '#000',
  values: buckets.map((_, i) => (i === 20 ? level * 10 : level)),
})
const steady = (key: string, level: number): ChartSeries => ({ key, label: key, color: '#000', values: buckets.map(() => level) })
const describeAnomaly = () => 'unusual'

describe('chartAnomalies', () => {
  it('marks the 10× day of a series, and nothing else', () => {
    const marks = chartAnomalies(buckets, [spiking('Research', 40), steady('Growth', 30)], { timeZone: 'UTC', describe: describeAnomaly })
    expect(marks).toEqual([{ seriesKey: 'Research', index: 20, text: 'unusual' }])
  })

  it('leaves a tiny series beside a busy one unmarked (under 1 % of the busiest bucket)', () => {
    const marks = chartAnomalies(buckets, [steady('Platform', 500), spiking('Sandbox', 0.05)], { timeZone: 'UTC', describe: describeAnomaly })
    expect(marks).toEqual([])
  })

  it('marks the same tiny series when it is the whole chart', () => {
    const marks = chartAnomalies(buckets, [spiking('Sandbox', 0.05)], { timeZone: 'UTC', describe: describeAnomaly })
    expect(marks.map((mark) => mark.index)).toEqual([20])
  })
})
