import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { sourceAliases } from '../../scripts/sourceAliases.ts'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  resolve: {
    alias: sourceAliases,
  },
  build: {
    outDir: fileURLToPath(new URL('../../node_modules/.bench-browser', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: { onwarn: (warning, warn) => warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warn(warning) },
  },
})
