// Theming as a product team does it, in Debian's chromium: the host's CSS loaded before and after
// usagekit's styles.css, its variables on a wrapper and on the page's own class, in the light, dark and
// system (dark) themes. The host's accent, a colour it gives for both themes, its radius and its font
// must reach the page and every popup (filter menu, time-range popover with its calendar, request
// drawer), and popups must be dark in a dark theme. The stories are Components/Theming (built by
// Vite, whose CSS minifier rewrites light-dark() for older browsers); the last suite loads the
// stylesheet as published, untouched, into a plain host page (native light-dark()).
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { launchChromium, openStory, serveStatic } from './support/browser.mjs'

const ROOT = 'storybook-static'
if (!fs.existsSync(`${ROOT}/index.json`)) throw new Error('Build Storybook first: pnpm build-storybook')

// Acme's brand (stories/components/Theming.stories.tsx): light-dark(#0f766e, #2dd4bf) accent,
// #0f766e as series 0 in both themes, 4 px corners, DejaVu Sans.
const TEAL = 'rgb(15, 118, 110)'
const LIGHT_TEAL = 'rgb(45, 212, 191)'
const FONT = /^"DejaVu Sans"/

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

/** What a part of the page paints with: accent and series 0 as resolved there, font, radius, surface. */
async function seen(locator) {
  return locator.evaluate((element) => {
    const resolve = (value) => {
      const probe = document.createElement('span')
      probe.style.color = value
      element.appendChild(probe)
      const colour = getComputedStyle(probe).color
      probe.remove()
      return colour
    }
    const style = getComputedStyle(element)
    return { accent: resolve('var(--uk-accent)'), series0: resolve('var(--uk-series-0)'), font: style.fontFamily, radius: style.borderTopLeftRadius, background: style.backgroundColor }
  })
}

