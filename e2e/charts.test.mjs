// Charts hold the line of docs/design.md ("Buckets from pixels", "Tooltips"): for every recipe and
// chart story, at 1440 and 360 px, light and dark, hovering the right-most bucket of every chart keeps
// the tooltip inside the viewport and grows no horizontal scrollbar, and every bar is at least 4 px
// wide. One browser and one page: Storybook is loaded once per theme and stories are switched over its
// channel (the fixture data is generated once per page load, which is what takes the time).
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { launchChromium, serveStatic, storyIds } from './support/browser.mjs'

const ROOT = 'storybook-static'
const WIDTHS = [1440, 360]
const THEMES = ['light', 'dark']
// States without a chart to hover (skeleton, error, empty) are not what this file checks.
const SKIP = /--(loading|failing|empty)$/
const STORIES = storyIds(ROOT).filter((id) => (id.startsWith('recipes-') || id.startsWith('components-charts--')) && !SKIP.test(id))

let server
let browser
let page
const errors = []
before(async () => {
  server = await serveStatic(ROOT)
  browser = await launchChromium({ width: 1440, height: 900 })
  page = await browser.context.newPage()
  await page.goto('about:blank')
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
})
after(async () => {
  await browser?.close()
  await server?.close()
})

/** Waits until the story rendered, no widget is busy, and two frames were painted. */
async function settle() {
  await page.waitForFunction(() => (document.querySelector('#storybook-root')?.childElementCount ?? 0) > 0, null, { timeout: 20_000 })
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, null, { timeout: 15_000 })
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
}

/** Every bar narrower than 4 px, with its chart and series. */
function thinBars() {
  return page.evaluate(() =>
    [...document.querySelectorAll('figure.uk-chart rect[data-series]')]
      .map((rect) => ({ width: rect.getBoundingClientRect().width, chart: rect.closest('figure')?.getAttribute('aria-label'), series: rect.getAttribute('data-series') }))
      .filter((bar) => bar.width < 4),
  )
}

/** Shows a story in the loaded preview and resolves once Storybook rendered it. */
async function showStory(id, theme) {
  const loaded = await page.evaluate(() => Boolean(window.__STORYBOOK_ADDONS_CHANNEL__))
  if (!loaded || page.url().includes('globals=') !== (theme === 'dark')) {
    await page.goto(`${server.url}/iframe.html?id=${id}&viewMode=story${theme === 'dark' ? '&globals=theme:dark' : ''}`, { waitUntil: 'load' })
    return
  }
  await page.evaluate(
    (storyId) =>
      new Promise((resolve, reject) => {
        const channel = window.__STORYBOOK_ADDONS_CHANNEL__
        const timer = setTimeout(() => reject(new Error(`${storyId} did not render`)), 20_000)
        const done = (event) => {
          if ((event?.storyId ?? event) !== storyId) return
          clearTimeout(timer)
          channel.off('storyRendered', done)
          resolve()
        }
        channel.on('storyRendered', done)
        channel.emit('setCurrentStory', { storyId, viewMode: 'story' })
      }),
    id,
  )
}

/** Hovers the right-most bucket of each chart; returns what left the viewport. */
async function hoverRightEdges(label) {
  const problems = []
  const charts = page.locator('figure.uk-chart')
  const count = await charts.count()
  for (let i = 0; i < count; i++) {
    const svg = charts.nth(i).locator('svg').first()
    await svg.scrollIntoViewIfNeeded()
    const box = await svg.boundingBox()
    if (!box) continue
    // The plot's right edge (8 px margin), half-way down the plot.
    await page.mouse.move(box.x + box.width - 10, box.y + box.height / 2)
    const tooltip = charts.nth(i).locator('.uk-tooltip')
    await tooltip.waitFor({ state: 'visible' })
    await page.waitForFunction((el) => getComputedStyle(el).visibility === 'visible', await tooltip.elementHandle())
    const state = await page.evaluate(
      (el) => {
        const r = el.getBoundingClientRect()
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, vw: document.documentElement.clientWidth, vh: innerHeight, scrollWidth: document.scrollingElement.scrollWidth, innerWidth }
      },
      await tooltip.elementHandle(),
    )
    const name = `${label} chart ${i}`
    if (state.scrollWidth > state.innerWidth) problems.push(`${name}: page scrolls sideways while hovering (${state.scrollWidth} > ${state.innerWidth})`)
    if (state.left < 0 || state.right > state.vw || state.top < 0 || state.bottom > state.vh) problems.push(`${name}: tooltip outside the viewport ${JSON.stringify(state)}`)
    await page.mouse.move(0, 0)
  }
  return { count, problems }
}

