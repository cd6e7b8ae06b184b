// What the PostgreSQL output needs. Mirrors src/job's PostgresOutputProperties structurally (connectors may
// not import job/), so a job's output settings can be passed as they are, plus what the app adds: the
// secret store for the password and the CA for verified TLS.
import type { SecretStore } from '../../secrets/index.ts';

export type PostgresSslMode = 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

/** A credential: inline (development) or the name of a secret in KeyVaultName of the secret store. */
export type PostgresPassword = { kind: 'inline'; value: string } | { kind: 'secret'; name: string };

export interface PostgresSinkOptions {
  server: string;
  port: number;
  database: string;
  username?: string;
  password?: PostgresPassword;
  keyVaultName?: string;
  /** require by default in job/; `prefer` tries TLS and falls back to plain only if the server has none. */
  sslMode: PostgresSslMode;
  /** The target table, optionally schema-qualified; resolved the way PostgreSQL resolves a name in SQL. */
  table: string;
  /** Table column → query output field; absent means fields go to the columns of the same name, ignoring case. */
  columnMapping?: Record<string, string>;
  /** Conflict-target columns for INSERT … ON CONFLICT DO UPDATE (exactly-once results); absent = plain inserts. */
  upsertKey?: string[];
  maxWriterCount?: number;
  /** Reads a `{ SecretName }` password (required for one). */
  secretStore?: SecretStore;
  /** CA certificate(s), PEM, trusted for verify-ca / verify-full (system CAs otherwise). */
  caPem?: string;
  /** Connect timeout; a server that does not answer in time is a retryable error. Default 10 s. */
  connectTimeoutMs?: number;
  /** Rows per INSERT statement (PostgreSQL allows 65535 parameters per statement). Default 1000. */
  maxRowsPerStatement?: number;
}
