import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'memory/index': 'src/memory/index.ts',
    'fixtures/index': 'src/fixtures/index.ts',
    'testing/index': 'src/testing/index.ts',
    'http/index': 'src/http/index.ts',
    'csv/index': 'src/csvExport/index.ts',
    'validation/index': 'src/validation/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'es2022',
  treeshake: true,
  // vitest is the conformance kit's optional peer: never bundle it.
  external: ['vitest'],
})
