import type { Dimension, TimeRangePreset } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, type ReactNode, createContext, forwardRef, useContext, useId } from 'react'
import { UsageErrorBoundary } from '../components/UsageErrorBoundary.js'
import { UsageRoot } from '../components/UsageRoot.js'
import { FilterBar } from '../controls/FilterBar.js'
import { LiveToggle } from '../controls/LiveToggle.js'
import { RefreshButton } from '../controls/RefreshButton.js'
import { TimeRangePicker } from '../controls/TimeRangePicker.js'
import { ViewToggle } from '../controls/ViewToggle.js'
import type { UsageView } from '../state/urlState.js'
import { useMessages } from '../i18n/useMessages.js'
import { PageBoundary, useDropInactiveQueries } from './PageBoundary.js'

/** The id the page's heading takes, so the page's region is named by it. */
const PageTitleId = createContext<string | undefined>(undefined)

export interface UsagePageRootProps extends HTMLAttributes<HTMLDivElement> {}

/**
 * The page's frame: the themed scope (`.uk-root`), a last error boundary (whatever throws while
 * rendering, the host's page stays up), and one named region (`.uk-page`) holding the parts in the
 * order you write them. The region is named by `UsagePageHeading`; without one, give `aria-label`.
 */
export const UsagePageRoot = forwardRef<HTMLDivElement, UsagePageRootProps>(function UsagePageRoot({ children, 'aria-label': label, 'aria-labelledby': labelledBy, ...props }, ref) {
  const dropInactive = useDropInactiveQueries()
  const titleId = useId()
  const t = useMessages()
  return (
    <UsageRoot ref={ref} {...props}>
      <UsageErrorBoundary title={t('boundary.page')} onReset={dropInactive}>
        {/* One named region holds the whole page, so no content sits outside a landmark in the host's page. */}
        <section className="uk-page" aria-label={label} aria-labelledby={label ? undefined : (labelledBy ?? titleId)}>
          <PageTitleId.Provider value={titleId}>{children}</PageTitleId.Provider>
        </section>
      </UsageErrorBoundary>
    </UsageRoot>
  )
})
UsagePageRoot.displayName = 'UsagePageRoot'

/** The header row: the heading on the left, a toolbar on the right (icons only on a phone). */
export const UsagePageHeader = forwardRef<HTMLDivElement, HTMLAttributes<HTMLDivElement>>(function UsagePageHeader({ className, ...props }, ref) {
  return <div ref={ref} {...props} className={clsx('uk-page-header', className)} />
})
UsagePageHeader.displayName = 'UsagePageHeader'

export interface UsagePageHeadingProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title'> {
  /** The page's h1 (default "Usage"); it names the page's region. */
  title?: ReactNode
  description?: ReactNode
}

/** The page's title (an h1) and a muted description under it. */
export const UsagePageHeading = forwardRef<HTMLDivElement, UsagePageHeadingProps>(function UsagePageHeading({ title, description, className, children, ...props }, ref) {
  const titleId = useContext(PageTitleId)
  const t = useMessages()
  return (
    <div ref={ref} {...props} className={clsx('uk-page-heading', className)}>
      <h1 id={titleId} className="uk-page-title">
        {title ?? t('page.title')}
      </h1>
      {description ? <p className="uk-page-description">{description}</p> : null}
      {children}
    </div>
  )
})
UsagePageHeading.displayName = 'UsagePageHeading'

export interface UsagePageToolbarProps extends HTMLAttributes<HTMLDivElement> {
  /** Offer Refresh (default true) and Live mode (default true). */
  refresh?: boolean
  live?: boolean
}

/** Refresh, Live, then the host's own buttons (children), at the header's right; fails alone. */
export const UsagePageToolbar = forwardRef<HTMLDivElement, UsagePageToolbarProps>(function UsagePageToolbar({ refresh = true, live = true, className, children, ...props }, ref) {
  const t = useMessages()
  return (
    <PageBoundary title={t('boundary.controls')}>
      <div ref={ref} {...props} className={clsx('uk-page-actions', className)}>
        {refresh ? <RefreshButton /> : null}
        {live ? <LiveToggle /> : null}
        {children}
      </div>
    </PageBoundary>
  )
})
UsagePageToolbar.displayName = 'UsagePageToolbar'

export interface UsagePageFiltersProps extends HTMLAttributes<HTMLDivElement> {
  /** Show the By user / By team toggle (default true), or the views to offer; views the adapter has no dimension for are left out. */
  view?: boolean | UsageView[]
  /** Time range presets offered. */
  presets?: TimeRangePreset[]
  /** Which dimension filters to offer (default API keys, tags, teams); `[]` for none. */
  filters?: Dimension[]
  /** Filter menus pick one value. */
  singleSelectFilters?: boolean
}

/** The view, the time range and the filter menus, then the host's own controls (children): one left-aligned group that wraps as a whole. */
export const UsagePageFilters = forwardRef<HTMLDivElement, UsagePageFiltersProps>(function UsagePageFilters(
  { view = true, presets, filters = ['apiKey', 'tag', 'team'], singleSelectFilters, className, children, ...props },
  ref,
) {
  const t = useMessages()
  return (
    <PageBoundary title={t('boundary.filters')}>
      <div ref={ref} {...props} className={clsx('uk-page-controls', className)}>
        {view ? <ViewToggle views={Array.isArray(view) ? view : undefined} /> : null}
        <TimeRangePicker presets={presets} />
        {filters.length ? <FilterBar dimensions={filters} single={singleSelectFilters} /> : null}
        {children}
      </div>
    </PageBoundary>
  )
})
UsagePageFilters.displayName = 'UsagePageFilters'
