import { useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useCallback } from 'react'
import { UsageErrorBoundary } from '../components/UsageErrorBoundary.js'
import { useUsageSelection } from '../context/UsageProvider.js'

/** Drops the answers of widgets that are not on screen (a failed one's included) so a retry fetches anew. */
export function useDropInactiveQueries(): () => void {
  const queryClient = useQueryClient()
  return useCallback(() => queryClient.removeQueries({ queryKey: ['usagekit'], type: 'inactive' }), [queryClient])
}

/**
 * A part of the page (a widget, a section, the controls) that throws while rendering fails alone.
 * Retry fetches its data anew and renders it again; so does a new range, view or filter, or Refresh.
 */
export function PageBoundary({ title, children }: { title: string; children?: ReactNode }): ReactNode {
  const { range, view, filters, anchor } = useUsageSelection()
  const dropInactive = useDropInactiveQueries()
  return (
    <UsageErrorBoundary title={title} resetKeys={[range, view, filters, anchor]} onReset={dropInactive}>
      {children}
    </UsageErrorBoundary>
  )
}
