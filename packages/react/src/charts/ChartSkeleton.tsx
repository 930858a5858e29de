import type { ReactNode } from 'react'

// Fixed ghost heights (no randomness: server and client render the same skeleton).
const GHOSTS = [0.42, 0.58, 0.5, 0.72, 0.64, 0.38, 0.46, 0.7, 0.82, 0.6, 0.52, 0.66, 0.44, 0.56]

/**
 * A loading chart in the chart's shape and size: gridlines, an axis and ghost bars (or a ghost line),
 * shimmering unless the reader prefers reduced motion. Hidden from assistive technology; the card says
 * it is busy.
 */
export function ChartSkeleton({ height, kind = 'bars' }: { height: number; kind?: 'bars' | 'lines' }): ReactNode {
  return (
    <div className="uk-chart-skeleton" data-kind={kind} aria-hidden="true" style={{ height, direction: 'ltr' }}>
      <div className="uk-chart-skeleton-axis">
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className="uk-skeleton" />
        ))}
      </div>
      <div className="uk-chart-skeleton-plot">
        {kind === 'bars' ? (
          GHOSTS.map((h, i) => <span key={i} className="uk-skeleton uk-chart-skeleton-bar" style={{ height: `${Math.round(h * 100)}%` }} />)
        ) : (
          <svg className="uk-chart-skeleton-line" viewBox="0 0 100 40" preserveAspectRatio="none">
            <polyline points={GHOSTS.map((h, i) => `${(i / (GHOSTS.length - 1)) * 100},${40 - h * 34}`).join(' ')} fill="none" vectorEffect="non-scaling-stroke" />
          </svg>
        )}
      </div>
    </div>
  )
}
