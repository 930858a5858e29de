// Records every usage API request the demo page makes on its first load, as the admin, in Debian's
// chromium: `node bench/recordPageLoad.mjs` (after `pnpm build`) writes bench/pageLoad.requests.json,
// which bench/pageLoad.mjs replays for many viewers without a browser. Re-record when the page changes.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchChromium } from '../e2e/support/browser.mjs'
import { startDemo } from '../packages/demo/server.mjs'

export const RECORDED = new URL('./pageLoad.requests.json', import.meta.url)

/** Opens the demo as the admin until every widget has settled; resolves to the recorded list. */
export async function recordPageLoad() {
  const demo = await startDemo({ port: 0 })
  let browser
  const requests = []
  try {
    browser = await launchChromium({ width: 1440, height: 900 })
    const page = await browser.context.newPage()
    const started = Date.now()
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (!url.pathname.startsWith('/api/usage/')) return
      const body = request.postData()
      requests.push({
        at: Date.now() - started,
        method: request.method(),
        path: url.pathname,
        user: request.headers()['x-demo-user'],
        body: body ? JSON.parse(body) : null,
      })
    })
    const answered = []
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/usage/')) answered.push(response.status())
    })
    await page.goto(demo.url)
    await page.locator('.uk-kpi[data-state="ready"]').first().waitFor({ timeout: 30_000 })
    await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, null, { timeout: 30_000 })
    // Nothing more asked for a second: the first load is complete.
    let count = -1
    while (count !== requests.length) {
      count = requests.length
      await page.waitForTimeout(1000)
    }
    const failed = answered.filter((status) => status !== 200)
    if (failed.length) throw new Error(`the page load had ${failed.length} failed usage requests: ${failed.join(', ')}`)
    return { recordedAt: new Date(started).toISOString(), url: demo.url.replace(/:\d+$/, ''), user: 'admin', viewport: '1440×900', requests }
  } finally {
    await browser?.close()
    await demo.close()
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const recorded = await recordPageLoad()
  fs.writeFileSync(RECORDED, `${JSON.stringify(recorded, null, 2)}\n`)
  console.log(`${recorded.requests.length} usage requests on the first load → ${fileURLToPath(RECORDED)}`)
  for (const r of recorded.requests) console.log(`  +${r.at} ms ${r.method} ${r.path} ${r.body ? JSON.stringify(r.body).slice(0, 160) : ''}`)
  process.exit(0)
}
