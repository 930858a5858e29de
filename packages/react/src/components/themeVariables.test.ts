import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { THEME_VARIABLES } from './themeVariables.js'

const src = join(dirname(__filename), '..')
const css = readFileSync(join(src, 'styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
const internal = (name: string) => `--_${name.slice(2)}`
const escape = (text: string) => text.replace(/[-()]/g, '\\$&')

describe('styles.css and the theme variables', () => {
  it('reads every public variable into its internal one, the host value first', () => {
    for (const name of THEME_VARIABLES.filter((n) => n !== '--uk-font-family')) {
      expect(css, name).toMatch(new RegExp(`${escape(internal(name))}: var\\(${escape(name)}, `))
    }
    expect(css).toMatch(/font-family: var\(--uk-font-family\);/)
  })

  it('never declares a public variable, so a host value on any ancestor is what the page uses', () => {
    for (const name of THEME_VARIABLES) expect(css, name).not.toMatch(new RegExp(`(^|[;{\\s])${escape(name)}\\s*:`, 'm'))
  })

  it('draws only with the internal variables (public ones are read once, on the root)', () => {
    const reads = [...css.matchAll(/var\((--uk-[a-z0-9-]+)/g)].map((match) => match[1])
    const themeReads = reads.filter((name) => (THEME_VARIABLES as readonly string[]).includes(name!))
    // One read per variable in the root rule, and the density sizes once more for compact.
    expect(themeReads.length).toBe(THEME_VARIABLES.length + 4)
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    for (const file of files) {
      const code = readFileSync(join(src, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      for (const name of THEME_VARIABLES) expect(code, `${file} draws with ${name}`).not.toContain(`var(${name})`)
    }
  })

  it('has one palette: every colour defined once, as a light-dark pair; the themes set only color-scheme', () => {
    expect(css).not.toMatch(/prefers-color-scheme/)
    for (const name of THEME_VARIABLES.filter((n) => !/radius|gap|pad|row-height|font|focus|accent-soft/.test(n))) {
      const declarations = css.match(new RegExp(`${escape(internal(name))}:[^;]*;`, 'g')) ?? []
      expect(declarations, name).toHaveLength(1)
      expect(declarations[0], name).toContain('light-dark(')
    }
    for (const rule of css.match(/\[data-theme=[^\]]*\]\)?\s*\{[^}]*\}/g) ?? []) expect(rule.replace(/^[^{]*\{|\}$/g, '').trim()).toMatch(/^color-scheme: [a-z ]+;$/)
  })

  it('puts every rule in the usagekit layer', () => {
    const rules = css.trim()
    expect(rules.startsWith('@layer usagekit {')).toBe(true)
    // The layer's block closes at the very end of the file.
    let depth = 0
    let closedAt = -1
    for (let i = rules.indexOf('{'); i < rules.length; i++) {
      if (rules[i] === '{') depth++
      else if (rules[i] === '}' && --depth === 0) {
        closedAt = i
        break
      }
    }
    expect(closedAt).toBe(rules.length - 1)
  })
})
