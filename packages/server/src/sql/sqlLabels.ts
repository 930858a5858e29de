import { type Dimension, NONE_KEY, NONE_LABEL } from '@usagekit/core'
import type { SqlTable } from './sqlTable'

/**
 * The latest value of `fields` per key over the whole table (the memory adapter shows a user's
 * latest name, email and team, whatever the range). PostgreSQL probes an index per key with a
 * LATERAL … LIMIT 1; DuckDB scans the columns once with arg_max.
 */
function latestPerKey(
  table: SqlTable,
  key: (alias: string) => string,
  fields: (alias: string) => Record<string, string>,
  requireNotNull?: (alias: string) => string,
): string {
  const d = table.dialect
  const ts = table.column('timestamp', 'x')
  const id = table.column('id', 'x')
  const values = fields('x')
  const notNull = requireNotNull ? ` AND ${requireNotNull('x')} IS NOT NULL` : ''
  if (d.name === 'postgres') {
    const select = Object.entries(values).map(([name, value]) => `${value} AS ${name}`).join(', ')
    return (
      `LEFT JOIN LATERAL (SELECT ${select} FROM ${table.name} x WHERE ${key('x')} = k.g${notNull} ` +
      `ORDER BY ${ts} DESC, ${d.binary(id)} DESC LIMIT 1) latest ON true`
    )
  }
  const struct = Object.entries(values).map(([name, value]) => `${name} := ${value}`).join(', ')
  return (
    `LEFT JOIN (SELECT ${key('x')} AS g, arg_max(struct_pack(${struct}), struct_pack(t := ${ts}, i := ${id})) AS v ` +
    `FROM ${table.name} x WHERE ${key('x')} IN (SELECT g FROM keys)${notNull} GROUP BY ${key('x')}) latest_v ON latest_v.g = k.g`
  )
}

function latestField(table: SqlTable, name: string): string {
  return table.dialect.name === 'postgres' ? `latest.${name}` : `latest_v.v.${name}`
}

/** An API key id shown as `sk-…3f9a`, exactly as core's redactApiKey shows it. */
function redactedKey(table: SqlTable, key: string): string {
  const prefix =
    table.dialect.name === 'postgres' ? `coalesce(substring(${key} from '^[A-Za-z]+[-_]'), '')` : `regexp_extract(${key}, '^[A-Za-z]+[-_]')`
  return `CASE WHEN length(${key}) <= 8 THEN '…' || right(${key}, 2) ELSE ${prefix} || '…' || right(${key}, 4) END`
}

/**
 * A CTE body giving (g, label, secondary, team) for the keys of CTE `keys` (column `g`), as the
 * memory adapter labels groups. `__none__` is "(none)".
 */
export function labelsSql(table: SqlTable, dimension: Dimension): string {
  const none = (expression: string) => `CASE WHEN k.g = '${NONE_KEY}' THEN NULL ELSE ${expression} END`
  let join = ''
  let label = 'k.g'
  let secondary = 'NULL'
  let team = 'NULL'
  const users = () => {
    join = latestPerKey(
      table,
      (alias) => table.column('userId', alias),
      (alias) => ({
        name: table.column(table.has('userName') ? 'userName' : 'userId', alias),
        email: table.column('userEmail', alias),
        team: table.has('team') ? `nullif(${table.column('team', alias)}, '')` : table.dialect.nullText,
      }),
    )
  }
  switch (dimension) {
    case 'user':
      users()
      label = `coalesce(${latestField(table, 'name')}, k.g)`
      secondary = latestField(table, 'email')
      team = latestField(table, 'team')
      break
    case 'consumer':
      // A consumer key that is a user's id is that user; any other key is an agent's name.
      users()
      label = `coalesce(${latestField(table, 'name')}, k.g)`
      secondary = `CASE WHEN ${latestField(table, 'name')} IS NULL THEN 'Agent' ELSE ${latestField(table, 'email')} END`
      break
    case 'apiKey':
      if (table.has('apiKeyName')) {
        join = latestPerKey(
          table,
          (alias) => table.column('apiKey', alias),
          (alias) => ({ name: table.column('apiKeyName', alias) }),
          (alias) => table.column('apiKeyName', alias),
        )
        label = `coalesce(${latestField(table, 'name')}, ${redactedKey(table, 'k.g')})`
      } else {
        label = redactedKey(table, 'k.g')
      }
      secondary = redactedKey(table, 'k.g')
      break
    case 'status':
      label = `CASE k.g WHEN 'success' THEN 'Success' WHEN 'error' THEN 'Error' ELSE k.g END`
      break
    default:
      break
  }
  return (
    `SELECT k.g AS g, CASE WHEN k.g = '${NONE_KEY}' THEN '${NONE_LABEL}' ELSE ${label} END AS label, ` +
    `${none(secondary)} AS secondary, ${none(team)} AS team FROM keys k ${join}`
  )
}
