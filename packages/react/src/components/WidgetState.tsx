import { clsx } from 'clsx'
import { type HTMLAttributes, forwardRef, useEffect } from 'react'
import { useMessages } from '../i18n/useMessages.js'
import { AlertIcon, RefreshIcon } from './icons.js'

export interface SkeletonProps extends HTMLAttributes<HTMLSpanElement> {
  width?: number | string
  height: number | string
}

/** A placeholder of the final size; shimmer stops under prefers-reduced-motion. */
export const Skeleton = forwardRef<HTMLSpanElement, SkeletonProps>(function Skeleton({ width = '100%', height, className, style, ...props }, ref) {
  return <span ref={ref} aria-hidden="true" {...props} className={clsx('uk-skeleton', className)} style={{ width, height, ...style }} />
})
Skeleton.displayName = 'Skeleton'

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
export interface ErrorStateProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title'> {
  error: unknown
  onRetry?: () => void
  title?: string
  minHeight?: number | string
  compact?: boolean
}

export const ErrorState = forwardRef<HTMLDivElement, ErrorStateProps>(function ErrorState({ error, onRetry, title, minHeight, compact, className, style, ...props }, ref) {
  const t = useMessages()
  const detail = describeError(error)
  useEffect(() => {
    if (typeof error === 'object' && error !== null) {
      if (logged.has(error)) return
      logged.add(error)
    }
    console.error('[usagekit] a widget could not load:', error)
  }, [error])
  return (
    <div ref={ref} role="alert" {...props} className={clsx('uk-state', className)} data-state="error" data-compact={compact || undefined} style={{ minHeight, ...style }}>
      <div className="uk-state-title">
        <AlertIcon style={{ color: 'var(--_uk-bad)' }} />
        <span>{title ?? t('state.loadFailed')}</span>
      </div>
      <div className="uk-state-actions">
        {onRetry ? (
          <button type="button" className="uk-button" onClick={onRetry}>
            <RefreshIcon />
            {t('common.retry')}
          </button>
        ) : null}
        {detail ? (
          <details className="uk-state-detail">
            <summary>{t('common.details')}</summary>
            <div>{detail}</div>
          </details>
        ) : null}
      </div>
    </div>
  )
})
ErrorState.displayName = 'ErrorState'

export interface EmptyStateProps extends HTMLAttributes<HTMLDivElement> {
  minHeight?: number | string
}

/** No data for the chosen range and filters: said plainly, not drawn as zeros. */
export const EmptyState = forwardRef<HTMLDivElement, EmptyStateProps>(function EmptyState({ children, minHeight, className, style, ...props }, ref) {
  const t = useMessages()
  return (
    <div ref={ref} {...props} className={clsx('uk-state', className)} data-state="empty" style={{ minHeight, ...style }}>
      {children ?? t('state.empty')}
    </div>
  )
})
EmptyState.displayName = 'EmptyState'
