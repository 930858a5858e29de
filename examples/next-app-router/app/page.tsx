import { UsageClient } from './UsageClient'

// Rendered per request, so the server's "now" is the request's, not the build's.
export const dynamic = 'force-dynamic'

/**
 * A server component: it fixes the time zone, locale and "now" for the first render, so the HTML
 * the server sends and the client's first render agree (no hydration mismatch). A real console
 * would use the signed-in user's zone and language.
 */
export default function UsagePageRoute() {
  return <UsageClient timeZone="UTC" locale="en-US" now={new Date().toISOString()} />
}
