import { screen, waitFor, within } from '@testing-library/react'
import type { RequestDetail, UsageAdapter } from '@usagekit/core'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { foreignAdapter } from '../test/foreignAdapter.js'
import { renderUsage, testRecords } from '../test/renderUsage.js'
import { RequestDrawer } from './RequestDrawer.js'
import { JSON_TREE_MAX_DEPTH } from './JsonTree.js'

function deep(levels: number): unknown {
  let value: unknown = 'bottom'
  for (let i = levels; i > 0; i--) value = { [`level${i}`]: value }
  return value
}

const nested = {
  route: 'chat',
  attempt: 2,
  cached: false,
  traceId: null,
  headers: { 'x-foo': 'bar', 'x-request-id': 'req_123' },
  retries: [1, 2],
  nested: { a: { b: null } },
  empty: {},
  '<img src=x onerror=alert(1)>': { '<b>key</b>': '<script>alert(2)</script>' },
  tooDeep: deep(JSON_TREE_MAX_DEPTH + 4),
}

function renderDrawer(metadata: Record<string, unknown>) {
  const record = testRecords()[0]!
  const memory = createMemoryAdapter([record])
  const adapter: UsageAdapter = {
    ...memory,
    // The nested shape core's schema is about to allow; validation is off so this test stands either way.
    getRequest: async (p) => ({ ...(await memory.getRequest(p)), metadata } as unknown as RequestDetail),
  }
  renderUsage(<RequestDrawer requestId={record.id} onClose={() => {}} />, { adapter, validate: false })
}

