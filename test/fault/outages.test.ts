// Fault tests on what the engine depends on, with real `sluice run` processes:
// - the Kafka broker stopped for 20 s and started again (a broker of this test's own — the shared one is
//   never stopped — restarted on the same data and ports): the engine keeps running, reconnects, and every
//   window equals the reference (File output, which does not depend on the broker);
// - the PostgreSQL output down for 30 s (test/postgres stops and restarts the server): writes are held back
//   and retried (OutputErrorPolicy Stop), input keeps flowing once it is back, and the upserted table holds
//   exactly the reference windows — no row missing, none twice.
import assert from 'node:assert/strict';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { RdkafkaRecordWriter } from '../../src/connectors/kafka/index.ts';
import { envVariableName } from '../../src/secrets/index.ts';
import { startBrokerProcess, startKafkaBroker, stopBrokerProcess, stopKafkaBroker, type KafkaTestBroker } from '../kafka-broker/index.ts';
import { destroyPostgresServer, startPostgres, startPostgresServer, stopPostgres, type PostgresTestServer } from '../postgres/index.ts';
import { connectionFor, createTopics, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';
import { assertWindows, collect, delay, expectedWindows, killEngines, produce, readTopic, startEngine, waitForLog, writeProject } from './fault-harness.ts';

const shared = requireBroker();
const dirs: string[] = [];

/** Every row the File output wrote (JSON lines under Outputs/results/). */
async function fileRows(dir: string): Promise<Array<{ k: string; c: number; s: number; we: string }>> {
  const root = join(dir, 'Outputs', 'results');
  const rows = [];
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!e.isFile()) continue;
    for (const line of (await readFile(join(e.parentPath, e.name), 'utf8')).split('\n')) if (line.trim()) rows.push(JSON.parse(line) as { k: string; c: number; s: number; we: string });
  }
  return rows;
}

describe('outages', { skip: skipWithoutBroker(shared) }, () => {
  after(async () => {
    killEngines();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('the broker stopped for 20 s and restarted: the engine rides it out and loses nothing', async () => {
    let broker: KafkaTestBroker | undefined;
    let writer: RdkafkaRecordWriter | undefined;
    try {
      broker = await startKafkaBroker();
      const plain = connectionFor(broker, 'None');
      const input = uniqueName('fault-broker-in');
      await createTopics(plain, { [input]: { partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime' } } });
      const dir = await writeProject({ name: uniqueName('broker'), bootstrap: broker.bootstrap.plaintext, topic: input, output: { kind: 'file' } });
      dirs.push(dir);
      writer = await RdkafkaRecordWriter.connect(plain);
      const engine = await startEngine(dir);
      await produce(writer, input, 0, 1000, { chunk: 50, pauseMs: 100 });
      await writer.close();
      writer = undefined;
      await waitForLog(engine, /checkpoint: periodic: wrote/);
      await stopBrokerProcess(broker);
      const down = Date.now();
      await delay(20_000);
      assert.equal(engine.child.exitCode, null, `the engine stopped while the broker was down:\n${engine.log()}`);
      await startBrokerProcess(broker);
      const outageMs = Date.now() - down;
      writer = await RdkafkaRecordWriter.connect(plain);
      await produce(writer, input, 1000, 2000, { chunk: 50, pauseMs: 100 });
      const expected = expectedWindows(await readTopic(plain, input));
      await assertWindows(expected, async () => collect(await fileRows(dir)).windows, 60_000);
      engine.child.kill('SIGTERM');
      assert.equal(await engine.exited, 0, engine.log());
      assert.ok(outageMs >= 20_000);
    } finally {
      killEngines();
      await writer?.close().catch(() => {});
      if (broker) await stopKafkaBroker(broker);
    }
  });

  it('the PostgreSQL output down for 30 s: writes wait and retry, and the table ends exactly right', async () => {
    const plain = connectionFor(shared!, 'None');
    let server: PostgresTestServer | undefined;
    const writer = await RdkafkaRecordWriter.connect(plain);
    let producing: Promise<number> | undefined;
    try {
      server = await startPostgresServer();
      const query = async (sql: string): Promise<Record<string, unknown>[]> => {
        const c = new pg.Client({ host: server!.host, port: server!.port, user: server!.user, password: server!.password, database: server!.database });
        await c.connect();
        try {
          return (await c.query<Record<string, unknown>>(sql)).rows;
        } finally {
          await c.end();
        }
      };
      await query('CREATE TABLE results (k text NOT NULL, c bigint, s bigint, we timestamptz NOT NULL, PRIMARY KEY (k, we))');
      const input = uniqueName('fault-pg-in');
      await createTopics(plain, { [input]: { partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime' } } });
      const dir = await writeProject({
        name: uniqueName('pg'), bootstrap: shared!.bootstrap.plaintext, topic: input,
        output: { kind: 'postgres', host: server.host, port: server.port, database: server.database, user: server.user, table: 'results' },
      });
      dirs.push(dir);
      const engine = await startEngine(dir, [], { [envVariableName('kv', 'pg-password')]: server.password });
      await produce(writer, input, 0, 1000, { chunk: 50, pauseMs: 100 });
      await stopPostgres(server);
      // Events keep arriving while the output is down.
      producing = produce(writer, input, 1000, 2000, { chunk: 50, pauseMs: 200 });
      await delay(30_000);
      await startPostgres(server);
      await producing;
      assert.match(engine.log(), /output 'out': write failed \(attempt \d+\), retrying/);
      const expected = expectedWindows(await readTopic(plain, input));
      await assertWindows(expected, async () => collect(await query('SELECT k, c, s, we FROM results') as Array<{ k: unknown; c: unknown; s: unknown; we: unknown }>).windows, 60_000);
      engine.child.kill('SIGTERM');
      assert.equal(await engine.exited, 0, engine.log());
      assert.ok(!engine.log().includes(server.password), 'the password was logged');
    } finally {
      killEngines();
      await producing?.catch(() => 0);
      await writer.close();
      if (server) await destroyPostgresServer(server);
    }
  });
});
