// docs/sql.md "Foreign schemas" gives a custom table and its column mapping to copy: both must work
// as printed, and answer as the reference adapter does over the same records.
import { readFileSync } from 'node:fs'
import { OPTIONAL_RECORD_FIELDS, type OptionalRecordField, type UsageRecord } from '@usagekit/core'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SqlAdapterOptions, createSqlAdapter } from '../createSqlAdapter'
import { type TestDatabase, openPglite } from '../testDatabases'

/** The section's first SQL block and the `columns` object of its first TypeScript block. */
function customTableExample(): { ddl: string; columns: SqlAdapterOptions['columns'] } {
  const doc = readFileSync(new URL('../../../../../docs/sql.md', import.meta.url), 'utf8')
  const section = doc.slice(doc.indexOf('### A custom table'))
  const ddl = /```sql\n([\s\S]*?)```/.exec(section)![1]!
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!
  const start = code.indexOf('columns: {') + 'columns: '.length
  const end = code.indexOf('\n  },', start) + '\n  }'.length
  // The object literal as printed (plain data: names, arrays, nested objects).
  const columns = new Function(`return (${code.slice(start, end)})`)() as SqlAdapterOptions['columns']
  return { ddl, columns }
}

const OUTCOMES = ['rate_limited', 'upstream_error'] as const

/** A record as the example's gateway logs it: UTC wall-clock time, usage in JSON, tags as comma-separated text. */
function gatewayRow(record: UsageRecord, i: number): unknown[] {
  return [
    record.id,
    new Date(record.timestamp).toISOString().replace('T', ' ').replace('Z', ''),
    record.userId,
    record.team,
    record.provider,
    record.model,
    record.status === 'success' ? 'ok' : OUTCOMES[i % 2],
    JSON.stringify({ prompt_tokens: record.inputTokens, completion_tokens: record.outputTokens, cached_tokens: record.cachedInputTokens }),
    record.cost,
    record.tags.join(','),
    record.latencyMs,
  ]
}

describe('docs/sql.md: the custom table of "Foreign schemas", mapped as printed', () => {
  const range = { start: '2026-10-01T00:00:00.000Z', end: '2026-10-08T00:00:00.000Z' }
  const records = generateUsageRecords({ seed: 21, ...range, requestsPerDay: 150 }).map((record, i) =>
    // Service calls without an account.
    i % 37 === 0 ? { ...record, userId: '' } : record,
  )
  // What the example table keeps: the required fields, team, tags and cached tokens.
  const kept: OptionalRecordField[] = ['team', 'tags', 'cachedInputTokens']
  const reference = createMemoryAdapter(records, { lacks: OPTIONAL_RECORD_FIELDS.filter((field) => !kept.includes(field)) })
  let database: TestDatabase
  let adapter: ReturnType<typeof createSqlAdapter>

  beforeAll(async () => {
    const { ddl, columns } = customTableExample()
    database = await openPglite()
    await database.execute(ddl, [], {})
    for (let i = 0; i < records.length; i += 500) {
      const batch = records.slice(i, i + 500)
      const values = batch.map((_, j) => `(${Array.from({ length: 11 }, (_, k) => `$${j * 11 + k + 1}`).join(', ')})`).join(', ')
      await database.execute(`INSERT INTO gateway_log VALUES ${values}`, batch.flatMap((record, j) => gatewayRow(record, i + j)) as never, {})
    }
    adapter = createSqlAdapter({ dialect: 'postgres', execute: database.execute, table: 'gateway_log', columns })
  }, 60_000)
  afterAll(() => database?.close())

  const query = { range, timeZone: 'America/New_York' }

  it('offers what the table keeps and nothing else', async () => {
    const [actual, expected] = [await adapter.getCapabilities(), await reference.getCapabilities()]
    expect([...actual.dimensions].sort()).toEqual([...expected.dimensions].sort())
    expect(actual.metrics.map((metric) => metric.id).sort()).toEqual(expected.metrics.map((metric) => metric.id).sort())
  })

  it('summaries, series, breakdowns, the request log and filter menus answer as the reference does', async () => {
    const metrics = ['cost', 'requests', 'failedRequests', 'inputTokens', 'cachedInputTokens', 'outputTokens', 'activeUsers', 'p95LatencyMs']
    const filters = { tag: ['prod', '__none__'], status: ['error', 'success'] }
    expect(await adapter.getSummary({ ...query, metrics, filters, compareToPrevious: true })).toEqual(
      await reference.getSummary({ ...query, metrics, filters, compareToPrevious: true }),
    )
    const series = { ...query, bucket: '1d' as const, metrics: ['cost', 'activeUsers'], groupBy: 'team' as const, limit: 3 }
    expect(await adapter.getTimeSeries(series)).toEqual(await reference.getTimeSeries(series))
    const breakdown = { ...query, groupBy: 'tag' as const, metrics: ['requests', 'cost'], trend: { bucket: '1d' as const, metric: 'requests' } }
    expect(await adapter.getBreakdown(breakdown)).toEqual(await reference.getBreakdown(breakdown))
    const users = { ...query, groupBy: 'user' as const, metrics: ['cost'] }
    expect(await adapter.getBreakdown(users)).toEqual(await reference.getBreakdown(users))
    const page = { ...query, pageSize: 100, filters: { status: ['error'] } }
    expect((await adapter.listRequests(page)).items).toEqual((await reference.listRequests(page)).items)
    const values = { ...query, dimension: 'status' as const }
    expect(await adapter.getDimensionValues(values)).toEqual(await reference.getDimensionValues(values))
  })
})
