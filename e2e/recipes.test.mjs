// The seed pages as a reader uses them, in Debian's chromium: views, sorting, search, the drawer
// by keyboard, paging, CSV export with escaping, Live mode; plus screenshots to look at.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { launchChromium, openStory, serveStatic, storyIds } from './support/browser.mjs'

const ROOT = 'storybook-static'
const SHOTS = '.screenshots'
let server
let browser
before(async () => {
  server = await serveStatic(ROOT)
  browser = await launchChromium()
  fs.mkdirSync(SHOTS, { recursive: true })
})
after(async () => {
  await browser?.close()
  await server?.close()
})

async function withStory(id, run) {
  const { page, errors } = await openStory(browser.context, server.url, id)
  try {
    await run(page)
    assert.deepEqual(errors, [], `${id}: console or page errors`)
  } finally {
    await page.close()
  }
}

const breakdownRows = (page) => page.locator('table[aria-label="Breakdown"] tbody tr[data-key]')
const logRows = (page) => page.locator('table[aria-label="Requests"] tbody tr[data-id]')

describe('seed 001: team and user usage', () => {
  test('switches between By user and By team; the chart and the table follow', () =>
    withStory('recipes-team-and-user-usage-seed-001--by-user', async (page) => {
      await page.getByRole('figure', { name: 'Active users per day' }).waitFor()
      await page.getByRole('radio', { name: 'By team' }).click()
      await page.getByRole('figure', { name: 'Requests by team' }).waitFor()
      await page.locator('[data-view="team"] table[aria-label="Breakdown"]').waitFor()
      assert.ok((await breakdownRows(page).count()) >= 5)
    }))

  test('sorts a column by clicking and by keyboard, and searches names', () =>
    withStory('recipes-team-and-user-usage-seed-001--by-user', async (page) => {
      await breakdownRows(page).first().waitFor()
      const header = page.getByRole('columnheader', { name: /Requests/ })
      await header.getByRole('button').click()
      assert.equal(await header.getAttribute('aria-sort'), 'descending')
      const values = await page.locator('table[aria-label="Breakdown"] tbody tr[data-key] td:nth-child(4)').allTextContents()
      const numbers = values.map((v) => Number(v.replace(/,/g, '')))
      assert.deepEqual([...numbers].sort((a, b) => b - a), numbers)
      await header.getByRole('button').focus()
      await page.keyboard.press('Enter')
      assert.equal(await header.getAttribute('aria-sort'), 'ascending')
      const first = (await breakdownRows(page).first().locator('td').first().innerText()).split('\n')[0]
      await page.getByRole('searchbox', { name: 'Search name or email' }).fill(first)
      await page.waitForFunction((name) => [...document.querySelectorAll('table[aria-label="Breakdown"] tbody tr[data-key]')].every((row) => row.textContent.includes(name)), first)
      assert.ok((await breakdownRows(page).count()) >= 1)
    }))

  test('turns Live mode on (banner) and off (Stop)', () =>
    withStory('recipes-team-and-user-usage-seed-001--by-user', async (page) => {
      await page.getByRole('button', { name: 'Live' }).click()
      await page.getByText(/Live: refreshing every 15 seconds/).waitFor()
      await page.getByRole('button', { name: 'Stop' }).click()
      await page.getByText(/Live: refreshing/).waitFor({ state: 'detached' })
      assert.equal(await page.getByRole('button', { name: 'Live' }).getAttribute('aria-pressed'), 'false')
    }))
})

describe('seed 003: a model’s usage tab', () => {
  test('opens and closes the drawer with the keyboard; focus returns to the row', () =>
    withStory('recipes-model-usage-tab-seed-003--model-usage', async (page) => {
      const row = logRows(page).nth(2)
      await row.waitFor()
      const id = await row.getAttribute('data-id')
      await row.focus()
      await page.keyboard.press('Enter')
      const dialog = page.getByRole('dialog')
      await dialog.getByText(id, { exact: true }).first().waitFor()
      await dialog.getByRole('region', { name: 'Cost breakdown' }).waitFor()
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
      // Radix returns focus in a task after the dialog unmounts: wait for it to land, then check where.
      await page
        .waitForFunction(() => document.activeElement !== null && document.activeElement !== document.body, null, { timeout: 5000 })
        .catch(() => {})
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), id)
    }))

  test('pages the request log, every row of the pinned model', () =>
    withStory('recipes-model-usage-tab-seed-003--model-usage', async (page) => {
      await logRows(page).first().waitFor()
      const firstPage = await logRows(page).first().getAttribute('data-id')
      await page.getByRole('button', { name: 'Next page' }).click()
      await page.getByText(/^51–100 of [\d,]+$/).waitFor()
      await page.waitForFunction((first) => document.querySelector('table[aria-label="Requests"] tbody tr[data-id]')?.getAttribute('data-id') !== first, firstPage)
      await page.getByRole('button', { name: 'Previous page' }).click()
      await page.getByText(/^1–50 of [\d,]+$/).waitFor()
    }))
})

describe('seed 000: org usage', () => {
  test('exports the filtered request log as CSV: a header, raw numbers, offsets, formula cells escaped', () =>
    withStory('recipes-org-usage-seed-000--org-usage', async (page) => {
      await logRows(page).first().waitFor()
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()])
      assert.match(download.suggestedFilename(), /^usage-requests-2026-11-06-2026-11-19-Europe_Berlin\.csv$/)
      const text = fs.readFileSync(await download.path(), 'utf8')
      const lines = text.trimEnd().split('\r\n')
      assert.equal(lines[0], 'timestamp,user_id,user_name,provider,model,application,total_tokens,cost_usd')
      assert.ok(lines.length > 1000, `expected every page, got ${lines.length - 1} rows`)
      assert.match(lines[1], /^2026-11-19T\d\d:\d\d:\d\d\.\d{3}\+01:00,/)
      assert.ok(lines.some((line) => line.includes(`"'@mentions Bot"`)), 'cells starting with @ are escaped')
      assert.ok(!lines.some((line) => /,[=+@-]/.test(line)), 'no cell starts with a formula character')
    }))
})

describe('seed 004: usage statistics', () => {
  test('switches the trend between Total, Input and Output', () =>
    withStory('recipes-usage-statistics-seed-004--usage-statistics', async (page) => {
      await page.getByRole('figure', { name: 'Usage trend by model' }).waitFor()
      await page.getByRole('button', { name: 'Output' }).click()
      await page.locator('[data-measure="output"] figure').waitFor()
      assert.equal(await page.getByRole('button', { name: 'Output' }).getAttribute('aria-pressed'), 'true')
    }))
})

describe('screenshots of every recipe, light and dark', () => {
  for (const id of storyIds(ROOT).filter((id) => id.startsWith('recipes-'))) {
    for (const theme of ['light', 'dark']) {
      test(`${id} (${theme})`, async () => {
        const { page, errors } = await openStory(browser.context, server.url, id, { globals: `theme:${theme}` })
        await page.screenshot({ path: `${SHOTS}/${id}-${theme}.png`, fullPage: true })
        await page.close()
        assert.deepEqual(errors, [])
      })
    }
  }
})
