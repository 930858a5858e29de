import { BAR_BAND_PADDING, BAR_GROUP_PADDING, type Bucket, type TimeBucket } from '@usagekit/core'
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { LinePath } from '@visx/shape'
import { type ReactNode, useCallback, useId, useLayoutEffect, useEffect, useMemo, useRef, useState } from 'react'
import { useElementWidth } from './useElementWidth.js'

const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/** Why a bucket is partial: still running at the end, or cut by the range at either end. */
export type PartialKind = 'inProgress' | 'cutStart' | 'cutEnd'

/**
 * A partial bucket's kind (docs/design.md, "Periods in progress"): a bucket that contains `now` is in
 * progress; any other partial bucket is cut by the range — at its start (the first bucket of a rolling
 * window) or at its end (a custom range that stops mid-week).
 */
export function partialKind(bucket: TimeBucket, index: number, count: number, nowMs: number): PartialKind | undefined {
  if (!bucket.partial) return undefined
  if (Date.parse(bucket.start) <= nowMs && nowMs < Date.parse(bucket.end)) return 'inProgress'
  return index === 0 && count > 1 ? 'cutStart' : 'cutEnd'
}

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
  /** "Now", to tell a bucket in progress from one cut by the range (default the clock). */
  now?: number
  /** The range's first and last instants, named in the tooltip of a bucket the range cuts. */
  range?: { start: string; end: string }
  /** Formats an instant for "partial: from …" (default ISO). */
  formatInstant?: (iso: string) => string
  /** A "Total" row in the tooltip (stacked sum series; default: bars with one stack of several series). */
  total?: boolean
}

