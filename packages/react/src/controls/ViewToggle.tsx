import * as ToggleGroup from '@radix-ui/react-toggle-group'
import { clsx } from 'clsx'
import { forwardRef } from 'react'
import { useUsageSelection } from '../context/UsageProvider.js'
import type { UsageView } from '../state/urlState.js'

export interface ViewToggleProps {
  className?: string
  labels?: Record<UsageView, string>
}

/** By user / By team: everything below follows. */
export const ViewToggle = forwardRef<HTMLDivElement, ViewToggleProps>(function ViewToggle({ className, labels = { user: 'By user', team: 'By team' } }, ref) {
  const { view, setView } = useUsageSelection()
  return (
    <ToggleGroup.Root
      ref={ref}
      type="single"
      value={view}
      onValueChange={(value) => value && setView(value as UsageView)}
      aria-label="View"
      className={clsx('uk-segmented', className)}
      data-view={view}
    >
      <ToggleGroup.Item value="user">{labels.user}</ToggleGroup.Item>
      <ToggleGroup.Item value="team">{labels.team}</ToggleGroup.Item>
    </ToggleGroup.Root>
  )
})
ViewToggle.displayName = 'ViewToggle'
