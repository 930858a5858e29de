import react from '@vitejs/plugin-react'
import { toNodeHandler } from '@usagekit/server'
import { type Connect, type Plugin, defineConfig } from 'vite'
import { usageApi } from './server/usageApi'

/** Serves /api/usage from Vite's own server, in `vite` (dev) and `vite preview` alike. */
function usageApiPlugin(): Plugin {
  const usage = toNodeHandler(usageApi)
  const middleware: Connect.NextHandleFunction = (req, res, next) => (req.url?.startsWith('/api/usage/') ? void usage(req, res) : next())
  return {
    name: 'usage-api',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  }
}

export default defineConfig({
  plugins: [react(), usageApiPlugin()],
})
