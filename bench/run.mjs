// pnpm bench: every benchmark, a table, bench/RESULTS.md, and a non-zero exit when a budget is missed.
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import { ms } from './support.mjs'

const only = process.argv.slice(2)
const sections = [
  ['memory', async () => (await import('./memory.mjs')).memoryBench()],
  ['bundle', async () => (await import('./bundle.mjs')).bundleBench()],
  ['browser', async () => (await import('./browser.mjs')).browserBench()],
  ['sql', async () => (await import('./sql.mjs')).sqlBench()],
  ['http', async () => (await import('./http.mjs')).httpBench()],
  ['pageload', async () => (await import('./pageLoad.mjs')).pageLoadBench()],
  ['clickhouse', async () => (await import('./clickhouse.mjs')).clickhouseBench()],
]
// Rows are kept in results.json too, so `pnpm bench sql` re-measures one section and keeps the others.
const stored = new URL('./results.json', import.meta.url)
const previous = only.length && fs.existsSync(stored) ? JSON.parse(fs.readFileSync(stored, 'utf8')) : []
const measured = []
const skipped = ['a PostgreSQL server at 10M rows, which has its own script and write-up (bench/postgresScale.mjs, docs/scale.md)']
for (const [name, run] of sections) {
  if (only.length && !only.includes(name)) continue
  process.stdout.write(`· ${name} …\n`)
  const at = new Date().toISOString()
  measured.push(...(await run()).map((r) => ({ ...r, at })))
}
const ran = new Set(measured.map((r) => r.section))
const rows = sections.flatMap(([name]) => (ran.has(name) ? measured : previous).filter((r) => r.section === name))
fs.writeFileSync(stored, `${JSON.stringify(rows, null, 2)}\n`)
const runs = sections
  .map(([name]) => rows.find((r) => r.section === name))
  .filter(Boolean)
  .map((r) => `${r.section} ${r.at.slice(0, 16).replace('T', ' ')} UTC`)

const format = (r, value) => (value === undefined ? '—' : r.unit === 'ms' ? ms(value) : r.unit === 'kB' ? value.toFixed(2) : value.toLocaleString('en-US', { maximumFractionDigits: 1 }))
const lines = rows.map((r) => `| ${r.section} | ${r.name} | ${format(r, r.median)} ${r.unit} | ${format(r, r.min)} – ${format(r, r.max)} | ${r.budget === undefined ? '' : `≤ ${r.budget} ${r.unit}`} | ${r.pass === null ? '' : r.pass ? 'ok' : '**missed**'} | ${r.note} |`)
const versions = (name) => {
  try {
    return JSON.parse(fs.readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url))).version
  } catch {
    return '?'
  }
}
const markdown = `# Benchmark results

Written by \`pnpm bench\` on ${new Date().toISOString()}.

Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.
Versions: arquero ${versions('arquero')}, @duckdb/node-api ${versions('@duckdb/node-api')}, @electric-sql/pglite ${versions('@electric-sql/pglite')}, react ${versions('react')}, chromium ${(() => {
  try {
    return execSync('/usr/bin/chromium --version', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim()
  } catch {
    return '?'
  }
})()}.

Sections measured: ${runs.join(', ')}.
Times are medians of several runs (min – max beside). Peers run on the same data in the same run,
so compare ratios rather than absolute times on a shared machine.

| section | what | median | range | budget | | note |
|---|---|---|---|---|---|---|
${lines.join('\n')}

Not measured: ${skipped.join('; ')}.
`
fs.writeFileSync(new URL('./RESULTS.md', import.meta.url), markdown)
console.log(markdown)
const missed = rows.filter((r) => r.pass === false)
if (missed.length) console.error(`${missed.length} budget(s) missed: ${missed.map((r) => r.name).join('; ')}`)
// The run ends itself once the table is written, whatever a section leaves behind: a benchmark must
// never hang (a DuckDB query still running when the demo closed its connection once kept it alive).
process.exit(missed.length ? 1 : 0)
