import type { Dimension, TimeRangePreset } from '@usagekit/core'
import { type HTMLAttributes, type ReactNode, forwardRef } from 'react'
import { LiveBanner } from '../controls/LiveToggle.js'
import type { RequestLogColumn, RequestLogColumnDef } from '../requests/requestLogColumns.js'
import type { UsageView } from '../state/urlState.js'
import { useMessages } from '../i18n/useMessages.js'
import { PageBoundary } from './PageBoundary.js'
import { UsagePageFilters, UsagePageHeader, UsagePageHeading, UsagePageRoot, UsagePageToolbar } from './UsagePageParts.js'
import { UsageSection, type UsageSectionId } from './UsageSection.js'

export interface UsagePageProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title'> {
  title?: ReactNode
  description?: ReactNode
  /** Which sections, in order (default: seed 001's team usage, then the request log). */
  sections?: UsageSectionId[]
  /**
   * Show the By user / By team toggle (default true), or the views to offer, e.g. `['user', 'customer']`
   * for a gateway's end customers. Views the adapter has no dimension for are left out.
   */
  view?: boolean | UsageView[]
  /** Which dimension filters to offer (default API keys, tags, teams; e.g. add `customer`); `[]` for none. Those the adapter does not offer are left out. */
  filters?: Dimension[]
  /** Filter menus pick one value (seed 004). */
  singleSelectFilters?: boolean
  /** Time range presets offered. */
  presets?: TimeRangePreset[]
  /** Offer Live mode (default true) and Refresh (default true). */
  live?: boolean
  refresh?: boolean
  requestColumns?: readonly (RequestLogColumn | RequestLogColumnDef)[]
  /** Replaces the title block with the host's own. */
  header?: ReactNode
  /** The host's own buttons, after usagekit's controls. */
  actions?: ReactNode
  /**
   * Rendered inside the page after the sections (a host's own `UsageSection`, a note, a footer).
   * To put them elsewhere, or to reorder the page, compose the parts instead (`UsagePage.Root`, …).
   */
  children?: ReactNode
}

/**
 * The batteries-included Usage page: title, controls, Live banner, the chosen sections, then the
 * host's children. A thin composition of the parts (`UsagePage.Root`, `.Header`, `.Heading`,
 * `.Toolbar`, `.Filters`, `.LiveBanner`, `.Section`), which a host can reorder, replace or extend.
 */
const UsagePageComposed = forwardRef<HTMLDivElement, UsagePageProps>(function UsagePage(
  {
    title,
    description,
    sections = ['team', 'requests'],
    view = true,
    filters = ['apiKey', 'tag', 'team'],
    singleSelectFilters,
    presets,
    live = true,
    refresh = true,
    requestColumns,
    header,
    actions,
    children,
    ...props
  },
  ref,
) {
  const t = useMessages()
  return (
    <UsagePageRoot ref={ref} aria-label={header ? t('page.title') : undefined} {...props}>
      {/* Title on the left; Refresh, Live and the host's actions on the right (icons only on a phone). */}
      <UsagePageHeader>
        {header ?? <UsagePageHeading title={title} description={description} />}
        {refresh || live || actions ? (
          <UsagePageToolbar refresh={refresh} live={live}>
            {actions}
          </UsagePageToolbar>
        ) : null}
      </UsagePageHeader>
      <UsagePageFilters view={view} presets={presets} filters={filters} singleSelectFilters={singleSelectFilters} />
      {live ? <LiveBanner /> : null}
      {sections.map((section) => (
        <PageBoundary key={section} title={t('boundary.section')}>
          <UsageSection section={section} requestColumns={requestColumns} />
        </PageBoundary>
      ))}
      {children == null ? null : <PageBoundary title={t('boundary.section')}>{children}</PageBoundary>}
    </UsagePageRoot>
  )
})
UsagePageComposed.displayName = 'UsagePage'

/** `UsagePage` and its parts: `<UsagePage.Root>`, `.Header`, `.Heading`, `.Toolbar`, `.Filters`, `.LiveBanner`, `.Section`. */
export const UsagePage = Object.assign(UsagePageComposed, {
  Root: UsagePageRoot,
  Header: UsagePageHeader,
  Heading: UsagePageHeading,
  Toolbar: UsagePageToolbar,
  Filters: UsagePageFilters,
  LiveBanner,
  Section: UsageSection,
})
