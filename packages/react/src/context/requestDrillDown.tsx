import type { Dimension, Filters, TimeBucket, TimeRange } from '@usagekit/core'
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { useUsageQuery } from '../hooks/useUsageQuery.js'
import { useUsageSelection } from './UsageProvider.js'

/** What "View requests" asks for: the requests of one time span with these filters (the page's, plus the picked key). */
export interface ViewRequestsRequest {
  range: TimeRange
  /** Every filter the requests must match: the page's choices, its fixed filters and the picked key. */
  filters: Filters
}

/** A drill-down the page's request log is showing, and what to name in its banner. */
export interface RequestDrillDown extends ViewRequestsRequest {
  /** The picked key, named in the log's banner ("Team: Research"). */
  key?: { dimension: Dimension; label: string }
  /** Counts drill-downs, so the same one asked twice scrolls the log into view twice. */
  sequence: number
}

interface DrillDownState {
  /** The drill-down the page's request log shows, if any. */
  drill: RequestDrillDown | null
  /** Whether "View requests" can go anywhere: a request log on the page, or the host's `onViewRequests`. */
  available: boolean
  viewRequests: (request: ViewRequestsRequest & { key?: RequestDrillDown['key'] }) => void
  clear: () => void
  /** A request log on the page takes drill-downs while mounted. */
  registerTarget: () => () => void
}

const DrillDownContext = createContext<DrillDownState | null>(null)

/**
 * Routes "View requests" (from a chart bucket, a tooltip, a breakdown row): to the request log on
 * the page when there is one (it scrolls into view showing the span and the key), else to the
 * host's `onViewRequests({ range, filters })` (its own logs page). The drill-down is dropped when
 * the page's range, view or filters change.
 */
export function RequestDrillDownProvider({ onViewRequests, children }: { onViewRequests?: (request: ViewRequestsRequest) => void; children?: ReactNode }): ReactNode {
  const [drill, setDrill] = useState<RequestDrillDown | null>(null)
  const [targets, setTargets] = useState(0)
  const sequence = useRef(0)
  const { range, view, filters } = useUsageSelection()
  const selectionKey = JSON.stringify([range, view, filters])
  const [seenSelection, setSeenSelection] = useState(selectionKey)
  if (seenSelection !== selectionKey) {
    setSeenSelection(selectionKey)
    if (drill) setDrill(null)
  }
  const registerTarget = useCallback(() => {
    setTargets((count) => count + 1)
    return () => setTargets((count) => count - 1)
  }, [])
  const viewRequests = useCallback<DrillDownState['viewRequests']>(
    ({ range: span, filters: wanted, key }) => {
      if (targets > 0) setDrill({ range: span, filters: wanted, key, sequence: ++sequence.current })
      else onViewRequests?.({ range: span, filters: wanted })
    },
    [targets, onViewRequests],
  )
  const clear = useCallback(() => setDrill(null), [])
  const state = useMemo<DrillDownState>(
    () => ({ drill, available: targets > 0 || onViewRequests !== undefined, viewRequests, clear, registerTarget }),
    [drill, targets, onViewRequests, viewRequests, clear, registerTarget],
  )
  return <DrillDownContext.Provider value={state}>{children}</DrillDownContext.Provider>
}

const NO_DRILL_DOWN: DrillDownState = { drill: null, available: false, viewRequests: () => {}, clear: () => {}, registerTarget: () => () => {} }

/** "View requests" for a span and a key; `available` is false when nothing on or off the page would show them. */
export function useRequestDrillDown(): DrillDownState {
  return useContext(DrillDownContext) ?? NO_DRILL_DOWN
}

/** A request log registers itself as the page's drill-down target while mounted. */
export function useDrillDownTarget(): RequestDrillDown | null {
  const { drill, registerTarget } = useRequestDrillDown()
  useEffect(() => registerTarget(), [registerTarget])
  return drill
}

/** The picked key of a drill-down: its dimension, value and label. */
export interface DrillDownKey {
  dimension: Dimension
  key: string
  label: string
}

/**
 * "View requests" of one bucket (cut to the page's range) and, optionally, one key: the page's
 * filters with that key's dimension narrowed to it. `null` when nothing would show them.
 */
export function useViewBucketRequests(): ((bucket: TimeBucket, key?: DrillDownKey) => void) | null {
  const { available, viewRequests } = useRequestDrillDown()
  const { query } = useUsageQuery()
  const view = useCallback(
    (bucket: TimeBucket, key?: DrillDownKey) => {
      if (!query) return
      const start = Math.max(Date.parse(bucket.start), Date.parse(query.range.start))
      const end = Math.min(Date.parse(bucket.end), Date.parse(query.range.end))
      const filters: Filters = { ...query.filters }
      if (key) filters[key.dimension] = [key.key]
      viewRequests({
        range: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
        filters,
        key: key ? { dimension: key.dimension, label: key.label } : undefined,
      })
    },
    [query, viewRequests],
  )
  return available && query ? view : null
}
