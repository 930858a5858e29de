'use client'

import { QueryClient } from '@tanstack/react-query'
import { createHttpAdapter } from '@usagekit/core/http'
import { UsagePage, UsageProvider } from '@usagekit/react'
import { useState } from 'react'

// The browser calls the route handler in app/api/usage/[...route]/route.ts.
const adapter = createHttpAdapter({ baseUrl: '/api/usage' })

export function UsageClient({ timeZone, locale, now }: { timeZone: string; locale: string; now: string }) {
  // One cache per browser session (a module-level client would be shared by every server request).
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }))
  return (
    <main style={{ maxWidth: 1200, margin: '0 auto', padding: 24 }}>
      <UsageProvider adapter={adapter} queryClient={queryClient} timeZone={timeZone} locale={locale} now={now}>
        <UsagePage />
      </UsageProvider>
    </main>
  )
}
