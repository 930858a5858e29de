// Bundle budgets (min + gzip), peers excluded: what a host pays for each part of @usagekit/react.
// Modules behind a dynamic import() (the calendar, the CSV writer, the drawer body, the catalogs of
// languages other than English) load on first use, so they are left out of what a page pays up front.
const peers = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query']
const lazyModulesExternal = {
  name: 'lazy-modules-external',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined))
  },
}
const upFront = (config) => ({ ...config, plugins: [...(config.plugins ?? []), lazyModulesExternal] })
const react = 'packages/react/dist/index.js'
const check = (name, imports, limit) => ({ name, path: react, import: imports, limit, ignore: peers, gzip: true, modifyEsbuildConfig: upFront })

module.exports = [
  // UI strings come from the message catalog (docs/i18n.md). The provider carries the English catalog;
  // a part that works without one (KpiCard, TimeChart) carries only its own strings as a fallback
  // (enBasicMessages, enChartMessages), so KpiCard alone stays at 4.3 kB. Other languages load per locale.
  check('KpiCard alone', '{ KpiCard }', '5 kB'),
  // 35 kB in the first wave; the provider now carries the page's colour registry (one colour per key
  // across charts and badges, a second-wave decision) and the table its card layout: 36 kB. Issue 16's
  // cross-filter and drill-down (the provider's onSelectKey / onViewRequests, the row click and row
  // action) add about 1.8 kB, columns as data (issue 15) about 0.45 kB, the design pass (issue 14: the
  // table ranks team colours itself, fits model badges whole with "+N") 0.4 kB, and the English catalog
  // the provider carries (about 4.5 kB): 43.2 kB measured, 44 kB.
  check('BreakdownTable alone (with its provider)', '{ BreakdownTable, UsageProvider }', '44 kB'),
  check('ActivityChart alone (with its provider)', '{ ActivityChart, UsageProvider }', '65 kB'),
  check('UsagePage up front (calendar, CSV writer and drawer body load on first use)', '{ UsagePage, UsageProvider }', '130 kB'),
  { name: '@usagekit/core main entry', path: 'packages/core/dist/index.js', import: '*', limit: '25 kB', gzip: true },
  { name: '@usagekit/core/csv (loaded on first export)', path: 'packages/core/dist/csv/index.js', import: '*', limit: '20 kB', gzip: true },
]
