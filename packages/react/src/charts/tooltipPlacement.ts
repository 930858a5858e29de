/** Space between the pointer (or the active mark) and the tooltip. */
const TOOLTIP_GAP = 12
/** The least room kept between a tooltip and the viewport's edges. */
const EDGE = 4

/**
 * Where a chart's tooltip goes, in the chart frame's coordinates (docs/design.md, "Tooltips"): 12 px
 * right of `x`, flipped to its left when it would leave the chart, then clamped inside the chart and
 * the viewport (4 px from each edge), vertically too. Measured sizes in, so it runs in a layout
 * effect, before paint, and the tooltip never jumps.
 */
export function tooltipPlacement({
  x,
  top,
  chartWidth,
  tip,
  frame,
}: {
  /** The pointer's (or the active mark's) x in the frame. */
  x: number
  /** The preferred top in the frame (the plot's top). */
  top: number
  chartWidth: number
  tip: { width: number; height: number }
  /** The frame's box in the viewport. */
  frame: { left: number; top: number }
}): { left: number; top: number } {
  const viewportWidth = document.documentElement.clientWidth || window.innerWidth
  const viewportHeight = window.innerHeight
  let left = x + TOOLTIP_GAP
  if (left + tip.width > chartWidth) left = x - TOOLTIP_GAP - tip.width
  left = Math.min(Math.max(0, left), Math.max(0, chartWidth - tip.width))
  // The viewport (a chart wider than the screen, or scrolled sideways).
  left = Math.min(left, viewportWidth - EDGE - tip.width - frame.left)
  left = Math.max(left, EDGE - frame.left)
  let placedTop = top
  if (frame.top + placedTop + tip.height > viewportHeight - EDGE) placedTop = viewportHeight - EDGE - tip.height - frame.top
  placedTop = Math.max(placedTop, EDGE - frame.top)
  return { left, top: placedTop }
}
