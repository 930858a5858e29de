export interface PostgresServer {
  host: string
  port: number
  user: string
  database: string
  stop(): void
}
/** Starts a throwaway PostgreSQL server on a free loopback port (see postgresServer.mjs). */
export function startPostgresServer(settings?: Record<string, string | number>): Promise<PostgresServer>
