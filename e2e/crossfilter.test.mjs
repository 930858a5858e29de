// Cross-filter and drill-down in Debian's chromium against the built Storybook (docs/components.md,
// "Gestures"): a click on a team's segment in the activity chart filters the page (the filter bar
// shows it, the URL carries it, the breakdown shows that team only); "View requests" from a
// breakdown row and from a pinned chart tooltip opens the request log on that key and span; the
// keyboard path (focus the chart, arrows, Enter, Escape) does the same without a pointer.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { launchChromium, openStory, serveStatic } from './support/browser.mjs'

const ROOT = 'storybook-static'
const STORY = 'components-cross-filter--page'
let server
let browser
before(async () => {
  server = await serveStatic(ROOT)
  browser = await launchChromium({ width: 1440, height: 900 })
})
after(async () => {
  await browser?.close()
  await server?.close()
})

const CHART = 'figure[aria-label="Requests by team"]'
const BREAKDOWN_ROW = '.uk-breakdown table tbody tr[data-key]'
const LOG_ROW = '.uk-request-log table tbody tr[data-id]'

async function open() {
  const { page, errors } = await openStory(browser.context, server.url, STORY)
  await page.locator(`${CHART} rect[data-series]`).first().waitFor()
  await page.locator(BREAKDOWN_ROW).first().waitFor()
  await page.locator(LOG_ROW).first().waitFor()
  return { page, errors }
}

/** Every request in the log (team cell and time), once the log has settled on the drill-down. */
async function logRows(page) {
  await page.waitForFunction(() => document.querySelector('.uk-request-log')?.getAttribute('aria-busy') !== 'true' && document.querySelectorAll('.uk-request-log tbody tr[data-id]').length > 0)
  return page.locator(LOG_ROW).evaluateAll((rows) => rows.map((row) => ({ team: row.querySelector('td[data-col="team"]')?.textContent?.trim(), at: row.querySelector('time')?.getAttribute('datetime') })))
}

describe('cross-filter', () => {
  test('a click on a team’s segment filters the page: filter bar, URL and breakdown follow', async () => {
    const { page, errors } = await open()
    const segment = page.locator(`${CHART} rect[data-series="Research"]`).nth(3)
    const box = await segment.boundingBox()
    assert.ok(box && box.height > 4, 'a Research segment tall enough to click')
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.locator(`${CHART} .uk-tooltip-hint`, { hasText: 'Click to filter by Research' }).waitFor()
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await page.getByRole('button', { name: 'Team: Research' }).waitFor()
    await page.waitForFunction(() => new URLSearchParams(window.location.search).get('f.team') === 'Research')
    await page.waitForFunction(
      (selector) => {
        const keys = [...document.querySelectorAll(selector)].map((row) => row.getAttribute('data-key'))
        return keys.length === 1 && keys[0] === 'Research'
      },
      BREAKDOWN_ROW,
    )
    // The legend name reads as pressed; the log shows Research's requests only.
    assert.equal(await page.locator(`${CHART} .uk-legend button[data-action="filter"]`, { hasText: 'Research' }).getAttribute('aria-pressed'), 'true')
    await page.waitForFunction(() => [...document.querySelectorAll('.uk-request-log tbody tr[data-id] td[data-col="team"]')].every((cell) => cell.textContent.trim() === 'Research'))
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('"View requests" on a breakdown row opens the log on that team over the page’s range', async () => {
    const { page, errors } = await open()
    await page.locator(`${BREAKDOWN_ROW}[data-key="Growth"]`).getByRole('button', { name: 'View requests of Growth' }).click()
    const banner = page.locator('[data-drill-down]')
    await banner.waitFor()
    assert.match(await banner.innerText(), /Team: Growth/)
    // The log scrolled into view, and holds Growth's requests only; the page's filters did not change.
    await page.waitForFunction(() => {
      const box = document.querySelector('.uk-request-log')?.getBoundingClientRect()
      return box && box.top < window.innerHeight && box.bottom > 0
    })
    await page.waitForFunction(() => [...document.querySelectorAll('.uk-request-log tbody tr[data-id] td[data-col="team"]')].every((cell) => cell.textContent.trim() === 'Growth'))
    const rows = await logRows(page)
    assert.ok(rows.length > 0)
    assert.equal(new URLSearchParams(await page.evaluate(() => window.location.search)).get('f.team'), null)
    await banner.getByRole('button', { name: 'Show all requests' }).click()
    await banner.waitFor({ state: 'detached' })
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('"View requests" in a pinned chart tooltip opens the log on that bucket’s span', async () => {
    const { page, errors } = await open()
    const hit = page.locator(`${CHART} rect.uk-chart-hit`)
    const plot = await hit.boundingBox()
    // Near the top of the plot, over the fourth-last bucket: above its stack, so the click pins the tooltip.
    const buckets = await page.locator(CHART).getAttribute('data-buckets')
    const x = plot.x + ((Number(buckets) - 3.5) / Number(buckets)) * plot.width
    await page.mouse.click(x, plot.y + 2)
    const tooltip = page.locator(`${CHART} .uk-tooltip[data-pinned]`)
    await tooltip.waitFor()
    await tooltip.getByRole('button', { name: 'View requests' }).click()
    const banner = page.locator('[data-drill-down]')
    await banner.waitFor()
    const span = { start: Date.parse(await banner.getAttribute('data-start')), end: Date.parse(await banner.getAttribute('data-end')) }
    assert.ok(span.end > span.start && span.end - span.start <= 24 * 3600_000, `one bucket: ${JSON.stringify(span)}`)
    await page.waitForFunction(
      ({ start, end }) => [...document.querySelectorAll('.uk-request-log tbody tr[data-id] time')].every((time) => Date.parse(time.getAttribute('datetime')) >= start && Date.parse(time.getAttribute('datetime')) < end),
      span,
    )
    const rows = await logRows(page)
    assert.ok(rows.length > 0, 'requests in the bucket')
    assert.deepEqual(errors, [])
    await page.close()
  })

  test('the keyboard path: focus the chart, walk to a bucket and a team, Enter filters, Escape closes', async () => {
    const { page, errors } = await open()
    const frame = page.locator(`${CHART} [role="application"]`)
    await frame.focus()
    await page.keyboard.press('End')
    await page.keyboard.press('ArrowLeft')
    const live = page.locator(`${CHART} [aria-live="polite"]`)
    assert.match(await live.innerText(), /Research: \d/)
    await page.keyboard.press('ArrowDown')
    const active = await page.locator(`${CHART} .uk-tooltip-row[data-active] span[title]`).innerText()
    await page.keyboard.press('Enter')
    await page.waitForFunction((team) => new URLSearchParams(window.location.search).get('f.team') === team, active)
    await page.getByRole('button', { name: `Team: ${active}` }).waitFor()
    // The tooltip's buttons (its rows, then "View requests of …") are next in the tab order.
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => Boolean(document.activeElement?.closest('.uk-tooltip[data-pinned]'))), true)
    await frame.focus()
    await page.keyboard.press('Escape')
    await page.locator(`${CHART} .uk-tooltip`).waitFor({ state: 'detached' })
    assert.deepEqual(errors, [])
    await page.close()
  })
})
