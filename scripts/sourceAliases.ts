import { fileURLToPath } from 'node:url'

const src = (path: string) => fileURLToPath(new URL(`../packages/${path}`, import.meta.url))

/**
 * Vite aliases from the @usagekit packages to their sources, so Storybook, the demo console and the
 * browser bench bundle the code as it is (no package build) — one list for all three.
 */
export const sourceAliases = [
  { find: /^@usagekit\/core\/memory$/, replacement: src('core/src/memory/index.ts') },
  { find: /^@usagekit\/core\/fixtures$/, replacement: src('core/src/fixtures/index.ts') },
  { find: /^@usagekit\/core\/testing$/, replacement: src('core/src/testing/index.ts') },
  { find: /^@usagekit\/core\/http$/, replacement: src('core/src/http/index.ts') },
  { find: /^@usagekit\/core\/csv$/, replacement: src('core/src/csvExport/index.ts') },
  { find: /^@usagekit\/core\/validation$/, replacement: src('core/src/validation/index.ts') },
  { find: /^@usagekit\/core$/, replacement: src('core/src/index.ts') },
  { find: /^@usagekit\/react\/styles\.css$/, replacement: src('react/src/styles.css') },
  { find: /^@usagekit\/react$/, replacement: src('react/src/index.ts') },
]
