import * as Popover from '@radix-ui/react-popover'
import { clsx } from 'clsx'
import { type ComponentPropsWithoutRef, type ElementRef, forwardRef } from 'react'
import { useUsageConfig } from '../context/UsageProvider.js'

export type PopoverPanelProps = ComponentPropsWithoutRef<typeof Popover.Content>

/**
 * A control's popover, portalled out of the page's root: it is a root of its own and carries the
 * page's theme and density (a dark page gets a dark menu), placed below its trigger, kept 8 px
 * inside the viewport. Props extend Radix's `Popover.Content`; `className` is merged last.
 */
export const PopoverPanel = forwardRef<ElementRef<typeof Popover.Content>, PopoverPanelProps>(function PopoverPanel({ className, ...props }, ref) {
  const { theme, density } = useUsageConfig()
  return (
    <Popover.Portal>
      <Popover.Content
        ref={ref}
        className={clsx('uk-root uk-popover', className)}
        data-theme={theme}
        data-density={density}
        align="start"
        sideOffset={6}
        collisionPadding={8}
        {...props}
      />
    </Popover.Portal>
  )
})
