import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { THEME_VARIABLES } from './themeVariables.js'

const css = readFileSync(join(dirname(__filename), '../styles.css'), 'utf8')
const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '')
const registered = [...withoutComments.matchAll(/@property\s+(--uk-[a-z0-9-]+)/g)].map((match) => match[1])

describe('styles.css and the theme variables', () => {
  it('registers only listed variables, and every listed one is registered or read with a fallback', () => {
    expect(registered.length).toBeGreaterThan(30)
    for (const name of registered) expect(THEME_VARIABLES).toContain(name)
    for (const name of THEME_VARIABLES.filter((n) => !registered.includes(n))) {
      // Unregistered: read once into an internal --_uk-* variable (or, for the font, left unset = inherited).
      expect(withoutComments, name).toMatch(new RegExp(`var\\(${name}[,)]`))
    }
  })

  it('never declares a public variable, so a host value on any ancestor is inherited', () => {
    for (const name of THEME_VARIABLES) expect(withoutComments, name).not.toMatch(new RegExp(`(^|[;{\\s])${name}\\s*:`, 'm'))
  })

  it('has one palette: no theme-specific rule redeclares colours, each default is a light-dark pair', () => {
    expect(withoutComments).not.toMatch(/prefers-color-scheme/)
    const colours = THEME_VARIABLES.filter((n) => registered.includes(n) && n !== '--uk-radius')
    for (const name of colours) expect(withoutComments, name).toMatch(new RegExp(`@property ${name} \\{[^}]*initial-value:[^;]*light-dark\\(`))
  })

  it('puts every rule in the usagekit layer (after the @property registrations)', () => {
    const rules = withoutComments.replace(/@property[^}]*\}/g, '').trim()
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
