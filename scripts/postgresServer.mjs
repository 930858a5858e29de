// A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary folder and start
// it on a free loopback port. As root (the development and CI machines), both run as the
// `postgres` user, since PostgreSQL refuses root.
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function postgresBin() {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : []
  if (versions.length === 0) {
    throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run `apt-get install -y postgresql`, as `scripts/setup.sh --for-tests` does.')
  }
  versions.sort((a, b) => Number(b) - Number(a))
  return join(root, versions.includes('15') ? '15' : versions[0], 'bin')
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts a server; resolves to { host, port, user, database, stop }. `settings` are extra
 * `-c name=value` server settings (fsync is off: the data is throwaway).
 */
export async function startPostgresServer(settings = {}) {
  const bin = postgresBin()
  const dir = mkdtempSync(join(tmpdir(), 'usagekit-pg-'))
  const asRoot = process.getuid?.() === 0
  const run = (command, args) => {
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
  const options = Object.entries({ fsync: 'off', ...settings }).map(([name, value]) => `-c ${name}=${value}`).join(' ')
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${options}`, 'start'])
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    database: 'postgres',
    stop: () => {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
