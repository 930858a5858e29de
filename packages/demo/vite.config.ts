import { defineConfig } from 'vite'
import { sourceAliases } from '../../scripts/sourceAliases.ts'

export default defineConfig({
  // The console bundles the package sources directly (no package build needed for the browser side).
  resolve: {
    alias: sourceAliases,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      // Libraries mark client modules with 'use client'; in a client-only bundle that is noise.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
      },
    },
  },
})
