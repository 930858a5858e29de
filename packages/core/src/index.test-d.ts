import { describe, expectTypeOf, it } from 'vitest'
import type {
  BreakdownResult,
  Dimension,
  GetBreakdownParams,
  Metric,
  RequestPage,
  SummaryResult,
  TimeSeriesResult,
  UsageAdapter,
} from './index'
import { createMemoryAdapter } from './memory'
import { describeAdapterContract, testAdapter } from './testing'

describe('the public contract types', () => {
  it('names every method with one params object and one result type', () => {
    expectTypeOf<UsageAdapter['getSummary']>().returns.resolves.toEqualTypeOf<SummaryResult>()
    expectTypeOf<UsageAdapter['getTimeSeries']>().returns.resolves.toEqualTypeOf<TimeSeriesResult>()
    expectTypeOf<UsageAdapter['getBreakdown']>().parameter(0).toEqualTypeOf<GetBreakdownParams>()
    expectTypeOf<UsageAdapter['getBreakdown']>().returns.resolves.toEqualTypeOf<BreakdownResult>()
    expectTypeOf<UsageAdapter['listRequests']>().returns.resolves.toEqualTypeOf<RequestPage>()
    expectTypeOf<GetBreakdownParams['signal']>().toEqualTypeOf<AbortSignal | undefined>()
  })

  it('includes consumer among dimensions and lets adapters add metrics', () => {
    expectTypeOf<'consumer'>().toMatchTypeOf<Dimension>()
    expectTypeOf<'cpuCoreHours'>().toMatchTypeOf<Metric>()
    expectTypeOf<'myOwnMeter'>().toMatchTypeOf<Metric>()
    // @ts-expect-error a dimension outside the contract
    const bad: Dimension = 'planet'
    void bad
  })

  it('the memory adapter and testAdapter are UsageAdapters', () => {
    expectTypeOf(createMemoryAdapter([])).toMatchTypeOf<UsageAdapter>()
    expectTypeOf(testAdapter({})).toEqualTypeOf<UsageAdapter>()
    expectTypeOf(describeAdapterContract).parameter(0).toHaveProperty('createAdapter')
  })
})
