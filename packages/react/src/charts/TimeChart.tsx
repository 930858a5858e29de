import { BAR_BAND_PADDING, BAR_GROUP_PADDING, type Bucket, type TimeBucket, periodChange } from '@usagekit/core'
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { LinePath } from '@visx/shape'
import { clsx } from 'clsx'
import { type HTMLAttributes, type ReactNode, forwardRef, useCallback, useId, useLayoutEffect, useEffect, useMemo, useRef, useState } from 'react'
import { enChartMessages } from '../i18n/enChartMessages.js'
import { useMessages } from '../i18n/useMessages.js'
import { EyeIcon, EyeOffIcon } from '../components/icons.js'
import { useElementWidth } from './useElementWidth.js'
import { tooltipPlacement } from './tooltipPlacement.js'

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

/**
 * The previous period drawn behind one stack (or line) of the chart: bucket `i` faces bucket `i` of
 * the current period (`alignPreviousPeriod` in core). Drawn quiet: a thin dashed muted line or an
 * outline bar, never a second data colour.
 */
export interface PreviousPeriodOverlay {
  /** The stack (or the line's series key) it compares with. */
  stack: string
  label: string
  values: (number | null)[]
  /** The previous bucket each value covers, for the tooltip (`null` where nothing is compared). */
  buckets: (TimeBucket | null)[]
}

/**
 * An unusual bucket of one series (from `detectAnomalies`): a small triangle above its bar or point in
 * the series colour, and a line in the tooltip ("3.4× usual spend").
 */
export interface ChartAnomaly {
  seriesKey: string
  index: number
  /** What the tooltip says about it: "3.4× usual spend". */
  text: string
}

export interface TimeChartProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
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
  /** Series keys that filter the page when picked (cross-filter): a segment, a legend name or a tooltip row. */
  selectable?: (key: string) => boolean
  /** Whether a key is in the page's filters (its legend name and tooltip row read as pressed). */
  selected?: (key: string) => boolean
  /** A reader picked a selectable key: a click on its segment, its legend name or its tooltip row, or Enter on it. */
  onSelectSeries?: (key: string, source: 'chart' | 'legend') => void
  /** "View requests" of bucket `index` (and of the active series, when one is chosen): shown in the pinned tooltip. */
  onViewRequests?: (index: number, seriesKey: string | undefined) => void
  /** The previous period behind the data (the header's Compare toggle). */
  previous?: PreviousPeriodOverlay[]
  /** Formats a change between periods (a fraction: 0.25 is +25 %). */
  formatChange?: (fraction: number) => string
  /** Unusual buckets to mark (quietly, above the data); the pinned tooltip's "View requests" drills into them. */
  anomalies?: ChartAnomaly[]
}

/** The active bucket and, within it, the active series (keyboard ↑ ↓, or the segment under the pointer). */
interface ActiveBucket {
  index: number
  series: string | null
  /** Pointer hover, keyboard navigation, or a tooltip pinned by a click. */
  mode: 'hover' | 'keyboard' | 'pinned'
}

const defaultFormatChange = (fraction: number) =>
  new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(fraction)

/** The plot's margins; a chart's plot is its width minus `left + right`. */
export const CHART_MARGIN = { top: 8, right: 8, bottom: 28, left: 56 }
const MARGIN = CHART_MARGIN
/** The reserved key of the fold of smaller groups: never a filter. */
const OTHER_SERIES = '__other__'

/**
 * The chart every usagekit time chart draws with: stacked and side-by-side bars (visx #1764 has no
 * ready grouped-and-stacked series) or lines, on visx scales with light axes drawn here; a tooltip listing every
 * series of the hovered bucket, largest first; a legend that hides and shows series; and a data
 * table as the accessible alternative.
 */
