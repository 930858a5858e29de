import { QueryClient } from '@tanstack/react-query'
import type { UsageAdapter } from '@usagekit/core'
import { UsageProvider, type UsageProviderProps, UsageRoot, type UsageTheme } from '@usagekit/react'
import { type ReactNode, useState } from 'react'
import { STORY_NOW, storyAdapter } from './storyData'

export interface StoryProviderProps extends Partial<UsageProviderProps> {
  adapter?: UsageAdapter
  theme?: UsageTheme
  /** Wrap children in UsageRoot with page padding (parts stories); pages bring their own. */
  framed?: boolean
  children: ReactNode
}

/** The provider every story uses: the story clock, Berlin time, the memory adapter, the toolbar theme. */
export function StoryProvider({ adapter, framed = true, children, ...props }: StoryProviderProps): ReactNode {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }))
  const [fallback] = useState(() => storyAdapter())
  return (
    <UsageProvider adapter={adapter ?? fallback} queryClient={client} timeZone="Europe/Berlin" locale="en-US" now={STORY_NOW} {...props}>
      {framed ? (
        <UsageRoot style={{ padding: 24, display: 'flex', flexDirection: 'column', gap: 16 }}>{children}</UsageRoot>
      ) : (
        children
      )}
    </UsageProvider>
  )
}
