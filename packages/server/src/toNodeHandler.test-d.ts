import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import { describe, expectTypeOf, it } from 'vitest'
import type { NodeIncomingMessage, NodeServerResponse } from './index'
import { toNodeHandler } from './index'

// The public types describe Node's objects structurally (no @types/node for hosts); these checks
// keep them honest against @types/node's real ones.
describe('toNodeHandler types', () => {
  it("takes Node's own request and response", () => {
    expectTypeOf<IncomingMessage>().toExtend<NodeIncomingMessage>()
    expectTypeOf<ServerResponse>().toExtend<NodeServerResponse>()
  })

  it('mounts in http.createServer as it is', () => {
    const server = createServer(toNodeHandler(() => new Response('ok')))
    expectTypeOf(server.listen).toBeFunction()
    expectTypeOf(toNodeHandler(() => new Response('ok'))).parameters.toEqualTypeOf<[NodeIncomingMessage, NodeServerResponse]>()
  })
})
