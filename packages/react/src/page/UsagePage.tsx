import type { Dimension, TimeRangePreset } from '@usagekit/core'
import { type HTMLAttributes, type ReactNode, forwardRef, useId } from 'react'
import { UsageErrorBoundary } from '../components/UsageErrorBoundary.js'
import { UsageRoot } from '../components/UsageRoot.js'
import { FilterBar } from '../controls/FilterBar.js'
import { LiveBanner, LiveToggle } from '../controls/LiveToggle.js'
import { RefreshButton } from '../controls/RefreshButton.js'
import { TimeRangePicker } from '../controls/TimeRangePicker.js'
import { ViewToggle } from '../controls/ViewToggle.js'
import type { RequestLogColumn, RequestLogColumnDef } from '../requests/requestLogColumns.js'
import type { UsageView } from '../state/urlState.js'
import { PageBoundary, useDropInactiveQueries } from './PageBoundary.js'
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
}

/** The batteries-included Usage page: title, controls, Live banner and the chosen sections. */
export const UsagePage = forwardRef<HTMLDivElement, UsagePageProps>(function UsagePage(
  {
    title = 'Usage',
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
    className,
    ...props
  },
  ref,
) {
  const dropInactive = useDropInactiveQueries()
  const titleId = useId()
  return (
    <UsageRoot ref={ref} className={className} {...props}>
      {/* The last line of defence: whatever throws while rendering, the host's page stays up. */}
      <UsageErrorBoundary title="The usage page could not be shown" onReset={dropInactive}>
        {/* One named region holds the whole page, so no content sits outside a landmark in the host's page. */}
        <section className="uk-page" aria-labelledby={header ? undefined : titleId} aria-label={header ? 'Usage' : undefined}>
          {/* Title on the left; Refresh, Live and the host's actions on the right (icons only on a phone). */}
          <div className="uk-page-header">
            {header ?? (
              <div className="uk-page-heading">
                <h1 id={titleId} className="uk-page-title">
                  {title}
                </h1>
                {description ? <p className="uk-page-description">{description}</p> : null}
              </div>
            )}
            {refresh || live || actions ? (
              <PageBoundary title="These controls could not be shown">
                <div className="uk-page-actions">
                  {refresh ? <RefreshButton /> : null}
                  {live ? <LiveToggle /> : null}
                  {actions}
                </div>
              </PageBoundary>
            ) : null}
          </div>
          {/* The view, the time range and the filters: one left-aligned group that wraps as a whole. */}
          <PageBoundary title="The filters could not be shown">
            <div className="uk-page-controls">
              {view ? <ViewToggle views={Array.isArray(view) ? view : undefined} /> : null}
              <TimeRangePicker presets={presets} />
              {filters.length ? <FilterBar dimensions={filters} single={singleSelectFilters} /> : null}
            </div>
          </PageBoundary>
          {live ? <LiveBanner /> : null}
          {sections.map((section) => (
            <PageBoundary key={section} title="This section could not be shown">
              <UsageSection section={section} requestColumns={requestColumns} />
            </PageBoundary>
          ))}
        </section>
      </UsageErrorBoundary>
    </UsageRoot>
  )
})
UsagePage.displayName = 'UsagePage'
