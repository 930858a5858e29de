import { type Dimension, NONE_KEY, NONE_LABEL } from '@usagekit/core'
import type { ResolvedLabelSource, ResolvedLabelSources } from './sqlLabelSources'
import type { SqlParameters } from './sqlParameters'
import type { SqlScope, SqlTable } from './sqlTable'

/** What the labels of one answer may read: the answer's own rows, and the host's label tables. */
export interface LabelContext {
  /** The rows the answer counts: its range and filters (with the dimension's own filter left out for filter menus). */
  scope: SqlScope
  params: SqlParameters
  sources: ResolvedLabelSources
}

/** A joined lookup: the JOIN clause, and how to read one of its fields. */
interface Lookup {
  join: string
  field: (name: string) => string
}

/**
 * The latest row (timestamp desc, id desc) per key of CTE `keys` among the rows the answer counts
 * (range and filters), with `fields` of it and `found` = 1. PostgreSQL probes an index per key with
 * LATERAL … LIMIT 1 (the reference `(user_id, ts DESC, id DESC)` index starts at the range's end and
 * stops at the first row the filters pass). DuckDB finds each key's latest timestamp, then the
 * largest id at it, then reads that row: three plain aggregations and joins over the range, several
 * times cheaper than one `arg_max` over (timestamp, id) structs.
 */
function latestRow(
  table: SqlTable,
  context: LabelContext,
  alias: string,
  key: (alias: string) => string,
  fields: (alias: string) => Record<string, string>,
  condition?: (alias: string) => string,
): Lookup {
  const d = table.dialect
  // The rows the answer counts (and, for some lookups, can label the key), on a given alias.
  const counted = (on: string) => [table.where(context.scope, context.params, on), ...(condition ? [condition(on)] : [])].join(' AND ')
  const ts = (on: string) => table.column('timestamp', on)
  const id = (on: string) => table.column('id', on)
  if (d.name === 'postgres') {
    const select = Object.entries({ found: '1', ...fields('x') }).map(([name, value]) => `${value} AS ${name}`).join(', ')
    return {
      join:
        `LEFT JOIN LATERAL (SELECT ${select} FROM ${table.name} x WHERE ${key('x')} = k.g AND ${counted('x')} ` +
        `ORDER BY ${ts('x')} DESC, ${d.binary(id('x'))} DESC LIMIT 1) ${alias} ON true`,
      field: (name) => `${alias}.${name}`,
    }
  }
  const struct = Object.entries({ found: '1', ...fields('y') }).map(([name, value]) => `${name} := ${value}`).join(', ')
  const latestTs =
    `SELECT ${key('x')} AS g, max(${ts('x')}) AS t FROM ${table.name} x ` +
    `WHERE ${key('x')} IN (SELECT g FROM keys) AND ${counted('x')} GROUP BY ${key('x')}`
  const latestId =
    `SELECT lt.g, lt.t, max(${id('x')}) AS i FROM (${latestTs}) lt JOIN ${table.name} x ON ${key('x')} = lt.g AND ${ts('x')} = lt.t ` +
    `WHERE ${counted('x')} GROUP BY lt.g, lt.t`
  return {
    join:
      // any_value: one row per key even where a view repeats an id.
      `LEFT JOIN (SELECT li.g AS g, any_value(struct_pack(${struct})) AS v FROM (${latestId}) li ` +
      `JOIN ${table.name} y ON ${key('y')} = li.g AND ${ts('y')} = li.t AND ${id('y')} = li.i WHERE ${counted('y')} GROUP BY li.g) ${alias} ON ${alias}.g = k.g`,
    field: (name) => `${alias}.v.${name}`,
  }
}

/**
 * A host table's row for each key of CTE `keys` (the first by label if the key is not unique), with
 * `name`, `secondary`, `team` as text and `found` = 1.
 */
function hostRow(table: SqlTable, source: ResolvedLabelSource, alias: string): Lookup {
  const d = table.dialect
  const text = (column: string | null) => (column === null ? d.nullText : d.text(`h.${column}`))
  const values: Record<string, string> = { found: '1', name: text(source.label), secondary: text(source.secondary), team: text(source.team) }
  if (d.name === 'postgres') {
    const select = Object.entries(values).map(([name, value]) => `${value} AS ${name}`).join(', ')
    return {
      join: `LEFT JOIN LATERAL (SELECT ${select} FROM ${source.table} h WHERE h.${source.key} = k.g ORDER BY ${d.binary(text(source.label))} LIMIT 1) ${alias} ON true`,
      field: (name) => `${alias}.${name}`,
    }
  }
  const struct = Object.entries(values).map(([name, value]) => `${name} := ${value}`).join(', ')
  return {
    join:
      `LEFT JOIN (SELECT h.${source.key} AS g, arg_min(struct_pack(${struct}), struct_pack(l := ${text(source.label)})) AS v ` +
      `FROM ${source.table} h WHERE h.${source.key} IN (SELECT g FROM keys) GROUP BY h.${source.key}) ${alias} ON ${alias}.g = k.g`,
    field: (name) => `${alias}.v.${name}`,
  }
}