export const TimeChart = forwardRef<HTMLElement, TimeChartProps>(function TimeChart({
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
  selectable,
  selected,
  onSelectSeries,
  onViewRequests,
  previous,
  formatChange = defaultFormatChange,
  anomalies,
  className,
  ...props
}, ref) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set())
  const [active, setActive] = useState<ActiveBucket | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const hintId = `${useId()}-hint`
  const canSelect = useCallback((key: string) => Boolean(onSelectSeries && selectable?.(key)), [onSelectSeries, selectable])
  const [tip, setTip] = useState<{ left: number; top: number } | null>(null)
  const frameRef = useRef<HTMLDivElement>(null)
  const tipRef = useRef<HTMLDivElement>(null)
  const t = useMessages(enChartMessages)
  const hatchId = `uk-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const width = useElementWidth(frameRef, 640)
  const visible = useMemo(() => series.filter((s) => !hidden.has(s.key)), [series, hidden])
  const stacks = useMemo(() => [...new Set(visible.map((s) => s.stack ?? s.key))], [visible])
  const innerWidth = Math.max(40, width - MARGIN.left - MARGIN.right)
  const innerHeight = height - MARGIN.top - MARGIN.bottom

  const maxValue = useMemo(() => {
    let max = 0
    for (const overlay of previous ?? []) for (const value of overlay.values) max = Math.max(max, value ?? 0)
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
  }, [buckets.length, visible, kind, previous])

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
  // The segment under the pointer: the stack whose side-by-side band holds x, then the series whose part of it holds y.
  const seriesAt = useCallback(
    (index: number, px: number, py: number): string | null => {
      if (kind !== 'bars') return null
      const offset = px - (x(index) ?? 0)
      const offsets = new Map<string, number>()
      for (const s of visible) {
        const value = s.values[index] ?? 0
        if (value <= 0) continue
        const stack = s.stack ?? s.key
        const base = offsets.get(stack) ?? 0
        offsets.set(stack, base + value)
        const left = sub(stack) ?? 0
        if (offset < left || offset > left + Math.max(1, sub.bandwidth())) continue
        if (py >= y(base + value) - 0.5 && py <= y(base) + 0.5) return s.key
      }
      return null
    },
    [kind, visible, x, sub, y],
  )
  const pointerAt = useCallback(
    (event: React.MouseEvent<SVGRectElement>) => {
      const rect = event.currentTarget.getBoundingClientRect()
      const px = event.clientX - rect.left
      const py = event.clientY - rect.top
      const scaleX = innerWidth / Math.max(1, rect.width)
      const scaleY = innerHeight / Math.max(1, rect.height)
      const index = Math.min(buckets.length - 1, Math.max(0, Math.floor((px / Math.max(1, rect.width)) * buckets.length)))
      return { index, series: seriesAt(index, px * scaleX, py * scaleY) }
    },
    [buckets.length, seriesAt, innerWidth, innerHeight],
  )
  const onMove = useCallback(
    (event: React.MouseEvent<SVGRectElement>) => {
      const { index, series: key } = pointerAt(event)
      setActive((current) => (current && current.mode !== 'hover' ? current : current && current.index === index && current.series === key ? current : { index, series: key, mode: 'hover' }))
    },
    [pointerAt],
  )
  // A click on a segment filters by its key; anywhere else in the bucket (or on a line chart) pins the tooltip and its actions.
  const onPlotClick = useCallback(
    (event: React.MouseEvent<SVGRectElement>) => {
      const { index, series: key } = pointerAt(event)
      if (key && canSelect(key)) {
        onSelectSeries!(key, 'chart')
        return
      }
      setActive((current) => (current?.mode === 'pinned' && current.index === index ? null : { index, series: key, mode: 'pinned' }))
    },
    [pointerAt, canSelect, onSelectSeries],
  )
  const hover = active ? { index: active.index, x: MARGIN.left + (x(active.index) ?? 0) + x.bandwidth() / 2 } : null

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

  // The previous period: quiet (a thin dashed muted line, or outline bars), drawn over the data without competing with it.
  const previousMarks = useMemo(() => {
    if (!previous?.length) return null
    return (
      <g className="uk-chart-previous" aria-hidden="true">
        {previous.map((overlay) =>
          kind === 'lines' ? (
            <LinePath<number | null>
              key={overlay.stack}
              data={overlay.values}
              x={(_, i) => (x(i) ?? 0) + x.bandwidth() / 2}
              y={(value) => y(value ?? 0)}
              defined={(value) => value !== null}
              className="uk-chart-previous-line"
              fill="none"
              data-previous={overlay.stack}
            />
          ) : (
            <g key={overlay.stack} data-previous={overlay.stack}>
              {overlay.values.map((value, i) => {
                if (value === null || value <= 0) return null
                // Sides and top of the previous bar; a halo in the surface colour keeps it readable where it crosses a bar.
                const left = (x(i) ?? 0) + (sub(overlay.stack) ?? 0) + 0.5
                const right = left + Math.max(1, sub.bandwidth() - 1)
                const d = `M${left},${y(0)}V${y(value) + 0.5}H${right}V${y(0)}`
                return (
                  <g key={i}>
                    <path d={d} className="uk-chart-previous-halo" fill="none" />
                    <path d={d} className="uk-chart-previous-bar" fill="none" />
                  </g>
                )
              })}
            </g>
          ),
        )}
      </g>
    )
  }, [previous, kind, x, y, sub])

  // Anomaly markers: a small outlined triangle above the flagged series' bar (its stack's top) or point,
  // in the series colour, stacked upward when several series of one bucket are flagged.
  const anomalyMarks = useMemo(() => {
    const shown = (anomalies ?? []).filter((a) => visible.some((s) => s.key === a.seriesKey) && a.index < buckets.length)
    if (!shown.length) return null
    const used = new Map<string, number>()
    return (
      <g className="uk-chart-anomalies" aria-hidden="true">
        {shown.map((anomaly) => {
          const s = visible.find((v) => v.key === anomaly.seriesKey)!
          const stack = s.stack ?? s.key
          let top: number
          let cx: number
          if (kind === 'bars') {
            const stackTotal = visible.filter((v) => (v.stack ?? v.key) === stack).reduce((sum, v) => sum + (v.values[anomaly.index] ?? 0), 0)
            top = y(stackTotal)
            cx = (x(anomaly.index) ?? 0) + (sub(stack) ?? 0) + Math.max(1, sub.bandwidth()) / 2
          } else {
            top = y(s.values[anomaly.index] ?? 0) - 3
            cx = (x(anomaly.index) ?? 0) + x.bandwidth() / 2
          }
          const slot = `${anomaly.index}|${kind === 'bars' ? stack : s.key}`
          const level = used.get(slot) ?? 0
          used.set(slot, level + 1)
          const base = top - 3 - level * 9
          return (
            <path
              key={`${anomaly.seriesKey}-${anomaly.index}`}
              d={`M${cx - 4},${base - 7}L${cx + 4},${base - 7}L${cx},${base}Z`}
              fill={s.color}
              className="uk-chart-anomaly"
              data-anomaly={anomaly.seriesKey}
              data-index={anomaly.index}
            />
          )
        })}
      </g>
    )
  }, [anomalies, visible, buckets.length, kind, x, y, sub])
  // The data table names every flagged cell (hidden series too: the table lists them all).
  const tableAnomalies = useMemo(() => new Map((anomalies ?? []).map((anomaly) => [`${anomaly.seriesKey}|${anomaly.index}`, anomaly.text])), [anomalies])
  const anomalyRows = hover ? (anomalies ?? []).filter((a) => a.index === hover.index && visible.some((s) => s.key === a.seriesKey)) : []

  // A key the page is filtered by keeps its legend name, pressed, so the filter can be lifted where it was set.
  const showLegend = legend ?? (series.length > 1 || Boolean(previous?.length) || Boolean(onSelectSeries && series.some((s) => selected?.(s.key))))
  const hovered = hover ? buckets[hover.index] : undefined
  const tooltipRows = hover
    ? visible
        .map((s) => ({ key: s.key, label: s.label, color: s.color, value: s.values[hover.index] ?? null }))
        .sort((a, b) => (b.value ?? -1) - (a.value ?? -1))
    : []
  const showTotal = (total ?? (kind === 'bars' && stacks.length === 1)) && tooltipRows.length > 1
  const totalValue = tooltipRows.reduce((sum, row) => sum + (row.value ?? 0), 0)
  const hoveredPartial = hover ? partials[hover.index] : undefined
  const interactive = active?.mode === 'pinned' || active?.mode === 'keyboard'
  const activeRow = active?.series ? tooltipRows.find((row) => row.key === active.series) : undefined
  // Each overlay beside the current value of its stack, and the change between them.
  const previousRows = hover
    ? (previous ?? []).map((overlay) => {
        const stackSeries = visible.filter((s) => (s.stack ?? s.key) === overlay.stack)
        const now = stackSeries.length ? stackSeries.reduce((sum, s) => sum + (s.values[hover.index] ?? 0), 0) : null
        const before = overlay.values[hover.index] ?? null
        return { overlay, before, bucket: overlay.buckets[hover.index] ?? null, change: periodChange(now, before) }
      })
    : []
  const partialNote = (index: number): string | null => {
    const kindOf = partials[index]
    const bucket = buckets[index]
    if (!kindOf || !bucket) return null
    return kindOf === 'inProgress'
      ? t('chart.inProgress')
      : kindOf === 'cutStart'
        ? t('chart.partialFrom', { time: range ? formatInstant(range.start) : formatInstant(bucket.start) })
        : t('chart.partialUntil', { time: range ? formatInstant(range.end) : formatInstant(bucket.end) })
  }

  // What a screen reader hears on each keyboard step: the tooltip's text.
  const describe = (index: number): string => {
    const bucket = buckets[index]
    if (!bucket) return ''
    const rows = visible.map((s) => ({ label: s.label, value: s.values[index] ?? null })).sort((a, b) => (b.value ?? -1) - (a.value ?? -1))
    const flagged = (anomalies ?? []).filter((a) => a.index === index).map((a) => `${series.find((s) => s.key === a.seriesKey)?.label ?? a.seriesKey}: ${a.text}`)
    const parts = [formatBucketRange(bucket), partialNote(index), ...rows.map((row) => t('crossFilter.announceRow', { label: row.label, value: formatValue(row.value) })), ...flagged]
    for (const overlay of previous ?? []) {
      const before = overlay.values[index] ?? null
      if (before === null) continue
      const label = previous!.length > 1 ? t('crossFilter.previousOf', { label: overlay.label }) : t('crossFilter.previousPeriod')
      parts.push(t('crossFilter.announceRow', { label, value: formatValue(before) }))
    }
    return parts.filter(Boolean).join('. ')
  }
  const moveTo = (index: number, key: string | null) => {
    setActive({ index, series: key, mode: 'keyboard' })
    const row = key ? series.find((s) => s.key === key) : undefined
    setAnnouncement(row ? t('crossFilter.announceRow', { label: row.label, value: formatValue(row.values[index] ?? null) }) : describe(index))
  }
  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      if (active) {
        event.preventDefault()
        setActive(null)
        setAnnouncement('')
        event.currentTarget.focus()
      }
      return
    }
    // Keys pressed on the tooltip's own buttons are theirs.
    if (event.target !== event.currentTarget || buckets.length === 0) return
    const last = buckets.length - 1
    const index = active?.index
    const order = index === undefined ? [] : visible.filter((s) => (s.values[index] ?? null) !== null).sort((a, b) => (b.values[index] ?? -1) - (a.values[index] ?? -1)).map((s) => s.key)
    const at = active?.series ? order.indexOf(active.series) : -1
    switch (event.key) {
      case 'ArrowRight':
        moveTo(index === undefined ? 0 : Math.min(last, index + 1), null)
        break
      case 'ArrowLeft':
        moveTo(index === undefined ? last : Math.max(0, index - 1), null)
        break
      case 'Home':
        moveTo(0, null)
        break
      case 'End':
        moveTo(last, null)
        break
      case 'ArrowDown':
        if (index === undefined) moveTo(0, null)
        else moveTo(index, order[Math.min(order.length - 1, at + 1)] ?? null)
        break
      case 'ArrowUp':
        if (index === undefined) moveTo(last, null)
        else moveTo(index, at <= 0 ? null : order[at - 1]!)
        break
      case 'Enter':
      case ' ':
        if (index === undefined) return
        if (active?.series && canSelect(active.series)) onSelectSeries!(active.series, 'chart')
        else if (onViewRequests) onViewRequests(index, undefined)
        else return
        break
      default:
        return
    }
    event.preventDefault()
  }

  // A pinned tooltip closes on a click outside the chart.
  useEffect(() => {
    if (active?.mode !== 'pinned') return
    const close = (event: PointerEvent) => {
      if (!frameRef.current?.contains(event.target as Node)) setActive(null)
    }
    document.addEventListener('pointerdown', close)
    return () => document.removeEventListener('pointerdown', close)
  }, [active?.mode])

  // Place the tooltip from its measured size: beside the pointer, flipped to the left near the right
  // edge, clamped inside the chart and the viewport (docs/design.md, "Tooltips"). Before paint, so it never jumps.
  useIsomorphicLayoutEffect(() => {
    const frame = frameRef.current
    const tooltip = tipRef.current
    if (!hover || !frame || !tooltip) {
      setTip(null)
      return
    }
    const { left, top } = tooltipPlacement({
      x: hover.x,
      top: MARGIN.top,
      chartWidth: width,
      tip: { width: tooltip.offsetWidth, height: tooltip.offsetHeight },
      frame: frame.getBoundingClientRect(),
    })
    setTip((current) => (current && current.left === left && current.top === top ? current : { left, top }))
  }, [hover?.index, hover?.x, width, tooltipRows.length, interactive, previousRows.length, anomalyRows.length])

  return (
    <figure ref={ref} aria-label={title} {...props} className={clsx('uk-chart', className)} data-kind={kind} data-buckets={buckets.length} data-bucket={bucketSize}>
      {/* Time runs left to right in every language (a right-to-left page keeps its charts' axes; docs/i18n.md). */}
      <div
        ref={frameRef}
        className="uk-chart-frame"
        style={{ position: 'relative', width: '100%', direction: 'ltr' }}
        tabIndex={0}
        role="application"
        aria-label={title}
        aria-describedby={hintId}
        data-active={active ? active.mode : undefined}
        onKeyDown={onKeyDown}
        onBlur={(event) => {
          if (active?.mode === 'keyboard' && !event.currentTarget.contains(event.relatedTarget as Node | null)) setActive(null)
        }}
      >
        <span id={hintId} className="uk-visually-hidden">
          {t('crossFilter.keyboardHint')}
        </span>
        <svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('chart.image', { chart: title, count: buckets.length })}>
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
            {previousMarks}
            {anomalyMarks}
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
            <rect
              x={0}
              y={0}
              width={innerWidth}
              height={innerHeight}
              fill="transparent"
              className="uk-chart-hit"
              data-pointer={active?.mode === 'hover' && active.series && canSelect(active.series) ? 'segment' : onViewRequests || onSelectSeries ? 'bucket' : undefined}
              onMouseMove={onMove}
              onMouseLeave={() => setActive((current) => (current?.mode === 'hover' ? null : current))}
              onClick={onPlotClick}
            />
          </Group>
        </svg>
        {hover && hovered ? (
          <div
            ref={tipRef}
            className="uk-tooltip"
            role={interactive ? 'group' : 'presentation'}
            aria-label={interactive ? formatBucketRange(hovered) : undefined}
            data-pinned={interactive || undefined}
            style={{ left: tip?.left ?? 0, top: tip?.top ?? MARGIN.top, visibility: tip ? 'visible' : 'hidden' }}
          >
            <div className="uk-tooltip-title">{formatBucketRange(hovered)}</div>
            {hoveredPartial ? (
              <div className="uk-tooltip-note" data-partial={hoveredPartial}>
                {partialNote(hover.index)}
              </div>
            ) : null}
            {tooltipRows.map((row) => {
              const pickable = interactive && canSelect(row.key)
              const content = (
                <>
                  <span className="uk-swatch" style={{ background: row.color }} />
                  <span title={row.label}>{row.label}</span>
                  <span className="uk-num">{formatValue(row.value)}</span>
                </>
              )
              return pickable ? (
                <button
                  key={row.key}
                  type="button"
                  className="uk-tooltip-row"
                  data-active={active?.series === row.key || undefined}
                  aria-pressed={selected?.(row.key) ?? false}
                  title={t('crossFilter.filterBy', { label: row.label })}
                  onClick={() => onSelectSeries!(row.key, 'chart')}
                >
                  {content}
                </button>
              ) : (
                <div key={row.key} className="uk-tooltip-row" data-active={active?.series === row.key || undefined}>
                  {content}
                </div>
              )
            })}
            {showTotal ? (
              <div className="uk-tooltip-row uk-tooltip-total">
                <span className="uk-swatch" aria-hidden="true" />
                <span>{t('common.total')}</span>
                <span className="uk-num">{formatValue(totalValue)}</span>
              </div>
            ) : null}
            {anomalyRows.map((anomaly) => {
              const s = visible.find((v) => v.key === anomaly.seriesKey)!
              return (
                <div key={anomaly.seriesKey} className="uk-tooltip-row uk-tooltip-anomaly" data-anomaly={anomaly.seriesKey}>
                  <svg width={8} height={8} viewBox="0 0 8 8" aria-hidden="true" className="uk-anomaly-swatch">
                    <path d="M0,1L8,1L4,7.5Z" fill={s.color} />
                  </svg>
                  <span>{visible.length > 1 ? `${s.label}: ${anomaly.text}` : anomaly.text}</span>
                </div>
              )
            })}
            {previousRows.map(({ overlay, before, bucket, change }) => (
              <div key={overlay.stack} className="uk-tooltip-previous" data-previous={overlay.stack}>
                <div className="uk-tooltip-row">
                  <span className="uk-swatch" data-previous="true" aria-hidden="true" />
                  <span>{previousRows.length > 1 ? t('crossFilter.previousOf', { label: overlay.label }) : t('crossFilter.previousPeriod')}</span>
                  <span className="uk-num">{formatValue(before)}</span>
                </div>
                {bucket ? <div className="uk-tooltip-note">{t('crossFilter.previousSpan', { span: formatBucketRange(bucket) })}</div> : null}
                {change !== null ? (
                  <div className="uk-tooltip-row" data-change={change > 0 ? 'up' : change < 0 ? 'down' : 'flat'}>
                    <span className="uk-swatch" aria-hidden="true" />
                    <span>{t('crossFilter.change')}</span>
                    <span className="uk-num">{formatChange(change)}</span>
                  </div>
                ) : null}
              </div>
            ))}
            {interactive && onViewRequests ? (
              <div className="uk-tooltip-actions">
                <button type="button" className="uk-button" data-size="small" onClick={() => onViewRequests(hover.index, activeRow && canSelect(activeRow.key) ? activeRow.key : undefined)}>
                  {activeRow && canSelect(activeRow.key) ? t('crossFilter.viewRequestsOf', { label: activeRow.label }) : t('crossFilter.viewRequests')}
                </button>
              </div>
            ) : null}
            {active?.mode === 'hover' && (onSelectSeries || onViewRequests) ? (
              <div className="uk-tooltip-hint">
                {active.series === OTHER_SERIES
                  ? t('crossFilter.otherNotFilter')
                  : active.series && canSelect(active.series)
                    ? t('crossFilter.hintSegment', { label: series.find((s) => s.key === active.series)?.label ?? active.series })
                    : t('crossFilter.hintBucket')}
              </div>
            ) : null}
          </div>
        ) : null}
        <div className="uk-visually-hidden" aria-live="polite">
          {announcement}
        </div>
      </div>
      {showLegend ? (
        <ul className="uk-legend" aria-label={t('chart.legend', { chart: title })}>
          {series.map((s) => {
            const isHidden = hidden.has(s.key)
            // A legend of keys filters by them (the eye hides one in this chart only); a legend of metrics has nothing to filter by: its names hide.
            const filtering = Boolean(onSelectSeries && selectable)
            return (
              <li key={s.key} data-hidden={isHidden || undefined}>
                {filtering ? (
                  canSelect(s.key) ? (
                    <button
                      type="button"
                      data-action="filter"
                      aria-pressed={selected?.(s.key) ?? false}
                      onClick={(event) => (event.altKey || event.shiftKey ? toggle(s.key) : onSelectSeries!(s.key, 'legend'))}
                      title={t('crossFilter.legendFilterTitle', { label: s.label })}
                    >
                      <span className="uk-swatch" style={{ background: s.color }} />
                      <span className="uk-option-label">{s.label}</span>
                    </button>
                  ) : (
                    <span className="uk-legend-name" title={s.key === OTHER_SERIES ? t('crossFilter.otherNotFilter') : undefined}>
                      <span className="uk-swatch" style={{ background: s.color }} />
                      <span className="uk-option-label">{s.label}</span>
                    </span>
                  )
                ) : (
                  <button type="button" data-action="hide" aria-pressed={!isHidden} onClick={() => toggle(s.key)} title={isHidden ? t('chart.showSeries', { series: s.label }) : t('chart.hideSeries', { series: s.label })}>
                    <span className="uk-swatch" style={{ background: s.color }} />
                    <span className="uk-option-label">{s.label}</span>
                  </button>
                )}
                {filtering ? (
                  <button
                    type="button"
                    data-action="hide"
                    className="uk-legend-eye"
                    aria-pressed={!isHidden}
                    aria-label={t('crossFilter.legendShow', { label: s.label })}
                    title={t('crossFilter.legendHideTitle', { label: s.label })}
                    onClick={() => toggle(s.key)}
                  >
                    {isHidden ? <EyeOffIcon /> : <EyeIcon />}
                  </button>
                ) : null}
              </li>
            )
          })}
          {previous?.length ? (
            <li className="uk-legend-previous" data-previous="true">
              <span className="uk-legend-name">
                <span className="uk-swatch" data-previous="true" aria-hidden="true" />
                <span className="uk-option-label">{t('crossFilter.previousPeriod')}</span>
              </span>
            </li>
          ) : null}
        </ul>
      ) : null}
      <details className="uk-data-table">
        <summary>{t('chart.dataTable')}</summary>
        <div className="uk-data-table-scroll">
          <table>
            <caption className="uk-visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{bucketSize === '1d' || bucketSize === '1w' || bucketSize === '1mo' ? t('chart.period') : t('chart.time')}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col">
                    {s.label}
                  </th>
                ))}
                {(previous ?? []).map((overlay) => (
                  <th key={`previous-${overlay.stack}`} scope="col">
                    {previous!.length > 1 ? t('crossFilter.previousOf', { label: overlay.label }) : t('crossFilter.previousPeriod')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {buckets.map((bucket, i) => (
                <tr key={bucket.start}>
                  <th scope="row">{formatBucketRange(bucket)}</th>
                  {series.map((s) => {
                    const flag = tableAnomalies.get(`${s.key}|${i}`)
                    return (
                      <td key={s.key} data-anomaly={flag ? 'true' : undefined}>
                        {formatValue(s.values[i] ?? null)}
                        {flag ? (
                          <span className="uk-data-table-anomaly">
                            <svg width={8} height={8} viewBox="0 0 8 8" aria-hidden="true" className="uk-anomaly-swatch">
                              <path d="M0,1L8,1L4,7.5Z" fill={s.color} />
                            </svg>
                            {flag}
                          </span>
                        ) : null}
                      </td>
                    )
                  })}
                  {(previous ?? []).map((overlay) => (
                    <td key={`previous-${overlay.stack}`}>{formatValue(overlay.values[i] ?? null)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
})
TimeChart.displayName = 'TimeChart'
