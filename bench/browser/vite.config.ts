import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const src = (path: string) => fileURLToPath(new URL(`../../packages/${path}`, import.meta.url))

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  resolve: {
    alias: [
      { find: /^@usagekit\/core\/memory$/, replacement: src('core/src/memory/index.ts') },
      { find: /^@usagekit\/core\/fixtures$/, replacement: src('core/src/fixtures/index.ts') },
      { find: /^@usagekit\/core\/csv$/, replacement: src('core/src/csvExport/index.ts') },
      { find: /^@usagekit\/core\/validation$/, replacement: src('core/src/validation/index.ts') },
      { find: /^@usagekit\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@usagekit\/react\/styles\.css$/, replacement: src('react/src/styles.css') },
      { find: /^@usagekit\/react$/, replacement: src('react/src/index.ts') },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('../../node_modules/.bench-browser', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: { onwarn: (warning, warn) => warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warn(warning) },
  },
})
