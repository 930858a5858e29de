import { type ReactNode, useLayoutEffect } from 'react'

export interface HostStylesheetProps {
  /** The host app's own CSS (unlayered, as a product team writes it). */
  css: string
  /** Where it loads relative to usagekit's styles.css: first in <head>, or last. */
  order: 'before' | 'after'
}

/**
 * Stands in for a host app's stylesheet, loaded before or after usagekit's (in Next.js the order of
 * globals.css and a client component's CSS import decides this): usagekit must look the same either way.
 */
export function HostStylesheet({ css, order }: HostStylesheetProps): ReactNode {
  useLayoutEffect(() => {
    const style = document.createElement('style')
    style.dataset.hostCss = order
    style.textContent = css
    if (order === 'before') document.head.prepend(style)
    else document.head.append(style)
    return () => style.remove()
  }, [css, order])
  return null
}
