import { copyFileSync } from 'node:fs'
import { defineConfig } from 'tsup'

export default defineConfig({
  // One output file per source module (not one bundle): a host's bundler then drops every module a
  // page does not import, so KpiCard alone costs KpiCard (sideEffects: only the CSS).
  entry: ['src/**/*.ts', 'src/**/*.tsx', '!src/**/*.test.ts', '!src/**/*.test.tsx', '!src/**/*.test-d.ts', '!src/test/**'],
  bundle: false,
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  target: 'es2022',
  // Every module is a client component or hook (Next.js reads the directive per file).
  banner: { js: "'use client';" },
  onSuccess: async () => {
    copyFileSync('src/styles.css', 'dist/styles.css')
  },
})
