// In Debian's chromium: BreakdownTable with 50,000 rows, ActivityChart-style 30 days at 5 minutes,
// and UsagePage until every widget shows data.
import { execFileSync } from 'node:child_process'
import { launchChromium, serveStatic } from '../e2e/support/browser.mjs'
import { row } from './support.mjs'

export async function browserBench() {
  execFileSync('node_modules/.bin/vite', ['build', '--config', 'bench/browser/vite.config.ts'], { stdio: 'inherit' })
  const server = await serveStatic('node_modules/.bench-browser')
  const browser = await launchChromium({ width: 1440, height: 900 })
  const rows = []
  try {
    const page = await browser.context.newPage()
    await page.goto(`${server.url}/index.html`)
    await page.waitForFunction(() => 'usagekitBench' in window)
    const runs = []
    for (let i = 0; i < 3; i++) runs.push(await page.evaluate(() => window.usagekitBench.table(50_000)))
    const stat = (key) => {
      const values = runs.map((r) => r[key]).sort((a, b) => a - b)
      return { median: values[1], min: values[0], max: values[2] }
    }
    rows.push(row('browser', 'BreakdownTable, 50,000 rows: mount to first paint (data cached)', stat('mountMs'), { budget: 100 }))
    rows.push(row('browser', 'BreakdownTable, 50,000 rows: re-sort by a column to paint', stat('sortMs'), { budget: 100 }))
    rows.push(row('browser', 'BreakdownTable, 50,000 rows: rows in the DOM', stat('domRows'), { budget: 60, unit: 'rows' }))
    const charts = []
    for (let i = 0; i < 3; i++) charts.push(await page.evaluate(() => window.usagekitBench.chart()))
    const chartStat = (key) => {
      const values = charts.map((r) => r[key]).sort((a, b) => a - b)
      return { median: values[1], min: values[0], max: values[2] }
    }
    rows.push(row('browser', 'chart, 30 days asked at 5 minutes by team: bars drawn', chartStat('bars'), { budget: 1000, unit: 'bars', note: `coarsened to ${charts[0].buckets} buckets` }))
    rows.push(row('browser', 'chart, 30 days by team: render to paint (data cached)', chartStat('renderMs')))
    rows.push(row('browser', 'chart: pointer move handled to tooltip committed (median of 20 moves)', chartStat('moveMs'), { budget: 16, note: `slowest move ${Math.max(...charts.map((c) => c.moveMaxMs)).toFixed(1)} ms` }))
    const pages = []
    for (let i = 0; i < 3; i++) pages.push(await page.evaluate(() => window.usagekitBench.page()))
    const values = pages.map((p) => p.readyMs).sort((a, b) => a - b)
    rows.push(row('browser', `UsagePage on the memory adapter (${pages[0].records.toLocaleString()} requests): every widget showing data`, { median: values[1], min: values[0], max: values[2] }))
  } finally {
    await browser.close()
    await server.close()
  }
  return rows
}
