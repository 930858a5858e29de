import type { UsageQuery } from '@usagekit/core'
import { useMemo } from 'react'
import { useAdapterQuery } from './useAdapterQuery.js'

/** One page of the request log for a (pinned) query and cursor. */
export function useRequests(query: UsageQuery | null, options: { cursor: string | null; pageSize: number; search?: string }) {
  const params = useMemo(
    () => (query ? { ...query, cursor: options.cursor, pageSize: options.pageSize, ...(options.search ? { search: options.search } : {}) } : null),
    [query, options.cursor, options.pageSize, options.search],
  )
  return useAdapterQuery('listRequests', params)
}
