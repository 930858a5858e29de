// Tables on small screens and numbers in tables (docs/design.md), in Debian's chromium against the
// built Storybook: at 360 px every recipe with a breakdown or a request log shows its numbers without
// sideways scrolling (light and dark); the request log says "1–50 of 1,533" and the total is the
// Requests KPI's; the same pages at 1440 px are still tables with columns.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { launchChromium, openStory, serveStatic, storyIds } from './support/browser.mjs'

const ROOT = 'storybook-static'
// The Languages recipes read German, Japanese and right to left, where these checks read English words
// ("Sort by", "of"): e2e/i18n.test.mjs checks them, layout.test.mjs their overflow at 360 px.
const RECIPES = storyIds(ROOT).filter((id) => id.startsWith('recipes-') && !id.startsWith('recipes-languages-'))
let server
let narrow
before(async () => {
  server = await serveStatic(ROOT)
  narrow = await launchChromium({ width: 360, height: 800 })
})
after(async () => {
  await narrow?.close()
  await server?.close()
})

const BREAKDOWN_ROW = '.uk-breakdown table tbody tr[data-key]'
const LOG_ROW = '.uk-request-log table tbody tr[data-id]'

/** Waits until the story's tables (if any) have rows or said they are empty. */
async function tablesSettled(page) {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('.uk-breakdown, .uk-request-log')].every(
        (card) => card.querySelector('tbody tr[data-key], tbody tr[data-id]') || card.getAttribute('data-state') === 'empty' || card.getAttribute('data-state') === 'error',
      ),
    null,
    { timeout: 15_000 },
  )
}

/** Where an element is on screen and what it says; `visible` = drawn, non-empty, inside the viewport's width. */
async function seen(locator) {
  await locator.scrollIntoViewIfNeeded()
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect()
    const style = getComputedStyle(el)
    const text = el.innerText.trim()
    // Inside the viewport's width, and not scrolled out of sight inside the table's own box either.
    const clip = el.closest('.uk-table-wrap')?.getBoundingClientRect() ?? { left: 0, right: window.innerWidth }
    return {
      text,
      left: box.left,
      right: box.right,
      visible:
        style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0 &&
        box.left >= Math.max(0, clip.left) - 0.5 && box.right <= Math.min(window.innerWidth, clip.right) + 0.5,
    }
  })
}

const noOverflow = (page) => page.evaluate(() => ({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth }))

/** "1,533" / "1.533" / "1 533" → 1533; compact KPI values ("1.5K") → null (not comparable digit for digit). */
function integer(text) {
  const digits = text.replace(/[\s,.\u00a0\u202f]/g, '')
  return /^\d+$/.test(digits) ? Number(digits) : null
}

/** At 360 px: no sideways scrolling; the breakdown's money and the log's cost and status on screen; the pager's words. */
async function checkNarrow(page, id, { breakdowns, logs }) {
  const overflow = await noOverflow(page)
  assert.ok(overflow.scrollWidth <= overflow.innerWidth, `${id}: the page scrolls sideways (${overflow.scrollWidth} > ${overflow.innerWidth})`)

  if (breakdowns) {
    const row = page.locator(BREAKDOWN_ROW).first()
    const money = await seen(row.locator('td[data-role="primary"]'))
    assert.ok(money.visible, `${id}: the first breakdown row's money value is not on screen (${JSON.stringify(money)})`)
    assert.match(money.text, /\$|€/, `${id}: the first breakdown row's primary value is not money`)
    const name = await seen(row.locator('td[data-role="name"] .uk-name'))
    assert.ok(name.visible && name.text.length > 0, `${id}: the first breakdown row's name is not on screen`)
    // Every other number of the row too (labelled), none cut off at the right edge. A cell with nothing
    // to say for this row (no budget, nothing unusual) is left out of the card.
    for (const cell of await row.locator('td[data-role="meta"]').all()) {
      if ((await cell.textContent()).trim() === '') {
        assert.equal(await cell.isVisible(), false, `${id}: an empty breakdown cell takes room in the card`)
        continue
      }
      const meta = await seen(cell)
      assert.ok(meta.visible && /\d/.test(meta.text), `${id}: a breakdown number is not on screen (${JSON.stringify(meta)})`)
    }
    // The card list sorts with its own control.
    assert.ok(await page.locator('.uk-breakdown').first().getByRole('combobox', { name: 'Sort by' }).isVisible(), `${id}: no sort control for the card list`)
  }

  if (logs) {
    const row = page.locator(LOG_ROW).first()
    const cost = await seen(row.locator('td[data-col="cost"]'))
    assert.ok(cost.visible, `${id}: the first request's cost is not on screen (${JSON.stringify(cost)})`)
    assert.match(cost.text, /\$|€|—/, `${id}: the first request's cost reads ${cost.text}`)
    const status = await seen(row.locator('td[data-role="status"]'))
    assert.ok(status.visible, `${id}: the first request's status is not on screen`)
    assert.match(status.text, /\b(Success|Error)\b/)
    const pager = page.locator('.uk-request-log .uk-pager > span').first()
    await page.waitForFunction((el) => / of /.test(el.textContent), await pager.elementHandle(), { timeout: 10_000 })
    const words = (await pager.textContent()).trim()
    const rows = await page.locator(LOG_ROW).count()
    const match = /^1–([\d,]+) of ([\d,]+|many)$/.exec(words)
    assert.ok(match, `${id}: the pager reads "${words}", not "1–50 of 1,533"`)
    assert.equal(integer(match[1]), rows, `${id}: the pager's range does not match the rows shown`)
    if (match[2] !== 'many') assert.ok(integer(match[2]) >= rows)
    // The total is the Requests KPI's, when the page has one and it is not abbreviated.
    const kpi = page.locator('.uk-kpi').filter({ has: page.locator('.uk-kpi-label', { hasText: /^Requests$/ }) })
    if ((await kpi.count()) === 1) {
      const value = integer((await kpi.locator('.uk-kpi-value').evaluate((el) => el.firstChild?.textContent ?? el.textContent)).trim())
      if (value !== null) assert.equal(integer(match[2]), value, `${id}: the pager's total differs from the Requests KPI`)
    }
  }
}

