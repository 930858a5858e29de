import { clsx } from 'clsx'
import { type CSSProperties, type HTMLAttributes, type KeyboardEvent, type PointerEvent, forwardRef, useId, useState } from 'react'

export interface SparklineProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'color'> {
  values: readonly (number | null)[]
  label: string
  width?: number
  height?: number
  /** Stroke colour (a CSS colour or a palette slot, `var(--_uk-series-N)`); default the accent. */
  color?: string
  /** What a point is: its bucket ("Nov 12, 2026, 14:00 – 15:00") and its formatted value ("34 requests"). */
  describe?: (index: number) => { when: string; value: string }
}

/**
 * A plain SVG path (no chart instance per row); gaps where a value is null. Hovering it, or focusing
 * it and stepping with ← →, shows the value of that bucket in a small tooltip.
 */
export const Sparkline = forwardRef<HTMLSpanElement, SparklineProps>(function Sparkline({ values, label, width = 96, height = 24, color, describe, className, style: hostStyle, ...props }, ref) {
  const [active, setActive] = useState<number | null>(null)
  const tipId = useId()
  const max = Math.max(0, ...values.map((v) => v ?? 0))
  const step = values.length > 1 ? width / (values.length - 1) : 0
  const yOf = (value: number) => height - 2 - (max > 0 ? (value / max) * (height - 4) : 0)
  let d = ''
  let pen = false
  values.forEach((value, i) => {
    if (value === null) {
      pen = false
      return
    }
    d += `${pen ? 'L' : 'M'}${(i * step).toFixed(1)} ${yOf(value).toFixed(1)}`
    pen = true
  })
  const interactive = Boolean(describe) && values.length > 0
  const clamp = (i: number) => Math.min(values.length - 1, Math.max(0, i))
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect()
    if (box.width > 0) setActive(clamp(Math.round(((event.clientX - box.left) / box.width) * (values.length - 1))))
  }
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const move = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0
    if (!move) return
    event.preventDefault()
    setActive((i) => clamp((i ?? values.length - 1) + move))
  }
  const point = active !== null ? values[active] : undefined
  const tip = interactive && active !== null ? describe!(active) : null
  const style = color ? ({ '--uk-spark': color, ...hostStyle } as CSSProperties) : hostStyle
  return (
    <span ref={ref} {...props} className={clsx('uk-sparkline-wrap', className)} style={style}>
      <svg
        className="uk-sparkline"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
        aria-describedby={tip ? tipId : undefined}
        tabIndex={interactive ? 0 : undefined}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setActive(null)}
        onFocus={() => setActive((i) => i ?? values.length - 1)}
        onBlur={() => setActive(null)}
        onKeyDown={onKeyDown}
      >
        <path d={d} />
        {active !== null && point != null ? <circle cx={active * step} cy={yOf(point)} r={2.5} /> : null}
      </svg>
      {tip ? (
        <span id={tipId} role="tooltip" className="uk-sparkline-tip" style={{ left: Math.min(width, Math.max(0, (active ?? 0) * step)) }}>
          <span className="uk-muted">{tip.when}</span>
          <strong>{tip.value}</strong>
        </span>
      ) : null}
    </span>
  )
})
Sparkline.displayName = 'Sparkline'
