import { type Dimension, type Filters, OTHER_KEY } from '@usagekit/core'
import { createContext, useCallback, useContext, useMemo } from 'react'
import { useSupport } from '../hooks/useCapabilities.js'
import { useUsageSelection } from './UsageProvider.js'

/** Where a reader picked a key: a chart segment or tooltip row, a legend item, a bar-list bar, a breakdown row. */
export type UsageSelectSource = 'chart' | 'legend' | 'barList' | 'breakdown'

/**
 * A reader picked a key of a dimension to filter the page by (cross-filter). Handlers run before the
 * page changes its filters; `preventDefault()` (or returning `false`) keeps the filters as they are,
 * e.g. to open the host's own view of that team instead.
 */
export interface UsageSelectEvent {
  dimension: Dimension
  key: string
  label: string
  source: UsageSelectSource
  /** Whether the key is in the page's filters after the toggle (false: the click removes it). */
  selected: boolean
  preventDefault: () => void
  readonly defaultPrevented: boolean
}

/** Called on a cross-filter pick; cancel with `event.preventDefault()` or by returning `false`. */
export type UsageSelectHandler = (event: UsageSelectEvent) => void | boolean

export const SelectHandlerContext = createContext<UsageSelectHandler | undefined>(undefined)

export interface UsageSelectTarget {
  dimension: Dimension
  key: string
  label: string
  source: UsageSelectSource
}

export interface CrossFilter {
  /** Whether a key can filter the page: never "Other" (a fold of many keys), a pinned dimension, or one the adapter cannot filter by. */
  canSelect: (dimension: Dimension | undefined, key: string) => boolean
  /** Whether the key is in the page's filters. */
  isSelected: (dimension: Dimension | undefined, key: string) => boolean
  /**
   * Toggles the key in the page's filters: the component's handler runs, then the provider's, then
   * ours unless one cancelled. Returns whether the filters changed.
   */
  select: (target: UsageSelectTarget, handler?: UsageSelectHandler) => boolean
}

/** Toggles `key` in the values of one dimension: added when absent, removed when present. */
export function toggleFilterValue(filters: Filters, dimension: Dimension, key: string): Filters {
  const values = filters[dimension] ?? []
  const next = values.includes(key) ? values.filter((value) => value !== key) : [...values, key]
  return { ...filters, [dimension]: next }
}

/** The page's cross-filter: a click (or Enter) on a segment, legend item, bar or row toggles that key into the filters. */
export function useCrossFilter(): CrossFilter {
  const { filters, fixedFilters, setFilters } = useUsageSelection()
  const support = useSupport()
  const providerHandler = useContext(SelectHandlerContext)
  const canSelect = useCallback(
    (dimension: Dimension | undefined, key: string) =>
      dimension !== undefined && key !== OTHER_KEY && support.known && support.dimension(dimension) && !(fixedFilters[dimension]?.length),
    [support, fixedFilters],
  )
  const isSelected = useCallback((dimension: Dimension | undefined, key: string) => (dimension ? (filters[dimension]?.includes(key) ?? false) : false), [filters])
  const select = useCallback(
    (target: UsageSelectTarget, handler?: UsageSelectHandler) => {
      if (!canSelect(target.dimension, target.key)) return false
      let prevented = false
      const event: UsageSelectEvent = {
        ...target,
        selected: !(filters[target.dimension]?.includes(target.key) ?? false),
        preventDefault: () => {
          prevented = true
        },
        get defaultPrevented() {
          return prevented
        },
      }
      for (const run of [handler, providerHandler]) {
        if (!run || prevented) continue
        if (run(event) === false) prevented = true
      }
      if (prevented) return false
      setFilters(toggleFilterValue(filters, target.dimension, target.key))
      return true
    },
    [canSelect, filters, setFilters, providerHandler],
  )
  return useMemo(() => ({ canSelect, isSelected, select }), [canSelect, isSelected, select])
}
