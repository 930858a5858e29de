import { clsx } from 'clsx'
import { type HTMLAttributes, forwardRef, useEffect, useLayoutEffect, useMemo, useRef } from 'react'
import { useUsageConfig } from '../context/UsageProvider.js'
import { copyThemeVariables } from './themeVariables.js'
import { type UsageRootScope, UsageRootScopeContext, useUsageRootScope } from './UsageRoot.js'
import { useMergedRef } from './useMergedRef.js'

/**
 * The root of a part portalled to the end of the document (the filter menu, the time-range popover
 * and its calendar, the request drawer). Layers stay portalled to `body` so no host stacking context,
 * `overflow` or `transform` clips or covers them; the theme travels with them instead: this root
 * carries the page root's class (a host's `.brand[data-theme='dark']` rules apply), the provider's
 * theme and density, and a copy of every `--uk-*` variable and the font as computed on the page root
 * (values the host set on a wrapper the portal is not under). It is `display: contents`, so a host
 * class that pads or frames the page root adds no box here. Props extend the native div's;
 * `className` is merged last.
 */
export const PortalRoot = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(function PortalRoot({ className, style, children, ...props }, ref) {
  const { theme, density } = useUsageConfig()
  const page = useUsageRootScope()
  const own = useRef<HTMLDivElement | null>(null)
  const setRef = useMergedRef(ref, own)
  const copied = useRef(false)
  // Before paint, so a menu never flashes the library's colours; again when the theme changes.
  useLayoutEffect(() => {
    const source = page?.element()
    copied.current = !!(own.current && source)
    if (own.current && source) copyThemeVariables(source, own.current)
  }, [page, theme, density])
  // A portal rendered in the page root's very first commit runs its layout effects before the root's
  // ref is attached (children first): copy once the commit is done.
  useEffect(() => {
    const source = page?.element()
    if (!copied.current && own.current && source) copyThemeVariables(source, own.current)
  }, [page, theme, density])
  const hostClassName = page?.className
  // A part portalled from inside this one (a menu in the drawer) copies from here.
  const scope = useMemo<UsageRootScope>(() => ({ element: () => own.current, className: hostClassName }), [hostClassName])
  return (
    <div
      ref={setRef}
      data-theme={theme}
      data-density={density}
      data-portal=""
      className={clsx('uk-root', hostClassName, className)}
      style={{ display: 'contents', ...style }}
      {...props}
    >
      <UsageRootScopeContext.Provider value={scope}>{children}</UsageRootScopeContext.Provider>
    </div>
  )
})
PortalRoot.displayName = 'PortalRoot'
