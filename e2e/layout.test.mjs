// Layout of every recipe at a phone's and a desktop's width, light and dark: nothing overflows
// sideways, the first chart is near the top on a phone, the KPI delta chips of a row line up, no KPI's
// compared period or unit is cut with an ellipsis, and
// the date-range control opens a calendar inside the viewport with today marked and no future day.
// One load per story and width: the dark theme is measured after flipping data-theme in place.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { launchChromium, openStory, serveStatic, storyIds } from './support/browser.mjs'

const ROOT = 'storybook-static'
if (!fs.existsSync(`${ROOT}/index.json`)) throw new Error('Build Storybook first: pnpm build-storybook')
const RECIPES = storyIds(ROOT).filter((id) => id.startsWith('recipes-'))
const VIEWPORTS = [
  { width: 360, height: 800 },
  { width: 1440, height: 900 },
]

let server
before(async () => {
  server = await serveStatic(ROOT)
})
after(async () => {
  await server?.close()
})

/** What the page looks like, measured in the page. */
function measure() {
  const scroller = document.scrollingElement
  const top = (element) => element.getBoundingClientRect().top + window.scrollY
  // The first chart (or, on a page without one, the first table) below the KPI cards.
  const firstWidget = document.querySelector('figure, [role="figure"]') ?? document.querySelector('table')
  // Delta chips grouped by the row their card sits in.
  const rows = []
  for (const grid of document.querySelectorAll('.uk-kpi-grid')) {
    const byRow = new Map()
    for (const card of grid.querySelectorAll(':scope > .uk-kpi')) {
      const chip = card.querySelector('.uk-delta')
      if (!chip) continue
      const row = Math.round(top(card))
      byRow.set(row, [...(byRow.get(row) ?? []), Math.round(top(chip))])
    }
    rows.push(...byRow.values())
  }
  // KPI text cut with an ellipsis: the compared period and the value's unit must show whole.
  const cut = [...document.querySelectorAll('.uk-kpi-period, .uk-kpi-unit')]
    .filter((element) => element.getClientRects().length > 0 && (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1))
    .map((element) => `${element.closest('.uk-kpi')?.querySelector('.uk-kpi-label')?.textContent}: "${element.textContent}"`)
  return {
    cut,
    scrollWidth: scroller.scrollWidth,
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
    firstWidgetTop: firstWidget ? top(firstWidget) : null,
    chipRows: rows,
  }
}

for (const viewport of VIEWPORTS) {
  describe(`recipes at ${viewport.width} px`, () => {
    let browser
    before(async () => {
      browser = await launchChromium(viewport)
    })
    after(async () => {
      await browser?.close()
    })

    for (const id of RECIPES) {
      test(id, async () => {
        const { page, errors } = await openStory(browser.context, server.url, id)
        try {
          checkLayout(id, 'light', await page.evaluate(measure))
          await checkRangePicker(page, id)
          // Dark changes colours, not boxes: flip the theme in place (one load a width keeps this fast), then measure again.
          await page.evaluate(async () => {
            for (const root of document.querySelectorAll('.uk-root')) root.setAttribute('data-theme', 'dark')
            await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
          })
          checkLayout(id, 'dark', await page.evaluate(measure))
          assert.deepEqual(errors, [], `${id}: console or page errors`)
        } finally {
          await page.close()
        }
      })
    }
  })
}

function checkLayout(id, theme, m) {
  const name = `${id} (${theme}, ${m.innerWidth} px)`
  assert.ok(m.scrollWidth <= m.innerWidth, `${name}: the page scrolls sideways (${m.scrollWidth} > ${m.innerWidth})`)
  if (m.innerWidth < 640 && m.firstWidgetTop !== null) {
    assert.ok(m.firstWidgetTop <= 1.5 * m.innerHeight, `${name}: the first chart starts at ${Math.round(m.firstWidgetTop)} px, below 1.5 screens`)
  }
  assert.deepEqual(m.cut, [], `${name}: KPI text cut short`)
  for (const chips of m.chipRows) {
    assert.ok(Math.max(...chips) - Math.min(...chips) <= 1, `${name}: delta chips of one row at different heights: ${chips.join(', ')}`)
  }
}

/** Opens the date-range control: a calendar inside the viewport, today marked, future days disabled. */
async function checkRangePicker(page, id) {
  const trigger = page.getByRole('button', { name: /^Time range:/ })
  if ((await trigger.count()) === 0) return
  await trigger.click()
  const popover = page.locator('.uk-range-popover')
  await popover.locator('.uk-calendar td[data-day]').first().waitFor()
  // Let Radix place it (it measures, then positions) before measuring.
  await page.waitForFunction(() => {
    const box = document.querySelector('.uk-range-popover')?.getBoundingClientRect()
    return box && box.width > 0 && box.left >= 0
  })
  const found = await page.evaluate(() => {
    const box = document.querySelector('.uk-range-popover').getBoundingClientRect()
    const current = [...document.querySelectorAll('.uk-calendar [aria-current="date"]')]
    const today = current[0]?.closest('td')?.getAttribute('data-day') ?? null
    const days = [...document.querySelectorAll('.uk-calendar td[data-day]')]
    const future = days.filter((td) => today !== null && td.getAttribute('data-day') > today)
    const cell = days[0].getBoundingClientRect()
    return {
      box: { left: box.left, top: box.top, right: box.right, bottom: box.bottom },
      width: window.innerWidth,
      height: window.innerHeight,
      todayCount: current.length,
      today,
      futureEnabled: future.filter((td) => {
        const button = td.querySelector('button')
        return button && !button.disabled && button.getAttribute('aria-disabled') !== 'true'
      }).length,
      cell: { width: cell.width, height: cell.height },
    }
  })
  const { box } = found
  assert.ok(box.left >= 0 && box.top >= 0 && box.right <= found.width && box.bottom <= found.height, `${id}: the calendar leaves the viewport: ${JSON.stringify(box)}`)
  assert.ok(box.left >= 4 && found.width - box.right >= 4, `${id}: the calendar is flush against the viewport's edge`)
  assert.equal(found.todayCount, 1, `${id}: today is marked once (aria-current="date")`)
  assert.equal(found.futureEnabled, 0, `${id}: days after today (${found.today}) can be picked`)
  assert.ok(found.cell.width >= 36 && found.cell.height >= 36, `${id}: calendar days are ${found.cell.width}×${found.cell.height} px`)
  if (found.width < 640) assert.ok(found.cell.width >= 44, `${id}: touch targets under 44 px on a phone`)
  await page.keyboard.press('Escape')
  await popover.waitFor({ state: 'detached' })
}
