import type { Dimension } from '@usagekit/core'
import { useMemo } from 'react'
import { useAdapterQuery } from './useAdapterQuery.js'
import { useUsageQuery } from './useUsageQuery.js'

/** Values of a dimension for a filter menu (the filter on that dimension itself is ignored by adapters). */
export function useDimensionValues(dimension: Dimension, options: { search?: string; limit?: number; enabled?: boolean } = {}) {
  const { query } = useUsageQuery()
  const params = useMemo(
    () =>
      query && options.enabled !== false
        ? { ...query, dimension, ...(options.search ? { search: options.search } : {}), limit: options.limit ?? 200 }
        : null,
    [query, dimension, options.search, options.limit, options.enabled],
  )
  return useAdapterQuery('getDimensionValues', params)
}
