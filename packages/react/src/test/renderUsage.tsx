import { QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { UsageAdapter, UsageRecord } from '@usagekit/core'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import type { ReactElement } from 'react'
import { UsageProvider, type UsageProviderProps } from '../context/UsageProvider.js'

export const NOW = '2026-11-20T15:00:00.000Z'
let cached: UsageRecord[] | null = null

/** A week of fixture usage ending at NOW (shared by tests; treat as read-only). */
export function testRecords(): UsageRecord[] {
  cached ??= generateUsageRecords({ seed: 5, start: '2026-11-06T00:00:00.000Z', end: NOW, requestsPerDay: 250 })
  return cached
}

export function testAdapter(options: Parameters<typeof createMemoryAdapter>[1] = {}) {
  return createMemoryAdapter(testRecords(), options)
}

export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: Number.POSITIVE_INFINITY } } })
}

export function renderUsage(ui: ReactElement, props: Partial<UsageProviderProps> & { adapter?: UsageAdapter } = {}) {
  const queryClient = props.queryClient ?? testQueryClient()
  const adapter = props.adapter ?? testAdapter()
  const result = render(
    <UsageProvider timeZone="Europe/Berlin" locale="en-US" now={NOW} {...props} adapter={adapter} queryClient={queryClient}>
      {ui}
    </UsageProvider>,
  )
  return { ...result, queryClient, adapter }
}
