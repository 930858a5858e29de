import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ADAPTER_METHODS, mapAdapter } from './adapterMethods'
import { isTimeoutError } from './errors'
import { testAdapter } from './testing/testAdapter'
import { withTimeout } from './withTimeout'

describe('withTimeout', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('fails a call that never settles with a TimeoutError and aborts its signal', async () => {
    let seen: AbortSignal | undefined
    const adapter = withTimeout(testAdapter({ getSummary: (params) => ((seen = params.signal), new Promise(() => {})) }), 1000)
    const call = adapter.getSummary({ range: { start: '', end: '' }, timeZone: 'UTC', metrics: ['cost'] })
    const outcome = call.catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(1000)
    expect(isTimeoutError(await outcome)).toBe(true)
    expect(seen?.aborted).toBe(true)
    expect(isTimeoutError(seen?.reason)).toBe(true)
  })

  it('passes the caller’s abort through and answers in time otherwise', async () => {
    const controller = new AbortController()
    let seen: AbortSignal | undefined
    const adapter = withTimeout(testAdapter({ getDimensionValues: (params) => ((seen = params.signal), new Promise(() => {})), getCapabilities: async () => ({}) as never }), 1000)
    const call = adapter.getDimensionValues({ range: { start: '', end: '' }, timeZone: 'UTC', dimension: 'user', signal: controller.signal }).catch((error: unknown) => error)
    controller.abort(new Error('gone'))
    expect(((await call) as Error).message).toBe('gone')
    expect(seen?.aborted).toBe(true)
    await expect(adapter.getCapabilities()).resolves.toEqual({})
  })

  it('turns a method that throws synchronously into a rejection', async () => {
    const adapter = withTimeout(
      mapAdapter(() => () => {
        throw new Error('sync')
      }),
      1000,
    )
    await expect(adapter.getCapabilities()).rejects.toThrow('sync')
  })
})

describe('mapAdapter', () => {
  it('builds every method of the contract', () => {
    const adapter = mapAdapter((method) => async () => method as never)
    expect(Object.keys(adapter).sort()).toEqual([...ADAPTER_METHODS].sort())
  })
})
