import { copyFileSync } from 'node:fs'
import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2022',
  // esbuild drops module-level directives when bundling; every export here is a client component or hook.
  banner: { js: "'use client';" },
  external: ['react', 'react-dom', '@tanstack/react-query'],
  onSuccess: async () => {
    copyFileSync('src/styles.css', 'dist/styles.css')
  },
})
