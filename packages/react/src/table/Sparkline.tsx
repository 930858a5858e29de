import type { ReactNode } from 'react'

export interface SparklineProps {
  values: readonly (number | null)[]
  label: string
  width?: number
  height?: number
}

/** A plain SVG path (no chart instance per row); gaps where a value is null. */
export function Sparkline({ values, label, width = 96, height = 24 }: SparklineProps): ReactNode {
  const max = Math.max(0, ...values.map((v) => v ?? 0))
  const step = values.length > 1 ? width / (values.length - 1) : 0
  let d = ''
  let pen = false
  values.forEach((value, i) => {
    if (value === null) {
      pen = false
      return
    }
    const x = (i * step).toFixed(1)
    const y = (height - 2 - (max > 0 ? (value / max) * (height - 4) : 0)).toFixed(1)
    d += `${pen ? 'L' : 'M'}${x} ${y}`
    pen = true
  })
  return (
    <svg className="uk-sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <path d={d} />
    </svg>
  )
}
