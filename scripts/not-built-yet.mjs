// Root scripts whose issue has not landed yet say so plainly and fail, rather than pretend.
const what = process.argv[2]
const messages = {
  bench: 'The benchmarks are not built yet: they arrive with the benchmark issue (aggregation, table, charts, bundle size, SQL, HTTP).',
}
console.error(messages[what] ?? `"${what}" is not built yet.`)
process.exit(1)
