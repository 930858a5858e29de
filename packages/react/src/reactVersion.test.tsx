import { version as reactVersion } from 'react'
import { version as reactDomVersion } from 'react-dom'
import { describe, expect, it } from 'vitest'

// vitest.config.ts runs these tests on React 19, vitest.react18.config.ts on React 18: this proves
// each run really has the React it names, with one copy of React under react-dom.
describe('the React under test', () => {
  it('is the major version this run is for, in react and react-dom alike', () => {
    const major = process.env.USAGEKIT_REACT_MAJOR
    expect(major).toMatch(/^1[89]$/)
    expect(reactVersion.split('.')[0]).toBe(major)
    expect(reactDomVersion).toBe(reactVersion)
  })
})
