import type { MutableRefObject, Ref, RefCallback } from 'react'

/**
 * One ref callback that sets several refs (the host's forwarded ref and the component's own).
 * Returns nothing, so it behaves the same on React 18 and 19 (no ref cleanup functions).
 */
export function mergeRefs<T>(...refs: (Ref<T> | undefined)[]): RefCallback<T> {
  return (node) => {
    for (const ref of refs) {
      if (typeof ref === 'function') ref(node)
      else if (ref) (ref as MutableRefObject<T | null>).current = node
    }
  }
}
