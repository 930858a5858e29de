import { fileURLToPath } from 'node:url'
import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.ts'

/**
 * The same unit and SSR tests against React 18.3 (the peer range is `^18.2 || ^19`). `react-18` and
 * `react-dom-18` are npm aliases in devDependencies; every import of `react` or `react-dom` — ours,
 * and the ones inside the React libraries we build on — is mapped to them. Those libraries are
 * resolved by Node, so a preload (vitest.react18.resolve.mjs) maps them there; the aliases here map
 * the modules Vite transforms.
 */
export default mergeConfig(
  base,
  defineConfig({
    resolve: {
      alias: [
        { find: /^react$/, replacement: 'react-18' },
        { find: /^react\/(.*)$/, replacement: 'react-18/$1' },
        { find: /^react-dom$/, replacement: 'react-dom-18' },
        { find: /^react-dom\/(.*)$/, replacement: 'react-dom-18/$1' },
      ],
    },
    test: {
      name: 'react18',
      env: { USAGEKIT_REACT_MAJOR: '18' },
      // Node itself loads the dependencies Vite does not transform: the preload maps them too.
      execArgv: ['--import', fileURLToPath(new URL('./vitest.react18.resolve.mjs', import.meta.url))],
      // The type tests (*.test-d.ts) run once, against the workspace's @types/react 19.
      typecheck: { enabled: false },
    },
  }),
)
