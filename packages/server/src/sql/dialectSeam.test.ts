import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

// A branch on the engine outside dialects/ would silently run one engine's SQL on another that is
// added later; everything engine-specific belongs to a dialect module.
it('no source file outside dialects/ asks which engine it talks to', () => {
  const root = path.dirname(fileURLToPath(import.meta.url))
  const sources = (fs.readdirSync(root, { recursive: true }) as string[]).filter(
    (file) => file.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(file) && !file.startsWith(`dialects${path.sep}`),
  )
  expect(sources.length).toBeGreaterThan(10)
  const branches = sources.flatMap((file) =>
    fs
      .readFileSync(path.join(root, file), 'utf8')
      .split('\n')
      .flatMap((line, index) => (/\.name\s*[!=]==?\s*['"`]|\bdialect\s*[!=]==?\s*['"`]/.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  )
  expect(branches).toEqual([])
})
