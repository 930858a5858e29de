import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query'
import {
  type Filters,
  type InstantInput,
  type TimeRangeSelection,
  type UsageAdapter,
  type UsageBudget,
  isAdapterResponseError,
  isInvalidQueryError,
  isNotFoundError,
  localTimeZone,
  resolveTimeRange,
  toEpochMs,
} from '@usagekit/core'
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { type SeriesColorRegistry, type SeriesColors, createSeriesColorRegistry } from '../components/seriesColor.js'
import { useLiveRefresh } from '../hooks/useLiveRefresh.js'
import { type UsageMessages, enMessages } from '../i18n/enMessages.js'
import type { UsageSelectHandler } from './crossFilter.js'
import { SelectHandlerContext } from './crossFilter.js'
import { RequestDrillDownProvider, type ViewRequestsRequest } from './requestDrillDown.js'
import { BudgetsContext } from '../spend/budgetsContext.js'
import { MessagesContext, type MessagesContextValue } from '../i18n/messagesContext.js'
import { useLocaleMessages } from '../i18n/useLocaleMessages.js'
import { withLazyValidation } from './withLazyValidation.js'
import { withTimeout } from './withTimeout.js'
import { type UsageSelection, type UsageView, selectionFromSearch, selectionToSearch } from '../state/urlState.js'

/** What the viewer may see; decided by the host (its roles), enforced again on its server. */
export interface UsagePermissions {
  /** Prompts and responses in the request drawer. Default true. */
  requestContent?: boolean
  /** Other users' names, emails and rows. Default true. */
  otherUsers?: boolean
  /** Money columns and cards. Default true. */
  cost?: boolean
}

export type UsageTheme = 'light' | 'dark' | 'system'
export type UsageDensity = 'comfortable' | 'compact'

export interface UsageProviderProps {
  adapter: UsageAdapter
  /** Share the host's QueryClient (one react-query cache); one is created when absent. */
  queryClient?: QueryClient
  /**
   * BCP 47 locale for numbers, dates and UI strings. Default the browser's. The UI strings come from
   * the catalog of this locale (loaded on first use; English until it arrives), see docs/i18n.md.
   */
  locale?: string
  /**
   * Overrides for any UI strings (keys of the English catalog, `enMessages`); the rest come from the
   * locale's catalog. A server render passes `await loadMessages(locale)` here so the first render is
   * already translated.
   */
  messages?: Partial<UsageMessages>
  /** Display currency; default the adapter's (capabilities.currency). */
  currency?: string
  /** IANA zone for buckets and labels. Default the browser's; a server render must pass it. */
  timeZone?: string
  /** "Now" for rolling ranges. Default the clock; a server render must pass it. */
  now?: InstantInput | (() => InstantInput)
  theme?: UsageTheme
  density?: UsageDensity
  permissions?: UsagePermissions
  /**
   * Per series key colours (e.g. { Research: '#7c3aed' }, or a palette slot such as 'var(--uk-series-6)',
   * which then stays reserved for that key and follows the theme); the others come from the palette by
   * rank, largest first (docs/design.md, "Series colours").
   */
  seriesColors?: Record<string, string>
  /** Validate every adapter answer (default true). */
  validate?: boolean
  /** Initial page selection. */
  defaultRange?: TimeRangeSelection
  defaultView?: UsageView
  defaultFilters?: Filters
  /** Filters always applied and not shown as choices (e.g. one model on a model's Usage tab). */
  fixedFilters?: Filters
  /** Keep range, view and filters in the URL so a copied link reopens the same page. */
  syncUrl?: boolean
  /** Live mode interval in ms (default 15 000). */
  liveIntervalMs?: number
  /** A call that has not answered after this many ms fails its widget (default 30 000; 0 waits forever). */
  timeoutMs?: number
  /**
   * A reader picked a key to filter the page by (a chart segment, legend item, bar or breakdown row;
   * see docs/components.md, "Gestures"). Runs after the component's own `onSelectKey`; cancel the
   * page's filter change with `event.preventDefault()` or by returning `false`.
   */
  onSelectKey?: UsageSelectHandler
  /**
   * "View requests" when no request log is on the page: route to your own logs page with the span
   * and the filters (the page's, plus the picked key). With a `RequestLog` on the page, it shows them.
   */
  onViewRequests?: (request: ViewRequestsRequest) => void
  /**
   * Spending limits (e.g. one for the organisation, one per team). A budget applies to a widget when
   * its filters select exactly what the widget shows (docs/components.md, "Budgets").
   */
  budgets?: readonly UsageBudget[]
  children?: ReactNode
}

