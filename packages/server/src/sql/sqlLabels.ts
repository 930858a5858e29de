import { type Dimension, NONE_KEY, NONE_LABEL } from '@usagekit/core'
import type { LabelLookup as Lookup } from './dialects/sqlDialect'
import type { ResolvedLabelSource, ResolvedLabelSources } from './sqlLabelSources'
import type { SqlParameters } from './sqlParameters'
import type { SqlScope, SqlTable } from './sqlTable'

/** What the labels of one answer may read: the answer's own rows, and the host's label tables. */
export interface LabelContext {
  /** The rows the answer counts: its range and filters (with the dimension's own filter left out for filter menus). */
  scope: SqlScope
  params: SqlParameters
  sources: ResolvedLabelSources
  /** The rollup answering the query, when one does: it tells where each key was last seen. */
  rollup?: SqlTable
  /**
   * A statement giving (`g`, `t`): each key of CTE `keys` with its newest timestamp among the rows
   * the answer counts, when the answer's grouping pass over the request table kept it.
   */
  latestTimes?: string
}

/**
 * The latest row (timestamp desc, id desc) per key of CTE `keys` among the rows the answer counts
 * (range and filters), with `fields` of it and `found` = 1. How it is found is the dialect's plan.
 */
function latestRow(
  table: SqlTable,
  context: LabelContext,
  alias: string,
  dimension: 'user' | 'apiKey',
  fields: (alias: string) => Record<string, string>,
  condition?: (alias: string) => string,
): Lookup {
  const key = (on: string) => table.lookupKey(dimension, on)
  const { rollup } = context
  // A lookup with its own condition (a row that names the key) may find its row before the key's
  // latest slot, so only a plain lookup takes the rollup's hint.
  const hinted = rollup && !condition && rollup.has(dimension === 'user' ? 'userId' : 'apiKey') && rollup.slotMs
  const latestSlots = hinted
    ? {
        statement:
          `SELECT max(${rollup.column('timestamp', 's')}) AS slot FROM ${rollup.name} s ` +
          `WHERE ${rollup.lookupKey(dimension, 's')} IN (SELECT g FROM keys) AND ${rollup.where(context.scope, context.params, 's')} ` +
          `GROUP BY ${rollup.lookupKey(dimension, 's')}`,
        seconds: rollup.slotMs! / 1000,
      }
    : undefined
  return table.dialect.latestRow({
    latestSlots,
    ...(!condition && context.latestTimes ? { latestTimes: context.latestTimes } : {}),
    table: table.name,
    alias,
    key,
    timestamp: (on) => table.column('timestamp', on),
    id: (on) => table.column('id', on),
    // The rows the answer counts (and, for some lookups, can label the key).
    counted: (on) => [table.where(context.scope, context.params, on), ...(condition ? [condition(on)] : [])].join(' AND '),
    fields: (on) => ({ found: '1', ...fields(on) }),
  })
}

/**
 * A host table's row for each key of CTE `keys` (the first by label if the key is not unique), with
 * `name`, `secondary`, `team` as text and `found` = 1.
 */
function hostRow(table: SqlTable, source: ResolvedLabelSource, alias: string): Lookup {
  const d = table.dialect
  const text = (column: string | null) => (column === null ? d.nullText : d.text(`h.${column}`))
  return d.hostRow({
    table: source.table,
    key: source.key,
    alias,
    values: { found: '1', name: text(source.label), secondary: text(source.secondary), team: text(source.team) },
    order: text(source.label),
  })
}

/** An API key id shown as `sk-…3f9a`, exactly as core's redactApiKey shows it. */
function redactedKey(table: SqlTable, key: string): string {
  return `CASE WHEN length(${key}) <= 8 THEN '…' || right(${key}, 2) ELSE ${table.dialect.apiKeyPrefix(key)} || '…' || right(${key}, 4) END`
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
          'user',
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
          'user',
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
              'apiKey',
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
