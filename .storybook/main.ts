import type { StorybookConfig } from '@storybook/react-vite'
import { sourceAliases } from '../scripts/sourceAliases.ts'

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
    viteConfig.resolve.alias = sourceAliases
    return viteConfig
  },
}
export default config
