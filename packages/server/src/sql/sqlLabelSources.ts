import type { Dimension } from '@usagekit/core'
import { quoteIdentifier, quoteTableName } from './sqlColumns'

/** Dimensions a host table can label. Status labels are fixed; a consumer takes the user's or the agent's. */
export type LabelledDimension = Exclude<Dimension, 'status' | 'consumer'>

const LABELLED_DIMENSIONS: readonly LabelledDimension[] = ['user', 'team', 'model', 'provider', 'apiKey', 'tag', 'application', 'agent', 'customer']

/**
 * One of the host's own tables that names the values of a dimension: its users, teams or API keys.
 * Each name is a column of that table (quoted like the column mapping, so any name is taken
 * literally). `key` holds the same text as the request log's key column for the dimension (a user
 * id, a team name, an API key id); map through a view when it does not (`SELECT id::text AS id, …`).
 */
export interface SqlLabelSource {
  /** The table or view: `'name'`, `'schema.name'` or its parts. */
  table: string | readonly string[]
  /** The column holding the dimension's key. It should be unique (a primary key): of several rows with one key, the first by label is used. */
  key: string
  /** The column holding the label (a user's display name, a team's name). */
  label: string
  /** The column holding the secondary line (a user's email, a key's owner). */
  secondary?: string
  /** Users only: the column holding the user's team, shown beside their name. */
  team?: string
}

/**
 * Label sources by dimension: `{ user: { table: 'users', key: 'id', label: 'display_name', secondary:
 * 'email', team: 'team_name' }, apiKey: { table: 'api_keys', key: 'id', label: 'name' } }`. A consumer
 * that is a user takes `user`'s, one that is an agent takes `agent`'s.
 */
export type SqlLabelSources = Partial<Record<LabelledDimension, SqlLabelSource>>

/** A label source with every identifier quoted. */
export interface ResolvedLabelSource {
  table: string
  key: string
  label: string
  secondary: string | null
  team: string | null
}

export type ResolvedLabelSources = Partial<Record<LabelledDimension, ResolvedLabelSource>>

const SOURCE_FIELDS = ['table', 'key', 'label', 'secondary', 'team'] as const

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'an array' : String(value)
}

function columnName(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '' || value.includes('\u0000')) {
    throw new TypeError(`${where} must be a column name, got ${shown(value)}.`)
  }
  return quoteIdentifier(value)
}

/**
 * Checks the `labels` option when the adapter is created, so a typo fails at start-up: an unknown
 * dimension or field, a dimension the request table lacks, a missing or empty name. Identifiers are
 * quoted here; nothing of them reaches a query unquoted.
 */
export function resolveLabelSources(labels: unknown, dimensions: readonly Dimension[]): ResolvedLabelSources {
  if (labels === undefined || labels === null) return {}
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    throw new TypeError('createSqlAdapter: labels must be an object of dimension → { table, key, label, secondary?, team? }.')
  }
  const out: ResolvedLabelSources = {}
  for (const [dimension, source] of Object.entries(labels)) {
    const where = `createSqlAdapter: labels.${dimension}`
    if (!(LABELLED_DIMENSIONS as readonly string[]).includes(dimension)) {
      const why =
        dimension === 'consumer'
          ? 'a consumer is labelled by labels.user (users) and labels.agent (agents)'
          : dimension === 'status'
            ? "a status is always labelled 'Success' or 'Error'"
            : `label one of ${LABELLED_DIMENSIONS.join(', ')}`
      throw new TypeError(`${where} is not a dimension a table can label: ${why}.`)
    }
    if (!dimensions.includes(dimension as Dimension)) {
      throw new TypeError(`${where}: the request table has no ${dimension} column (see columns), so there is no ${dimension} dimension to label.`)
    }
    if (source === undefined) continue
    if (typeof source !== 'object' || source === null || Array.isArray(source)) {
      throw new TypeError(`${where} must be { table, key, label, secondary?, team? }, got ${shown(source)}.`)
    }
    const given = source as Record<string, unknown>
    for (const field of Object.keys(given)) {
      if (!(SOURCE_FIELDS as readonly string[]).includes(field)) {
        throw new TypeError(`${where}.${field} is not a field of a label source; use ${SOURCE_FIELDS.join(', ')}.`)
      }
    }
    if (given.team !== undefined && dimension !== 'user') {
      throw new TypeError(`${where}.team: only users are shown with a team.`)
    }
    const table = given.table
    if (!(typeof table === 'string' || (Array.isArray(table) && table.every((part) => typeof part === 'string')))) {
      throw new TypeError(`${where}.table must be a table name ('name', 'schema.name' or its parts), got ${shown(table)}.`)
    }
    let quotedTable: string
    try {
      quotedTable = quoteTableName(table as string | string[])
    } catch {
      throw new TypeError(`${where}.table must be a table name ('name', 'schema.name' or its parts), got ${shown(table)}.`)
    }
    out[dimension as LabelledDimension] = {
      table: quotedTable,
      key: columnName(given.key, `${where}.key`),
      label: columnName(given.label, `${where}.label`),
      secondary: given.secondary === undefined ? null : columnName(given.secondary, `${where}.secondary`),
      team: given.team === undefined ? null : columnName(given.team, `${where}.team`),
    }
  }
  return out
}
