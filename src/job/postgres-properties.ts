// PostgreSQL as a reference-data input (a sluice extension modelled on ASA's SQL Database reference input:
// full snapshot query, optional delta query, refresh type and rate — learn.microsoft.com "Use reference data
// from a SQL Database for an Azure Stream Analytics job") and as an output (ASA's "Azure Database for
// PostgreSQL" output: server, database, table, user, password — plus sluice's column mapping and upsert key).
import { z } from 'zod';
import { ciEnum, ciObject, EVEN_WITH_ISSUES, intLike, text } from './case-insensitive.ts';
import { secretValue, type SecretValue } from './secret-value.ts';
import { durationSeconds } from './time-span.ts';

export type PostgresSslMode = 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

export interface PostgresConnectionSpec {
  server: string;
  port: number;
  database: string;
  username?: string;
  password?: SecretValue;
  /** require by default: Azure Database for PostgreSQL enforces TLS, and a remote database should. */
  sslMode: PostgresSslMode;
  keyVaultName?: string;
}

export type PostgresRefreshType = 'Static' | 'RefreshPeriodicallyWithFull' | 'RefreshPeriodicallyWithDelta';

export interface PostgresReferenceProperties extends PostgresConnectionSpec {
  /** The full snapshot query. */
  query: string;
  /** Query for changes since the last snapshot (RefreshPeriodicallyWithDelta). */
  deltaQuery?: string;
  refreshType: PostgresRefreshType;
  /** Seconds between refreshes; absent for Static. */
  refreshIntervalSeconds?: number;
}

export interface PostgresOutputProperties extends PostgresConnectionSpec {
  table: string;
  /** Table column → query output field; absent means columns match fields by name (as ASA does). */
  columnMapping?: Record<string, string>;
  /** Columns of the conflict target for INSERT … ON CONFLICT DO UPDATE; absent means plain inserts. */
  upsertKey?: string[];
  /** Parallel writers; ASA offers 0 (inherit the query's partitioning) or 1. */
  maxWriterCount: number;
}

const connectionShape = {
  Server: text('a host name'),
  Port: intLike().refine((p) => p >= 1 && p <= 65535, { error: 'must be between 1 and 65535' }).optional(),
  Database: text('a database name'),
  Username: text().optional(),
  Password: secretValue(),
  SslMode: ciEnum(['disable', 'prefer', 'require', 'verify-ca', 'verify-full']).optional(),
  KeyVaultName: text('a Key Vault name').optional(),
};

type RawConnection = { Server: string; Port?: number | undefined; Database: string; Username?: string | undefined; Password?: SecretValue | undefined; SslMode?: PostgresSslMode | undefined; KeyVaultName?: string | undefined };

function connectionOf(c: RawConnection): PostgresConnectionSpec {
  // "host:port" in Server is common in connection strings; split it rather than reject it.
  const m = /^(.*):(\d{1,5})$/.exec(c.Server);
  const spec: PostgresConnectionSpec = {
    server: m?.[1] ?? c.Server,
    port: c.Port ?? (m ? Number(m[2]) : 5432),
    database: c.Database,
    sslMode: c.SslMode ?? 'require',
  };
  if (c.Username !== undefined) spec.username = c.Username;
  if (c.Password !== undefined) spec.password = c.Password;
  if (c.KeyVaultName !== undefined) spec.keyVaultName = c.KeyVaultName;
  return spec;
}

const referenceShape = {
  ...connectionShape,
  Query: text('an SQL query'),
  DeltaQuery: text('an SQL query').optional(),
  RefreshType: ciEnum(['Static', 'RefreshPeriodicallyWithFull', 'RefreshPeriodicallyWithDelta']).optional(),
  RefreshInterval: durationSeconds().refine((s) => s >= 1, { error: 'must be at least one second' }).optional(),
};

const outputShape = {
  ...connectionShape,
  Table: text('a table name'),
  ColumnMapping: z.record(z.string(), text('a field name'), { error: 'must be an object of "column": "field" pairs' }).optional(),
  UpsertKey: z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
    z.array(text('a column name')).min(1, { error: 'must name at least one column' })).optional(),
  MaxWriterCount: intLike().refine((n) => n === 0 || n === 1, { error: 'must be 0 (inherit partitioning) or 1' }).optional(),
};

export const POSTGRES_REFERENCE_KEYS: readonly string[] = Object.keys(referenceShape);
export const POSTGRES_OUTPUT_KEYS: readonly string[] = Object.keys(outputShape);

export function postgresReferenceSchema() {
  return ciObject(referenceShape).superRefine((c, ctx) => {
    const type = c.RefreshType ?? (c.RefreshInterval !== undefined ? 'RefreshPeriodicallyWithFull' : 'Static');
    if (type !== 'Static' && c.RefreshInterval === undefined) {
      ctx.addIssue({ code: 'custom', path: ['RefreshInterval'], message: `is required when RefreshType is ${type}` });
    }
    if (type === 'RefreshPeriodicallyWithDelta' && c.DeltaQuery === undefined) {
      ctx.addIssue({ code: 'custom', path: ['DeltaQuery'], message: 'is required when RefreshType is RefreshPeriodicallyWithDelta' });
    }
  }, EVEN_WITH_ISSUES).transform((c): PostgresReferenceProperties => {
    const refreshType = c.RefreshType ?? (c.RefreshInterval !== undefined ? 'RefreshPeriodicallyWithFull' : 'Static');
    const spec: PostgresReferenceProperties = { ...connectionOf(c), query: c.Query, refreshType };
    if (c.DeltaQuery !== undefined) spec.deltaQuery = c.DeltaQuery;
    if (refreshType !== 'Static' && c.RefreshInterval !== undefined) spec.refreshIntervalSeconds = c.RefreshInterval;
    return spec;
  });
}

export function postgresOutputSchema() {
  return ciObject(outputShape).transform((c): PostgresOutputProperties => {
    const spec: PostgresOutputProperties = { ...connectionOf(c), table: c.Table, maxWriterCount: c.MaxWriterCount ?? 1 };
    if (c.ColumnMapping !== undefined) spec.columnMapping = c.ColumnMapping;
    if (c.UpsertKey !== undefined) spec.upsertKey = c.UpsertKey;
    return spec;
  });
}
