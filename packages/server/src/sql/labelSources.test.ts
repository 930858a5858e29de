import { type UsageRecord, redactApiKey } from '@usagekit/core'
import { generateUsageRecords } from '@usagekit/core/fixtures'
import { createMemoryAdapter } from '@usagekit/core/memory'
import { expectSameAnswer } from '@usagekit/core/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SqlAdapterOptions, createSqlAdapter } from './createSqlAdapter'
import { type TestDatabase, openChdb, openDuckdb, openPglite } from './testDatabases'

const range = { start: '2026-10-01T00:00:00.000Z', end: '2026-10-08T00:00:00.000Z' }
const query = { range, timeZone: 'UTC' }

/** The host's own directory: a schema and tables whose names need quoting, as the mapping's do. */
const USERS = ['host dir', 'user "profiles"'] as const
const TEAMS = ['host dir', 'teams'] as const
const KEYS = ['host dir', 'api.keys'] as const

function quoted(parts: readonly string[]): string {
  return parts.map((part) => `"${part.replace(/"/g, '""')}"`).join('.')
}

interface Directory {
  /** The user the host table does not know: shown as their id. */
  unknownUser: string
  /** A user whose current team (in the host table) differs from the log's. */
  movedUser: string
  unknownTeam: string
  unknownKey: string
}

async function createDirectory(database: TestDatabase, records: readonly UsageRecord[]): Promise<Directory> {
  const users = [...new Map(records.map((record) => [record.userId, record])).values()].sort((a, b) => (a.userId < b.userId ? -1 : 1))
  const teams = [...new Set(records.map((record) => record.team!).filter(Boolean))].sort()
  const keys = [...new Set(records.map((record) => record.apiKey!).filter(Boolean))].sort()
  const directory: Directory = { unknownUser: users[0]!.userId, movedUser: users[1]!.userId, unknownTeam: teams[0]!, unknownKey: keys[0]! }
  // ClickHouse: a schema is a database, a table names its engine, and parameters are named and typed.
  const ch = database.dialect === 'clickhouse'
  const run = (sql: string, params: unknown[] = []) =>
    ch
      ? database.execute(
          sql.replace(/\$(\d+)/g, (_, n: string) => `{p${n}:Nullable(String)}`),
          Object.fromEntries(params.map((value, i) => [`p${i + 1}`, value])) as never,
          {},
        )
      : database.execute(sql, params as never, {})
  const text = ch ? 'Nullable(String)' : 'text'
  const engine = ch ? ' ENGINE = MergeTree ORDER BY tuple()' : ''
  await run(ch ? 'CREATE DATABASE IF NOT EXISTS "host dir"' : 'CREATE SCHEMA "host dir"')
  await run(`CREATE TABLE ${quoted(USERS)} ("User Id" ${text}, "display name" ${text}, "e-mail" ${text}, "team name" ${text})${engine}`)
  await run(`CREATE TABLE ${quoted(TEAMS)} (name ${text}, title ${text}, "cost centre" ${text})${engine}`)
  await run(`CREATE TABLE ${quoted(KEYS)} (key_id ${text}, "label" ${text}, owner ${text})${engine}`)
  for (const user of users.slice(1)) {
    const team = user.userId === directory.movedUser ? 'Moved Elsewhere' : user.team
    await run(`INSERT INTO ${quoted(USERS)} VALUES ($1, $2, $3, $4)`, [user.userId, `Current ${user.userName}`, `current.${user.userEmail}`, team])
  }
  // A key listed twice: the first by label is used, and the group is not doubled.
  await run(`INSERT INTO ${quoted(USERS)} VALUES ($1, $2, $3, $4)`, [users[2]!.userId, `Zz duplicate`, 'dup@example.com', 'Dup'])
  for (const team of teams.slice(1)) await run(`INSERT INTO ${quoted(TEAMS)} VALUES ($1, $2, $3)`, [team, `${team} (directory)`, `CC-${team.length}`])
  for (const key of keys.slice(1)) await run(`INSERT INTO ${quoted(KEYS)} VALUES ($1, $2, $3)`, [key, `Key ${key.slice(-4)}`, null])
  return directory
}

const LABELS: SqlAdapterOptions['labels'] = {
  user: { table: [...USERS], key: 'User Id', label: 'display name', secondary: 'e-mail', team: 'team name' },
  team: { table: [...TEAMS], key: 'name', label: 'title', secondary: 'cost centre' },
  apiKey: { table: [...KEYS], key: 'key_id', label: 'label', secondary: 'owner' },
}

