import type { Dimension } from '@usagekit/core'
import { clsx } from 'clsx'
import { type HTMLAttributes, type ReactNode, forwardRef } from 'react'
import { useUsageSelection } from '../context/UsageProvider.js'
import { useSupport } from '../hooks/useCapabilities.js'
import { useMessages } from '../i18n/useMessages.js'
import { DimensionFilter } from './DimensionFilter.js'

export interface FilterBarProps extends HTMLAttributes<HTMLDivElement> {
  /** Which filters to show (default API keys, tags, teams); those the adapter does not offer are left out. */
  dimensions?: Dimension[]
  /** Labels per dimension ("API keys"). */
  labels?: Partial<Record<Dimension, string>>
  /** Single-select menus (seed 004). */
  single?: boolean
  children?: ReactNode
}

/**
 * The row of dimension filters; "Clear" appears once any is set. The menus appear once the adapter's
 * capabilities say which dimensions it can filter by (a menu that would be refused never shows).
 */
export const FilterBar = forwardRef<HTMLDivElement, FilterBarProps>(function FilterBar({ dimensions = ['apiKey', 'tag', 'team'], labels = {}, single, className, children, ...props }, ref) {
  const { filters, setFilters, fixedFilters } = useUsageSelection()
  const support = useSupport()
  const t = useMessages()
  // A filter set from a chart, bar or row (cross-filter) on a dimension without a menu here gets one, so it shows and can be cleared.
  const picked = (Object.keys(filters) as Dimension[]).filter((dimension) => !dimensions.includes(dimension) && (filters[dimension]?.length ?? 0) > 0)
  const shown = support.known ? [...dimensions, ...picked].filter((dimension) => !fixedFilters[dimension]?.length && support.dimension(dimension)) : []
  const active = shown.some((dimension) => (filters[dimension]?.length ?? 0) > 0)
  return (
    <div ref={ref} role="group" aria-label={t('filter.group')} className={clsx('uk-toolbar', className)} {...props}>
      {shown.map((dimension) => (
        <DimensionFilter key={dimension} dimension={dimension} label={labels[dimension]} single={single} />
      ))}
      {active ? (
        <button type="button" className="uk-button" data-variant="ghost" onClick={() => setFilters({})}>
          {t('filter.clear')}
        </button>
      ) : null}
      {children}
    </div>
  )
})
FilterBar.displayName = 'FilterBar'
