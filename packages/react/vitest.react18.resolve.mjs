// Preloaded into the React 18 test workers (vitest.react18.config.ts, `--import`): makes every
// `react` and `react-dom` import or require in the process — ours, and those inside dependencies
// that Node loads itself (CommonJS ones such as use-sync-external-store and @testing-library/react)
// — the React 18 that devDependencies install as the aliases `react-18` and `react-dom-18`. Vite's
// `resolve.alias` only reaches the modules Vite transforms.
import Module, { createRequire, register } from 'node:module'
import { pathToFileURL } from 'node:url'

const ALIASES = { react: 'react-18', 'react-dom': 'react-dom-18' }
const packageRequire = createRequire(import.meta.url)

/** `react-dom/client` → `react-dom-18/client`; anything else → undefined. */
function react18Specifier(specifier) {
  const [name, ...rest] = specifier.split('/')
  const alias = ALIASES[name]
  return alias ? [alias, ...rest].join('/') : undefined
}

// CommonJS: require('react') anywhere resolves from this package, to the alias.
const resolveFilename = Module._resolveFilename
Module._resolveFilename = function resolveReact18(request, parent, isMain, options) {
  const mapped = react18Specifier(request)
  return mapped ? packageRequire.resolve(mapped) : resolveFilename.call(this, request, parent, isMain, options)
}

// ES modules: the same mapping as a resolve hook.
const hook = `
const ALIASES = ${JSON.stringify(ALIASES)}
const base = ${JSON.stringify(pathToFileURL(packageRequire.resolve('./package.json')).href)}
export async function resolve(specifier, context, nextResolve) {
  const [name, ...rest] = specifier.split('/')
  const alias = ALIASES[name]
  return alias ? nextResolve([alias, ...rest].join('/'), { ...context, parentURL: base }) : nextResolve(specifier, context)
}`
register(`data:text/javascript,${encodeURIComponent(hook)}`)
