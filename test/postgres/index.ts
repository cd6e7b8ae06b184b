// The real-PostgreSQL test harness: a throw-away PostgreSQL 15 cluster on loopback, with a database and a password user.
export { destroyPostgresServer, POSTGRES_BIN, startPostgres, startPostgresServer, stopPostgres } from './server.ts';
export type { PostgresTestServer, StartPostgresOptions } from './server.ts';