/** Relative luminance of an rgb() colour (WCAG). */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((c) => {
    const v = Number(c) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** Where the host's sheet is among the document's sheets: before or after the one holding the usagekit layer. */
async function hostSheetOrder(page) {
  return page.evaluate(() => {
    const sheets = [...document.styleSheets]
    const hasLayer = (sheet) => {
      try {
        return [...sheet.cssRules].some((rule) => rule instanceof CSSLayerBlockRule && rule.name === 'usagekit')
      } catch {
        return false
      }
    }
    const usagekit = sheets.findIndex(hasLayer)
    const host = sheets.findIndex((sheet) => sheet.ownerNode?.dataset?.hostCss)
    return usagekit < 0 || host < 0 ? 'missing' : host < usagekit ? 'before' : 'after'
  })
}

const THEMES = [
  { name: 'light', globals: 'theme:light', dark: false },
  { name: 'dark', globals: 'theme:dark', dark: true },
  { name: 'system (dark)', globals: 'theme:system', dark: true, media: 'dark' },
]

describe('a host brand reaches the page and every popup', () => {
  for (const placement of ['parent', 'root']) {
    for (const order of ['before', 'after']) {
      for (const theme of THEMES) {
        test(`variables on the ${placement === 'parent' ? 'wrapper' : "page's className"}, host CSS ${order} styles.css, ${theme.name}`, async () => {
          const id = `components-theming--brand-on-parent&args=placement:${placement};order:${order}`
          const { page, errors } = await openStory(browser.context, server.url, id, { globals: theme.globals })
          try {
            if (theme.media) await page.emulateMedia({ colorScheme: theme.media })
            assert.equal(await hostSheetOrder(page), order)
            const accent = theme.dark ? LIGHT_TEAL : TEAL
            const expectPart = (part, what, { surface = true } = {}) => {
              assert.equal(part.accent, accent, `${what}: accent`)
              assert.equal(part.series0, TEAL, `${what}: a colour the host gave for both themes`)
              assert.match(part.font, FONT, `${what}: font`)
              if (surface) {
                assert.equal(part.radius, '4px', `${what}: radius`)
                assert.match(part.background, /^rgb\(/, `${what}: an opaque background`)
                const l = luminance(part.background)
                assert.ok(theme.dark ? l < 0.05 : l > 0.8, `${what}: background ${part.background} in ${theme.name}`)
              }
            }

            // The page: a card, and the focus ring, which follows the host's accent.
            expectPart(await seen(page.locator('.uk-card').first()), 'page card')
            const trigger = page.locator('.uk-range-trigger')
            await trigger.focus()
            assert.equal(await trigger.evaluate((el) => el.matches(':focus-visible') && getComputedStyle(el).outlineColor), accent, 'focus ring')

            // The filter menu.
            await page.getByRole('button', { name: /^Teams?:/ }).click()
            const menu = page.locator('.uk-popover').filter({ has: page.locator('.uk-option-list') })
            await menu.waitFor()
            expectPart(await seen(menu), 'filter menu')
            await page.keyboard.press('Escape')
            await menu.waitFor({ state: 'detached' })

            // The time-range popover, its chosen preset and the calendar's selected range.
            await page.locator('.uk-range-trigger').click()
            const range = page.locator('.uk-range-popover')
            await range.waitFor()
            expectPart(await seen(range), 'time-range popover')
            assert.equal(await range.locator('.uk-range-preset[aria-pressed="true"]').evaluate((el) => getComputedStyle(el).color), accent, 'chosen preset')
            const rangeEnd = range.locator('.uk-calendar .rdp-range_end .rdp-day_button').first()
            await rangeEnd.waitFor()
            assert.equal(await rangeEnd.evaluate((el) => getComputedStyle(el).backgroundColor), accent, 'calendar: last day of the range')
            expectPart(await seen(range.locator('.uk-calendar')), 'calendar', { surface: false })
            await page.keyboard.press('Escape')
            await range.waitFor({ state: 'detached' })

            // The request drawer.
            await page.locator('table[aria-label="Requests"] tbody tr[data-id]').first().click()
            const drawer = page.locator('.uk-drawer')
            await drawer.waitFor()
            const drawerSeen = await seen(drawer)
            expectPart({ ...drawerSeen, radius: '4px' }, 'request drawer')
            // The drawer is square at the window's edge; its inner parts use the host's radius.
            assert.equal(await drawer.locator('.uk-drawer-status, .uk-badge').first().evaluate((el) => getComputedStyle(el).fontFamily).then((f) => FONT.test(f)), true, 'drawer status: font')
            await page.keyboard.press('Escape')
            await drawer.waitFor({ state: 'detached' })

            assert.deepEqual(errors, [])
          } finally {
            await page.close()
          }
        })
      }
    }
  }
})

describe('a shadcn/ui token set mapped onto usagekit', () => {
  for (const theme of THEMES) {
    test(`page and popups follow the app's tokens, ${theme.name}`, async () => {
      const { page, errors } = await openStory(browser.context, server.url, 'components-theming--shadcn-tokens&args=order:before', { globals: theme.globals })
      try {
        if (theme.media) {
          // The app decides .dark when the story renders: reload under the emulated preference.
          await page.emulateMedia({ colorScheme: theme.media })
          await page.reload()
          await page.locator('.uk-card').first().waitFor()
        }
        const app = await page.locator('.shadcn-app').evaluate((element) => {
          const resolve = (value) => {
            const probe = document.createElement('span')
            probe.style.color = value
            element.appendChild(probe)
            const colour = getComputedStyle(probe).color
            probe.remove()
            return colour
          }
          return { primary: resolve('var(--primary)'), card: resolve('var(--card)') }
        })
        const card = await seen(page.locator('.uk-card').first())
        assert.equal(card.accent, app.primary, 'page: --primary is the accent')
        assert.equal(card.background, app.card, 'page: cards are --card')
        assert.match(card.font, FONT, 'page: --font-sans')
        assert.equal(card.radius, '8px', 'page: --radius minus 2 px')
        await page.locator('.uk-range-trigger').click()
        const range = page.locator('.uk-range-popover')
        await range.waitFor()
        const popup = await seen(range)
        assert.equal(popup.accent, app.primary, 'popover: accent')
        assert.equal(popup.background, app.card, 'popover: surface')
        assert.match(popup.font, FONT, 'popover: font')
        assert.deepEqual(errors, [])
      } finally {
        await page.close()
      }
    })
  }
})

describe('the published stylesheet, untouched by a bundler, in a plain host page', () => {
  const STYLES = fs.readFileSync('packages/react/src/styles.css', 'utf8')
  // A host's CSS as a product team writes it: variables on a wrapper or on the root's class, one
  // plain colour, a dark-specific accent, and a rule restyling a usagekit class at equal specificity.
  const hostCss = (selector) => `
    ${selector} { --uk-accent: light-dark(#0f766e, #2dd4bf); --uk-series-0: #0f766e; --uk-radius: 4px; --uk-font-family: 'DejaVu Sans', sans-serif; }
    .uk-badge { border-radius: 0; }`
  const page = (order, placement, theme) => `<!doctype html><html><head>
    ${order === 'before' ? `<style>${hostCss(placement === 'parent' ? '.host' : '.brand')}</style>` : ''}
    <style>${STYLES}</style>
    ${order === 'after' ? `<style>${hostCss(placement === 'parent' ? '.host' : '.brand')}</style>` : ''}
    </head><body style="font-family: serif"><div class="host"><div class="uk-root brand" data-theme="${theme}">
      <section class="uk-card"><span class="uk-badge">Research</span>
        <button type="button" class="uk-range-preset" aria-pressed="true">Last 7 days</button>
        <svg><rect class="series" width="10" height="10" fill="var(--_uk-series-0)" /></svg></section>
    </div></div></body></html>`

  for (const placement of ['parent', 'root']) {
    for (const order of ['before', 'after']) {
      for (const theme of THEMES) {
        test(`variables on the ${placement === 'parent' ? 'wrapper' : "root's class"}, host CSS ${order}, ${theme.name}`, async () => {
          const tab = await browser.context.newPage()
          try {
            if (theme.media) await tab.emulateMedia({ colorScheme: theme.media })
            await tab.setContent(page(order, placement, theme.globals.split(':')[1]))
            const got = await tab.evaluate((dark) => {
              const style = (selector) => getComputedStyle(document.querySelector(selector))
              const probe = document.createElement('span')
              probe.style.backgroundColor = dark ? 'color-mix(in srgb, #2dd4bf 24%, transparent)' : 'color-mix(in srgb, #0f766e 13%, transparent)'
              document.body.append(probe)
              return {
                expectedTint: getComputedStyle(probe).backgroundColor,
                card: style('.uk-card').backgroundColor,
                radius: style('.uk-card').borderTopLeftRadius,
                badgeRadius: style('.uk-badge').borderTopLeftRadius,
                font: style('.uk-card').fontFamily,
                preset: style('.uk-range-preset').color,
                presetTint: style('.uk-range-preset').backgroundColor,
                series: style('.series').fill,
              }
            }, theme.dark)
            assert.equal(got.preset, theme.dark ? LIGHT_TEAL : TEAL, 'the host accent (its dark value in dark)')
            assert.equal(got.presetTint, got.expectedTint, 'the accent tint is mixed from the host accent')
            assert.equal(got.series, TEAL, 'a plain host colour stays in dark mode')
            assert.equal(got.radius, '4px')
            assert.equal(got.badgeRadius, '0px', "the host's .uk-badge rule wins at equal specificity")
            assert.match(got.font, FONT)
            const l = luminance(got.card)
            assert.ok(theme.dark ? l < 0.05 : l > 0.8, `card background ${got.card} in ${theme.name}`)
          } finally {
            await tab.close()
          }
        })
      }
    }
  }
})
