import { clsx } from 'clsx'
import { type HTMLAttributes, type ReactNode, forwardRef } from 'react'
import { LiveIcon } from '../components/icons.js'
import { useUsageConfig, useUsageSelection } from '../context/UsageProvider.js'
import { useMessages } from '../i18n/useMessages.js'

/**
 * Turns Live mode on and off; while on, every widget refreshes once per interval (15 s by default).
 * In a narrow page header it shows its icon only; its name stays for screen readers.
 */
export const LiveToggle = forwardRef<HTMLButtonElement, HTMLAttributes<HTMLButtonElement>>(function LiveToggle({ className, ...props }, ref) {
  const { live, setLive } = useUsageSelection()
  const t = useMessages()
  return (
    <button ref={ref} type="button" className={clsx('uk-button', className)} aria-pressed={live} data-live={live || undefined} onClick={() => setLive(!live)} {...props}>
      <LiveIcon on={live} />
      <span className="uk-button-label">{t('live.toggle')}</span>
    </button>
  )
})
LiveToggle.displayName = 'LiveToggle'

/** The banner that confirms Live mode, with Stop. Renders nothing while Live mode is off. */
export function LiveBanner({ className }: { className?: string }): ReactNode {
  const { live, setLive } = useUsageSelection()
  const { liveIntervalMs } = useUsageConfig()
  const t = useMessages()
  if (!live) return null
  return (
    <div role="status" className={clsx('uk-live-banner', className)}>
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
        <span className="uk-live-dot" aria-hidden="true" />
        {t('live.banner', { count: Math.round(liveIntervalMs / 1000) })}
      </span>
      <button type="button" className="uk-button" onClick={() => setLive(false)}>
        {t('live.stop')}
      </button>
    </div>
  )
}
