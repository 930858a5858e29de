// Browser benchmarks, driven from bench/browser.mjs through window.usagekitBench.
import { QueryClient } from '@tanstack/react-query'
import type { UsageRecord } from '@usagekit/core'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { BreakdownTable, UsageChart, UsagePage, UsageProvider } from '@usagekit/react'
import '@usagekit/react/styles.css'
import type { ReactNode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'

const NOW = '2026-11-20T15:00:00.000Z'
const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
const until = async (check: () => boolean, timeout = 30_000) => {
  const start = performance.now()
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

function mount(node: ReactNode, adapter: ReturnType<typeof createMemoryAdapter>, client: QueryClient, range: '7d' | '30d' = '7d') {
  const container = document.getElementById('root')!
  const root = createRoot(container)
  flushSync(() =>
    root.render(
      <UsageProvider adapter={adapter} queryClient={client} timeZone="Europe/Berlin" now={NOW} locale="en-US" validate={false} defaultRange={{ preset: range }}>
        {node}
      </UsageProvider>,
    ),
  )
  return root
}

const client = () => new QueryClient({ defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY, retry: false } } })

async function table(rows: number) {
  const base = generateUsageRecords({ seed: 1, start: '2026-11-13T16:00:00.000Z', end: NOW, requestsPerDay: 2000 })
  const records: UsageRecord[] = Array.from({ length: rows }, (_, i) => ({ ...base[i % base.length]!, id: `r${i}`, userId: `u${i}`, userName: `User ${i}`, userEmail: `user${i}@acme.example` }))
  const adapter = createMemoryAdapter(records)
  const queries = client()
  const bodyRows = () => document.querySelectorAll('table[aria-label="Breakdown"] tbody tr[data-key]')
  // Warm the cache: the measure is the table, not the adapter.
  let root = mount(<BreakdownTable />, adapter, queries)
  await until(() => bodyRows().length > 0)
  root.unmount()
  const start = performance.now()
  root = mount(<BreakdownTable />, adapter, queries)
  await until(() => bodyRows().length > 0)
  await frame()
  const mountMs = performance.now() - start
  // Re-sort by input tokens (distinct values per row, so the order really changes).
  const header = [...document.querySelectorAll('th[data-numeric]')].find((th) => th.textContent?.startsWith('Input')) as HTMLElement
  const sortStart = performance.now()
  const first = bodyRows()[0]?.getAttribute('data-key')
  ;(header.querySelector('button') as HTMLButtonElement).click()
  await until(() => header.getAttribute('aria-sort') === 'descending' && bodyRows()[0]?.getAttribute('data-key') !== first)
  await frame()
  const sortMs = performance.now() - sortStart
  const domRows = bodyRows().length
  root.unmount()
  return { mountMs, sortMs, domRows, total: rows }
}

async function chart() {
  const records = generateUsageRecords({ seed: 2, start: '2026-10-21T00:00:00.000Z', end: NOW, requestsPerDay: 3000 })
  const adapter = createMemoryAdapter(records)
  const queries = client()
  const node = <UsageChart title="Requests, 30 days at 5-minute resolution" metrics={['requests']} bucket="5m" groupBy="team" limit={6} />
  const bars = () => document.querySelectorAll('figure rect[data-series]').length
  let root = mount(node, adapter, queries, '30d')
  await until(() => bars() > 0)
  root.unmount()
  const start = performance.now()
  root = mount(node, adapter, queries, '30d')
  await until(() => bars() > 0)
  await frame()
  const renderMs = performance.now() - start
  const buckets = document.querySelectorAll('figure table tbody tr').length
  const overlay = document.querySelector('figure rect[fill="transparent"]') as SVGRectElement
  const box = overlay.getBoundingClientRect()
  // Handler to committed tooltip: timed by a MutationObserver, so frame pacing is not counted.
  const figure = document.querySelector('figure')!
  const moves: number[] = []
  for (let k = 0; k < 20; k++) {
    const committed = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect()
        resolve(performance.now())
      })
      observer.observe(figure, { subtree: true, childList: true, characterData: true, attributes: true })
    })
    const moveStart = performance.now()
    overlay.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: box.left + ((k + 1) / 21) * box.width, clientY: box.top + box.height / 2 }))
    moves.push((await committed) - moveStart)
    await frame()
  }
  moves.sort((a, b) => a - b)
  const result = { renderMs, bars: bars(), buckets, moveMs: moves[Math.floor(moves.length / 2)]!, moveMaxMs: moves.at(-1)! }
  root.unmount()
  return result
}

async function page() {
  const records = generateUsageRecords({ seed: 3, start: '2026-08-22T00:00:00.000Z', end: NOW, requestsPerDay: 2000 })
  const adapter = createMemoryAdapter(records)
  const start = performance.now()
  const root = mount(<UsagePage sections={['team', 'requests']} />, adapter, client())
  await until(() => {
    const widgets = document.querySelectorAll('.uk-card[data-state]')
    return widgets.length >= 8 && [...widgets].every((w) => w.getAttribute('data-state') !== 'loading')
  })
  await frame()
  const readyMs = performance.now() - start
  root.unmount()
  return { readyMs, records: records.length }
}

;(window as unknown as { usagekitBench: unknown }).usagekitBench = { table, chart, page }
