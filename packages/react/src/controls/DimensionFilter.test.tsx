import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { UsageAdapter } from '@usagekit/core'
import { describe, expect, it } from 'vitest'
import { renderUsage, testAdapter } from '../test/renderUsage.js'
import { DimensionFilter } from './DimensionFilter.js'

/** The memory adapter with a tighter filter limit announced in its capabilities. */
function limitedTo(maxFilterValues: number): UsageAdapter {
  const inner = testAdapter()
  return {
    ...inner,
    getCapabilities: async (params) => {
      const capabilities = await inner.getCapabilities(params)
      return { ...capabilities, limits: { ...capabilities.limits, maxFilterValues, maxSearchLength: 40 } }
    },
  }
}

describe('DimensionFilter', () => {
  it('offers no more values than the adapter accepts in one filter, and says why', async () => {
    renderUsage(<DimensionFilter dimension="model" />, { adapter: limitedTo(2) })
    await userEvent.click(screen.getByRole('button', { name: /Model: All/ }))
    const list = await screen.findByRole('list', { name: 'Model' })
    const options = (await within(list).findAllByRole('checkbox')).slice(1)
    expect(options.length).toBeGreaterThan(2)
    await userEvent.click(options[0]!)
    await userEvent.click(options[1]!)
    expect(options[2]).toBeDisabled()
    expect(options[0]).toBeEnabled()
    expect(within(list).getByRole('status')).toHaveTextContent('At most 2 at once')
    expect(screen.getByRole('searchbox', { name: /Search model/ })).toHaveAttribute('maxlength', '40')
    // Clearing one makes room again.
    await userEvent.click(options[0]!)
    expect(options[2]).toBeEnabled()
  })
})