export interface UsageConfig {
  adapter: UsageAdapter
  locale: string | undefined
  /** The page's UI strings (English, then the locale's catalog, then the host's overrides); read them with `useMessages`. */
  messages: UsageMessages
  currency: string | undefined
  /** `undefined` until known (a server render without `timeZone`): time-dependent parts show skeletons. */
  timeZone: string | undefined
  getNow: () => number
  permissions: Required<UsagePermissions>
  theme: UsageTheme
  density: UsageDensity
  seriesColors: Record<string, string>
  /** The page's series colours: a key keeps one colour in every chart and badge (reads the registry; use `useSeriesColors` to re-render on changes). */
  colorOf: SeriesColors
  /** The page's colour registry, filled from the ranks the page's charts report. */
  seriesColorRegistry: SeriesColorRegistry
  liveIntervalMs: number
}

export interface UsageSelectionState extends UsageSelection {
  fixedFilters: Filters
  setRange: (range: TimeRangeSelection) => void
  setView: (view: UsageView) => void
  setFilter: (dimension: keyof Filters, values: string[]) => void
  setFilters: (filters: Filters) => void
  live: boolean
  setLive: (live: boolean) => void
  /** The instant rolling ranges end at; moves on refresh and live ticks, never on re-render. */
  anchor: number | undefined
  /** Moves "now" forward and refetches every widget once (Refresh, live ticks). */
  refresh: () => void
}

function rangeMoves(range: TimeRangeSelection, timeZone: string, from: number, to: number): boolean {
  const before = resolveTimeRange(range, { timeZone, now: from }).range
  const after = resolveTimeRange(range, { timeZone, now: to }).range
  return before.start !== after.start || before.end !== after.end
}

/** Request details and capabilities never change under a refresh. */
function isRefreshable(query: { queryKey: readonly unknown[] }): boolean {
  const method = query.queryKey[1]
  return method !== 'getRequest' && method !== 'getCapabilities'
}

const ConfigContext = createContext<UsageConfig | null>(null)
const SelectionContext = createContext<UsageSelectionState | null>(null)

const subscribeNothing = () => () => {}
/** False on the server and during hydration, true after: keeps the first client render identical to the server's. */
export function useIsClient(): boolean {
  return useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  )
}

function isPermanent(error: unknown): boolean {
  return isInvalidQueryError(error) || isAdapterResponseError(error) || isNotFoundError(error)
}

function createUsageQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A report must not jump under the reader.
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => !isPermanent(error) && failureCount < 1,
        staleTime: 30_000,
      },
    },
  })
}

/**
 * Gives every usagekit component its adapter (validated), locale, currency, time zone, clock,
 * permissions and the page selection (range, view, filters, live).
 */
export function UsageProvider(props: UsageProviderProps): ReactNode {
  const [ownClient] = useState(() => props.queryClient ?? createUsageQueryClient())
  const client = props.queryClient ?? ownClient
  return (
    <QueryClientProvider client={client}>
      <UsageProviderInner {...props} />
    </QueryClientProvider>
  )
}

