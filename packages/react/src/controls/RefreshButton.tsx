import { useIsFetching } from '@tanstack/react-query'
import { clsx } from 'clsx'
import { type HTMLAttributes, forwardRef } from 'react'
import { RefreshIcon } from '../components/icons.js'
import { useUsageSelection } from '../context/UsageProvider.js'
import { useMessages } from '../i18n/useMessages.js'

/** Pulls the latest data: moves "now" forward and refetches every widget once. */
export const RefreshButton = forwardRef<HTMLButtonElement, HTMLAttributes<HTMLButtonElement>>(function RefreshButton({ className, ...props }, ref) {
  const { refresh } = useUsageSelection()
  const t = useMessages()
  const fetching = useIsFetching({ queryKey: ['usagekit'] }) > 0
  return (
    <button ref={ref} type="button" className={clsx('uk-button', className)} onClick={refresh} data-fetching={fetching || undefined} aria-label={t('refresh.button')} {...props}>
      <RefreshIcon />
      <span className="uk-button-label">{t('refresh.button')}</span>
    </button>
  )
})
RefreshButton.displayName = 'RefreshButton'