/** An API key id shown as `sk-…3f9a`, exactly as core's redactApiKey shows it. */
function redactedKey(table: SqlTable, key: string): string {
  const prefix =
    table.dialect.name === 'postgres' ? `coalesce(substring(${key} from '^[A-Za-z]+[-_]'), '')` : `regexp_extract(${key}, '^[A-Za-z]+[-_]')`
  return `CASE WHEN length(${key}) <= 8 THEN '…' || right(${key}, 2) ELSE ${prefix} || '…' || right(${key}, 4) END`
}

/**
 * A CTE body giving (g, label, secondary, team) for the keys of CTE `keys` (column `g`), as the
 * memory adapter labels groups: from the latest row among the rows the answer counts (its range and
 * filters) — never from rows the caller's filters leave out — or, for a dimension with a host label
 * source, from the host's table (missing → the key). `__none__` is "(none)".
 */
export function labelsSql(table: SqlTable, dimension: Dimension, context: LabelContext): string {
  const none = (expression: string) => `CASE WHEN k.g = '${NONE_KEY}' THEN NULL ELSE ${expression} END`
  const joins: string[] = []
  let label = 'k.g'
  let secondary = 'NULL'
  let team = 'NULL'
  const lookup = (found: Lookup) => {
    joins.push(found.join)
    return found.field
  }
  const source = dimension === 'status' || dimension === 'consumer' ? undefined : context.sources[dimension]
  const nullIfEmpty = (expression: string) => `nullif(${expression}, '')`
  switch (dimension) {
    case 'user': {
      if (source) {
        const host = lookup(hostRow(table, source, 'host'))
        label = `coalesce(${host('name')}, k.g)`
        secondary = host('secondary')
        team = nullIfEmpty(host('team'))
        break
      }
      const latest = lookup(
        latestRow(
          table,
          context,
          'latest',
          (alias) => table.lookupKey('user', alias),
          (alias) => ({
            name: table.column(table.has('userName') ? 'userName' : 'userId', alias),
            email: table.column('userEmail', alias),
            team: table.has('team') ? nullIfEmpty(table.column('team', alias)) : table.dialect.nullText,
          }),
        ),
      )
      label = `coalesce(${latest('name')}, k.g)`
      secondary = latest('email')
      team = latest('team')
      break
    }
    case 'consumer': {
      // A consumer is a user when some row it counts is that user's own call (no agent); else an agent.
      const users = context.sources.user
      const agents = context.sources.agent
      const own = lookup(
        latestRow(
          table,
          context,
          'latest',
          (alias) => table.lookupKey('user', alias),
          (alias): Record<string, string> =>
            users ? {} : { name: table.column(table.has('userName') ? 'userName' : 'userId', alias), email: table.column('userEmail', alias) },
          table.has('agent') ? (alias) => `${nullIfEmpty(table.column('agent', alias))} IS NULL` : undefined,
        ),
      )
      const user = users ? lookup(hostRow(table, users, 'host_user')) : own
      const agentName = agents ? `coalesce(${lookup(hostRow(table, agents, 'host_agent'))('name')}, k.g)` : 'k.g'
      const isUser = `${own('found')} IS NOT NULL`
      label = `CASE WHEN ${isUser} THEN coalesce(${user('name')}, k.g) ELSE ${agentName} END`
      secondary = `CASE WHEN ${isUser} THEN ${user(users ? 'secondary' : 'email')} ELSE 'Agent' END`
      break
    }
    case 'apiKey': {
      const redacted = redactedKey(table, 'k.g')
      secondary = redacted
      // The latest counted row that names the key (a row without a name says nothing about it):
      // the label, or the fallback for a key the host's table does not list (a deleted key).
      const named = table.has('apiKeyName')
        ? lookup(
            latestRow(
              table,
              context,
              'latest',
              (alias) => table.lookupKey('apiKey', alias),
              (alias) => ({ name: table.column('apiKeyName', alias) }),
              (alias) => `${table.column('apiKeyName', alias)} IS NOT NULL`,
            ),
          )('name')
        : null
      if (source) {
        const host = lookup(hostRow(table, source, 'host'))
        label = `coalesce(${host('name')}, ${named ?? redacted}${named ? `, ${redacted}` : ''})`
        secondary = `coalesce(${host('secondary')}, ${redacted})`
      } else {
        label = named ? `coalesce(${named}, ${redacted})` : redacted
      }
      break
    }
    case 'status':
      label = `CASE k.g WHEN 'success' THEN 'Success' WHEN 'error' THEN 'Error' ELSE k.g END`
      break
    default:
      if (source) {
        const host = lookup(hostRow(table, source, 'host'))
        label = `coalesce(${host('name')}, k.g)`
        secondary = host('secondary')
      }
      break
  }
  return (
    `SELECT k.g AS g, CASE WHEN k.g = '${NONE_KEY}' THEN '${NONE_LABEL}' ELSE ${label} END AS label, ` +
    `${none(secondary)} AS secondary, ${none(team)} AS team FROM keys k ${joins.join(' ')}`
  )
}
