// The consumer path: the packages as a host gets them. Packs @usagekit/core, /react and /server
// (`pnpm pack`, built dist), installs the tarballs with npm into a copy of each example host
// (examples/vite-react18 on React 18, examples/next-app-router on React 19), type-checks it
// strictly, builds it for production, starts it and drives it in Debian's chromium.
// Needs the packages built first (`pnpm run build`) and the npm registry for the hosts' own
// dependencies. Ports 7200 and 7201.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { launchChromium } from '../e2e/support/browser.mjs'

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..')
const PACKAGES = ['core', 'react', 'server']
const SHOTS = path.join(ROOT, '.screenshots')

/** Each host: how it is checked, built and started, and where it answers. */
const HOSTS = {
  'vite-react18': {
    port: 7200,
    // Its tsconfig checks server code that imports @usagekit/server with no @types/node to lean on.
    withoutNodeTypes: true,
    check: [['tsc', '-p', 'tsconfig.json']],
    build: [['vite', 'build']],
    start: ['vite', 'preview', '--host', '127.0.0.1', '--port', '7200', '--strictPort'],
  },
  'next-app-router': {
    port: 7201,
    check: [['next', 'typegen'], ['tsc', '-p', 'tsconfig.json']],
    build: [['next', 'build']],
    start: ['next', 'start', '--hostname', '127.0.0.1', '--port', '7201'],
  },
}

// npm and the hosts' tools must not inherit the workspace's package-manager settings (pnpm sets
// npm_config_* for the scripts it runs); Next must not phone home.
const ENV = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key)))
Object.assign(ENV, { NEXT_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' })

/** Runs a command to its end; rejects with its output when it fails. */
function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${code}:\n${output.slice(-6000)}`))))
  })
}

const bin = (dir, name) => path.join(dir, 'node_modules', '.bin', name)

/** Starts a long-running server in its own process group; resolves once `url` answers. */
async function startServer(command, args, cwd, url) {
  const child = spawn(command, args, { cwd, env: { ...ENV, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
  }
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited ${child.exitCode}:\n${output}`)
    const answered = await fetch(url).then((response) => response.ok, () => false)
    if (answered) return { stop, output: () => output }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  stop()
  throw new Error(`${url} did not answer within 60 s:\n${output}`)
}

let work
let tarballs
let browser
const servers = []
const timings = []

/** Times a step for the report printed at the end. */
async function timed(label, step) {
  const started = performance.now()
  try {
    return await step()
  } finally {
    timings.push(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
}

/** Copies an example, points its @usagekit/* dependencies at the tarballs, installs, checks, builds and starts it. */
async function prepareHost(name) {
  const host = HOSTS[name]
  const dir = path.join(work, name)
  fs.cpSync(path.join(ROOT, 'examples', name), dir, { recursive: true })
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  for (const pkg of PACKAGES) manifest.dependencies[`@usagekit/${pkg}`] = `file:${tarballs[pkg]}`
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  await timed(`${name}: npm install`, () => run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], dir))
  if (host.withoutNodeTypes) assert.ok(!fs.existsSync(path.join(dir, 'node_modules', '@types', 'node')), `${name} must type-check without @types/node, but a dependency installed it`)
  for (const [tool, ...args] of host.check) await timed(`${name}: ${tool} ${args.join(' ')}`, () => run(bin(dir, tool), args, dir))
  for (const [tool, ...args] of host.build) await timed(`${name}: ${tool} ${args.join(' ')}`, () => run(bin(dir, tool), args, dir))
  const [tool, ...args] = host.start
  const server = await timed(`${name}: start`, () => startServer(bin(dir, tool), args, dir, `http://127.0.0.1:${host.port}/`))
  servers.push(server)
  return { dir, url: `http://127.0.0.1:${host.port}/`, server }
}

const prepared = {}
const started = performance.now()

