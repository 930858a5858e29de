// Debian's chromium driven by playwright-core, and a static server for the built Storybook.
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png' }

/** Serves a folder on 127.0.0.1 (a free port); resolves to { url, close }. */
export async function serveStatic(root) {
  const base = path.resolve(root)
  const server = http.createServer((req, res) => {
    let file = path.join(base, decodeURIComponent(new URL(req.url, 'http://x').pathname))
    if (!file.startsWith(base)) return res.writeHead(403).end()
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html')
    fs.readFile(file, (error, body) => {
      if (error) return res.writeHead(404).end()
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body)
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) }
}

/** A headless Debian chromium (never a downloaded browser). */
export async function launchChromium(viewport = { width: 1440, height: 900 }) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'usagekit-e2e-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  return {
    context,
    close: async () => {
      await context.close()
      fs.rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Opens a story and waits until it rendered and its data settled; collects console and page errors. */
export async function openStory(context, baseUrl, id, { globals } = {}) {
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    // Failed loads are reported with their URL below.
    // A widget that fails on purpose (the `…--failing` stories) logs its detail for the integrator: expected there.
    const expected = message.text().startsWith('Failed to load resource') || (id.includes('--failing') && message.text().startsWith('[usagekit]'))
    if (message.type() === 'error' && !expected) errors.push(`console error: ${message.text()}`)
  })
  page.on('response', (response) => {
    // The browser's own favicon probe is not the page's request.
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) errors.push(`HTTP ${response.status()}: ${response.url()}`)
  })
  await page.goto(`${baseUrl}/iframe.html?id=${id}&viewMode=story${globals ? `&globals=${globals}` : ''}`, { waitUntil: 'load' })
  await page.waitForFunction(() => (document.querySelector('#storybook-root')?.childElementCount ?? 0) > 0, null, { timeout: 20_000 })
  // Loading stories stay busy on purpose; everything else settles in well under the timeout.
  await page
    .waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, null, { timeout: id.includes('loading') ? 500 : 8000 })
    .catch(() => {})
  // Then let what the last render started finish: finite animations and transitions (a drawer
  // sliding in; skeleton shimmers run forever and are not waited for), then two frames painted.
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
    await Promise.all(finite.map((animation) => animation.finished.catch(() => {})))
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
  })
  return { page, errors }
}

/** Story ids from a built Storybook's index. */
export function storyIds(root) {
  const index = JSON.parse(fs.readFileSync(path.join(root, 'index.json'), 'utf8'))
  return Object.values(index.entries)
    .filter((entry) => entry.type === 'story')
    .map((entry) => entry.id)
}
