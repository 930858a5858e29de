import type { UsageAdapter } from '@usagekit/core'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { describe, expectTypeOf, it } from 'vitest'
import { type SqlColumnMapping, type SqlExecute, type SqlLabelSources, type SqlValue, createSqlAdapter } from './index'

describe('@usagekit/server/sql types', () => {
  it('is a UsageAdapter', () => {
    expectTypeOf(createSqlAdapter({ dialect: 'duckdb', execute: async () => [] })).toEqualTypeOf<UsageAdapter>()
  })

  it("takes pg's and PGlite's query functions as execute, as they are", () => {
    const pool = new pg.Pool()
    createSqlAdapter({ dialect: 'postgres', execute: (sql, params) => pool.query(sql, params) })
    const db = new PGlite()
    createSqlAdapter({ dialect: 'postgres', execute: (sql, params) => db.query(sql, params) })
    expectTypeOf<SqlExecute>().parameter(2).toEqualTypeOf<{ signal?: AbortSignal }>()
  })

  it("takes ClickHouse's named parameters as an object (query_params, queryBind)", () => {
    const client = { query: async (_: { query: string; query_params: Record<string, unknown>; format: 'JSONEachRow'; abort_signal?: AbortSignal }) => [] as Record<string, unknown>[] }
    createSqlAdapter({
      dialect: 'clickhouse',
      execute: (query, params, { signal }) => {
        expectTypeOf(params).toEqualTypeOf<Record<string, SqlValue>>()
        return client.query({ query, query_params: params, format: 'JSONEachRow', abort_signal: signal })
      },
    })
    // @ts-expect-error ClickHouse's parameters are named, not positional
    createSqlAdapter({ dialect: 'clickhouse', execute: async (_sql: string, _params: SqlValue[]) => [] })
    // @ts-expect-error PostgreSQL's are positional
    createSqlAdapter({ dialect: 'postgres', execute: async (_sql: string, _params: Record<string, SqlValue>) => [] })
  })

  it('maps only record fields, to a column name or null', () => {
    expectTypeOf<{ cost: 'cost_usd'; agent: null }>().toMatchTypeOf<SqlColumnMapping>()
    // @ts-expect-error not a record field
    const typo: SqlColumnMapping = { costUsd: 'cost_usd' }
    // @ts-expect-error only dialects the adapter speaks
    createSqlAdapter({ dialect: 'mysql', execute: async () => [] })
    void typo
  })

  it('takes label sources for labelled dimensions only, and limits by name', () => {
    expectTypeOf<{ user: { table: 'users'; key: 'id'; label: 'name'; team: 'team' } }>().toMatchTypeOf<SqlLabelSources>()
    // @ts-expect-error a status is always labelled Success / Error
    const status: SqlLabelSources = { status: { table: 't', key: 'k', label: 'l' } }
    // @ts-expect-error a label source names its label column
    const unlabelled: SqlLabelSources = { team: { table: 't', key: 'k' } }
    createSqlAdapter({ dialect: 'duckdb', execute: async () => [], limits: { maxBuckets: 500 } })
    // @ts-expect-error not a limit
    createSqlAdapter({ dialect: 'duckdb', execute: async () => [], limits: { maxRows: 5 } })
    void status
    void unlabelled
  })
})
