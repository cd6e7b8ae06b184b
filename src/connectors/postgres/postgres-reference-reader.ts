// PostgreSQL as reference data (a sluice extension modelled on ASA's SQL Database reference input,
// learn.microsoft.com/azure/stream-analytics/sql-reference-data): runs the snapshot query and returns its
// rows as ASA records, converting PostgreSQL types the way ASA reads SQL columns — integers to bigint,
// numeric and floating point to float, timestamps to datetime, booleans to bit, json to records and
// arrays. One connection per snapshot, closed afterwards, so a rotated password is read each time.
import pg from 'pg';
import { SluiceError } from '../../common/index.ts';
import { AsaDateTime, type AsaRecord, type AsaValue } from '../../types/index.ts';
import { clientConfig, tlsConfig } from './postgres-client-config.ts';
import { postgresError } from './postgres-errors.ts';
import type { PostgresSinkOptions } from './postgres-sink-options.ts';

/** The connection settings of the output (no table) and the snapshot query. */
export type PostgresReferenceOptions = Omit<PostgresSinkOptions, 'table'> & { query: string };

const INT8 = 20;
const NUMERIC = 1700;

export async function readPostgresReference(options: PostgresReferenceOptions): Promise<AsaRecord[]> {
  const sinkLike: PostgresSinkOptions = { ...options, table: '' };
  const target = `${options.server}:${options.port}/${options.database}`;
  let client: pg.Client | undefined;
  try {
    try {
      client = new pg.Client(await clientConfig(sinkLike, tlsConfig(sinkLike)));
      await client.connect();
    } catch (err) {
      await client?.end().catch(() => {});
      // libpq's `prefer`: TLS if the server offers it, plain otherwise.
      if (options.sslMode !== 'prefer' || !/does not support SSL/i.test(String((err as Error).message))) throw err;
      client = new pg.Client(await clientConfig(sinkLike, false));
      await client.connect();
    }
    const result = await client.query({ text: options.query, rowMode: 'array' });
    const names = result.fields.map((f) => f.name);
    return result.rows.map((cells: unknown[]) => {
      const row: AsaRecord = {};
      for (let i = 0; i < names.length; i++) row[names[i] as string] = toAsa(cells[i], result.fields[i]?.dataTypeID ?? 0);
      return row;
    });
  } catch (err) {
    if (err instanceof SluiceError) throw err;
    throw postgresError(err, 'reading reference data', target);
  } finally {
    await client?.end().catch(() => {});
  }
}

function toAsa(v: unknown, type: number): AsaValue {
  if (v === null || v === undefined) return null;
  if (type === INT8 && typeof v === 'string') {
    const n = BigInt(v);
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }
  if (type === NUMERIC && typeof v === 'string') return Number(v);
  if (v instanceof Date) return AsaDateTime.fromEpochMs(v.getTime());
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (Array.isArray(v)) return v.map((x) => toAsa(x, 0));
  if (typeof v === 'object') {
    const out: AsaRecord = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toAsa(x, 0);
    return out;
  }
  return v as AsaValue;
}
