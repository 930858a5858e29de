import { describe, expect, it } from 'vitest'
import { createMemoryAdapter } from '../memory/createMemoryAdapter'
import type { UsageAdapter, UsageRecord } from '../types'
import { describeAdapterContract } from './describeAdapterContract'
import { runAdapterContract } from './runAdapterContract'
import { testAdapter } from './testAdapter'

// The reference passes its own kit, registered the way an integrator would.
describeAdapterContract({
  name: 'memory adapter',
  createAdapter: ({ records, meters }) => {
    const adapter = createMemoryAdapter(records, { meters })
    return { adapter, insert: (more: UsageRecord[]) => adapter.insert(more) }
  },
})

function failedChecks(report: Awaited<ReturnType<typeof runAdapterContract>>): string[] {
  return report.failed.map((failure) => failure.name)
}

describe('the conformance kit catches wrong adapters', () => {
  it('flags day buckets computed in UTC instead of the query zone', async () => {
    const report = await runAdapterContract({
      name: 'UTC days',
      createAdapter: ({ records, meters }) => {
        const memory = createMemoryAdapter(records, { meters })
        const adapter: UsageAdapter = {
          ...memory,
          getTimeSeries: (params) => memory.getTimeSeries({ ...params, timeZone: 'UTC' }),
          getBreakdown: (params) => memory.getBreakdown({ ...params, timeZone: 'UTC' }),
        }
        return adapter
      },
    })
    expect(failedChecks(report)).toContain('getTimeSeries: buckets and values match across DST changes and time zones')
    expect(failedChecks(report)).toContain('getBreakdown: rows, sort, search, paging, trends and models match')
    const failure = report.failed.find((f) => f.name.startsWith('getTimeSeries: buckets'))!
    // New York's hours are UTC hours; its 6h buckets and every day bucket are not.
    expect(failure.error.message).toMatch(/getTimeSeries buckets \(New York, spring forward/)
  })

  it('flags money summed as floats (a REAL column) instead of exact nano-units', async () => {
    const report = await runAdapterContract({
      name: 'float money',
      createAdapter: ({ records, meters }) =>
        createMemoryAdapter(
          records.map((record) => ({ ...record, cost: Math.fround(record.cost) })),
          { meters },
        ),
    })
    expect(failedChecks(report)).toContain('getSummary: totals and previous period match the reference, for every filter kind')
    const failure = report.failed.find((f) => f.name.startsWith('getSummary: totals'))!
    expect(failure.error.message).toMatch(/\.cost: got/)
  })

  it('flags an off-by-one cursor that skips a request at each page boundary', async () => {
    const report = await runAdapterContract({
      name: 'off-by-one cursor',
      createAdapter: ({ records, meters }) => {
        const memory = createMemoryAdapter(records, { meters })
        return {
          ...memory,
          listRequests: async (params) => {
            const page = await memory.listRequests(params)
            return params.cursor ? { ...page, items: page.items.slice(1) } : page
          },
        }
      },
    })
    expect(failedChecks(report)).toEqual(['listRequests: walking every page gives the reference order, newest first, nothing repeated or lost'])
  })

  it('flags getRequest that ignores the caller\'s filters (it would tell a scoped viewer which ids exist)', async () => {
    const report = await runAdapterContract({
      name: 'unscoped getRequest',
      createAdapter: ({ records, meters }) => {
        const memory = createMemoryAdapter(records, { meters })
        return { ...memory, getRequest: ({ id, content }) => memory.getRequest({ id, content }) }
      },
    })
    expect(failedChecks(report)).toContain(
      "getRequest: the caller's filters scope it (one they do not match is NotFoundError, like an unknown id); content: false reads no content",
    )
    expect(failedChecks(report)).toContain('a filter value no record carries matches nothing, in every method')
  })

  it('flags labels and search taken from the whole table instead of the rows the answer counts', async () => {
    const report = await runAdapterContract({
      name: 'whole-table labels',
      createAdapter: ({ records, meters }) => {
        const memory = createMemoryAdapter(records, { meters })
        const everything = { range: { start: '2026-01-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' }, timeZone: 'UTC' }
        return {
          ...memory,
          // The latest label of each user over every row, whatever the query's range and filters.
          getBreakdown: async (params) => {
            const answer = await memory.getBreakdown(params)
            if (params.groupBy !== 'user') return answer
            const all = await memory.getBreakdown({ ...everything, groupBy: 'user', metrics: ['requests'] })
            const latest = new Map(all.rows.map((row) => [row.key, row]))
            return { ...answer, rows: answer.rows.map((row) => ({ ...row, label: latest.get(row.key)!.label, secondary: latest.get(row.key)!.secondary, team: latest.get(row.key)!.team })) }
          },
        }
      },
    })
    expect(failedChecks(report)).toEqual(['labels come from the rows the answer counts: a user who moved teams is seen as each side of the move saw them'])
    expect(report.failed[0]!.error.message).toMatch(/label: got "Xavier Iyer-Nakamura", the reference adapter answers "Xavier Iyer"/)
  })

  it('flags an adapter that answers an unsupported metric with null instead of an error', async () => {
    const report = await runAdapterContract({
      name: 'silent nulls',
      createAdapter: ({ records }) => {
        const memory = createMemoryAdapter(records)
        return {
          ...memory,
          getSummary: async (params) => {
            const known = params.metrics.filter((metric) => metric !== 'bogusMetric')
            const result = await memory.getSummary({ ...params, metrics: known.length ? known : ['requests'] })
            return { totals: Object.fromEntries(params.metrics.map((metric) => [metric, result.totals[metric] ?? null])) }
          },
        }
      },
    })
    const failure = report.failed.find((f) => f.name.startsWith('bad queries'))
    expect(failure?.error.message).toMatch(/an unsupported metric: expected a rejection with code "INVALID_QUERY"/)
  })
})

describe('testAdapter', () => {
  it('keeps the methods given and rejects the others with a clear error', async () => {
    const adapter = testAdapter({ getDimensionValues: async () => [{ key: 'a', label: 'A' }] })
    await expect(adapter.getDimensionValues({ range: { start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z' }, timeZone: 'UTC', dimension: 'team' })).resolves.toEqual([{ key: 'a', label: 'A' }])
    await expect(adapter.getSummary({ range: { start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z' }, timeZone: 'UTC', metrics: ['requests'] })).rejects.toThrow(
      /getSummary is not implemented in this test adapter/,
    )
  })
})
