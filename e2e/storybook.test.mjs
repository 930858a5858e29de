// Every story in Debian's chromium, light and dark: it renders, logs no errors, and axe finds no
// violations of any WCAG 2.0 / 2.1 / 2.2 A and AA rule or of axe's best practices (landmark-unique,
// region, heading-order, target-size, …). Not run: the AAA rules (7:1 contrast is not our bar, 4.5:1
// is) and axe's experimental rules. Stories render inside a stand-in host page (<main>, an <h1>).
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, test } from 'node:test'
import AxeBuilder from '@axe-core/playwright'
import { launchChromium, openStory, serveStatic, storyIds } from './support/browser.mjs'

const ROOT = 'storybook-static'
if (!fs.existsSync(`${ROOT}/index.json`)) throw new Error('Build Storybook first: pnpm build-storybook')

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

let server
let browser
before(async () => {
  server = await serveStatic(ROOT)
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await server?.close()
})

async function check(id, globals) {
  const { page, errors } = await openStory(browser.context, server.url, id, { globals })
  try {
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
    const violations = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
    assert.deepEqual(errors, [], `${id}: console or page errors`)
    assert.deepEqual(violations, [], `${id}: axe violations`)
  } finally {
    await page.close()
  }
}

describe('every story renders cleanly and accessibly', () => {
  for (const id of storyIds(ROOT)) {
    test(id, () => check(id))
  }
})

describe('every story in the dark theme', () => {
  for (const id of storyIds(ROOT)) {
    test(`${id} (dark)`, () => check(id, 'theme:dark'))
  }
})