for (const [engine, open] of [
  ['PGlite', openPglite],
  ['DuckDB', openDuckdb],
  ['ClickHouse (chdb)', openChdb],
] as const) {
  describe(`SQL adapter on ${engine}: labels from the host's own users, teams and API keys tables`, () => {
    let database: TestDatabase
    let directory: Directory
    const records = generateUsageRecords({ seed: 5, ...range, requestsPerDay: 80 })
    const reference = createMemoryAdapter(records)
    const byUser = new Map(records.map((record) => [record.userId, record]))
    let adapter: ReturnType<typeof createSqlAdapter>

    beforeAll(async () => {
      database = await open()
      await database.load(records)
      directory = await createDirectory(database, records)
      adapter = createSqlAdapter({ dialect: database.dialect, execute: database.execute, labels: LABELS })
    }, 60_000)
    afterAll(() => database.close())

    it('a breakdown by user shows the host’s current name, email and team; a user it lacks is shown by id', async () => {
      const params = { ...query, groupBy: 'user' as const, metrics: ['requests', 'cost'] }
      const [actual, expected] = [await adapter.getBreakdown(params), await reference.getBreakdown(params)]
      // The numbers are the request table's, whatever the labels say.
      expectSameAnswer(
        actual.rows.map((row) => [row.key, row.metrics, row.models]),
        expected.rows.map((row) => [row.key, row.metrics, row.models]),
      )
      expect(actual.total).toBe(expected.total)
      for (const row of actual.rows) {
        const logged = byUser.get(row.key)!
        if (row.key === directory.unknownUser) {
          expect(row).not.toHaveProperty('secondary')
          expect(row).not.toHaveProperty('team')
          expect(row.label).toBe(row.key)
        } else if (row.key === directory.movedUser) {
          expect(row.team).toBe('Moved Elsewhere')
        } else {
          expect(row).toMatchObject({ label: `Current ${logged.userName}`, secondary: `current.${logged.userEmail}`, team: logged.team })
        }
      }
      expect(new Set(actual.rows.map((row) => row.key)).size).toBe(actual.rows.length)
      expect(actual.rows.some((row) => row.label === 'Zz duplicate')).toBe(false)
    })

    it('the request log and the drawer name users and keys as the breakdowns do', async () => {
      const page = await adapter.listRequests({ ...query, pageSize: 200 })
      const keyLabels = new Map((await adapter.getDimensionValues({ ...query, dimension: 'apiKey', limit: 1000 })).map((value) => [value.key, value.label]))
      expect(page.items.length).toBeGreaterThan(0)
      for (const item of page.items) {
        const logged = byUser.get(item.userId!)!
        if (item.userId === directory.unknownUser) expect(item.userName).toBe(logged.userName)
        else expect(item).toMatchObject({ userName: `Current ${logged.userName}`, userEmail: `current.${logged.userEmail}` })
      }
      const keyed = page.items.find((item) => item.apiKey && records.find((record) => record.id === item.id)?.apiKey !== directory.unknownKey)!
      const apiKey = records.find((record) => record.id === keyed.id)!.apiKey!
      expect(keyed.apiKey).toBe(keyLabels.get(apiKey))
      const detail = await adapter.getRequest({ id: keyed.id })
      expect(detail).toMatchObject({ userName: keyed.userName, apiKey: keyed.apiKey })
    })

    it('search matches the host’s labels, not the names in the request log', async () => {
      const current = await adapter.getBreakdown({ ...query, groupBy: 'user', metrics: ['requests'], search: 'CURRENT ' })
      expect(current.total).toBeGreaterThan(0)
      expect(current.rows.every((row) => row.label.startsWith('Current '))).toBe(true)
      const logged = byUser.get(directory.movedUser)!
      const oldName = await adapter.getBreakdown({ ...query, groupBy: 'user', metrics: ['requests'], search: `current.${logged.userEmail}` })
      expect(oldName.rows.map((row) => row.key)).toEqual([directory.movedUser])
      const byTeam = await adapter.getBreakdown({ ...query, groupBy: 'user', metrics: ['requests'], search: 'moved elsewhere' })
      expect(byTeam.rows.map((row) => row.key)).toEqual([directory.movedUser])
      const values = await adapter.getDimensionValues({ ...query, dimension: 'user', search: 'current.' })
      expect(values.length).toBe(current.total)
      expect(values.every((value) => value.secondary?.startsWith('current.'))).toBe(true)
    })

    it('teams and API keys take the host’s labels; a missing team falls back to its key, a missing API key to the name the log gave it', async () => {
      const teams = await adapter.getBreakdown({ ...query, groupBy: 'team', metrics: ['requests'] })
      for (const row of teams.rows) {
        if (row.key === directory.unknownTeam) expect(row).toMatchObject({ label: row.key })
        else expect(row).toMatchObject({ label: `${row.key} (directory)`, secondary: `CC-${row.key.length}` })
      }
      const keys = await adapter.getDimensionValues({ ...query, dimension: 'apiKey' })
      // A key the directory lacks (a deleted key) keeps the name the log gave it, as without a source.
      const logged = new Map((await reference.getDimensionValues({ ...query, dimension: 'apiKey' })).map((value) => [value.key, value.label]))
      expect(keys.some((value) => value.key === directory.unknownKey)).toBe(true)
      for (const value of keys) {
        if (value.key === directory.unknownKey) expect(value).toMatchObject({ label: logged.get(value.key), secondary: redactApiKey(value.key) })
        else expect(value).toMatchObject({ label: `Key ${value.key.slice(-4)}`, secondary: redactApiKey(value.key) })
      }
      const series = await adapter.getTimeSeries({ ...query, bucket: '1d', metrics: ['requests'], groupBy: 'team', limit: 3 })
      for (const line of series.series) {
        if (line.key === '__other__') expect(line.label).toBe('Other')
        else expect(line.label).toBe(line.key === directory.unknownTeam ? line.key : `${line.key} (directory)`)
      }
    })

    it('a consumer that is a user is named from the users table; an agent stays an agent', async () => {
      const consumers = await adapter.getBreakdown({ ...query, groupBy: 'consumer', metrics: ['requests'] })
      const expected = await reference.getBreakdown({ ...query, groupBy: 'consumer', metrics: ['requests'] })
      expect(consumers.rows.map((row) => row.key)).toEqual(expected.rows.map((row) => row.key))
      for (const row of consumers.rows) {
        const logged = byUser.get(row.key)
        if (!logged) expect(row).toMatchObject({ label: row.key, secondary: 'Agent' })
        else if (row.key === directory.unknownUser) expect(row.label).toBe(row.key)
        else expect(row).toMatchObject({ label: `Current ${logged.userName}`, secondary: `current.${logged.userEmail}` })
      }
    })

    it('a dimension without a source still labels from the rows the answer counts', async () => {
      const plain = createSqlAdapter({ dialect: database.dialect, execute: database.execute, labels: { team: LABELS!.team } })
      const params = { ...query, groupBy: 'user' as const, metrics: ['requests'] }
      expectSameAnswer(await plain.getBreakdown(params), await reference.getBreakdown(params))
    })

    it('reads the host tables through the LEFT JOIN of one statement, and nothing but the mapped columns', async () => {
      database.statements.length = 0
      await adapter.getBreakdown({ ...query, groupBy: 'user', metrics: ['requests'], filters: { team: ['Research'] } })
      expect(database.statements).toHaveLength(1)
      expect(database.statements[0]!.sql).toContain(quoted(USERS))
    })
  })
}

