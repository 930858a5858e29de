// Root scripts whose issue has not landed yet say so plainly and fail, rather than pretend.
const what = process.argv[2]
const messages = {
  storybook: 'Storybook is not built yet: it arrives with the Storybook issue (components, states and the five seed recipes).',
  bench: 'The benchmarks are not built yet: they arrive with the benchmark issue (aggregation, table, charts, bundle size, SQL, HTTP).',
}
console.error(messages[what] ?? `"${what}" is not built yet.`)
process.exit(1)