describe('RequestDrawer metadata', () => {
  it('draws nested metadata as a collapsible tree of text, primitives as before', async () => {
    renderDrawer(nested)
    const dialog = await screen.findByRole('dialog')
    const section = await waitFor(() => within(dialog).getByRole('region', { name: 'Metadata' }), { timeout: 5000 })
    expect(section).not.toHaveTextContent('[object Object]')
    // Primitives stay plain text.
    for (const text of ['chat', '2', 'false']) expect(within(section).getAllByText(text).length).toBeGreaterThan(0)
    expect(within(section).getAllByText('null').length).toBeGreaterThanOrEqual(2)
    // Objects and arrays: one <details> per level, the first level open, its keys and values as text.
    const headers = within(section).getByText('headers').nextElementSibling!
    const headersTree = headers.querySelector('details')!
    expect(headersTree).toHaveAttribute('open')
    expect(within(headers as HTMLElement).getByText('x-foo')).toBeInTheDocument()
    expect(within(headers as HTMLElement).getByText('bar')).toBeInTheDocument()
    expect(within(section).getByLabelText('headers: object, 2 keys')).toBeInTheDocument()
    const retries = within(section).getByText('retries').nextElementSibling as HTMLElement
    expect(within(retries).getByLabelText('retries: array, 2 items')).toBeInTheDocument()
    expect(within(retries).getByText('[0]')).toBeInTheDocument()
    expect(within(retries).getByText('1')).toBeInTheDocument()
    const inner = within(section).getByText('nested').nextElementSibling as HTMLElement
    const levels = inner.querySelectorAll('details')
    expect(levels).toHaveLength(2)
    expect(levels[1]).not.toHaveAttribute('open')
    expect(within(inner).getByText('b')).toBeInTheDocument()
    expect(within(section).getByText('{}')).toBeInTheDocument()
    // Markup in keys and values is text.
    expect(within(section).getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument()
    expect(within(section).getByText('<b>key</b>')).toBeInTheDocument()
    expect(within(section).getByText('<script>alert(2)</script>')).toBeInTheDocument()
    expect(document.querySelector('img, b, script')).toBeNull()
    // Past the depth limit: "…", not the rest.
    const tooDeep = within(section).getByText('tooDeep').nextElementSibling as HTMLElement
    expect(tooDeep.querySelectorAll('details')).toHaveLength(JSON_TREE_MAX_DEPTH)
    expect(within(tooDeep).getByText('{…}')).toBeInTheDocument()
    expect(within(tooDeep).queryByText('bottom')).not.toBeInTheDocument()
  })

  it('copes with keys that look like object internals and with very long arrays', async () => {
    const metadata = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c", "list": [' + Array.from({ length: 250 }, (_, i) => i).join(',') + ']}') as Record<string, unknown>
    renderDrawer(metadata)
    const dialog = await screen.findByRole('dialog')
    const section = await waitFor(() => within(dialog).getByRole('region', { name: 'Metadata' }), { timeout: 5000 })
    expect(within(section).getByText('__proto__')).toBeInTheDocument()
    expect(within(section).getByText('polluted')).toBeInTheDocument()
    expect(within(section).getByText('constructor')).toBeInTheDocument()
    expect(within(section).getByText('… 50 more')).toBeInTheDocument()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('RequestDrawer over a backend that records less', () => {
  const terms = (dialog: HTMLElement) => within(dialog).getAllByRole('term').map((dt) => dt.textContent)
  const value = (dialog: HTMLElement, term: string) => {
    // The header repeats some facts (cost, tokens): the rows are looked up in the body's sections.
    const sections = within(dialog).getAllByRole('region')
    const dt = sections.flatMap((section) => within(section).queryAllByText(term, { selector: 'dt' }))
    expect(dt).toHaveLength(1)
    return dt[0]!.nextElementSibling as HTMLElement
  }

  it('shows no call type, model id, retries, cache flag, cached tokens or cost breakdown it was not given, and no user for a request without one', async () => {
    const record = { ...testRecords().find((r) => r.cachedInputTokens > 0)!, userId: '', userName: undefined, userEmail: undefined, costBreakdown: undefined }
    const adapter = foreignAdapter([record], ['cachedInputTokens', 'cacheHit', 'customer'])
    // What a foreign table answers: none of the optional fields, no cost lines.
    const bare: UsageAdapter = {
      ...adapter,
      getRequest: async (p) => {
        const detail = { ...(await adapter.getRequest(p)), costBreakdown: [] } as RequestDetail
        for (const field of ['callType', 'modelId', 'retries', 'cacheHit'] as const) delete detail[field]
        return detail
      },
    }
    renderUsage(<RequestDrawer requestId={record.id} onClose={() => {}} />, { adapter: bare })
    const dialog = await screen.findByRole('dialog')
    await waitFor(() => expect(within(dialog).getByRole('region', { name: 'Metrics' })).toBeInTheDocument(), { timeout: 5000 })
    for (const term of ['Call type', 'Model ID', 'Retries', 'Cache hit', 'Customer']) expect(terms(dialog)).not.toContain(term)
    expect(within(dialog).queryByRole('region', { name: 'Cost breakdown' })).not.toBeInTheDocument()
    // The cost is still there, once, as the backend gave it.
    expect(value(dialog, 'Cost')).toHaveTextContent('$')
    expect(value(dialog, 'Tokens')).not.toHaveTextContent(/cached/)
    expect(value(dialog, 'User')).toHaveTextContent('(none)')
    expect(dialog).not.toHaveTextContent(/undefined|NaN/)
  })

  it('shows them when the backend recorded them', async () => {
    const record = {
      ...testRecords().find((r) => r.cachedInputTokens > 0)!,
      customer: 'Acme Corp',
      callType: 'acompletion',
      modelId: 'azure/gpt-4o-2024-08-06',
      retries: 2,
      cacheHit: true,
      costBreakdown: [{ label: 'Input', amount: 0.001 }],
    }
    renderUsage(<RequestDrawer requestId={record.id} onClose={() => {}} />, { adapter: foreignAdapter([record], []) })
    const dialog = await screen.findByRole('dialog')
    await waitFor(() => expect(within(dialog).getByRole('region', { name: 'Metrics' })).toBeInTheDocument(), { timeout: 5000 })
    expect(value(dialog, 'Call type')).toHaveTextContent('acompletion')
    expect(value(dialog, 'Model ID')).toHaveTextContent('azure/gpt-4o-2024-08-06')
    expect(value(dialog, 'Retries')).toHaveTextContent('2')
    expect(value(dialog, 'Cache hit')).toHaveTextContent('Yes')
    expect(value(dialog, 'Customer')).toHaveTextContent('Acme Corp')
    expect(value(dialog, 'Tokens')).toHaveTextContent(/cached/)
    const breakdown = within(dialog).getByRole('region', { name: 'Cost breakdown' })
    expect(within(breakdown).getByText('Input')).toBeInTheDocument()
  })
})

describe('RequestDrawer header, error callout and cost table', () => {
  const base = () => testRecords().find((r) => r.status === 'success' && r.cachedInputTokens === 0)!

  it('names the request in its header: status as icon and word, model, time in the provider\'s zone, exact cost, copyable id', async () => {
    const record = { ...base(), id: 'chatcmpl-header-check', timestamp: '2026-11-19T13:14:05.000Z', cost: 0.00100188, costBreakdown: [{ label: 'Input tokens', amount: 0.00054108 }, { label: 'Output tokens', amount: 0.0004608 }] }
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    renderUsage(<RequestDrawer requestId={record.id} onClose={() => {}} />, { adapter: createMemoryAdapter([record]) })
    const dialog = await screen.findByRole('dialog')
    await waitFor(() => expect(dialog).toHaveAccessibleName(`Request ${record.model}`), { timeout: 5000 })
    const status = dialog.querySelector('.uk-drawer-status')!
    expect(status).toHaveTextContent('Success')
    expect(status.querySelector('svg')).not.toBeNull()
    const facts = await waitFor(() => {
      const element = dialog.querySelector<HTMLElement>('.uk-drawer-facts')
      expect(element).not.toBeNull()
      return element!
    }, { timeout: 5000 })
    // Europe/Berlin (the provider's zone), with seconds and the zone named.
    expect(within(facts).getByText(/Nov 19, 2026, 2:14:05\sPM GMT\+1/)).toBeInTheDocument()
    expect(within(facts).getByText('$0.00100188')).toBeInTheDocument()
    expect(within(dialog).getByText(record.id, { selector: 'dd span' })).toBeInTheDocument()
    await userEvent.click(within(dialog).getByRole('button', { name: `Copy request ID ${record.id}` }))
    expect(writeText).toHaveBeenCalledWith(record.id)
    await waitFor(() => expect(within(dialog).getByRole('button', { name: `Copy request ID ${record.id}: copied` })).toBeInTheDocument())
  })

  it('puts a failed request\'s error first, as a callout with its message and retries', async () => {
    const record = { ...base(), id: 'req_failed', status: 'error' as const, errorMessage: 'RateLimitError: 429 Too Many Requests', retries: 2, outputTokens: 0, cost: 0, costBreakdown: [] }
    renderUsage(<RequestDrawer requestId={record.id} onClose={() => {}} />, { adapter: createMemoryAdapter([record]) })
    const dialog = await screen.findByRole('dialog')
    const callout = await waitFor(() => {
      const element = dialog.querySelector<HTMLElement>('.uk-drawer-callout')
      expect(element).not.toBeNull()
      return element!
    }, { timeout: 5000 })
    expect(callout).toHaveTextContent('Request failed')
    expect(callout).toHaveTextContent('RateLimitError: 429 Too Many Requests')
    expect(callout).toHaveTextContent('After 2 retries')
    expect(callout.querySelector('svg')).not.toBeNull()
    // Before every section of the body.
    expect(callout.compareDocumentPosition(within(dialog).getByRole('region', { name: 'Request details' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(dialog.querySelector('.uk-drawer-status')).toHaveTextContent('Error')
  })

  it('writes the cost lines and their total exactly, all at one precision, so they visibly add up', async () => {
    const record = { ...base(), id: 'req_cost', cost: 0.00100188, costBreakdown: [{ label: 'Input tokens', amount: 0.00054108 }, { label: 'Output tokens', amount: 0.0004608 }] }
    renderUsage(<RequestDrawer requestId={record.id} onClose={() => {}} />, { adapter: createMemoryAdapter([record]) })
    const dialog = await screen.findByRole('dialog')
    const table = await waitFor(() => within(within(dialog).getByRole('region', { name: 'Cost breakdown' })).getByRole('table'), { timeout: 5000 })
    const rows = within(table).getAllByRole('row').slice(1).map((row) => Array.from(row.children).map((cell) => cell.textContent))
    expect(rows).toEqual([
      ['Input tokens', '$0.00054108'],
      ['Output tokens', '$0.00046080'],
      ['Total', '$0.00100188'],
    ])
  })

  it('shows how each line came about (quantity × rate per 1M) under its label, the amount as recorded; a line without a quantity as before', async () => {
    // The recorded amounts are not quantity × rate (a rounded, discounted bill): the drawer shows them, not a product.
    const record = {
      ...base(),
      id: 'req_rated',
      cost: 0.04,
      costBreakdown: [
        { label: 'Input tokens', amount: 0.0372, quantity: 12400, unit: 'tokens', rate: 3 },
        { label: 'Output tokens', amount: 0.0018, quantity: 120, unit: 'tokens', rate: 15 },
        { label: 'Platform fee', amount: 0.001 },
      ],
    }
    renderUsage(<RequestDrawer requestId={record.id} onClose={() => {}} />, { adapter: createMemoryAdapter([record]) })
    const dialog = await screen.findByRole('dialog')
    const table = await waitFor(() => within(within(dialog).getByRole('region', { name: 'Cost breakdown' })).getByRole('table'), { timeout: 5000 })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((row) => row.querySelector('.uk-cost-how')?.textContent ?? null)).toEqual(['12,400 tokens × $3.00 / 1M', '120 tokens × $15.00 / 1M', null, null])
    expect(rows.map((row) => row.querySelector('td')!.textContent)).toEqual(['$0.0372', '$0.0018', '$0.0010', '$0.0400'])
    expect(within(rows[2]!).getByRole('rowheader')).toHaveTextContent(/^Platform fee$/)
  })
})