function UsageProviderInner(props: UsageProviderProps): ReactNode {
  const isClient = useIsClient()
  const { adapter: rawAdapter, validate = true, now } = props
  const timeoutMs = props.timeoutMs ?? 30_000
  const adapter = useMemo(() => {
    const timed = timeoutMs > 0 ? withTimeout(rawAdapter, timeoutMs) : rawAdapter
    return validate ? withLazyValidation(timed) : timed
  }, [rawAdapter, validate, timeoutMs])
  const timeZone = props.timeZone ?? (isClient ? localTimeZone() : undefined)
  const nowProvided = now !== undefined
  const getNow = useCallback(() => {
    if (now === undefined) return Date.now()
    return toEpochMs(typeof now === 'function' ? now() : now)
  }, [now])

  // The catalog follows the provider's locale, else the browser's once hydrated (the server render,
  // which cannot know the browser's, is English unless the host passes a locale and its messages).
  const catalogLocale = props.locale ?? (isClient && typeof navigator !== 'undefined' ? navigator.language : undefined)
  const catalog = useLocaleMessages(catalogLocale)
  const messages = useMemo<UsageMessages>(() => ({ ...enMessages, ...catalog, ...props.messages }), [catalog, props.messages])
  const messagesValue = useMemo<MessagesContextValue>(() => ({ messages, locale: props.locale }), [messages, props.locale])
  const seriesColorRegistry = useMemo(() => createSeriesColorRegistry(props.seriesColors), [props.seriesColors])
  const config = useMemo<UsageConfig>(
    () => ({
      adapter,
      locale: props.locale,
      messages,
      currency: props.currency,
      timeZone,
      getNow,
      permissions: { requestContent: true, otherUsers: true, cost: true, ...props.permissions },
      theme: props.theme ?? 'light',
      density: props.density ?? 'comfortable',
      seriesColors: props.seriesColors ?? {},
      colorOf: seriesColorRegistry.colorOf,
      seriesColorRegistry,
      liveIntervalMs: props.liveIntervalMs ?? 15_000,
    }),
    [adapter, props.locale, messages, props.currency, timeZone, getNow, props.permissions, props.theme, props.density, props.seriesColors, seriesColorRegistry, props.liveIntervalMs],
  )

  const [selection, setSelection] = useState<UsageSelection>(() => ({
    range: props.defaultRange ?? { preset: '7d' },
    view: props.defaultView ?? 'user',
    filters: props.defaultFilters ?? {},
  }))
  const [live, setLive] = useState(false)
  // The clock is read after hydration (or from `now` on the server) so both renders agree.
  const [anchor, setAnchor] = useState<number | undefined>(() => (nowProvided ? getNow() : undefined))
  useEffect(() => {
    if (anchor === undefined) setAnchor(getNow())
  }, [anchor, getNow])

  const { syncUrl } = props
  // A link is input from anyone: a value the page cannot use is ignored (selectionFromSearch never
  // throws), and a browser that refuses the URL update (sandboxed frame, rate limit) keeps the page.
  useEffect(() => {
    if (!syncUrl) return
    const fromUrl = selectionFromSearch(window.location.search)
    if (Object.keys(fromUrl).length) setSelection((current) => ({ ...current, ...fromUrl }))
  }, [syncUrl])
  useEffect(() => {
    if (!syncUrl) return
    try {
      const search = selectionToSearch(selection, window.location.search)
      if (search !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`)
    } catch {
      // The URL stays as it was; the page keeps working.
    }
  }, [syncUrl, selection])

  const budgets = useMemo(() => props.budgets ?? [], [props.budgets])
  const queryClient = useQueryClient()
  const refresh = useCallback(() => {
    const next = getNow()
    const moves = anchor === undefined || timeZone === undefined || rangeMoves(selection.range, timeZone, anchor, next)
    setAnchor(next)
    // A range that moves with the clock gets new query keys (one fetch each); a fixed one refetches in place.
    if (!moves) void queryClient.refetchQueries({ queryKey: ['usagekit'], type: 'active', predicate: isRefreshable })
  }, [getNow, queryClient, anchor, timeZone, selection.range])

  const state = useMemo<UsageSelectionState>(
    () => ({
      ...selection,
      fixedFilters: props.fixedFilters ?? {},
      setRange: (range) => setSelection((current) => ({ ...current, range })),
      setView: (view) => setSelection((current) => ({ ...current, view })),
      setFilter: (dimension, values) => setSelection((current) => ({ ...current, filters: { ...current.filters, [dimension]: values } })),
      setFilters: (filters) => setSelection((current) => ({ ...current, filters })),
      live,
      setLive,
      anchor,
      refresh,
    }),
    [selection, props.fixedFilters, live, anchor, refresh],
  )

  return (
    <ConfigContext.Provider value={config}>
      <MessagesContext.Provider value={messagesValue}>
        <SelectionContext.Provider value={state}>
          <LiveRefresh />
          <SelectHandlerContext.Provider value={props.onSelectKey}>
            <RequestDrillDownProvider onViewRequests={props.onViewRequests}>
              <BudgetsContext.Provider value={budgets}>{props.children}</BudgetsContext.Provider>
            </RequestDrillDownProvider>
          </SelectHandlerContext.Provider>
        </SelectionContext.Provider>
      </MessagesContext.Provider>
    </ConfigContext.Provider>
  )
}

export function useUsageConfig(): UsageConfig {
  const config = useContext(ConfigContext)
  if (!config) throw new Error('usagekit: this component must be rendered inside <UsageProvider adapter={…}>.')
  return config
}

/** The provider's config, or `null` outside one (the presentational TimeChart drawn from a host's own data). */
export function useOptionalUsageConfig(): UsageConfig | null {
  return useContext(ConfigContext)
}

export function useUsageSelection(): UsageSelectionState {
  const state = useContext(SelectionContext)
  if (!state) throw new Error('usagekit: this component must be rendered inside <UsageProvider adapter={…}>.')
  return state
}

/** One live loop per provider, however many Live toggles the page shows. */
function LiveRefresh(): null {
  useLiveRefresh()
  return null
}
