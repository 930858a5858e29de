import { FIELD_FAMILIES, REQUIRED_FIELDS, type ColumnKind, type ResolvedColumns, type ResolvedField, type ResolvedRef, type ResolvedSource, type SqlField } from './sqlColumns'
import { quoteTableName } from './sqlColumns'
import type { SqlDialect } from './dialects/sqlDialect'
import type { SqlLabelSources } from './sqlLabelSources'

/** A table's columns as the catalog lists them: name → the adapter's kind of it, and the engine's own type name. */
export type CatalogColumns = ReadonlyMap<string, { kind: ColumnKind; type: string }>

/** The mapping does not fit the table: every problem, each naming the field, the column and what to do. */
export class SqlMappingError extends Error {
  readonly code = 'SQL_MAPPING'
  constructor(
    readonly problems: readonly string[],
    /** What the table does have, said once after the problems. */
    note?: string,
  ) {
    super(`createSqlAdapter: the column mapping does not fit the table:\n- ${problems.join('\n- ')}${note ? `\n${note}` : ''}`)
    this.name = 'SqlMappingError'
  }
}

/** Edits (insert, delete, substitute) between two short names, case-insensitively. */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[y.length]!
}

/** The names among `names` a typo of `name` most likely meant (a different case, a letter or two off). */
export function closestNames(name: string, names: Iterable<string>): string[] {
  const scored = [...names].map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
  const best = Math.min(...scored.map((entry) => entry.distance))
  if (!Number.isFinite(best) || best > Math.max(1, Math.floor(name.length / 4))) return []
  return scored.filter((entry) => entry.distance === best).map((entry) => entry.candidate)
}

/**
 * A PostgreSQL or DuckDB type name as the adapter sees it (both dialects' `columnKind`; an engine
 * with other type names brings its own).
 */
export function columnKind(type: string): ColumnKind {
  const t = type.trim().toLowerCase()
  if (t.endsWith('[]')) return /^(text|character varying|varchar|character|char|bpchar|citext|string)\b/.test(t) ? 'textArray' : 'other'
  if (/^(text|character varying|varchar|character|char|bpchar|citext|name|string)\b/.test(t)) return 'text'
  if (/^timestamp(\(\d+\))? with time zone$|^timestamptz$|^timestamp with time zone$/.test(t)) return 'timestamptz'
  if (/^timestamp(\(\d+\))?( without time zone)?$|^timestamp_(s|ms|ns)$|^datetime$/.test(t)) return 'timestamp'
  if (/^(smallint|integer|bigint|int2|int4|int8|int|tinyint|hugeint|utinyint|usmallint|uinteger|ubigint|uhugeint)$/.test(t)) return 'integer'
  if (/^(numeric|decimal)(\(.*\))?$|^(real|double precision|double|float|float4|float8)$/.test(t)) return 'number'
  if (t === 'json' || t === 'jsonb') return 'json'
  if (t === 'boolean' || t === 'bool') return 'boolean'
  return 'other'
}

/** A table as the dialect's `describeTable` statement found it. */
export interface DescribedTable {
  /** Its columns (empty: no such table). */
  columns: CatalogColumns
  /**
   * Its schema-qualified, quoted name as the catalog found it (`fallback` when the catalog does not
   * say): statements name it so, and a host table called like one of the adapter's WITH steps
   * (`keys`, `labels`) is never shadowed by it.
   */
  name: string
  /** Whether the connection may read it (PostgreSQL says; DuckDB and ClickHouse have no such column). */
  readable: boolean
}

/** The rows of the dialect's `describeTable` statement, each type read as a kind by the dialect. */
export function describedTable(dialect: SqlDialect, rows: readonly Record<string, unknown>[], fallback: string): DescribedTable {
  const columns = new Map<string, { kind: ColumnKind; type: string }>()
  for (const row of rows) {
    const type = String(row.type)
    columns.set(String(row.name), { kind: dialect.columnKind(type), type })
  }
  const first = rows[0]
  const name = first && typeof first.table_schema === 'string' && typeof first.table_name === 'string' ? quoteTableName([first.table_schema, first.table_name]) : fallback
  const flag = first?.readable
  return { columns, name, readable: flag === undefined || flag === null || flag === true || flag === 't' || flag === 'true' }
}

/** "`where`: `table` has no column "x" (did you mean "y"?)." */
function noColumn(where: string, tableName: string, column: string, names: Iterable<string> | null): string {
  const near = names ? closestNames(column, names) : []
  return `${where}: ${tableName} has no column ${JSON.stringify(column)}${near.length ? ` (did you mean ${near.map((name) => JSON.stringify(name)).join(' or ')}?)` : ''}.`
}

