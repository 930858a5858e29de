// Shared helpers: timing with medians, and the results table.

/** Runs fn `runs` times after `warmup` runs; returns { median, min, max } in ms. */
export async function measure(fn, { runs = 7, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) await fn()
  const times = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1] }
}

export const ms = (value) => (value === undefined ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(1))

/** One result row: what, the measure, an optional budget (ms or bytes) and whether it held. */
export function row(section, name, stats, { budget, unit = 'ms', note = '' } = {}) {
  const value = stats.median
  const pass = budget === undefined ? null : value <= budget
  return { section, name, median: value, min: stats.min, max: stats.max, unit, budget, pass, note }
}
