import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { UsageHandler } from './createUsageHandler'
import { toNodeHandler } from './toNodeHandler'

/** Serves a handler on a real loopback socket for tests; resolves to its base URL and a close(). */
export async function listenOnLoopback(handler: UsageHandler): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(toNodeHandler(handler))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
