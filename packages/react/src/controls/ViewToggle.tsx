import * as ToggleGroup from '@radix-ui/react-toggle-group'
import { clsx } from 'clsx'
import { type HTMLAttributes, forwardRef } from 'react'
import { useUsageSelection } from '../context/UsageProvider.js'
import { useSupport } from '../hooks/useCapabilities.js'
import { useView } from '../hooks/useView.js'
import type { UsageView } from '../state/urlState.js'
import { useMessages } from '../i18n/useMessages.js'

export interface ViewToggleProps extends Omit<HTMLAttributes<HTMLDivElement>, 'defaultValue' | 'dir' | 'onChange'> {
  /** The views offered, in order (default By user / By team); those the adapter has no dimension for are left out. */
  views?: UsageView[]
  labels?: Partial<Record<UsageView, string>>
}

const LABELS = { user: 'view.user', team: 'view.team', customer: 'view.customer' } as const satisfies Record<UsageView, string>

/**
 * By user / By team (/ By customer): everything below follows. Shown once the adapter's capabilities
 * say which of them it can group by, and only when that leaves a choice.
 */
export const ViewToggle = forwardRef<HTMLDivElement, ViewToggleProps>(function ViewToggle({ className, views = ['user', 'team'], labels, ...props }, ref) {
  const { setView } = useUsageSelection()
  const view = useView()
  const support = useSupport()
  const t = useMessages()
  const offered = views.filter((option) => support.dimension(option))
  if (!support.known || offered.length < 2) return null
  return (
    <ToggleGroup.Root
      aria-label={t('view.group')}
      {...props}
      ref={ref}
      type="single"
      value={view}
      onValueChange={(value) => value && setView(value as UsageView)}
      className={clsx('uk-segmented', className)}
      data-view={view}
    >
      {offered.map((option) => (
        <ToggleGroup.Item key={option} value={option}>
          {labels?.[option] ?? t(LABELS[option])}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup.Root>
  )
})
ViewToggle.displayName = 'ViewToggle'
