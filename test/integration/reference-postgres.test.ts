// PostgreSQL reference data against a real PostgreSQL 15 server (test/postgres): the snapshot query's
// columns become ASA values (bigint, float, datetime, bit, records), and a RefreshPeriodicallyWithFull
// input is queried again every RefreshInterval, so a JOIN sees rows changed in the database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { postgresReferenceSource, startReferenceData } from '../../src/app/reference-data.ts';
import { readPostgresReference } from '../../src/connectors/postgres/index.ts';
import type { InputSpec } from '../../src/job/index.ts';
import type { SecretStore } from '../../src/secrets/index.ts';
import { AsaDateTime, type AsaRecord } from '../../src/types/index.ts';
import { destroyPostgresServer, startPostgresServer, type PostgresTestServer } from '../postgres/index.ts';

let server: PostgresTestServer;
let admin: pg.Pool;

before(async () => {
  server = await startPostgresServer();
  admin = new pg.Pool({ host: server.host, port: server.port, user: server.user, password: server.password, database: server.database, max: 1 });
  admin.on('error', () => {});
  await admin.query(`CREATE TABLE sites (id bigint, small int, price numeric(10,2), ratio double precision, name text, opened timestamptz, active boolean, info jsonb)`);
  await admin.query(`INSERT INTO sites VALUES (9007199254740993, 7, 12.50, 0.25, 'north', '2024-01-02T03:04:05.678Z', true, '{"floors": [1, 2]}'), (1, NULL, NULL, NULL, 'south', NULL, false, NULL)`);
});
after(async () => {
  await admin?.end();
  if (server) await destroyPostgresServer(server);
});

const connection = () => ({
  server: server.host, port: server.port, database: server.database, username: server.user,
  password: { kind: 'secret' as const, name: 'pg-password' }, keyVaultName: 'vault', sslMode: 'disable' as const,
});
const store: SecretStore = { get: (_vault: string, _name: string) => Promise.resolve({ value: server.password }) } as unknown as SecretStore;

describe('PostgreSQL reference data', () => {
  it('converts the query\'s columns to ASA values (the password read from the secret store)', async () => {
    const rows = await readPostgresReference({ ...connection(), secretStore: store, query: 'SELECT * FROM sites ORDER BY name' });
    assert.deepEqual(rows[0], {
      id: 9007199254740993n, small: 7, price: 12.5, ratio: 0.25, name: 'north',
      opened: AsaDateTime.fromEpochMs(Date.parse('2024-01-02T03:04:05.678Z')), active: true, info: { floors: [1, 2] },
    });
    assert.deepEqual(rows[1], { id: 1, small: null, price: null, ratio: null, name: 'south', opened: null, active: false, info: null });
  });

  it('RefreshPeriodicallyWithFull runs the query again every RefreshInterval and loads each new snapshot', async () => {
    const spec = {
      alias: 'sites', kind: 'reference', compression: 'None', live: true,
      source: { kind: 'postgres', properties: { ...connection(), query: 'SELECT id, name FROM sites WHERE active', refreshType: 'RefreshPeriodicallyWithFull', refreshIntervalSeconds: 1 } },
    } as unknown as InputSpec;
    const source = postgresReferenceSource(spec, store);
    assert.ok(source);
    const loads: AsaRecord[][] = [];
    const running = await startReferenceData([source], (_alias, rows) => loads.push(rows), () => {});
    try {
      assert.deepEqual(loads, [[{ id: 9007199254740993n, name: 'north' }]]);
      await admin.query(`UPDATE sites SET active = true WHERE name = 'south'`);
      const deadline = Date.now() + 5000;
      while (loads.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(loads.at(-1)?.map((r) => r['name']).sort(), ['north', 'south']);
    } finally {
      running.stop();
    }
  });

  it('RefreshPeriodicallyWithDelta is refused with a clear error', () => {
    const spec = { alias: 'd', source: { kind: 'postgres', properties: { ...connection(), query: 'q', deltaQuery: 'd', refreshType: 'RefreshPeriodicallyWithDelta', refreshIntervalSeconds: 60 } } } as unknown as InputSpec;
    assert.throws(() => postgresReferenceSource(spec, store), /RefreshPeriodicallyWithDelta is not supported/);
  });
});
