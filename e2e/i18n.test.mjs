// The page in other languages and directions: the German story reads German in its key places with
// no English left over (text, names for screen readers, placeholders, tooltips), the Japanese one
// Japanese, and the right-to-left story fits a phone without sideways scrolling, mirrored, with its
// charts' time axis still running left to right.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { launchChromium, openStory, serveStatic } from './support/browser.mjs'

const ROOT = 'storybook-static'
if (!fs.existsSync(`${ROOT}/index.json`)) throw new Error('Build Storybook first: pnpm build-storybook')

// English UI words that must not appear in a translated page (the data's own names, such as the
// fixture teams "Research" or "Platform", are not UI text and are not listed).
const ENGLISH = [
  'Usage', 'Refresh', 'Overview', 'Breakdown', 'Requests', 'Request', 'Search', 'Export', 'Active users', 'Total tokens',
  'User cost', 'Last 7 days', 'Time range', 'vs previous', 'No change', 'Previous', 'Next', 'By user', 'By team', 'All',
  'Data table', 'Sort by', 'Showing', 'Status', 'Latency', 'Spend', 'Prompt', 'Completion', 'success', 'Success', 'per day', 'Filters',
]
const englishIn = (text) => ENGLISH.filter((word) => new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u').test(text))

/** The page's UI text: what it shows and what it says to screen readers, placeholders and tooltips included. */
function uiText() {
  const root = document.querySelector('.uk-root')
  const attributes = [...root.querySelectorAll('[aria-label], [placeholder], [title]')].flatMap((element) =>
    ['aria-label', 'placeholder', 'title'].map((name) => element.getAttribute(name) ?? ''),
  )
  // Table cells hold the data (names, models, ids): the headers, captions and controls are the UI.
  const clone = root.cloneNode(true)
  for (const cell of clone.querySelectorAll('tbody td, .uk-name-cell, .uk-badge, .uk-models')) cell.remove()
  return { text: clone.textContent, attributes: attributes.filter((value) => !/@|claude|gpt|gemini|deepseek|o4|chatcmpl/.test(value)) }
}

let server
before(async () => {
  server = await serveStatic(ROOT)
})
after(async () => {
  await server?.close()
})

describe('languages', () => {
  let browser
  before(async () => {
    browser = await launchChromium({ width: 1440, height: 900 })
  })
  after(async () => {
    await browser?.close()
  })

  test('the German page reads German in its key places and leaves no English behind', async () => {
    const { page, errors } = await openStory(browser.context, server.url, 'recipes-languages--german')
    try {
      await page.getByRole('heading', { level: 1, name: 'Nutzung' }).waitFor()
      await page.getByRole('figure', { name: 'Aktive Nutzer pro Tag' }).waitFor()
      await page.getByRole('button', { name: 'Aktualisieren' }).waitFor()
      await page.getByRole('radio', { name: 'Nach Team' }).waitFor()
      await page.getByRole('button', { name: /^Zeitraum: Letzte 7 Tage/ }).waitFor()
      await page.getByRole('searchbox', { name: 'Name oder E-Mail suchen' }).waitFor()
      await page.getByRole('table', { name: 'Aufschlüsselung' }).getByRole('columnheader', { name: /Ausgaben \(USD\)/ }).waitFor()
      await page.getByText(/^1–50 von 6\.172$/).waitFor()
      const labels = await page.locator('.uk-kpi-label').allTextContents()
      assert.deepEqual(labels, ['Aktive Nutzer', 'Ø Anfragen pro Nutzer', 'Anfragen', 'Tokens gesamt', 'Ausgaben'])
      const periods = await page.locator('.uk-kpi-period').allTextContents()
      assert.ok(periods.every((period) => period === 'ggü. vorherigen 7 Tagen'), periods.join(' | '))
      const { text, attributes } = await page.evaluate(uiText)
      assert.deepEqual(englishIn(text), [], 'English words in the German page text')
      assert.deepEqual(englishIn(attributes.join('\n')), [], 'English words in aria-labels, placeholders or titles')
      // The calendar opens in German too (month and weekday names from its own locale).
      await page.getByRole('button', { name: /^Zeitraum:/ }).click()
      await page.locator('.uk-calendar td[data-day]').first().waitFor()
      await page.getByRole('button', { name: 'Übernehmen' }).waitFor()
      await page.waitForFunction(() => /November|Oktober/.test(document.querySelector('.uk-calendar')?.textContent ?? ''))
      assert.deepEqual(errors, [])
    } finally {
      await page.close()
    }
  })

  test('the Japanese page reads Japanese', async () => {
    const { page, errors } = await openStory(browser.context, server.url, 'recipes-languages--japanese')
    try {
      await page.getByRole('heading', { level: 1, name: '使用量' }).waitFor()
      await page.getByRole('figure', { name: '1 日あたりのアクティブユーザー' }).waitFor()
      await page.getByRole('radio', { name: 'チーム別' }).waitFor()
      const { text } = await page.evaluate(uiText)
      assert.deepEqual(englishIn(text), [], 'English words in the Japanese page text')
      assert.deepEqual(errors, [])
    } finally {
      await page.close()
    }
  })
})

describe('right to left at 360 px', () => {
  let browser
  before(async () => {
    browser = await launchChromium({ width: 360, height: 800 })
  })
  after(async () => {
    await browser?.close()
  })

  test('fits the phone, mirrors the page and keeps time left to right in its charts', async () => {
    const { page, errors } = await openStory(browser.context, server.url, 'recipes-languages--right-to-left')
    try {
      await page.getByRole('heading', { level: 1, name: 'שימוש' }).waitFor()
      await page.locator('figure svg').first().waitFor()
      const found = await page.evaluate(() => {
        const title = document.querySelector('.uk-page-title').getBoundingClientRect()
        const actions = document.querySelector('.uk-page-actions').getBoundingClientRect()
        const frame = document.querySelector('figure svg').parentElement
        const ticks = [...document.querySelectorAll('figure .uk-chart-axis text[text-anchor="middle"]')].map((tick) => tick.getBoundingClientRect().left)
        return {
          scrollWidth: document.scrollingElement.scrollWidth,
          innerWidth: window.innerWidth,
          direction: getComputedStyle(document.querySelector('.uk-page')).direction,
          titleRight: title.right,
          actionsLeft: actions.left,
          chartDirection: getComputedStyle(frame).direction,
          ticks,
          chevron: getComputedStyle(document.querySelector('.uk-pager [data-directional]')).transform,
        }
      })
      assert.ok(found.scrollWidth <= found.innerWidth, `the page scrolls sideways (${found.scrollWidth} > ${found.innerWidth})`)
      assert.equal(found.direction, 'rtl')
      // The title sits at the right, the actions at the left.
      assert.ok(found.titleRight > found.innerWidth - 40 && found.actionsLeft < 40, JSON.stringify(found))
      assert.equal(found.chartDirection, 'ltr')
      assert.ok(found.ticks.length > 1 && found.ticks.every((left, i) => i === 0 || left > found.ticks[i - 1]), `time ticks left to right: ${found.ticks}`)
      // "Previous" points right and "next" left in a right-to-left page.
      assert.equal(found.chevron, 'matrix(-1, 0, 0, 1, 0, 0)')
      assert.deepEqual(errors, [])
    } finally {
      await page.close()
    }
  })
})
