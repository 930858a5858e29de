import { clsx } from 'clsx'
import type { CSSProperties, ReactNode } from 'react'
import { AlertIcon, RefreshIcon } from './icons.js'

/** A placeholder of the final size; shimmer stops under prefers-reduced-motion. */
export function Skeleton({ width = '100%', height, className, style }: { width?: number | string; height: number | string; className?: string; style?: CSSProperties }) {
  return <span aria-hidden="true" className={clsx('uk-skeleton', className)} style={{ width, height, ...style }} />
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}

/** A widget's own failure: what went wrong and a Retry; the rest of the page keeps working. */
export function ErrorState({ error, onRetry, title = 'This widget could not load', minHeight }: { error: unknown; onRetry?: () => void; title?: string; minHeight?: number | string }) {
  return (
    <div className="uk-state" data-state="error" role="alert" style={{ minHeight }}>
      <div className="uk-state-title">
        <AlertIcon style={{ color: 'var(--uk-bad)' }} />
        <span>{title}</span>
      </div>
      <div className="uk-state-detail">{describeError(error)}</div>
      {onRetry ? (
        <button type="button" className="uk-button" onClick={onRetry}>
          <RefreshIcon />
          Retry
        </button>
      ) : null}
    </div>
  )
}

/** No data for the chosen range and filters: said plainly, not drawn as zeros. */
export function EmptyState({ children = 'No usage in this range.', minHeight }: { children?: ReactNode; minHeight?: number | string }) {
  return (
    <div className="uk-state" data-state="empty" style={{ minHeight }}>
      {children}
    </div>
  )
}
