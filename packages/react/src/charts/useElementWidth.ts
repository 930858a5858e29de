import { type RefObject, useLayoutEffect, useState } from 'react'

const useIsomorphicLayoutEffect = typeof window === 'undefined' ? () => {} : useLayoutEffect

/** The element's width, following resizes; `fallback` on the server and before the first measure. */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback)
  useIsomorphicLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const measure = () => {
      const next = Math.round(element.getBoundingClientRect().width)
      if (next > 0) setWidth(next)
    }
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return width
}

/**
 * The element's width once measured (`undefined` before, and on the server), following resizes. An
 * element the layout gives no width (jsdom, a hidden tab) counts as `fallback`, so data still loads.
 */
export function useMeasuredWidth(ref: RefObject<HTMLElement | null>, fallback: number): number | undefined {
  const [width, setWidth] = useState<number | undefined>(undefined)
  useIsomorphicLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const measure = () => {
      const next = Math.round(element.getBoundingClientRect().width)
      setWidth((current) => (next > 0 ? next : (current ?? fallback)))
    }
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref, fallback])
  return width
}
