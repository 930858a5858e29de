import '@usagekit/react/styles.css'
import { QueryClient } from '@tanstack/react-query'
import { createHttpAdapter } from '@usagekit/core/http'
import { UsagePage, UsageProvider } from '@usagekit/react'

// The data stays on the server (server/usageApi.ts, mounted at /api/usage by vite.config.ts): the
// browser only calls the HTTP API.
const adapter = createHttpAdapter({ baseUrl: '/api/usage' })
const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } })

export function App() {
  return (
    <main style={{ maxWidth: 1200, margin: '0 auto', padding: 24 }}>
      <UsageProvider adapter={adapter} queryClient={queryClient}>
        <UsagePage />
      </UsageProvider>
    </main>
  )
}
