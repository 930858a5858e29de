import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import '@usagekit/react/styles.css'

export const metadata: Metadata = { title: 'Usage — Next.js App Router host' }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ margin: 0 }}>{children}</body>
    </html>
  )
}