describe('charts: bars from pixels, tooltips inside the viewport', () => {
  for (const theme of THEMES) {
    test(`every recipe and chart story, 1440 and 360 px, ${theme}`, async () => {
      const problems = []
      let hovered = 0
      for (const id of STORIES) {
        await page.setViewportSize({ width: WIDTHS[0], height: 900 })
        await showStory(id, theme)
        for (const width of WIDTHS) {
          // A narrower chart asks for a coarser bucket: wait for that answer before measuring.
          await page.setViewportSize({ width, height: width === 360 ? 800 : 900 })
          await settle()
          const label = `${id} @${width} ${theme}`
          const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth)
          if (overflow > 0) problems.push(`${label}: page is ${overflow} px wider than the viewport`)
          for (const bar of await thinBars()) problems.push(`${label}: a ${bar.width.toFixed(1)} px bar (${bar.chart}, ${bar.series})`)
          const result = await hoverRightEdges(label)
          hovered += result.count
          problems.push(...result.problems)
        }
      }
      assert.ok(hovered > STORIES.length, `hovered ${hovered} charts in ${STORIES.length} stories`)
      assert.deepEqual(problems, [])
      assert.deepEqual(errors, [], 'page errors')
    })
  }
})

// Bar lists (docs/design.md, "Bar lists"): solid bars that reach 3:1 against their card, values that
// say their unit, and consumers marked agent or user by an icon and a word — in both themes.
const BAR_LIST_STORIES = storyIds(ROOT).filter((id) => (id.startsWith('recipes-') || id.startsWith('components-barlist--')) && !SKIP.test(id))

/** Every bar list row whose fill is under 3:1 against its card, whose value has no unit, or whose consumer marker lacks its word or icon. */
function barListProblems() {
  return page.evaluate(() => {
    const rgb = (text) => {
      const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?\)/.exec(text)
      return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : null
    }
    const luminance = ({ r, g, b }) => {
      const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }
    const contrast = (a, b) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
      return (hi + 0.05) / (lo + 0.05)
    }
    const problems = []
    for (const item of document.querySelectorAll('.uk-bar-list li')) {
      const name = `${item.closest('.uk-card')?.querySelector('h2, h3')?.textContent ?? 'bar list'} / ${item.dataset.key}`
      const fill = getComputedStyle(item.querySelector('.uk-bar-fill'))
      // Drawn at all: a bar squeezed to no height (a row laid out side by side) shows nothing of its colour.
      const box = item.querySelector('.uk-bar-fill').getBoundingClientRect()
      if (box.height < 4 || box.width < 1) problems.push(`${name}: bar drawn ${box.width.toFixed(1)} × ${box.height.toFixed(1)} px`)
      const color = rgb(fill.backgroundColor)
      const card = rgb(getComputedStyle(item.closest('.uk-card')).backgroundColor)
      if (!color || !card) problems.push(`${name}: colours not readable (${fill.backgroundColor})`)
      else if (color.a < 1 || Number(fill.opacity) < 1) problems.push(`${name}: a translucent bar (${fill.backgroundColor}, opacity ${fill.opacity})`)
      else if (contrast(color, card) < 3) problems.push(`${name}: bar ${fill.backgroundColor} is ${contrast(color, card).toFixed(2)}:1 against the card`)
      const value = item.querySelector('.uk-num')?.textContent ?? ''
      if (!/\s\p{L}|[$€£¥]/u.test(value)) problems.push(`${name}: value "${value}" has no unit`)
      if (item.dataset.kind) {
        const marker = item.querySelector('.uk-bar-kind')
        if (!marker?.querySelector('svg') || !/\p{L}/u.test(marker.textContent ?? '')) problems.push(`${name}: ${item.dataset.kind} marker without icon and word`)
      }
    }
    return problems
  })
}

describe('bar lists: solid bars at 3:1, values with units, agents and users told apart', () => {
  for (const theme of THEMES) {
    test(`every recipe and bar list story, ${theme}`, async () => {
      const problems = []
      let rows = 0
      const kinds = { agent: 0, user: 0 }
      await page.setViewportSize({ width: WIDTHS[0], height: 900 })
      for (const id of BAR_LIST_STORIES) {
        await showStory(id, theme)
        await settle()
        rows += await page.locator('.uk-bar-list li').count()
        kinds.agent += await page.locator('.uk-bar-list li[data-kind="agent"]').count()
        kinds.user += await page.locator('.uk-bar-list li[data-kind="user"]').count()
        problems.push(...(await barListProblems()).map((problem) => `${id} ${theme}: ${problem}`))
      }
      assert.ok(rows > 50, `checked ${rows} bar list rows`)
      // Seed 002's top consumers and the BarList stories show both kinds.
      assert.ok(kinds.agent > 0 && kinds.user > 0, `consumer rows marked: ${JSON.stringify(kinds)}`)
      assert.deepEqual(problems, [])
      assert.deepEqual(errors, [], 'page errors')
    })
  }
})
