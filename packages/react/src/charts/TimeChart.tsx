import type { Bucket, TimeBucket } from '@usagekit/core'
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { LinePath } from '@visx/shape'
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react'
import { useElementWidth } from './useElementWidth.js'

export interface ChartSeries {
  key: string
  label: string
  color: string
  values: (number | null)[]
  /** Series with the same stack id stack on one bar; different ids stand side by side. */
  stack?: string
}

export interface TimeChartProps {
  /** The chart's accessible name. */
  title: string
  buckets: TimeBucket[]
  bucketSize: Bucket
  series: ChartSeries[]
  kind?: 'bars' | 'lines'
  height?: number
  formatValue: (value: number | null) => string
  formatAxisValue: (value: number) => string
  formatBucketLabel: (bucket: TimeBucket) => string
  formatBucketRange: (bucket: TimeBucket) => string
  /** Show the legend (default when there is more than one series). */
  legend?: boolean
  /** Buckets that start a day: preferred as axis ticks when a sub-day chart spans days. */
  isDayStart?: (bucket: TimeBucket) => boolean
}

const MARGIN = { top: 8, right: 8, bottom: 28, left: 56 }

/**
 * The chart every usagekit time chart draws with: stacked and side-by-side bars (visx #1764 has no
 * ready grouped-and-stacked series) or lines, on visx scales with light axes drawn here; a tooltip listing every
 * series of the hovered bucket, largest first; a legend that hides and shows series; and a data
 * table as the accessible alternative.
 */