describe('the labels option is checked when the adapter is created', () => {
  const execute = async () => []
  const create = (labels: unknown, columns?: SqlAdapterOptions['columns']) => () =>
    createSqlAdapter({ dialect: 'postgres', execute, labels: labels as SqlAdapterOptions['labels'], columns })
  it('names the dimension and the field at fault', () => {
    expect(create({ planet: { table: 't', key: 'k', label: 'l' } })).toThrow(/labels\.planet is not a dimension a table can label/)
    expect(create({ status: { table: 't', key: 'k', label: 'l' } })).toThrow(/labels\.status .*'Success' or 'Error'/)
    expect(create({ consumer: { table: 't', key: 'k', label: 'l' } })).toThrow(/labels\.consumer .*labels\.user .*labels\.agent/)
    expect(create({ agent: { table: 't', key: 'k', label: 'l' } }, { agent: null })).toThrow(/labels\.agent: the request table has no agent column/)
    expect(create({ user: { table: 't', key: 'k' } })).toThrow(/labels\.user\.label must be a column name, got undefined/)
    expect(create({ user: { table: 't', key: '', label: 'l' } })).toThrow(/labels\.user\.key must be a column name, got ""/)
    expect(create({ team: { table: 't', key: 'k', label: 'l', team: 'x' } })).toThrow(/labels\.team\.team: only users are shown with a team/)
    expect(create({ user: { table: 't', key: 'k', label: 'l', colour: 'c' } })).toThrow(/labels\.user\.colour is not a field of a label source/)
    expect(create({ user: { table: 'a.b.c.d', key: 'k', label: 'l' } })).toThrow(/labels\.user\.table must be a table name/)
    expect(create({ user: { table: 42, key: 'k', label: 'l' } })).toThrow(/labels\.user\.table must be a table name/)
    expect(create({ user: 'users' })).toThrow(/labels\.user must be \{ table, key, label/)
    expect(create('users')).toThrow(/labels must be an object/)
    expect(create({ user: { table: 'users', key: 'id', label: 'name\u0000' } })).toThrow(/labels\.user\.label must be a column name/)
  })
  it('accepts any identifier, quoted', () => {
    expect(create({ user: { table: ['my "schema"', 'users; DROP TABLE x'], key: 'id"', label: 'na me', secondary: 'mail', team: 'team' } })).not.toThrow()
  })
})
