/**
 * A built-in handler that a host's handler of the same event does not replace: the host's runs
 * first, and ours is skipped when the host called `event.preventDefault()` (Radix's rule).
 */
export function composeEventHandlers<E extends { defaultPrevented: boolean }>(
  host: ((event: E) => void) | undefined,
  ours: (event: E) => void,
): (event: E) => void {
  return (event) => {
    host?.(event)
    if (!event.defaultPrevented) ours(event)
  }
}
