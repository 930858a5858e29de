import { clsx } from 'clsx'
import { type HTMLAttributes, forwardRef } from 'react'
import { useUsageConfig } from '../context/UsageProvider.js'

/**
 * The themed scope of usagekit's styles (`.uk-root` with `data-theme` and `data-density`).
 * `UsagePage` renders one; wrap your own layout of parts in one.
 */
export const UsageRoot = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(function UsageRoot({ className, ...props }, ref) {
  const { theme, density } = useUsageConfig()
  return <div ref={ref} data-theme={theme} data-density={density} className={clsx('uk-root', className)} {...props} />
})
UsageRoot.displayName = 'UsageRoot'
