// Every story in Debian's chromium: it renders, logs no errors, and axe finds no violations.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, test } from 'node:test'
import AxeBuilder from '@axe-core/playwright'
import { launchChromium, openStory, serveStatic, storyIds } from './support/browser.mjs'

const ROOT = 'storybook-static'
if (!fs.existsSync(`${ROOT}/index.json`)) throw new Error('Build Storybook first: pnpm build-storybook')

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
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
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

describe('recipes in the dark theme', () => {
  for (const id of storyIds(ROOT).filter((id) => id.startsWith('recipes-'))) {
    test(`${id} (dark)`, () => check(id, 'theme:dark'))
  }
})
