import { type UseQueryResult, useQuery } from '@tanstack/react-query'
import type { AdapterMethod, UsageAdapter } from '@usagekit/core'
import { useUsageConfig } from '../context/UsageProvider.js'
import { usageQueryKey } from './usageQueryKey.js'

type ParamsOf<M extends AdapterMethod> = Omit<NonNullable<Parameters<UsageAdapter[M]>[0]>, 'signal'>
type ResultOf<M extends AdapterMethod> = Awaited<ReturnType<UsageAdapter[M]>>

/**
 * One react-query query per widget: key `['usagekit', method, params]`, the AbortSignal handed to
 * the adapter, answers validated by core. `params: null` waits (e.g. for the time zone).
 */
export function useAdapterQuery<M extends AdapterMethod>(
  method: M,
  params: ParamsOf<M> | null,
  options: { keepPrevious?: boolean } = {},
): UseQueryResult<ResultOf<M>, Error> {
  const { adapter } = useUsageConfig()
  return useQuery({
    queryKey: usageQueryKey(method, params),
    queryFn: ({ signal }) => (adapter[method] as (p: unknown) => Promise<ResultOf<M>>)({ ...params, signal }),
    enabled: params !== null,
    placeholderData:
      options.keepPrevious === false
        ? undefined
        : (previous, previousQuery) =>
            sameGrouping(previousQuery?.queryKey[2], params) ? previous : undefined,
  })
}

/**
 * While a new range or filter loads, the previous answer stays on screen; an answer grouped by
 * something else (users while teams load) never does: its rows and series would be mislabelled.
 */
function sameGrouping(previous: unknown, next: unknown): boolean {
  const grouping = (params: unknown) => {
    const { groupBy, dimension } = (params ?? {}) as { groupBy?: unknown; dimension?: unknown }
    return `${String(groupBy)}|${String(dimension)}`
  }
  return grouping(previous) === grouping(next)
}
