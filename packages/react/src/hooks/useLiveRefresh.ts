import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { useUsageConfig, useUsageSelection } from '../context/UsageProvider.js'

const MAX_INTERVAL = 60_000

/**
 * Live mode: refreshes every widget once per interval (15 s by default), doubling the interval
 * after a tick whose queries failed (up to 60 s) and resetting on success; paused while the tab
 * is hidden, with a refresh as soon as it shows again.
 */
export function useLiveRefresh(): void {
  const { liveIntervalMs } = useUsageConfig()
  const { live, refresh } = useUsageSelection()
  const queryClient = useQueryClient()
  const refreshRef = useRef(refresh)
  refreshRef.current = refresh

  useEffect(() => {
    if (!live) return
    let interval = liveIntervalMs
    let timer: ReturnType<typeof setTimeout> | undefined
    const failing = () =>
      queryClient
        .getQueryCache()
        .findAll({ queryKey: ['usagekit'], type: 'active' })
        .some((query) => query.state.status === 'error')
    // Resolves once the refresh's fetches are done, so the next interval follows its outcome.
    const settled = () =>
      new Promise<void>((resolve) => {
        const cache = queryClient.getQueryCache()
        const done = () => queryClient.isFetching({ queryKey: ['usagekit'] }) === 0
        if (done()) return resolve()
        const unsubscribe = cache.subscribe(() => {
          if (done()) {
            unsubscribe()
            resolve()
          }
        })
      })
    let stopped = false
    const schedule = () => {
      clearTimeout(timer)
      if (stopped || document.visibilityState === 'hidden') return
      timer = setTimeout(tick, interval)
    }
    const tick = async () => {
      refreshRef.current()
      // Let React render the new query keys before reading the cache.
      await new Promise((resolve) => setTimeout(resolve, 0))
      await settled()
      interval = failing() ? Math.min(interval * 2, MAX_INTERVAL) : liveIntervalMs
      schedule()
    }
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        clearTimeout(timer)
        void tick()
      } else clearTimeout(timer)
    }
    schedule()
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      stopped = true
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }, [live, liveIntervalMs, queryClient])
}
