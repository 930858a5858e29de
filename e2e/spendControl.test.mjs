// The Spend control recipe in Debian's chromium against the built Storybook (docs/components.md,
// "Spend control"): the forecast KPI's text, the budget line, an anomaly marker whose pinned tooltip
// says how unusual the day was and offers "View requests" (which opens the log on that day); axe
// finds nothing in light or dark; nothing scrolls sideways at 360 px.
import AxeBuilder from '@axe-core/playwright'
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { launchChromium, openStory, serveStatic } from './support/browser.mjs'

const ROOT = 'storybook-static'
const STORY = 'recipes-spend-control--spend-control'
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
let server
let browser
let narrow
before(async () => {
  server = await serveStatic(ROOT)
  browser = await launchChromium({ width: 1440, height: 900 })
  narrow = await launchChromium({ width: 360, height: 800 })
})
after(async () => {
  await browser?.close()
  await narrow?.close()
  await server?.close()
})

async function open(context = browser.context, id = STORY, options) {
  const { page, errors } = await openStory(context, server.url, id, options)
  await page.locator('[data-uk-forecast="ready"]').waitFor()
  await page.locator('.uk-budget-chart[data-state="ready"]').waitFor()
  await page.locator('.uk-chart-anomaly').first().waitFor()
  return { page, errors }
}

