import { useIsFetching } from '@tanstack/react-query'
import { clsx } from 'clsx'
import { type ButtonHTMLAttributes, forwardRef } from 'react'
import { composeEventHandlers } from '../components/composeEventHandlers.js'
import { RefreshIcon } from '../components/icons.js'
import { useUsageSelection } from '../context/UsageProvider.js'
import { useMessages } from '../i18n/useMessages.js'

export type RefreshButtonProps = ButtonHTMLAttributes<HTMLButtonElement>

/**
 * Pulls the latest data: moves "now" forward and refetches every widget once. A host's `onClick`
 * runs first; `event.preventDefault()` in it skips the refresh.
 */
export const RefreshButton = forwardRef<HTMLButtonElement, RefreshButtonProps>(function RefreshButton({ className, onClick, children, ...props }, ref) {
  const { refresh } = useUsageSelection()
  const t = useMessages()
  const fetching = useIsFetching({ queryKey: ['usagekit'] }) > 0
  return (
    <button
      ref={ref}
      type="button"
      aria-label={t('refresh.button')}
      {...props}
      className={clsx('uk-button', className)}
      data-fetching={fetching || undefined}
      onClick={composeEventHandlers(onClick, () => refresh())}
    >
      {children ?? (
        <>
          <RefreshIcon />
          <span className="uk-button-label">{t('refresh.button')}</span>
        </>
      )}
    </button>
  )
})
RefreshButton.displayName = 'RefreshButton'
