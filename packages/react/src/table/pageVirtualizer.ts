import { type Virtualizer, useVirtualizer } from '@tanstack/react-virtual'
import { type RefObject, useLayoutEffect, useEffect } from 'react'

export const useIsoLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/**
 * Rows virtualized against what the reader can see, not against a scroll box of the table's own:
 * the table grows with the page. The visible region is the window's viewport; whatever scrolls
 * (the page, a host's scrolling main column, or the table's own box when the host caps its height)
 * moves the table body under it, so the offset is read from the body's position on every scroll
 * (captured from any element) and resize. Rows outside the window are never visible, so this never
 * renders too few; at most a window's height (plus overscan) is in the DOM.
 */
export function usePageVirtualizer<T extends HTMLElement>({
  count,
  estimateSize,
  bodyRef,
  overscan = 8,
}: {
  count: number
  estimateSize: number
  bodyRef: RefObject<T | null>
  overscan?: number
}): Virtualizer<Element, HTMLTableRowElement> {
  const virtualizer = useVirtualizer<Element, HTMLTableRowElement>({
    count,
    // The scroll "element" is only a handle here: rect and offset come from the window and the body.
    getScrollElement: () => (typeof document === 'undefined' ? null : document.documentElement),
    estimateSize: () => estimateSize,
    overscan,
    initialRect: { width: 1000, height: 900 },
    observeElementRect: (_instance, cb) => {
      const read = () => cb({ width: window.innerWidth, height: window.innerHeight })
      read()
      window.addEventListener('resize', read)
      return () => window.removeEventListener('resize', read)
    },
    observeElementOffset: (_instance, cb) => {
      const read = () => {
        const top = bodyRef.current?.getBoundingClientRect().top ?? 0
        cb(Math.max(0, -top), false)
      }
      read()
      const options = { capture: true, passive: true } as const
      document.addEventListener('scroll', read, options)
      window.addEventListener('resize', read)
      // Charts above the table load and change height without a scroll: follow the page's size too.
      const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read)
      observer?.observe(document.documentElement)
      return () => {
        document.removeEventListener('scroll', read, options)
        window.removeEventListener('resize', read)
        observer?.disconnect()
      }
    },
    // Offsets are relative to the table body; the virtualizer never scrolls the page itself.
    scrollToFn: () => {},
  })
  useIsoLayoutEffect(() => {
    virtualizer.measure()
  }, [estimateSize])
  return virtualizer
}
