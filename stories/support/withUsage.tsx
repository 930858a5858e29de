import type { Decorator } from '@storybook/react-vite'
import { ADAPTER_METHODS, type OptionalRecordField, type UsageAdapter, type UsageRecord } from '@usagekit/core'
import type { MemoryAdapterOptions } from '@usagekit/core/memory'
import type { UsageProviderProps } from '@usagekit/react'
import { useMemo } from 'react'
import { StoryProvider } from './StoryProvider'
import { foreignTable, storyAdapter, storyRecords } from './storyData'

/** What a story asks of its data: a state, the adapter's options, provider props, a width. */
export interface UsageStoryParameters {
  /** `ready` (default), `loading` (answers never arrive), `error` (every method fails), `empty` (no records). */
  state?: 'ready' | 'loading' | 'error' | 'empty'
  adapter?: MemoryAdapterOptions & { records?: UsageRecord[] }
  /** A foreign table without these record fields: the adapter offers nothing they answer (see `foreignTable`). */
  lacks?: OptionalRecordField[]
  provider?: Partial<UsageProviderProps>
  /** Render in a column this wide (360 for the narrow stories). */
  width?: number
  /** Pages bring their own UsageRoot and padding. */
  framed?: boolean
}

function adapterFor(parameters: UsageStoryParameters): UsageAdapter {
  if (parameters.lacks) {
    const { records, ...options } = parameters.adapter ?? {}
    return foreignTable(parameters.state === 'empty' ? [] : (records ?? storyRecords()), parameters.lacks, {
      ...options,
      ...(parameters.state === 'loading' ? { latency: 1e9 } : {}),
      ...(parameters.state === 'error' ? { failMethods: ADAPTER_METHODS.filter((m) => m !== 'getCapabilities') } : {}),
    })
  }
  const options = parameters.adapter ?? {}
  switch (parameters.state) {
    case 'loading':
      return storyAdapter({ ...options, latency: 1e9 })
    case 'error':
      return storyAdapter({ ...options, failMethods: ADAPTER_METHODS.filter((m) => m !== 'getCapabilities') })
    case 'empty':
      return storyAdapter({ ...options, records: [], meters: [] })
    default:
      return storyAdapter(options)
  }
}

/** Wraps every story in a provider over the memory adapter, as `parameters.usage` describes. */
export const withUsage: Decorator = (Story, context) => {
  const parameters: UsageStoryParameters = context.parameters.usage ?? {}
  // One adapter per story; the fixture records themselves are generated once per page.
  const adapter = useMemo(() => adapterFor(parameters), [context.id])
  const body = parameters.width ? (
    <div style={{ width: parameters.width, maxWidth: '100%' }}>
      <Story />
    </div>
  ) : (
    <Story />
  )
  const framed = parameters.framed ?? true
  // The host page a story stands in for: its <main> landmark and, when the story is a part (pages
  // bring their own title), the page's <h1> and the <h2> of the section the part sits in (cards title
  // themselves with <h3>). axe's page-level rules (landmark-one-main, page-has-heading-one, region,
  // heading-order) are about that page, which an embedded component never renders itself.
  return (
    <main>
      {framed ? (
        <>
          <h1 className="uk-visually-hidden">{context.title.split('/').pop()}</h1>
          <h2 className="uk-visually-hidden">{context.name}</h2>
        </>
      ) : null}
      <StoryProvider
        key={context.id}
        adapter={adapter}
        theme={context.globals.theme}
        framed={framed}
        // A loading story waits for ever rather than turning into the timeout error.
        timeoutMs={parameters.state === 'loading' ? 0 : undefined}
        {...parameters.provider}
      >
        {body}
      </StoryProvider>
    </main>
  )
}