export function TimeChart({
  title,
  buckets,
  bucketSize,
  series,
  kind = 'bars',
  height = 240,
  formatValue,
  formatAxisValue,
  formatBucketLabel,
  formatBucketRange,
  legend,
  isDayStart,
}: TimeChartProps): ReactNode {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set())
  const [hover, setHover] = useState<{ index: number; x: number } | null>(null)
  const frameRef = useRef<HTMLDivElement>(null)
  const width = useElementWidth(frameRef, 640)
  const visible = useMemo(() => series.filter((s) => !hidden.has(s.key)), [series, hidden])
  const stacks = useMemo(() => [...new Set(visible.map((s) => s.stack ?? s.key))], [visible])
  const innerWidth = Math.max(40, width - MARGIN.left - MARGIN.right)
  const innerHeight = height - MARGIN.top - MARGIN.bottom

  const maxValue = useMemo(() => {
    let max = 0
    for (let i = 0; i < buckets.length; i++) {
      if (kind === 'lines') {
        for (const s of visible) max = Math.max(max, s.values[i] ?? 0)
      } else {
        const totals = new Map<string, number>()
        for (const s of visible) totals.set(s.stack ?? s.key, (totals.get(s.stack ?? s.key) ?? 0) + (s.values[i] ?? 0))
        for (const total of totals.values()) max = Math.max(max, total)
      }
    }
    return max
  }, [buckets.length, visible, kind])

  const x = useMemo(
    () => scaleBand<number>({ domain: buckets.map((_, i) => i), range: [0, innerWidth], padding: kind === 'bars' ? 0.2 : 0 }),
    [buckets, innerWidth, kind],
  )
  const sub = useMemo(() => scaleBand<string>({ domain: stacks, range: [0, x.bandwidth()], padding: stacks.length > 1 ? 0.08 : 0 }), [stacks, x])
  const y = useMemo(() => scaleLinear<number>({ domain: [0, maxValue > 0 ? maxValue * 1.08 : 1], range: [innerHeight, 0], nice: true }), [maxValue, innerHeight])
  const yTicks = useMemo(() => y.ticks(4), [y])

  const tickValues = useMemo(() => {
    const room = Math.max(2, Math.floor(innerWidth / 84))
    const days = isDayStart ? buckets.map((b, i) => (isDayStart(b) ? i : -1)).filter((i) => i >= 0) : []
    // Several buckets a day: tick on day starts (every n-th day if they do not fit).
    if (days.length >= 2 && days.length < buckets.length) {
      const every = Math.max(1, Math.ceil(days.length / room))
      return days.filter((_, k) => k % every === 0)
    }
    const every = Math.max(1, Math.ceil(buckets.length / room))
    return buckets.map((_, i) => i).filter((i) => i % every === 0)
  }, [buckets, innerWidth, isDayStart])
  const onMove = useCallback(
    (event: React.MouseEvent<SVGRectElement>) => {
      const rect = event.currentTarget.getBoundingClientRect()
      const px = event.clientX - rect.left
      const index = Math.min(buckets.length - 1, Math.max(0, Math.floor((px / Math.max(1, rect.width)) * buckets.length)))
      setHover({ index, x: MARGIN.left + (x(index) ?? 0) + x.bandwidth() / 2 })
    },
    [buckets.length, x],
  )

  const toggle = (key: string) =>
    setHidden((current) => {
      const next = new Set(current)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })

  // The bars or lines, memoised: a pointer move re-renders the tooltip, not thousands of marks.
  const marks = useMemo(
    () => (
      <g>
        {kind === 'bars'
              ? buckets.map((bucket, i) => {
                  const offsets = new Map<string, number>()
                  return (
                    <g key={bucket.start} opacity={bucket.partial ? 0.55 : 1} data-partial={bucket.partial || undefined}>
                      {visible.map((s) => {
                        const value = s.values[i] ?? 0
                        if (value <= 0) return null
                        const stack = s.stack ?? s.key
                        const base = offsets.get(stack) ?? 0
                        offsets.set(stack, base + value)
                        const top = y(base + value)
                        const barHeight = y(base) - top
                        return (
                          <rect
                            key={s.key}
                            x={(x(i) ?? 0) + (sub(stack) ?? 0)}
                            y={top}
                            width={Math.max(1, sub.bandwidth())}
                            height={Math.max(0.5, barHeight)}
                            fill={s.color}
                            data-series={s.key}
                          />
                        )
                      })}
                    </g>
                  )
                })
              : visible.map((s) => (
                  <LinePath<number | null>
                    key={s.key}
                    data={s.values}
                    x={(_, i) => (x(i) ?? 0) + x.bandwidth() / 2}
                    y={(value) => y(value ?? 0)}
                    defined={(value) => value !== null}
                    stroke={s.color}
                    strokeWidth={2}
                    fill="none"
                    data-series={s.key}
                  />
                ))}
      </g>
    ),
    [kind, buckets, visible, x, y, sub],
  )

  const showLegend = legend ?? series.length > 1
  const hovered = hover ? buckets[hover.index] : undefined
  const tooltipRows = hover
    ? visible
        .map((s) => ({ key: s.key, label: s.label, color: s.color, value: s.values[hover.index] ?? null }))
        .sort((a, b) => (b.value ?? -1) - (a.value ?? -1))
    : []

  return (
    <figure className="uk-chart" aria-label={title} data-kind={kind}>
      <div ref={frameRef} style={{ position: 'relative', width: '100%' }}>
        <svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}: chart, ${buckets.length} buckets; the data table below lists every value`}>
          <Group left={MARGIN.left} top={MARGIN.top}>
            <g className="uk-chart-grid" aria-hidden="true">
              {yTicks.map((tick) => (
                <line key={tick} x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke="var(--uk-grid)" />
              ))}
            </g>
            {marks}
            {hover ? <line x1={hover.x - MARGIN.left} x2={hover.x - MARGIN.left} y1={0} y2={innerHeight} stroke="var(--uk-border)" /> : null}
            {/* Axes drawn directly: muted tick labels, no axis line on the value side. */}
            <g className="uk-chart-axis" aria-hidden="true">
              {yTicks.map((tick) => (
                <text key={tick} x={-6} y={y(tick)} textAnchor="end" dominantBaseline="middle" fill="var(--uk-text-muted)" fontSize={11}>
                  {formatAxisValue(tick)}
                </text>
              ))}
              <line x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} stroke="var(--uk-border)" />
              {tickValues.map((i) => {
                const cx = (x(i) ?? 0) + x.bandwidth() / 2
                return (
                  <g key={i} transform={`translate(${cx},${innerHeight})`}>
                    <line y2={4} stroke="var(--uk-border)" />
                    <text y={16} textAnchor="middle" fill="var(--uk-text-muted)" fontSize={11}>
                      {buckets[i] ? formatBucketLabel(buckets[i]!) : ''}
                    </text>
                  </g>
                )
              })}
            </g>
            <rect x={0} y={0} width={innerWidth} height={innerHeight} fill="transparent" onMouseMove={onMove} onMouseLeave={() => setHover(null)} />
          </Group>
        </svg>
        {hover && hovered ? (
          <div className="uk-tooltip" role="presentation" style={{ left: Math.min(Math.max(0, hover.x + 12), Math.max(0, width - 220)), top: 8 }}>
            <div className="uk-tooltip-title">
              {formatBucketRange(hovered)}
              {hovered.partial ? <span className="uk-muted"> · in progress</span> : null}
            </div>
            {tooltipRows.map((row) => (
              <div key={row.key} className="uk-tooltip-row">
                <span className="uk-swatch" style={{ background: row.color }} />
                <span>{row.label}</span>
                <span className="uk-num">{formatValue(row.value)}</span>
              </div>
            ))}
          </div>
        ) : null}
      </div>
      {showLegend ? (
        <ul className="uk-legend" aria-label={`${title} legend`}>
          {series.map((s) => (
            <li key={s.key}>
              <button type="button" aria-pressed={!hidden.has(s.key)} onClick={() => toggle(s.key)} title={hidden.has(s.key) ? `Show ${s.label}` : `Hide ${s.label}`}>
                <span className="uk-swatch" style={{ background: s.color }} />
                <span className="uk-option-label">{s.label}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <details className="uk-data-table">
        <summary>Data table</summary>
        <div className="uk-data-table-scroll">
          <table>
            <caption className="uk-visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{bucketSize === '1d' || bucketSize === '1w' || bucketSize === '1mo' ? 'Period' : 'Time'}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {buckets.map((bucket, i) => (
                <tr key={bucket.start}>
                  <th scope="row">{formatBucketRange(bucket)}</th>
                  {series.map((s) => (
                    <td key={s.key}>{formatValue(s.values[i] ?? null)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
}
