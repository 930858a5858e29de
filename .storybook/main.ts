import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'

const src = (path: string) => fileURLToPath(new URL(`../packages/${path}`, import.meta.url))

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  addons: ['@storybook/addon-docs'],
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  core: { disableTelemetry: true },
  docs: { defaultName: 'Docs' },
  typescript: { reactDocgen: 'react-docgen-typescript' },
  // Stories import the package sources: no build needed to see a change.
  viteFinal: async (viteConfig) => {
    viteConfig.resolve ??= {}
    viteConfig.resolve.alias = [
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
    return viteConfig
  },
}
export default config
