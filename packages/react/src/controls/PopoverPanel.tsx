import * as Popover from '@radix-ui/react-popover'
import { clsx } from 'clsx'
import { type ComponentPropsWithoutRef, type ElementRef, forwardRef } from 'react'
import { PortalRoot } from '../components/PortalRoot.js'

export type PopoverPanelProps = ComponentPropsWithoutRef<typeof Popover.Content>

/**
 * A control's popover, portalled out of the page's root into a `PortalRoot`, which carries the page's
 * theme, density, the host's class and variables (a dark, branded page gets a dark, branded menu);
 * placed below its trigger, kept 8 px inside the viewport. Props extend Radix's `Popover.Content`;
 * `className` is merged last.
 */
export const PopoverPanel = forwardRef<ElementRef<typeof Popover.Content>, PopoverPanelProps>(function PopoverPanel({ className, ...props }, ref) {
  return (
    <Popover.Portal>
      <PortalRoot>
        <Popover.Content ref={ref} className={clsx('uk-popover', className)} align="start" sideOffset={6} collisionPadding={8} {...props} />
      </PortalRoot>
    </Popover.Portal>
  )
})
