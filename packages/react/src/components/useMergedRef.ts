import { type ForwardedRef, type MutableRefObject, useCallback } from 'react'

/**
 * One callback ref that sets both the caller's forwarded ref and a component's own ref (a component
 * that measures or reads its element still hands it to the host).
 */
export function useMergedRef<T>(forwarded: ForwardedRef<T>, own: MutableRefObject<T | null>): (node: T | null) => void {
  return useCallback(
    (node: T | null) => {
      own.current = node
      if (typeof forwarded === 'function') forwarded(node)
      else if (forwarded) forwarded.current = node
    },
    [forwarded, own],
  )
}