before(async () => {
  for (const pkg of PACKAGES) assert.ok(fs.existsSync(path.join(ROOT, 'packages', pkg, 'dist')), `packages/${pkg} is not built: run \`pnpm run build\` first`)
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'usagekit-hosts-'))
  const packs = path.join(work, 'packs')
  fs.mkdirSync(packs)
  await timed('pnpm pack (3 packages)', () => Promise.all(PACKAGES.map((pkg) => run('pnpm', ['pack', '--pack-destination', packs], path.join(ROOT, 'packages', pkg)))))
  tarballs = Object.fromEntries(PACKAGES.map((pkg) => [pkg, path.join(packs, fs.readdirSync(packs).find((file) => file.startsWith(`usagekit-${pkg}-`)))]))
  // Installs overlap (network); the builds share the machine's cores either way.
  const names = Object.keys(HOSTS)
  const results = await Promise.all(names.map((name) => prepareHost(name)))
  names.forEach((name, i) => (prepared[name] = results[i]))
  browser = await launchChromium()
  fs.mkdirSync(SHOTS, { recursive: true })
})

after(async () => {
  await browser?.close()
  for (const server of servers) server.stop()
  timings.push(`total: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  // The two installs are ~600 MB of small files: removing them can take minutes on a busy disk,
  // which no test result waits for.
  if (work && !process.env.USAGEKIT_KEEP_HOSTS) spawn('rm', ['-rf', work], { detached: true, stdio: 'ignore' }).unref()
  else if (work) console.log(`kept: ${work}`)
  console.log(`consumer path timings:\n${timings.map((line) => `  ${line}`).join('\n')}`)
})

/** Opens a host's page in chromium and collects every error, warning about hydration, and failed request. */
async function openHost(name) {
  const page = await browser.context.newPage()
  const problems = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    const text = message.text()
    // A failed load is reported with its URL below (the browser's favicon probe is not the page's).
    if (message.type() === 'error' && !text.startsWith('Failed to load resource')) problems.push(`console error: ${text}`)
    else if (/hydrat|did not match|server HTML/i.test(text)) problems.push(`console ${message.type()}: ${text}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`HTTP ${response.status()}: ${response.url()}`)
  })
  await page.goto(prepared[name].url, { waitUntil: 'load' })
  return { page, problems }
}

/** What every host must show: KPI values, a drawn chart, and a request row that opens the drawer. */
async function checkUsagePage(name) {
  const { page, problems } = await openHost(name)
  const kpi = page.locator('.uk-kpi[data-state="ready"] .uk-kpi-value').first()
  await kpi.waitFor({ timeout: 30_000 })
  assert.match(await kpi.innerText(), /\d/)
  const chart = page.locator('figure.uk-chart').first()
  await chart.locator('svg[role="img"]').waitFor({ timeout: 30_000 })
  assert.ok(Number(await chart.getAttribute('data-buckets')) > 0)
  // Drawn marks: bars or lines, not only the grid and the transparent hover layer.
  assert.ok((await chart.locator('svg rect:not([fill="transparent"]), svg path').count()) > 0)
  const row = page.locator('table[aria-label="Requests"] tbody tr[data-id]').first()
  await row.waitFor({ timeout: 30_000 })
  await page.screenshot({ path: path.join(SHOTS, `host-${name}.png`) })
  await row.click()
  const dialog = page.getByRole('dialog')
  // The drawer's body: the request's detail, fetched from the host's API.
  await dialog.getByText('Request details').waitFor({ timeout: 15_000 })
  await page.screenshot({ path: path.join(SHOTS, `host-${name}-drawer.png`) })
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  assert.deepEqual(problems, [])
  return page
}

describe('example hosts over the packed packages', () => {
  test('vite-react18: React 18.3 renders the page from the HTTP API, and a request opens the drawer', async () => {
    const page = await checkUsagePage('vite-react18')
    assert.equal(await page.evaluate(() => document.querySelector('#root')?.childElementCount ?? 0) > 0, true)
    const api = await fetch(`${prepared['vite-react18'].url}api/usage/capabilities`)
    assert.equal(api.status, 200)
    await page.close()
  })

  test('next-app-router: the server renders the page, it hydrates on React 19 without a mismatch, and a request opens the drawer', async () => {
    const html = await fetch(prepared['next-app-router'].url).then((response) => response.text())
    assert.match(html, /class="uk-root/)
    assert.match(html, /<h1[^>]*>Usage<\/h1>/)
    const page = await checkUsagePage('next-app-router')
    await page.close()
  })
})
