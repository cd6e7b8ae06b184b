// The PostgreSQL output against a real PostgreSQL 15 server (test/postgres): the sink contract, batched
// inserts, upserts that make a replayed write idempotent, ASA → PostgreSQL type round trips, column
// mapping, bad rows named precisely (and dropped alone under OutputErrorPolicy=Drop), the password read
// from a SecretStore, and TLS modes against a server without TLS.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { runSinkContract } from '../../src/connectors/contract/index.ts';
import { OutputErrorPolicySink, rowRejectionOf, type RowRejection } from '../../src/spi/index.ts';
import { PostgresSink, type PostgresSinkOptions } from '../../src/connectors/postgres/index.ts';
import type { PostgresOutputProperties } from '../../src/job/index.ts';
import type { SecretStore, SecretValue } from '../../src/secrets/index.ts';
import { AsaDateTime, type AsaRecord } from '../../src/types/index.ts';
import { destroyPostgresServer, startPostgresServer, type PostgresTestServer } from '../postgres/index.ts';

/** A job's PostgreSQL output settings go to the sink as they are, plus the secret store. */
export function postgresSinkOptionsOf(properties: PostgresOutputProperties, secretStore: SecretStore): PostgresSinkOptions {
  return { ...properties, secretStore };
}

let server: PostgresTestServer;
let admin: pg.Pool;
let tableNo = 0;

before(async () => {
  server = await startPostgresServer();
  admin = new pg.Pool({ host: server.host, port: server.port, user: server.user, password: server.password, database: server.database, max: 2 });
  // pool.end() resolves before its sockets have closed, so the server's shutdown notice (57P01) can still
  // reach an idle client in after(): nothing to act on.
  admin.on('error', () => {});
});
after(async () => {
  await admin?.end();
  if (server) await destroyPostgresServer(server);
});

function options(table: string, extra: Partial<PostgresSinkOptions> = {}): PostgresSinkOptions {
  return {
    server: server.host, port: server.port, database: server.database, username: server.user,
    password: { kind: 'inline', value: server.password }, sslMode: 'disable', table, ...extra,
  };
}

async function createTable(columns: string): Promise<string> {
  const name = `t${++tableNo}`;
  await admin.query(`CREATE TABLE ${name} (${columns})`);
  return name;
}

async function select(sql: string): Promise<Record<string, unknown>[]> {
  return (await admin.query<Record<string, unknown>>(sql)).rows;
}

runSinkContract('postgres', async () => {
  const table = await createTable('seq bigserial, id bigint, name text, temp double precision');
  return {
    sink: new PostgresSink(options(table)),
    readBack: async () => (await select(`SELECT id, name, temp FROM ${table} ORDER BY seq`))
      .map((r) => ({ id: Number(r['id']), name: r['name'] as string, temp: r['temp'] as number })),
    dispose: async () => { await admin.query(`DROP TABLE ${table}`); },
  };
});

runSinkContract('postgres under OutputErrorPolicySink (Stop), upserting', async () => {
  const table = await createTable('seq bigserial, id bigint PRIMARY KEY, name text, temp double precision');
  return {
    sink: new OutputErrorPolicySink(new PostgresSink(options(table, { upsertKey: ['id'] })), { policy: 'Stop' }),
    readBack: async () => (await select(`SELECT id, name, temp FROM ${table} ORDER BY seq`))
      .map((r) => ({ id: Number(r['id']), name: r['name'] as string, temp: r['temp'] as number })),
    dispose: async () => { await admin.query(`DROP TABLE ${table}`); },
  };
});

