import { clsx } from 'clsx'
import { type HTMLAttributes, createContext, forwardRef, useContext, useMemo, useRef } from 'react'
import { useUsageConfig } from '../context/UsageProvider.js'
import { useMergedRef } from './useMergedRef.js'

/** The nearest themed root, for parts portalled out of it (PortalRoot copies its class and variables). */
export interface UsageRootScope {
  element: () => HTMLElement | null
  /** The host's class on that root. */
  className: string | undefined
}

export const UsageRootScopeContext = createContext<UsageRootScope | null>(null)

/** The themed root the calling component renders in, or `null` outside any. */
export function useUsageRootScope(): UsageRootScope | null {
  return useContext(UsageRootScopeContext)
}

/**
 * The themed scope of usagekit's styles (`.uk-root` with `data-theme` and `data-density`).
 * `UsagePage` renders one; wrap your own layout of parts in one. The host's `className`, `style` and
 * variables set on any ancestor theme it, and everything it portals (menus, calendar, drawer).
 */
export const UsageRoot = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(function UsageRoot({ className, children, ...props }, ref) {
  const { theme, density } = useUsageConfig()
  const own = useRef<HTMLDivElement | null>(null)
  const setRef = useMergedRef(ref, own)
  const scope = useMemo<UsageRootScope>(() => ({ element: () => own.current, className }), [className])
  return (
    <div ref={setRef} data-theme={theme} data-density={density} className={clsx('uk-root', className)} {...props}>
      <UsageRootScopeContext.Provider value={scope}>{children}</UsageRootScopeContext.Provider>
    </div>
  )
})
UsageRoot.displayName = 'UsageRoot'
