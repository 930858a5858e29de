import { type AdapterCall, type AdapterMethod, type OptionalRecordField, type UsageAdapter, type UsageRecord, callAdapter, mapAdapter } from '@usagekit/core'
import { type MemoryAdapterOptions, createMemoryAdapter } from '@usagekit/core/memory'
import { testRecords } from './renderUsage.js'

export interface ForeignAdapter extends UsageAdapter {
  /** Every call the UI made, in order. */
  calls: { method: AdapterMethod; params: unknown }[]
}

/**
 * A memory adapter over a "foreign table" that lacks some record fields (the memory adapter's
 * `lacks`: capabilities leave out what they answer and any query that still asks for one is an
 * `InvalidQueryError`, as a real adapter's), recording every call: a widget that asks for what the
 * adapter does not offer shows an error in the test.
 */
export function foreignAdapter(records: readonly UsageRecord[], lacks: readonly OptionalRecordField[], options: MemoryAdapterOptions = {}): ForeignAdapter {
  const memory = createMemoryAdapter(records, { ...options, lacks })
  const calls: ForeignAdapter['calls'] = []
  const adapter = mapAdapter(
    <M extends AdapterMethod>(method: M): AdapterCall<M> =>
      async (params) => {
        calls.push({ method, params })
        return callAdapter(memory, method, params)
      },
  )
  return Object.assign(adapter, { calls })
}

export const CUSTOMERS = ['Acme Corp', 'Globex', 'Initech'] as const
let foreign: UsageRecord[] | null = null

/**
 * The test week as a gateway logs it: every fourth request for no end customer, the rest for one of
 * three customers; every sixth made without a user (LiteLLM's `user = ''`); a gateway cache hit on
 * every ninth successful one.
 */
export function foreignRecords(): UsageRecord[] {
  foreign ??= testRecords().map((record, i) => {
    const out: UsageRecord = { ...record, customer: i % 4 === 3 ? null : CUSTOMERS[i % 4]!, cacheHit: record.status === 'success' && i % 9 === 0 }
    if (i % 6 === 0) {
      out.userId = ''
      delete out.userName
      delete out.userEmail
    }
    return out
  })
  return foreign
}
