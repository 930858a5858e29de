import { useCallback, useLayoutEffect, useEffect, useMemo, useSyncExternalStore } from 'react'
import type { SeriesColors } from '../components/seriesColor.js'
import { useUsageConfig } from '../context/UsageProvider.js'

const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/** Re-renders when the page's colour registry assigns a colour; returns its version. */
function useRegistryVersion(): number {
  const { seriesColorRegistry: registry } = useUsageConfig()
  return useSyncExternalStore(registry.subscribe, registry.getVersion, registry.getVersion)
}

/**
 * The page's series colours, `(key, dimension) => colour`: the same key is one colour in every chart,
 * bar list and badge (docs/design.md, "Series colours"). Re-renders when a chart ranks new keys.
 */
export function useSeriesColors(): SeriesColors {
  const { seriesColorRegistry: registry } = useUsageConfig()
  const version = useRegistryVersion()
  // A new function per assignment, so memoised cells and columns that depend on it update.
  return useMemo<SeriesColors>(() => (key, dimension) => registry.colorOf(key, dimension), [registry, version])
}

/** One key's colour in the page's registry (a team badge, a legend swatch). */
export function useSeriesColor(key: string, dimension?: string): string {
  return useSeriesColors()(key, dimension)
}

/**
 * Reports `keys` of a dimension in rank order (largest first) to the page's registry and returns the
 * colours: the first ranking of a dimension on the page gives the largest key the first colour. Used by
 * charts and bar lists, and by any widget that shows a ranked list (a breakdown table of teams).
 */
export function useRankedSeriesColors(dimension: string | undefined, keys: readonly string[]): SeriesColors {
  const { seriesColorRegistry: registry } = useUsageConfig()
  const version = useRegistryVersion()
  const signature = keys.join('\u0000')
  // Pure during render; committed before paint so every other widget reads the same assignment.
  const colors = useMemo(() => (dimension === undefined ? registry.colorOf : registry.preview(dimension, keys)), [registry, dimension, signature, version])
  useIsomorphicLayoutEffect(() => {
    if (dimension !== undefined && keys.length) registry.rank(dimension, keys)
  }, [registry, dimension, signature])
  return useCallback<SeriesColors>((key, dim) => colors(key, dim ?? dimension), [colors, dimension])
}
