import { describe, expect, it } from 'vitest'
import { bucketEdges } from './bucketBoundaries'
import { MIN_BAR_PX, barWidthPx, chooseChartBucket } from './chartBucket'
import { resolveTimeRange } from './timePresets'

const zone = 'Europe/Berlin'
const now = '2026-11-20T15:37:00Z'
const range = (preset: '24h' | '7d' | '14d' | '30d' | 'last2Weeks') => resolveTimeRange({ preset }, { timeZone: zone, now })
const count = (r: { start: string; end: string }, b: Parameters<typeof bucketEdges>[2]) => bucketEdges(Date.parse(r.start), Date.parse(r.end), b, zone).length - 1

describe('chooseChartBucket: buckets from pixels', () => {
  it('keeps every bar at least 6 px wide, grouped bars included, at 1440 and at 360 px', () => {
    for (const preset of ['24h', '7d', '14d', '30d', 'last2Weeks'] as const) {
      const { range: r, bucket } = range(preset)
      for (const widthPx of [1300, 600, 280]) {
        for (const barsPerBucket of [1, 2]) {
          const chosen = chooseChartBucket({ range: r, timeZone: zone, widthPx, finest: bucket, barsPerBucket })
          expect(barWidthPx(widthPx, count(r, chosen), barsPerBucket), `${preset} ${widthPx}px ×${barsPerBucket}: ${chosen}`).toBeGreaterThanOrEqual(MIN_BAR_PX)
        }
      }
    }
  })

  it('coarsens 7 days of hours: no 168 slivers, and a wide and a narrow chart of a day agree on a readable bucket', () => {
    const { range: r } = range('24h')
    expect(chooseChartBucket({ range: r, timeZone: zone, widthPx: 1300, finest: '5m' })).toBe('15m')
    expect(chooseChartBucket({ range: r, timeZone: zone, widthPx: 280, finest: '5m' })).toBe('1h')
    expect(chooseChartBucket({ range: range('7d').range, timeZone: zone, widthPx: 1300, finest: '1h', barsPerBucket: 2 })).toBe('1d')
  })

  it('reads a week or more as a trend: daily buckets (By team and By user at 7d agree; 14 d spend has no day/night zigzag)', () => {
    for (const preset of ['7d', '14d', '30d'] as const) {
      const { range: r, bucket } = range(preset)
      expect(chooseChartBucket({ range: r, timeZone: zone, widthPx: 1300, finest: bucket })).toBe('1d')
      expect(chooseChartBucket({ range: r, timeZone: zone, widthPx: 1300, finest: '1d' })).toBe('1d')
    }
    // A widget that asks for its own fine bucket keeps it as far as pixels allow.
    expect(chooseChartBucket({ range: range('7d').range, timeZone: zone, widthPx: 600, finest: '1h', keepFinest: true })).toBe('6h')
  })

  it('goes coarser than days when the chart is too narrow for them', () => {
    const { range: r } = range('30d')
    expect(chooseChartBucket({ range: r, timeZone: zone, widthPx: 280, finest: '6h', barsPerBucket: 2 })).toBe('1w')
    expect(chooseChartBucket({ range: r, timeZone: zone, widthPx: 280, finest: '6h', kind: 'lines' })).toBe('1d')
  })

  it('lets line charts be finer than bars (points 3 px apart), but not finer than a day on a trend', () => {
    const { range: r } = range('24h')
    expect(chooseChartBucket({ range: r, timeZone: zone, widthPx: 1300, finest: '5m', kind: 'lines' })).toBe('5m')
    expect(chooseChartBucket({ range: range('14d').range, timeZone: zone, widthPx: 1300, finest: '6h', kind: 'lines' })).toBe('1d')
  })

  it('matches scaleBand arithmetic for a bar’s width', () => {
    expect(barWidthPx(1000, 10)).toBeCloseTo((1000 / 10.2) * 0.8)
    expect(barWidthPx(1000, 10, 2)).toBeCloseTo(((1000 / 10.2) * 0.8 * 0.92) / 1.92)
  })
})
