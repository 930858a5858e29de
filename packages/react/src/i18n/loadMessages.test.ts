import { describe, expect, it } from 'vitest'
import { enMessages } from './enMessages.js'
import { loadMessages, loadedMessages } from './loadMessages.js'

describe('loadMessages', () => {
  it('resolves English at once and loads another catalog once, on first use', async () => {
    expect(loadedMessages('en-US')).toBe(enMessages)
    expect(await loadMessages('xx')).toBe(enMessages)
    expect(loadedMessages('es-MX')).toBeUndefined()
    const first = loadMessages('es-MX')
    // A second caller while it loads shares the same import.
    expect(loadMessages('es-ES')).toBe(first)
    const es = await first
    expect(es['page.title']).toBe('Uso')
    expect(loadedMessages('es')).toBe(es)
    expect(await loadMessages('es-AR')).toBe(es)
  })
})