describe('PostgresSink', () => {
  it('writes many rows in batched multi-row INSERTs, in one transaction per write', async () => {
    const table = await createTable('seq bigserial, id bigint, name text');
    const sink = new PostgresSink(options(table, { maxRowsPerStatement: 400 }));
    const rows = Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `n${i}` }));
    const t0 = performance.now();
    await sink.write(rows);
    const ms = performance.now() - t0;
    await sink.close();
    assert.equal(sink.statements, 13, '5000 rows at 400 per statement');
    const back = await select(`SELECT count(*)::int AS n, min(id)::int AS lo, max(id)::int AS hi FROM ${table}`);
    assert.deepEqual(back[0], { n: 5000, lo: 0, hi: 4999 });
    console.log(`# postgres: 5000 rows (2 columns) in ${ms.toFixed(0)} ms = ${(5000 / ms * 1000).toFixed(0)} rows/s`);
  });

  it('upserts on the key: the same rows written twice leave no duplicates, and later values win', async () => {
    const table = await createTable('device text, window_end timestamptz, n bigint, avg double precision, PRIMARY KEY (device, window_end)');
    const sink = new PostgresSink(options(table, { upsertKey: ['device', 'window_end'] }));
    const w = AsaDateTime.fromParts(2024, 1, 1, 0, 5);
    const rows: AsaRecord[] = [
      { device: 'a', window_end: w, n: 3, avg: 1.5 },
      { device: 'b', window_end: w, n: 1, avg: 2.5 },
    ];
    await sink.write(rows);
    await sink.write(rows);
    // A key twice in one write: the last one wins (one statement may not update a row twice).
    await sink.write([{ device: 'a', window_end: w, n: 4, avg: 9 }, { device: 'a', window_end: w, n: 5, avg: 10 }]);
    await sink.close();
    const back = await select(`SELECT device, n::int, avg FROM ${table} ORDER BY device`);
    assert.deepEqual(back, [{ device: 'a', n: 5, avg: 10 }, { device: 'b', n: 1, avg: 2.5 }]);
  });

  it('round-trips ASA types: bigint, float, nvarchar, datetime (µs), bit, record and array as jsonb', async () => {
    const table = await createTable(`big bigint, small int, f float8, num numeric, s text, v varchar(5), ts timestamptz, t timestamp,
      d date, b boolean, rec jsonb, arr jsonb, txt_json json, tags text[], missing text DEFAULT 'dflt'`);
    const sink = new PostgresSink(options(table));
    const ts = AsaDateTime.fromParts(2024, 2, 29, 13, 14, 15, 123, 4567);
    await sink.write([{
      big: 9223372036854775807n, small: -5, f: 0.1, num: 12345678901234, s: 'héllo "x"', v: 'abcde', ts, t: ts, d: ts, b: true,
      rec: { a: 1, nested: { b: [true, null] }, at: ts }, arr: [1, 'two', 3.5], txt_json: 'plain', tags: ['x', 'y z'],
    }]);
    await sink.close();
    await admin.query("SET TIME ZONE 'UTC'");
    const [r] = await select(`SELECT big::text, small, f, num::text, s, v, ts::text AS ts, t::text AS t, d::text AS d, b, rec, arr, txt_json, tags, missing FROM ${table}`);
    assert.deepEqual(r, {
      big: '9223372036854775807', small: -5, f: 0.1, num: '12345678901234', s: 'héllo "x"', v: 'abcde',
      ts: '2024-02-29 13:14:15.123456+00', t: '2024-02-29 13:14:15.123456', d: '2024-02-29', b: true,
      rec: { a: 1, nested: { b: [true, null] }, at: '2024-02-29T13:14:15.1234567Z' }, arr: [1, 'two', 3.5], txt_json: 'plain',
      tags: ['x', 'y z'], missing: 'dflt',
    });
  });

  it('maps fields to columns by name ignoring case, or by ColumnMapping', async () => {
    const table = await createTable('"DeviceId" text, reading double precision');
    const byName = new PostgresSink(options(table));
    await byName.write([{ deviceid: 'd1', READING: 1.5 }]);
    await byName.close();
    const mapped = new PostgresSink(options(table, { columnMapping: { DeviceId: 'dev', reading: 'value' } }));
    await mapped.write([{ dev: 'd2', value: 2.5, ignored: 'x' }]);
    await mapped.close();
    assert.deepEqual(await select(`SELECT "DeviceId", reading FROM ${table} ORDER BY 1`), [{ DeviceId: 'd1', reading: 1.5 }, { DeviceId: 'd2', reading: 2.5 }]);

    const unknown = new PostgresSink(options(table));
    await assert.rejects(unknown.write([{ deviceid: 'd3', extra: 1 }]), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'SLUICE_POSTGRES_SCHEMA');
      assert.match(err.message, /output field "extra" has no column/);
      return true;
    });
    await unknown.close();
  });

  it('names the bad row precisely (row, column, reason) and writes nothing of that write', async () => {
    const table = await createTable('id bigint NOT NULL, code varchar(4), CONSTRAINT positive CHECK (id > 0)');
    const sink = new PostgresSink(options(table));
    const cases: Array<[AsaRecord[], RowRejection | RegExp]> = [
      [[{ id: 1, code: 'a' }, { id: 'two', code: 'b' }], { rowIndex: 1, column: 'id', reason: 'the string "two" cannot be written to a bigint column' }],
      [[{ id: 1, code: 'a' }, { id: 2, code: 'b' }, { id: 3, code: 'toolong' }], { rowIndex: 2, column: 'code', reason: 'a value of 7 characters is too long for a character varying(4) column' }],
      [[{ id: null, code: 'a' }], { rowIndex: 0, column: 'id', reason: 'NULL cannot be written to the NOT NULL column' }],
      // Found by the server only (a CHECK constraint): pinned to its row by the row-by-row replay.
      [[{ id: 1, code: 'a' }, { id: 2, code: 'b' }, { id: -3, code: 'c' }, { id: 4, code: 'd' }], /^new row for relation "t\d+" violates check constraint "positive"/],
    ];
    for (const [rows, expected] of cases) {
      const err = await sink.write(rows).then(() => undefined, (e: unknown) => e);
      const rejection = rowRejectionOf(err);
      assert.ok(rejection, `a row rejection for ${JSON.stringify(rows)}: ${String(err)}`);
      if (expected instanceof RegExp) {
        assert.equal(rejection.rowIndex, 2);
        assert.match(rejection.reason, expected);
      } else assert.deepEqual(rejection, expected);
    }
    await sink.close();
    assert.deepEqual(await select(`SELECT * FROM ${table}`), [], 'a rejected write leaves nothing behind');
  });

  it('under OutputErrorPolicy=Drop writes all rows but the bad ones, reporting and counting each', async () => {
    const table = await createTable('seq bigserial, id bigint NOT NULL CHECK (id <> 13), name varchar(3)');
    const dropped: RowRejection[] = [];
    const sink = new OutputErrorPolicySink(new PostgresSink(options(table)), { policy: 'Drop', onDropped: (_r, rej) => dropped.push(rej) });
    const rows: AsaRecord[] = Array.from({ length: 20 }, (_, i) => ({ id: i, name: 'ok' }));
    rows[3] = { id: 'x', name: 'ok' };
    rows[7] = { id: 7, name: 'long' };
    rows[13] = { id: 13, name: 'ok' };
    await sink.write(rows);
    await sink.close();
    assert.deepEqual(dropped.map((d) => [d.rowIndex, d.column]), [[3, 'id'], [7, 'name'], [13, '']]);
    assert.equal(sink.droppedRows, 3);
    const ids = (await select(`SELECT id::int FROM ${table} ORDER BY seq`)).map((r) => r['id']);
    assert.deepEqual(ids, Array.from({ length: 20 }, (_, i) => i).filter((i) => ![3, 7, 13].includes(i)));
  });

  it('reads a { SecretName } password from the SecretStore at connect', async () => {
    const table = await createTable('id bigint');
    const reads: string[] = [];
    const store: SecretStore = {
      describe: () => 'test store',
      get: (vault: string, name: string): Promise<SecretValue> => {
        reads.push(`${vault}/${name}`);
        return Promise.resolve({ vault, name, value: server.password, bytes: Buffer.from(server.password), version: '1', readAt: new Date(), source: 'test' });
      },
    };
    const sink = new PostgresSink(options(table, { password: { kind: 'secret', name: 'pg-password' }, keyVaultName: 'kv1', secretStore: store }));
    await sink.write([{ id: 1 }]);
    await sink.close();
    assert.deepEqual(reads, ['kv1/pg-password']);

    const wrong: SecretStore = { ...store, get: (vault, name) => store.get(vault, name).then((s) => ({ ...s, value: 'wrong' })) };
    const bad = new PostgresSink(options(table, { password: { kind: 'secret', name: 'pg-password' }, keyVaultName: 'kv1', secretStore: wrong }));
    await assert.rejects(bad.write([{ id: 2 }]), (err: Error & { code?: string; retryable?: boolean }) => {
      assert.equal(err.code, 'SLUICE_POSTGRES_AUTH');
      assert.equal(err.retryable, false);
      assert.doesNotMatch(err.message, /wrong/);
      return true;
    });
    await bad.close();
  });

  it('TLS: require fails against a server without TLS; prefer falls back to plain', async () => {
    const table = await createTable('id bigint');
    const required = new PostgresSink(options(table, { sslMode: 'require' }));
    await assert.rejects(required.write([{ id: 1 }]), /does not support SSL/);
    await required.close();
    const preferred = new PostgresSink(options(table, { sslMode: 'prefer' }));
    await preferred.write([{ id: 1 }]);
    await preferred.close();
    assert.deepEqual(await select(`SELECT id::int FROM ${table}`), [{ id: 1 }]);
  });

  it('a missing table is a configuration error with a hint', async () => {
    const sink = new PostgresSink(options('no_such_table'));
    await assert.rejects(sink.write([{ id: 1 }]), (err: Error & { code?: string; retryable?: boolean }) => {
      assert.equal(err.code, 'SLUICE_POSTGRES_NO_TABLE');
      assert.equal(err.retryable, false);
      return true;
    });
    await sink.close();
  });
});
