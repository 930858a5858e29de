// The React 18 test run of @usagekit/react (packages/react/vitest.react18.config.ts) installs
// react-dom 18 under the alias `react-dom-18`. Its peer `react` would resolve to the workspace's
// React 19 (peers resolve by name from the importer), and react-dom 18 over React 19 is no React 18
// at all; so react-dom 18 gets React 18 as its own dependency.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === 'react-dom' && pkg.version === '18.3.1') {
        delete pkg.peerDependencies.react
        pkg.dependencies = { ...pkg.dependencies, react: '18.3.1' }
      }
      return pkg
    },
  },
}