/**
 * Checks the `labels` option's tables against the catalog (`describe` reads one), so a misspelt
 * label column fails before the first answer, not when a breakdown first asks for it. Resolves to
 * each dimension's table as the catalog names it.
 */
export async function checkLabelTables(
  labels: SqlLabelSources | undefined,
  describe: (table: string | readonly string[]) => Promise<DescribedTable>,
): Promise<Partial<Record<string, string>>> {
  const problems: string[] = []
  const qualified: Partial<Record<string, string>> = {}
  for (const [dimension, source] of Object.entries(labels ?? {})) {
    if (!source) continue
    const found = await describe(source.table)
    const name = quoteTableName(source.table)
    qualified[dimension] = found.name
    if (found.columns.size === 0) {
      problems.push(`labels.${dimension}: table ${name} was not found.`)
      continue
    }
    if (!found.readable) problems.push(`labels.${dimension}: the connection may not read ${name} (GRANT SELECT ON ${name}).`)
    for (const field of ['key', 'label', 'secondary', 'team'] as const) {
      const column = source[field]
      if (column !== undefined && !found.columns.has(column)) problems.push(noColumn(`labels.${dimension}.${field}`, name, column, found.columns.keys()))
    }
  }
  if (problems.length > 0) throw new SqlMappingError(problems)
  return qualified
}

/** The reference schema's kinds, for adapters told not to read the catalog. */
const ASSUMED_KIND: Record<string, ColumnKind> = {
  text: 'text',
  integer: 'integer',
  duration: 'number',
  money: 'number',
  json: 'json',
  status: 'text',
  boolean: 'boolean',
}

const USABLE: Record<string, readonly ColumnKind[]> = {
  // Any column can be read as text (uuid, integers: cast); arrays and JSON are not names.
  text: ['text', 'integer', 'number', 'boolean', 'timestamptz', 'timestamp', 'other'],
  integer: ['integer', 'number'],
  duration: ['integer', 'number'],
  money: ['integer', 'number'],
  json: ['json', 'text'],
  status: ['text'],
  boolean: ['boolean', 'text'],
}

const EXPECTED: Record<string, string> = {
  text: 'text',
  integer: 'an integer',
  duration: 'a number of milliseconds',
  money: 'a numeric type',
  json: 'JSON or text',
  status: 'text',
  boolean: 'a boolean or text',
}

/**
 * Checks the mapping against the table's columns and fills in what the catalog decides (column
 * kinds, how tags and timestamps are stored). Optional fields left at their default names that the
 * table lacks are dropped; everything else wrong is a problem, all of them reported together.
 * `catalog` null: the catalog is not read and the reference schema's types are assumed.
 */
