// Bundle sizes from size-limit (the same budgets the test command checks).
import { execFileSync } from 'node:child_process'
import { row } from './support.mjs'

export async function bundleBench() {
  const out = execFileSync('node_modules/.bin/size-limit', ['--config', '.size-limit.cjs', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  const results = JSON.parse(out.slice(out.indexOf('[')))
  const limits = (await import('../.size-limit.cjs')).default
  return results.map((result) => {
    const limit = limits.find((entry) => entry.name === result.name)?.limit
    const kB = result.size / 1000
    return row('bundle', result.name, { median: kB, min: kB, max: kB }, { budget: limit ? Number.parseFloat(limit) : undefined, unit: 'kB', note: 'min + gzip, peers excluded' })
  })
}
