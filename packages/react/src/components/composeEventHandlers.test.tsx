import { fireEvent, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { type Ref, createRef } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { TimeChart } from '../charts/TimeChart.js'
import { LiveBanner, LiveToggle } from '../controls/LiveToggle.js'
import { RefreshButton } from '../controls/RefreshButton.js'
import { useUsageSelection } from '../context/UsageProvider.js'
import { ViewToggle } from '../controls/ViewToggle.js'
import { RequestDrawer } from '../requests/RequestDrawer.js'
import { Sparkline } from '../table/Sparkline.js'
import { renderUsage } from '../test/renderUsage.js'
import { composeEventHandlers } from './composeEventHandlers.js'
import { EmptyState, ErrorState, Skeleton } from './WidgetState.js'

describe('composeEventHandlers', () => {
  it('runs the host’s handler, then ours unless the host prevented the default', () => {
    const calls: string[] = []
    const handler = composeEventHandlers<{ defaultPrevented: boolean }>((event) => {
      calls.push('host')
      if (calls.length > 1) event.defaultPrevented = true
    }, () => calls.push('ours'))
    handler({ defaultPrevented: false })
    handler({ defaultPrevented: false })
    expect(calls).toEqual(['host', 'ours', 'host'])
  })
})

describe('controls compose a host’s onClick with their own', () => {
  it('LiveToggle: the host’s onClick runs and Live mode still turns on; preventDefault keeps it off', async () => {
    const onClick = vi.fn()
    const { unmount } = renderUsage(<LiveToggle onClick={onClick} className="host" />)
    const button = screen.getByRole('button', { name: 'Live' })
    expect(button).toHaveClass('uk-button', 'host')
    await userEvent.click(button)
    expect(onClick).toHaveBeenCalledTimes(1)
    expect(button).toHaveAttribute('aria-pressed', 'true')
    unmount()
    renderUsage(<LiveToggle onClick={(event) => event.preventDefault()} />)
    await userEvent.click(screen.getByRole('button', { name: 'Live' }))
    expect(screen.getByRole('button', { name: 'Live' })).toHaveAttribute('aria-pressed', 'false')
  })

  it('RefreshButton: the host’s onClick runs and "now" moves; preventDefault skips the refresh', async () => {
    // A clock that moves a minute each time it is read: a refresh shows as a new anchor.
    let clock = Date.parse('2026-11-20T15:00:00.000Z')
    const now = () => (clock += 60_000)
    function Anchor() {
      return <output data-testid="anchor">{String(useUsageSelection().anchor)}</output>
    }
    const onClick = vi.fn()
    const { unmount } = renderUsage(<><RefreshButton onClick={onClick} /><Anchor /></>, { now })
    const first = screen.getByTestId('anchor').textContent
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }))
    expect(onClick).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('anchor').textContent).not.toBe(first)
    unmount()
    renderUsage(<><RefreshButton onClick={(event) => event.preventDefault()} /><Anchor /></>, { now })
    const kept = screen.getByTestId('anchor').textContent
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }))
    expect(screen.getByTestId('anchor').textContent).toBe(kept)
  })
})

describe('public components forward refs and take native props', () => {
  it('reach their DOM nodes', async () => {
    const refs = {
      chart: createRef<HTMLElement>(),
      spark: createRef<HTMLSpanElement>(),
      empty: createRef<HTMLDivElement>(),
      error: createRef<HTMLDivElement>(),
      skeleton: createRef<HTMLSpanElement>(),
      live: createRef<HTMLButtonElement>(),
      banner: createRef<HTMLDivElement>(),
      view: createRef<HTMLDivElement>(),
    }
    const bucket = { start: '2026-11-19T00:00:00.000Z', end: '2026-11-20T00:00:00.000Z' }
    renderUsage(
      <>
        <TimeChart
          ref={refs.chart as Ref<HTMLElement>}
          data-testid="chart"
          className="host"
          title="Host chart"
          buckets={[bucket]}
          bucketSize="1d"
          series={[{ key: 'a', label: 'A', color: 'red', values: [1] }]}
          formatValue={String}
          formatAxisValue={String}
          formatBucketLabel={() => 'Nov 19'}
          formatBucketRange={() => 'Nov 19'}
        />
        <Sparkline ref={refs.spark} data-testid="spark" values={[1, 2]} label="Trend" />
        <EmptyState ref={refs.empty} data-testid="empty" />
        <ErrorState ref={refs.error} data-testid="error" error={new Error('boom')} />
        <Skeleton ref={refs.skeleton} data-testid="skeleton" height={10} />
        <LiveToggle ref={refs.live} data-testid="live" />
        <LiveBanner ref={refs.banner} data-testid="banner" />
        <ViewToggle ref={refs.view} data-testid="view" />
      </>,
    )
    expect(refs.chart.current).toBe(screen.getByTestId('chart'))
    expect(refs.chart.current).toHaveClass('uk-chart', 'host')
    expect(refs.spark.current).toBe(screen.getByTestId('spark'))
    expect(refs.empty.current).toBe(screen.getByTestId('empty'))
    expect(refs.error.current).toBe(screen.getByTestId('error'))
    expect(refs.skeleton.current).toBe(screen.getByTestId('skeleton'))
    expect(refs.live.current).toBe(screen.getByTestId('live'))
    fireEvent.click(refs.live.current!)
    await waitFor(() => expect(refs.banner.current).toBe(screen.getByTestId('banner')))
    await waitFor(() => expect(refs.view.current).toBe(screen.getByTestId('view')))
  })

  it('RequestDrawer: the panel takes the ref, native props and the host’s key handler before J / K', async () => {
    const ref = createRef<HTMLDivElement>()
    const onNext = vi.fn()
    const onKeyDown = vi.fn((event: { key: string; preventDefault: () => void }) => {
      if (event.key === 'j') event.preventDefault()
    })
    renderUsage(<RequestDrawer ref={ref} data-testid="drawer" className="host" requestId="missing" onClose={() => {}} onNext={onNext} onKeyDown={onKeyDown} />)
    await waitFor(() => expect(ref.current).toBe(screen.getByTestId('drawer')))
    expect(ref.current).toHaveClass('uk-drawer', 'host')
    fireEvent.keyDown(ref.current!, { key: 'j' })
    expect(onKeyDown).toHaveBeenCalledTimes(1)
    expect(onNext).not.toHaveBeenCalled()
  })
})
