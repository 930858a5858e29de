import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { SqlExecute } from './createSqlAdapter'
import { insertStatements, referenceSchema } from './referenceSchema'
import type { TestDatabase } from './testDatabases'

function postgresBin(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : []
  if (versions.length === 0) {
    throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run `apt-get install -y postgresql`, as scripts/setup.sh does.')
  }
  versions.sort((a, b) => Number(b) - Number(a))
  return join(root, versions.includes('15') ? '15' : versions[0]!, 'bin')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * A throwaway PostgreSQL server: initdb into a temporary folder and start it on a free loopback
 * port. As root (these machines), both run as the `postgres` user, since PostgreSQL refuses root.
 */
export async function startPostgresServer(): Promise<TestDatabase> {
  const bin = postgresBin()
  const dir = mkdtempSync(join(tmpdir(), 'usagekit-pg-'))
  const asRoot = process.getuid?.() === 0
  const run = (command: string, args: string[]) => {
    const full = join(bin, command)
    return asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe' }) : execFileSync(full, args, { stdio: 'pipe' })
  }
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    chownSync(dir, uid, gid)
  }
  const data = join(dir, 'data')
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C.UTF-8'])
  const port = await freePort()
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start'])
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' })
  await client.connect()
  const statements: TestDatabase['statements'] = []
  const execute: SqlExecute = async (sql, params) => {
    statements.push({ sql, params })
    return (await client.query(sql, params)).rows
  }
  for (const statement of referenceSchema('postgres')) await execute(statement, [], {})
  statements.length = 0
  return {
    dialect: 'postgres',
    execute,
    statements,
    load: async (records) => {
      for (const { sql, params } of insertStatements('postgres', records)) await execute(sql, params, {})
    },
    close: async () => {
      await client.end()
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
