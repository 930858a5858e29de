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
  // The English catalog (every UI string and the key set, 3.8 kB) comes with any part that shows text,
  // in place of the strings each module carried: KpiCard 1.7 → 5.7 kB, BreakdownTable 35.6 → 39.9 kB,
  // UsagePage 99.4 → 103.5 kB (its budget unchanged). The other languages load per locale (~4.1–4.6 kB each).
  // BreakdownTable gets 1 kB over its figure: every string other parts add now lands in the shared catalog.
  check('KpiCard alone', '{ KpiCard }', '6 kB'),
  // 35 kB in the first wave; the provider now carries the page's colour registry (one colour per key
  // across charts and badges, a second-wave decision) and the table its card layout: 36 kB. Issue 16's
  // cross-filter and drill-down (the provider's onSelectKey / onViewRequests, the row click and row
  // action) add about 1.8 kB, columns as data (issue 15) about 0.45 kB, and the English catalog that
  // every part showing text now carries 3.8 kB: BUDGET_BT.
  check('BreakdownTable alone (with its provider)', '{ BreakdownTable, UsageProvider }', '44 kB'),
  check('ActivityChart alone (with its provider)', '{ ActivityChart, UsageProvider }', '65 kB'),
  check('UsagePage up front (calendar, CSV writer and drawer body load on first use)', '{ UsagePage, UsageProvider }', '130 kB'),
  { name: '@usagekit/core main entry', path: 'packages/core/dist/index.js', import: '*', limit: '25 kB', gzip: true },
  { name: '@usagekit/core/csv (loaded on first export)', path: 'packages/core/dist/csv/index.js', import: '*', limit: '20 kB', gzip: true },
]
