import { clsx } from 'clsx'
import { type ButtonHTMLAttributes, type HTMLAttributes, forwardRef } from 'react'
import { composeEventHandlers } from '../components/composeEventHandlers.js'
import { LiveIcon } from '../components/icons.js'
import { useUsageConfig, useUsageSelection } from '../context/UsageProvider.js'
import { useMessages } from '../i18n/useMessages.js'

export type LiveToggleProps = ButtonHTMLAttributes<HTMLButtonElement>

/**
 * Turns Live mode on and off; while on, every widget refreshes once per interval (15 s by default).
 * In a narrow page header it shows its icon only; its name stays for screen readers. A host's
 * `onClick` runs first; `event.preventDefault()` in it keeps Live mode as it is.
 */
export const LiveToggle = forwardRef<HTMLButtonElement, LiveToggleProps>(function LiveToggle({ className, onClick, children, ...props }, ref) {
  const { live, setLive } = useUsageSelection()
  const t = useMessages()
  return (
    <button
      ref={ref}
      type="button"
      aria-pressed={live}
      {...props}
      className={clsx('uk-button', className)}
      data-live={live || undefined}
      onClick={composeEventHandlers(onClick, () => setLive(!live))}
    >
      {children ?? (
        <>
          <LiveIcon on={live} />
          <span className="uk-button-label">{t('live.toggle')}</span>
        </>
      )}
    </button>
  )
})
LiveToggle.displayName = 'LiveToggle'

export type LiveBannerProps = HTMLAttributes<HTMLDivElement>

/** The banner that confirms Live mode, with Stop. Renders nothing while Live mode is off. */
export const LiveBanner = forwardRef<HTMLDivElement, LiveBannerProps>(function LiveBanner({ className, children, ...props }, ref) {
  const { live, setLive } = useUsageSelection()
  const { liveIntervalMs } = useUsageConfig()
  const t = useMessages()
  if (!live) return null
  return (
    <div ref={ref} role="status" {...props} className={clsx('uk-live-banner', className)}>
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
        <span className="uk-live-dot" aria-hidden="true" />
        {t('live.banner', { count: Math.round(liveIntervalMs / 1000) })}
      </span>
      {children}
      <button type="button" className="uk-button" onClick={() => setLive(false)}>
        {t('live.stop')}
      </button>
    </div>
  )
})
LiveBanner.displayName = 'LiveBanner'
