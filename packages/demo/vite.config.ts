import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const src = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url))

export default defineConfig({
  // The console bundles the package sources directly (no package build needed for the browser side).
  resolve: {
    alias: [
      { find: /^@usagekit\/core\/http$/, replacement: src('core/src/http/index.ts') },
      { find: /^@usagekit\/core\/csv$/, replacement: src('core/src/csvExport/index.ts') },
      { find: /^@usagekit\/core\/validation$/, replacement: src('core/src/validation/index.ts') },
      { find: /^@usagekit\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@usagekit\/react\/styles\.css$/, replacement: src('react/src/styles.css') },
      { find: /^@usagekit\/react$/, replacement: src('react/src/index.ts') },
    ],
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
