import { useAdapterQuery } from './useAdapterQuery.js'

/** One request's details; fetched only while `id` is set (the drawer is open). */
export function useRequest(id: string | null) {
  return useAdapterQuery('getRequest', id === null ? null : { id }, { keepPrevious: false })
}