/** The same page at 1440 px (container queries follow the resize): tables with columns where there is room. */
async function checkWide(page, id, { breakdowns }) {
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  for (const table of await page.locator('.uk-breakdown table, .uk-request-log table').all()) {
    const layout = await table.evaluate((el) => {
      const row = el.querySelector('tbody tr[data-key], tbody tr[data-id]')
      return {
        room: el.closest('.uk-table-box').getBoundingClientRect().width,
        headers: [...el.querySelectorAll('thead th')].filter((th) => th.getBoundingClientRect().width > 0).length,
        display: getComputedStyle(el).display,
        row: row ? getComputedStyle(row).display : 'table-row',
      }
    })
    // A story that frames the page narrow (…--narrow) keeps its cards.
    if (layout.room < 660) continue
    assert.equal(layout.display, 'table', `${id}: a table is not laid out as one at 1440 px`)
    assert.equal(layout.row, 'table-row')
    assert.ok(layout.headers >= 4, `${id}: only ${layout.headers} column headers at 1440 px`)
    if (breakdowns) assert.equal(await page.locator('.uk-breakdown').first().getByRole('combobox', { name: 'Sort by' }).isVisible(), false, `${id}: the card list's sort control shows beside the headers`)
  }
  const wideOverflow = await noOverflow(page)
  assert.ok(wideOverflow.scrollWidth <= wideOverflow.innerWidth, `${id}: the page scrolls sideways at 1440 px`)
}

/** The theme as the toolbar's global sets it (the provider's data-theme on .uk-root), without a reload. */
async function setTheme(page, theme) {
  await page.evaluate((value) => {
    for (const root of document.querySelectorAll('.uk-root')) root.setAttribute('data-theme', value)
    document.body.style.background = value === 'dark' ? '#0f1115' : '#ffffff'
  }, theme)
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
}

// One page load per recipe (the machine is shared: loads are what costs), checked light, dark, then wide.
describe('tables at 360 px show every number without sideways scrolling (light and dark); at 1440 px they are tables', () => {
  for (const id of RECIPES) {
    test(id, async (t) => {
      const { page, errors } = await openStory(narrow.context, server.url, id, { globals: 'theme:light' })
      try {
        const breakdowns = await page.locator('.uk-breakdown').count()
        const logs = await page.locator('.uk-request-log').count()
        if (breakdowns + logs === 0) {
          // A recipe without a table (bar lists, charts): only the page's width to check here.
          const overflow = await noOverflow(page)
          assert.ok(overflow.scrollWidth <= overflow.innerWidth, `${id}: the page scrolls sideways (${overflow.scrollWidth} > ${overflow.innerWidth})`)
          assert.deepEqual(errors, [], `${id}: console or page errors`)
          return
        }
        await tablesSettled(page)
        await t.test('360 px, light', () => checkNarrow(page, id, { breakdowns, logs }))
        await t.test('360 px, dark', async () => {
          await setTheme(page, 'dark')
          await checkNarrow(page, id, { breakdowns, logs })
        })
        await t.test('1440 px', async () => {
          await setTheme(page, 'light')
          await checkWide(page, id, { breakdowns })
        })
        assert.deepEqual(errors, [], `${id}: console or page errors`)
      } finally {
        await page.close()
      }
    })
  }
})
