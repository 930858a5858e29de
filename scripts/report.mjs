// A terminal usage report: builds @usagekit/core and prints what the memory adapter answers over
// the embedded default data (90 days of generated usage).
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const core = fileURLToPath(new URL('../packages/core/', import.meta.url))
if (!existsSync(`${core}dist/index.js`)) execSync('pnpm --filter @usagekit/core run build', { stdio: 'inherit' })

const { resolveTimeRange, formatMoney, formatTokens, formatCount, formatPercent, formatDuration, formatTimeRange, localTimeZone } =
  await import(`${core}dist/index.js`)
const { createMemoryAdapter } = await import(`${core}dist/memory/index.js`)
const { generateUsageRecords, generateMeterRecords } = await import(`${core}dist/fixtures/index.js`)

const now = Date.now()
const start = now - 90 * 86_400_000
const records = generateUsageRecords({ seed: 42, start, end: now })
const adapter = createMemoryAdapter(records, { meters: generateMeterRecords({ seed: 42, start, end: now }) })
const timeZone = localTimeZone()
const { range } = resolveTimeRange({ preset: '7d' }, { timeZone, now })
const { currency } = await adapter.getCapabilities()

const summary = await adapter.getSummary({
  range,
  timeZone,
  metrics: ['requests', 'successRate', 'totalTokens', 'cost', 'activeUsers', 'avgLatencyMs', 'p95LatencyMs'],
  compareToPrevious: true,
})
const t = summary.totals
console.log(`usagekit — usage for the last 7 days (${formatTimeRange(range, { timeZone })}, ${timeZone}), ${records.length.toLocaleString()} records held\n`)
console.log(`  Requests      ${formatCount(t.requests)}  (${formatPercent(t.successRate)} successful)`)
console.log(`  Tokens        ${formatTokens(t.totalTokens)}`)
console.log(`  Spend         ${formatMoney(t.cost, { currency })}`)
console.log(`  Active users  ${formatCount(t.activeUsers)}`)
console.log(`  Latency       ${formatDuration(t.avgLatencyMs)} avg, ${formatDuration(t.p95LatencyMs)} p95\n`)
const teams = await adapter.getBreakdown({ range, timeZone, groupBy: 'team', metrics: ['cost', 'requests'] })
console.log('  Spend by team')
for (const row of teams.rows) console.log(`    ${row.label.padEnd(40)} ${formatMoney(row.metrics.cost, { currency }).padStart(12)}  ${formatCount(row.metrics.requests).padStart(8)} requests`)
console.log('\nThe Usage page itself: pnpm start (the demo console), pnpm storybook (components and recipes).')
