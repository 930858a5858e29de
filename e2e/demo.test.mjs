// The demo console in Debian's chromium: signed-in users see what their scope allows.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, test } from 'node:test'
import AxeBuilder from '@axe-core/playwright'
import { startDemo } from '../packages/demo/server.mjs'
import { launchChromium } from './support/browser.mjs'

const SHOTS = '.screenshots'
let demo
let browser
before(async () => {
  demo = await startDemo({ port: 0, days: 30, requestsPerDay: 1500, database: ':memory:' })
  browser = await launchChromium()
  fs.mkdirSync(SHOTS, { recursive: true })
})
after(async () => {
  await browser?.close()
  await demo?.close()
})

async function openAs(user) {
  const page = await browser.context.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
  await page.goto(demo.url)
  await page.getByLabel('Signed in as').selectOption(user)
  await page.locator('.uk-kpi[data-state="ready"]').first().waitFor({ timeout: 15_000 })
  return { page, errors }
}

const teamsInBreakdown = (page) => page.locator('table[aria-label="Breakdown"] tbody tr[data-key]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key')))

describe('the demo console', () => {
  test('an admin sees every team, and a request in the drawer with its content', async () => {
    const { page, errors } = await openAs('admin')
    await page.getByRole('radio', { name: 'By team' }).click()
    await page.locator('[data-view="team"] table[aria-label="Breakdown"] tbody tr[data-key]').first().waitFor()
    assert.ok((await teamsInBreakdown(page)).length >= 6)
    await page.screenshot({ path: `${SHOTS}/demo-admin.png`, fullPage: true })
    const row = page.locator('table[aria-label="Requests"] tbody tr[data-id]').first()
    await row.click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('region', { name: 'Request and response' }).getByText(/system/i).first().waitFor()
    await page.screenshot({ path: `${SHOTS}/demo-drawer.png` })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
    assert.deepEqual(axe.violations.map((v) => v.id), [])
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('the Research team lead sees only Research, and no request content', async () => {
    const { page, errors } = await openAs('lead')
    await page.getByRole('radio', { name: 'By team' }).click()
    await page.locator('[data-view="team"] table[aria-label="Breakdown"] tbody tr[data-key="Research"]').waitFor()
    assert.deepEqual(await teamsInBreakdown(page), ['Research'])
    await page.getByRole('button', { name: /^Team: All/ }).click()
    const options = page.locator('.uk-popover input[type="checkbox"]')
    await page.locator('.uk-popover label', { hasText: 'Research' }).waitFor()
    assert.deepEqual(await page.locator('.uk-popover .uk-option-label').allTextContents(), ['All', 'Research'])
    assert.equal(await options.count(), 2)
    await page.keyboard.press('Escape')
    await page.locator('table[aria-label="Requests"] tbody tr[data-id]').first().click()
    await page.getByText('Request content is not available to you for this request.').waitFor()
    await page.screenshot({ path: `${SHOTS}/demo-team-lead.png`, fullPage: true })
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('a member sees only their own requests', async () => {
    const { page, errors } = await openAs('member')
    await page.locator('table[aria-label="Breakdown"] tbody tr[data-key]').first().waitFor()
    assert.equal(await page.locator('table[aria-label="Breakdown"] tbody tr[data-key]').count(), 1)
    assert.equal(await page.locator('.uk-kpi[data-metric="activeUsers"] .uk-kpi-value').innerText(), '1')
    assert.deepEqual(errors, [])
    await page.close()
  })
})
