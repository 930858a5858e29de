import { clsx } from 'clsx'
import { type CSSProperties, type ReactNode, useEffect } from 'react'
import { AlertIcon, RefreshIcon } from './icons.js'

/** A placeholder of the final size; shimmer stops under prefers-reduced-motion. */
export function Skeleton({ width = '100%', height, className, style }: { width?: number | string; height: number | string; className?: string; style?: CSSProperties }) {
  return <span aria-hidden="true" className={clsx('uk-skeleton', className)} style={{ width, height, ...style }} />
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}

/** Errors already written to the console (a row of cards shares one failed query: log it once). */
const logged = new WeakSet<object>()

/**
 * A widget's own failure, said in words for the reader ("Couldn't load this") with a Retry; the
 * integrator's detail (method, field, timeout) sits behind "Details" and goes to console.error,
 * prefixed "[usagekit]". The rest of the page keeps working.
 */
export function ErrorState({ error, onRetry, title = 'Couldn’t load this', minHeight, compact }: { error: unknown; onRetry?: () => void; title?: string; minHeight?: number | string; compact?: boolean }) {
  const detail = describeError(error)
  useEffect(() => {
    if (typeof error === 'object' && error !== null) {
      if (logged.has(error)) return
      logged.add(error)
    }
    console.error('[usagekit] a widget could not load:', error)
  }, [error])
  return (
    <div className="uk-state" data-state="error" data-compact={compact || undefined} role="alert" style={{ minHeight }}>
      <div className="uk-state-title">
        <AlertIcon style={{ color: 'var(--_uk-bad)' }} />
        <span>{title}</span>
      </div>
      <div className="uk-state-actions">
        {onRetry ? (
          <button type="button" className="uk-button" onClick={onRetry}>
            <RefreshIcon />
            Retry
          </button>
        ) : null}
        {detail ? (
          <details className="uk-state-detail">
            <summary>Details</summary>
            <div>{detail}</div>
          </details>
        ) : null}
      </div>
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