export function checkColumns(resolved: ResolvedColumns, catalog: CatalogColumns | null, tableName: string): ResolvedColumns {
  const problems: string[] = []
  const out = {} as ResolvedColumns
  const missing = (field: SqlField, column: string) => noColumn(`columns.${field}`, tableName, column, catalog ? catalog.keys() : null)

  for (const field of Object.keys(resolved) as SqlField[]) {
    const spec = resolved[field]
    if (!spec) {
      out[field] = null
      continue
    }
    const family = FIELD_FAMILIES[field]
    const found: string[] = []
    // How many of `found` are only a missing column (what a field left at its reference name may drop).
    let absent = 0
    const checkRef = (ref: ResolvedSource): ResolvedSource | null => {
      if ('from' in ref) {
        const from = catalog?.get(ref.from)
        const to = catalog?.get(ref.to)
        if (catalog && (!from || !to)) {
          found.push(missing(field, !from ? ref.from : ref.to))
          absent += 1
          return null
        }
        for (const [name, column] of [[ref.from, from], [ref.to, to]] as const) {
          if (column && !['timestamptz', 'timestamp'].includes(column.kind)) found.push(`columns.${field}: ${JSON.stringify(name)} is ${column.type}, not a timestamp.`)
        }
        if (from && to && from.kind !== to.kind) found.push(`columns.${field}: ${JSON.stringify(ref.from)} and ${JSON.stringify(ref.to)} must both be timestamps of one kind (with or without time zone).`)
        return { ...ref, fromKind: from?.kind ?? 'timestamptz', toKind: to?.kind ?? 'timestamptz' }
      }
      const column = catalog?.get(ref.column)
      if (catalog && !column) {
        // A missing column with a fallback is skipped: one mapping serves tables from before the column existed.
        if (ref.orElse) return checkRef(ref.orElse)
        found.push(missing(field, ref.column))
        absent += 1
        return null
      }
      const kind = column?.kind ?? (ref.path ? 'json' : ASSUMED_KIND[family] ?? 'text')
      if (ref.path) {
        if (kind !== 'json') found.push(`columns.${field}: ${JSON.stringify(ref.column)} is ${column?.type}, so it has no JSON path ${JSON.stringify(ref.path)}; a path reads inside a json or jsonb column.`)
      } else if (!USABLE[family]!.includes(kind)) {
        found.push(`columns.${field}: ${JSON.stringify(ref.column)} is ${column?.type}; ${field} needs ${EXPECTED[family]}.`)
      }
      const orElse = ref.orElse ? checkRef(ref.orElse) : null
      return { ...ref, kind, orElse } satisfies ResolvedRef
    }

    let checked: ResolvedField | null = null
    if (family === 'timestamp' || family === 'tags') {
      const ref = spec.source as ResolvedRef
      const column = catalog?.get(ref.column)
      if (catalog && !column) {
        found.push(missing(field, ref.column))
        absent += 1
      } else if (family === 'timestamp') {
        const kind = column?.kind ?? 'timestamptz'
        let type = spec.time!.type
        const shown = `${JSON.stringify(ref.column)} is ${column?.type}`
        if (type === null) {
          if (kind === 'timestamptz') type = 'timestamptz'
          else if (kind === 'timestamp') {
            found.push(
              `columns.timestamp: ${shown}, which holds wall-clock times without a zone: say which zone they are in, e.g. { column: ${JSON.stringify(ref.column)}, type: 'timestamp', zone: 'UTC' } (reading it as the session's TimeZone would make answers depend on the connection).`,
            )
          } else if (kind === 'integer' || kind === 'number') {
            found.push(`columns.timestamp: ${shown}: say whether it counts seconds or milliseconds, e.g. { column: ${JSON.stringify(ref.column)}, type: 'epochSeconds' }.`)
          } else found.push(`columns.timestamp: ${shown}, not a timestamp.`)
        } else {
          const fits =
            type === 'timestamptz' ? kind === 'timestamptz' : type === 'timestamp' ? kind === 'timestamp' : kind === 'integer' || kind === 'number'
          if (!fits) found.push(`columns.timestamp: ${shown}, which does not hold ${type === 'timestamptz' ? 'timestamp with time zone' : type === 'timestamp' ? 'timestamp without time zone' : 'a number'} as type '${type}' says.`)
        }
        checked = { ...spec, source: { ...ref, kind }, time: { type, offsetMinutes: spec.time!.offsetMinutes } }
      } else {
        const kind = column?.kind ?? 'textArray'
        let type = spec.tags!.type
        const shown = `${JSON.stringify(ref.column)} is ${column?.type}`
        const natural = kind === 'textArray' ? 'array' : kind === 'json' ? 'json' : null
        if (type === null) {
          if (natural) type = natural
          else if (kind === 'text') found.push(`columns.tags: ${shown}: say how tags are separated, e.g. { column: ${JSON.stringify(ref.column)}, type: 'delimited', separator: ',' }.`)
          else found.push(`columns.tags: ${shown}; tags need a text array, a JSON array or delimited text.`)
        } else if ((type === 'delimited' && kind !== 'text') || (type !== 'delimited' && natural !== type)) {
          found.push(`columns.tags: ${shown}, which does not hold ${type === 'delimited' ? 'text' : type === 'json' ? 'JSON' : 'a text array'} as type '${type}' says.`)
        }
        checked = { ...spec, source: { ...ref, kind }, tags: { type, separator: spec.tags!.separator } }
      }
    } else {
      const source = checkRef(spec.source)
      if (source) checked = { ...spec, source }
    }

    if (found.length === 0) {
      out[field] = checked
      continue
    }
    // A field left at its reference name that the table simply lacks is not there: drop it.
    if (!spec.explicit && absent === found.length && !REQUIRED_FIELDS.includes(field)) {
      out[field] = null
      continue
    }
    problems.push(...found)
    out[field] = null
  }
  if (problems.length > 0) {
    const listed = catalog && catalog.size > 0 ? `${tableName} has the columns ${[...catalog.keys()].map((name) => JSON.stringify(name)).join(', ')}.` : undefined
    throw new SqlMappingError(problems, listed)
  }
  return out
}
