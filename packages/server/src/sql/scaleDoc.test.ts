import fs from 'node:fs'
import { contractFixtures } from '@usagekit/core/testing'
import { expect, it } from 'vitest'
import { openPglite } from './testDatabases'

// docs/scale.md gives hosts SQL to copy: its rollup table and trigger must do what the page says.
it('the rollup table and trigger of docs/scale.md keep exact per-slot sums across insert batches', async () => {
  const doc = fs.readFileSync(new URL('../../../../docs/scale.md', import.meta.url), 'utf8')
  const [tables, trigger] = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1]!)
  const database = await openPglite()
  try {
    await database.execute(tables!, [], {})
    await database.execute(trigger!, [], {})
    const { records } = contractFixtures()
    // Two batches that share slots, so the second one goes through ON CONFLICT … DO UPDATE.
    await database.load(records.slice(0, 4000))
    await database.load(records.slice(4000, 8000))
    const fromRollup = await database.execute(
      `SELECT slot, coalesce(team, '') AS team, model, provider, status, requests::text, successful::text,
         (input_tokens + output_tokens)::text AS tokens, cost::text FROM usage_15m
       ORDER BY 1, 2, 3, 4, 5`,
      [],
      {},
    )
    const fromTable = await database.execute(
      `SELECT date_bin('15 minutes', ts, TIMESTAMPTZ '2000-01-01') AS slot, coalesce(team, '') AS team, model, provider, status,
         count(*)::text AS requests, count(*) FILTER (WHERE status = 'success')::text AS successful,
         sum(input_tokens + output_tokens)::text AS tokens, sum(cost)::text AS cost
       FROM usage_requests GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      [],
      {},
    )
    expect(fromRollup.length).toBeGreaterThan(1000)
    expect(fromRollup).toEqual(fromTable)
  } finally {
    await database.close()
  }
})