describe('spend control recipe', () => {
  test('the forecast KPI reads the month-end forecast against the budget, and when it is crossed', async () => {
    const { page, errors } = await open()
    const card = page.locator('[data-uk-forecast]')
    const text = (await card.innerText()).replace(/\s+/g, ' ')
    assert.match(text, /Forecast · Organisation \$\d+\.\d\d by Nov 30 · budget \$100\.00/)
    assert.match(text, /crosses budget on Nov \d+/)
    assert.equal(await card.getAttribute('data-budget'), 'over')
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('the budget chart draws the budget line, the spend so far and the forecast band', async () => {
    const { page } = await open()
    const chart = page.locator('.uk-budget-chart')
    for (const mark of ['budget-line', 'spent', 'forecast', 'forecast-band']) assert.equal(await chart.locator(`[data-uk-mark="${mark}"]`).count(), 1, mark)
    assert.match(await chart.locator('svg').getAttribute('aria-label'), /budget \$100\.00/)
    await page.close()
  })

  test('an anomaly marker’s tooltip says how unusual the day was and its View requests opens the log on it', async () => {
    const { page, errors } = await open()
    // Finance's runaway agent (the fixtures' own spike, Équipe Données on Oct 28, is marked too).
    const marker = page.locator('.uk-chart-anomaly[data-anomaly="Finance"]')
    const box = await marker.boundingBox()
    assert.ok(box, 'the marker is drawn')
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    const tooltip = page.locator('.uk-tooltip[data-pinned]')
    await tooltip.waitFor()
    assert.match(await tooltip.innerText(), /\d+\.\d× usual spend/)
    await tooltip.getByRole('button', { name: 'View requests' }).click()
    // The log drills into the marked day (Nov 17, Berlin).
    await page.waitForFunction(() => {
      const times = [...document.querySelectorAll('.uk-request-log tbody tr[data-id] time')].map((t) => t.getAttribute('datetime'))
      return times.length > 0 && times.every((at) => at >= '2026-11-16T23:00:00.000Z' && at < '2026-11-17T23:00:00.000Z')
    })
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('the breakdown flags the rows of the teams that ran away with the day, and no other row', async () => {
    const { page } = await open()
    const flags = page.locator('.uk-breakdown tbody tr[data-key] td[data-col="anomaly"] [data-anomaly]')
    await flags.first().waitFor()
    const flagged = await flags.evaluateAll((nodes) => nodes.map((node) => ({ key: node.closest('tr').getAttribute('data-key'), text: node.textContent.trim() })))
    // Finance's agent on Nov 17 (the recipe's scenario) and the fixtures' own three-hour spike in Équipe Données.
    assert.deepEqual(flagged.map((flag) => flag.key).sort(), ['Finance', 'Équipe Données'], JSON.stringify(flagged))
    assert.match(flagged.find((flag) => flag.key === 'Finance').text, /^\d+\.\d× usual spend on Nov 17$/)
    assert.match(flagged.find((flag) => flag.key === 'Équipe Données').text, /^\d+\.\d× usual spend on Oct 28$/)
    await page.close()
  })

  test('the keyboard reaches the marked day: arrows to it, the tooltip says how unusual, Tab to View requests, Enter opens the log on it', async () => {
    const { page, errors } = await open()
    const chart = page.locator('figure.uk-chart', { has: page.locator('.uk-chart-anomaly') }).first()
    const index = Number(await chart.locator('.uk-chart-anomaly[data-anomaly="Finance"]').getAttribute('data-index'))
    const frame = chart.locator('.uk-chart-frame')
    await frame.focus()
    await page.keyboard.press('Home')
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowRight')
    assert.match(await chart.locator('[aria-live="polite"]').innerText(), /\d+\.\d× usual spend/)
    const tooltip = chart.locator('.uk-tooltip')
    assert.match(await tooltip.innerText(), /\d+\.\d× usual spend/)
    // Tab walks the tooltip's buttons (the teams, then View requests).
    let focused = ''
    for (let step = 0; step < 12 && focused !== 'View requests'; step++) {
      await page.keyboard.press('Tab')
      focused = await page.evaluate(() => (document.activeElement?.closest('.uk-tooltip') ? document.activeElement.textContent.trim() : ''))
    }
    assert.equal(focused, 'View requests')
    await page.keyboard.press('Enter')
    const banner = page.locator('[data-drill-down]')
    await banner.waitFor()
    assert.equal(await banner.getAttribute('data-start'), '2026-11-16T23:00:00.000Z')
    assert.equal(await banner.getAttribute('data-end'), '2026-11-17T23:00:00.000Z')
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('cross-filtering to a team makes the forecast, the budget and the meter that team’s', async () => {
    const { page, errors } = await open()
    await page.locator('.uk-chart .uk-legend button[data-action="filter"]', { hasText: 'Finance' }).click()
    await page.getByRole('button', { name: 'Team: Finance' }).waitFor()
    await page.waitForFunction(() => new URLSearchParams(window.location.search).get('f.team') === 'Finance')
    const card = page.locator('[data-uk-forecast]')
    await page.waitForFunction(() => /Forecast · Finance/.test(document.querySelector('[data-uk-forecast]')?.textContent ?? ''))
    const text = (await card.innerText()).replace(/\s+/g, ' ')
    assert.match(text, /budget \$4\.00/)
    assert.match(text, /budget reached on Nov 17/)
    assert.match(text, /\d+% of budget spent · \d+% forecast/)
    assert.equal(await card.locator('.uk-forecast-meter').getAttribute('data-reached'), 'true')
    await page.locator('.uk-budget-chart[data-state="ready"]').waitFor()
    assert.match(await page.locator('.uk-budget-chart svg[role="img"]').getAttribute('aria-label'), /budget \$4\.00/)
    await page.waitForFunction(() => [...document.querySelectorAll('.uk-breakdown tbody tr[data-key]')].map((row) => row.getAttribute('data-key')).join() === 'Finance')
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('the budget chart’s tooltip follows the pointer: the day, what was spent by then, the budget', async () => {
    const { page, errors } = await open()
    const hit = page.locator('.uk-budget-chart .uk-chart-hit')
    const box = await hit.boundingBox()
    // The 10th of a 30-day November.
    await page.mouse.move(box.x + (9.5 / 30) * box.width, box.y + box.height / 2)
    const tip = page.locator('.uk-budget-chart .uk-tooltip')
    await tip.waitFor()
    assert.equal(await tip.locator('.uk-tooltip-title').innerText(), 'Tue, Nov 10')
    assert.match((await tip.innerText()).replace(/\s+/g, ' '), /Cumulative since Nov 1 Spent \$\d+\.\d\d Budget \$100\.00/)
    // Inside the viewport and beside the day's point, not over it.
    const tipBox = await tip.boundingBox()
    const point = await page.locator('.uk-budget-chart [data-uk-mark="active-day"] circle').boundingBox()
    assert.ok(tipBox.x >= 0 && tipBox.x + tipBox.width <= 1440)
    assert.ok(tipBox.x > point.x + point.width || tipBox.x + tipBox.width < point.x, 'the tooltip leaves the point visible')
    await page.mouse.move(0, 0)
    await tip.waitFor({ state: 'detached' })
    assert.deepEqual(errors, [])
    await page.close()
  })

  for (const theme of ['light', 'dark']) {
    test(`axe finds no violations (${theme})`, async () => {
      const { page } = await open(browser.context, STORY, { globals: `theme:${theme}` })
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [])
      await page.close()
    })
  }

  test('nothing scrolls sideways at 360 px', async () => {
    const { page } = await open(narrow.context, 'recipes-spend-control--narrow')
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth)
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the viewport`)
    await page.close()
  })
})