/** The plot's margins; a chart's plot is its width minus `left + right`. */
export const CHART_MARGIN = { top: 8, right: 8, bottom: 28, left: 56 }
const MARGIN = CHART_MARGIN
const TOOLTIP_GAP = 12
const EDGE = 4

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
  now,
  range,
  formatInstant = (iso) => iso,
  total,
}: TimeChartProps): ReactNode {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set())
  const [hover, setHover] = useState<{ index: number; x: number } | null>(null)
  const [tip, setTip] = useState<{ left: number; top: number } | null>(null)
  const frameRef = useRef<HTMLDivElement>(null)
  const tipRef = useRef<HTMLDivElement>(null)
  const hatchId = `uk-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
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
    () => scaleBand<number>({ domain: buckets.map((_, i) => i), range: [0, innerWidth], padding: kind === 'bars' ? BAR_BAND_PADDING : 0 }),
    [buckets, innerWidth, kind],
  )
  // Side-by-side bars of one bucket: inner padding only, the arithmetic chooseChartBucket assumes.
  const sub = useMemo(
    () => scaleBand<string>({ domain: stacks, range: [0, x.bandwidth()], paddingInner: stacks.length > 1 ? BAR_GROUP_PADDING : 0, paddingOuter: 0 }),
    [stacks, x],
  )
  const nowMs = now ?? Date.now()
  const partials = useMemo(() => buckets.map((b, i) => partialKind(b, i, buckets.length, nowMs)), [buckets, nowMs])
  // Nice to the ticks drawn, so the top gridline is the top of the plot (no empty band under the title).
  const y = useMemo(() => scaleLinear<number>({ domain: [0, maxValue > 0 ? maxValue : 1], range: [innerHeight, 0], nice: 4 }), [maxValue, innerHeight])
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
                    <g key={bucket.start} data-partial={partials[i]}>
                      {visible.map((s) => {
                        const value = s.values[i] ?? 0
                        if (value <= 0) return null
                        const stack = s.stack ?? s.key
                        const base = offsets.get(stack) ?? 0
                        offsets.set(stack, base + value)
                        const top = y(base + value)
                        const barHeight = y(base) - top
                        const bar = { x: (x(i) ?? 0) + (sub(stack) ?? 0), y: top, width: Math.max(1, sub.bandwidth()), height: Math.max(0.5, barHeight) }
                        // A partial period keeps its series colour and is hatched: opacity would turn one team's colour into another's.
                        return (
                          <g key={s.key}>
                            <rect {...bar} fill={s.color} data-series={s.key} />
                            {partials[i] ? <rect {...bar} fill={`url(#${hatchId})`} className="uk-chart-hatch" aria-hidden="true" /> : null}
                          </g>
                        )
                      })}
                    </g>
                  )
                })
              : visible.map((s) => {
                  const at = (_: number | null, i: number) => (x(i) ?? 0) + x.bandwidth() / 2
                  const solid = s.values.map((v, i) => (partials[i] ? null : v))
                  // A partial bucket is joined to its neighbour by a dashed, faded segment: today is not a plunge.
                  const dashed = s.values.map((v, i) => (partials[i] || partials[i - 1] || partials[i + 1] ? v : null))
                  return (
                    <g key={s.key} data-line={s.key}>
                      <LinePath<number | null> data={solid} x={at} y={(value) => y(value ?? 0)} defined={(value) => value !== null} stroke={s.color} strokeWidth={2} fill="none" data-series={s.key} />
                      {partials.some(Boolean) ? (
                        <LinePath<number | null>
                          data={dashed}
                          x={at}
                          y={(value) => y(value ?? 0)}
                          defined={(value) => value !== null}
                          stroke={s.color}
                          strokeWidth={2}
                          strokeDasharray="4 4"
                          strokeOpacity={0.6}
                          fill="none"
                          data-partial="true"
                        />
                      ) : null}
                      {s.values.map((v, i) =>
                        partials[i] && v !== null ? <circle key={i} cx={at(v, i)} cy={y(v)} r={3} fill="var(--_uk-surface)" stroke={s.color} strokeWidth={1.5} data-partial={partials[i]} /> : null,
                      )}
                    </g>
                  )
                })}
      </g>
    ),
    [kind, buckets, visible, x, y, sub, partials, hatchId],
  )

  const showLegend = legend ?? series.length > 1
  const hovered = hover ? buckets[hover.index] : undefined
  const tooltipRows = hover
    ? visible
        .map((s) => ({ key: s.key, label: s.label, color: s.color, value: s.values[hover.index] ?? null }))
        .sort((a, b) => (b.value ?? -1) - (a.value ?? -1))
    : []
  const showTotal = (total ?? (kind === 'bars' && stacks.length === 1)) && tooltipRows.length > 1
  const totalValue = tooltipRows.reduce((sum, row) => sum + (row.value ?? 0), 0)
  const hoveredPartial = hover ? partials[hover.index] : undefined

  // Place the tooltip from its measured size: beside the pointer, flipped to the left near the right
  // edge, clamped inside the chart and the viewport (docs/design.md, "Tooltips"). Before paint, so it never jumps.
  useIsomorphicLayoutEffect(() => {
    const frame = frameRef.current
    const tooltip = tipRef.current
    if (!hover || !frame || !tooltip) {
      setTip(null)
      return
    }
    const frameBox = frame.getBoundingClientRect()
    const tipWidth = tooltip.offsetWidth
    const tipHeight = tooltip.offsetHeight
    const viewportWidth = document.documentElement.clientWidth || window.innerWidth
    const viewportHeight = window.innerHeight
    let left = hover.x + TOOLTIP_GAP
    if (left + tipWidth > width) left = hover.x - TOOLTIP_GAP - tipWidth
    left = Math.min(Math.max(0, left), Math.max(0, width - tipWidth))
    // The viewport (a chart wider than the screen, or scrolled sideways).
    left = Math.min(left, viewportWidth - EDGE - tipWidth - frameBox.left)
    left = Math.max(left, EDGE - frameBox.left)
    let top = MARGIN.top
    if (frameBox.top + top + tipHeight > viewportHeight - EDGE) top = viewportHeight - EDGE - tipHeight - frameBox.top
    top = Math.max(top, EDGE - frameBox.top)
    setTip((current) => (current && current.left === left && current.top === top ? current : { left, top }))
  }, [hover, width, tooltipRows.length])

  return (
    <figure className="uk-chart" aria-label={title} data-kind={kind} data-buckets={buckets.length} data-bucket={bucketSize}>
      <div ref={frameRef} style={{ position: 'relative', width: '100%' }}>
        <svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}: chart, ${buckets.length} buckets; the data table below lists every value`}>
          <defs>
            <pattern id={hatchId} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <line x1={0} y1={0} x2={0} y2={6} className="uk-chart-hatch-line" strokeWidth={3} />
            </pattern>
          </defs>
          <Group left={MARGIN.left} top={MARGIN.top}>
            <g className="uk-chart-grid" aria-hidden="true">
              {yTicks.map((tick) => (
                <line key={tick} x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke="var(--_uk-grid)" />
              ))}
            </g>
            {marks}
            {hover ? <line x1={hover.x - MARGIN.left} x2={hover.x - MARGIN.left} y1={0} y2={innerHeight} stroke="var(--_uk-border)" /> : null}
            {/* Axes drawn directly: muted tick labels, no axis line on the value side. */}
            <g className="uk-chart-axis" aria-hidden="true">
              {yTicks.map((tick) => (
                <text key={tick} x={-6} y={y(tick)} textAnchor="end" dominantBaseline="middle" fill="var(--_uk-text-muted)" fontSize={11}>
                  {formatAxisValue(tick)}
                </text>
              ))}
              <line x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} stroke="var(--_uk-border)" />
              {tickValues.map((i) => {
                const cx = (x(i) ?? 0) + x.bandwidth() / 2
                return (
                  <g key={i} transform={`translate(${cx},${innerHeight})`}>
                    <line y2={4} stroke="var(--_uk-border)" />
                    <text y={16} textAnchor="middle" fill="var(--_uk-text-muted)" fontSize={11}>
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
          <div
            ref={tipRef}
            className="uk-tooltip"
            role="presentation"
            style={{ left: tip?.left ?? 0, top: tip?.top ?? MARGIN.top, visibility: tip ? 'visible' : 'hidden' }}
          >
            <div className="uk-tooltip-title">{formatBucketRange(hovered)}</div>
            {hoveredPartial ? (
              <div className="uk-tooltip-note" data-partial={hoveredPartial}>
                {hoveredPartial === 'inProgress'
                  ? 'In progress: so far'
                  : hoveredPartial === 'cutStart'
                    ? `Partial: from ${range ? formatInstant(range.start) : formatInstant(hovered.start)}`
                    : `Partial: until ${range ? formatInstant(range.end) : formatInstant(hovered.end)}`}
              </div>
            ) : null}
            {tooltipRows.map((row) => (
              <div key={row.key} className="uk-tooltip-row">
                <span className="uk-swatch" style={{ background: row.color }} />
                <span title={row.label}>{row.label}</span>
                <span className="uk-num">{formatValue(row.value)}</span>
              </div>
            ))}
            {showTotal ? (
              <div className="uk-tooltip-row uk-tooltip-total">
                <span className="uk-swatch" aria-hidden="true" />
                <span>Total</span>
                <span className="uk-num">{formatValue(totalValue)}</span>
              </div>
            ) : null}
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
