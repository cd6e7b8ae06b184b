// PostgreSQL output in a live end-to-end run: Kafka input → `sluice run` (a child process) → a real
// PostgreSQL 15 (test/postgres), beside a File output (Avro, `{partition}/{date}` folders) and a Kafka
// output (JSON, with a HeaderColumns header). Run 1 under OutputErrorPolicy=Drop: plain inserts with a ColumnMapping, upserts on a
// key (latest value per device), and a row PostgreSQL cannot take (text into double precision) dropped
// alone with a log line. Run 2 under Stop ("Retry"), resuming where run 1 stopped: PostgreSQL goes down
// mid-stream, the job holds the output back and retries, and once the server is back every row is there
// exactly once. Whole floats: TRY_CAST(temp AS float) of 20 is `20.0` in the Kafka JSON and a double in
// the Avro files, read back by fastavro.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { RdkafkaRecordReader, RdkafkaRecordWriter } from '../../src/connectors/kafka/index.ts';
import { PYTHON } from '../../src/formats/test-support/python-fixtures.ts';
import { envVariableName } from '../../src/secrets/index.ts';
import { connectionFor, createTopics, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';
import { destroyPostgresServer, startPostgres, startPostgresServer, stopPostgres, type PostgresTestServer } from './index.ts';

const broker = requireBroker();
const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));

interface Running {
  child: ChildProcess;
  /** What the job printed, one message a line (structured log lines reduced to their message). */
  output: () => string;
  exited: Promise<number | null>;
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function start(dir: string, env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [CLI, 'run', dir], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return waitFor('sluice run to start', () => {
    if (child.exitCode !== null) throw new Error(`sluice run exited ${child.exitCode}`);
    return out.includes('running:');
  }).then(() => ({ child, output: () => messages(out), exited }), (err: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}:\n${out}`);
  });
}

function messages(out: string): string {
  return out.split('\n').map((line) => {
    if (!line.startsWith('{')) return line;
    try {
      return String((JSON.parse(line) as { msg?: unknown }).msg ?? line);
    } catch {
      return line;
    }
  }).join('\n');
}

/** Every Avro file under `root`: its folder (relative) and its rows as fastavro reads them, with Python types. */
async function readAvroFiles(root: string): Promise<Array<{ folder: string; tType: unknown; rows: Array<{ deviceId: string; t: [string, unknown] }> }>> {
  const script = `import sys, json, fastavro
r = fastavro.reader(open(sys.argv[1], "rb"))
t = [f["type"] for f in r.writer_schema["fields"] if f["name"] == "t"][0]
print(json.dumps({"tType": t, "rows": [{"deviceId": x["deviceId"], "t": [type(x["t"]).__name__, x["t"]]} for x in r]}))`;
  const out = [];
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.avro')) continue;
    const parsed = JSON.parse(execFileSync(PYTHON, ['-c', script, join(e.parentPath, e.name)]).toString()) as { tType: unknown; rows: Array<{ deviceId: string; t: [string, unknown] }> };
    out.push({ folder: relative(root, e.parentPath), ...parsed });
  }
  return out;
}

describe('sluice run → PostgreSQL (live)', { skip: skipWithoutBroker(broker) }, () => {
  let server: PostgresTestServer;
  let admin: pg.Pool;
  let dir = '';

  before(async () => {
    server = await startPostgresServer();
    admin = new pg.Pool({ host: server.host, port: server.port, user: server.user, password: server.password, database: server.database, max: 1 });
    admin.on('error', () => {});
    await admin.query('CREATE TABLE history (seq bigserial, device_id text, temp double precision)');
    await admin.query('CREATE TABLE latest (device_id text PRIMARY KEY, temp double precision)');
  });
  after(async () => {
    await admin?.end();
    if (server) await destroyPostgresServer(server);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('inserts, upserts, drops what PostgreSQL cannot take, and holds back through an outage with nothing lost', async () => {
    const plain = connectionFor(broker!, 'None');
    const input = uniqueName('pg-live-in');
    const hot = uniqueName('pg-live-out');
    await createTopics(plain, { [input]: { partitions: 2, config: { 'message.timestamp.type': 'LogAppendTime' } }, [hot]: { partitions: 1 } });
    const writer = await RdkafkaRecordWriter.connect(plain);
    const send = (events: Array<[number, string]>) => writer.write(input, events.map(([partition, v]) => ({ value: Buffer.from(v), partition })));
    const env = { SLUICE_SECRETS_PROVIDER: 'env', [envVariableName('pgvault', 'pg-password')]: server.password };
    const pgConnection = { Server: `${server.host}:${server.port}`, Database: server.database, Username: server.user, Password: { SecretName: 'pg-password' }, KeyVaultName: 'pgvault', SslMode: 'disable' };

    dir = await mkdtemp(join(tmpdir(), 'sluice-live-pg-'));
    await mkdir(join(dir, 'Inputs'));
    await mkdir(join(dir, 'Outputs'));
    await writeFile(join(dir, 'Inputs/readings.json'), JSON.stringify({
      Name: 'readings', Type: 'Data Stream', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' },
      KafkaProperties: { BootstrapServers: broker!.bootstrap.plaintext, Topic: input, SecurityProtocol: 'None' },
    }));
    await writeFile(join(dir, 'Outputs/history.json'), JSON.stringify({
      Name: 'history', DataSourceType: 'PostgreSQL', PostgreSQLProperties: { ...pgConnection, Table: 'history', ColumnMapping: { device_id: 'deviceId', temp: 'temp' } },
    }));
    await writeFile(join(dir, 'Outputs/latest.json'), JSON.stringify({
      Name: 'latest', DataSourceType: 'PostgreSQL', PostgreSQLProperties: { ...pgConnection, Table: 'latest', ColumnMapping: { device_id: 'deviceId', temp: 'temp' }, UpsertKey: 'device_id' },
    }));
    await writeFile(join(dir, 'Outputs/archive.json'), JSON.stringify({
      Name: 'archive', DataSourceType: 'File', Serialization: { Type: 'Avro' }, FileProperties: { Path: 'archive/{partition}/{date}', DateFormat: 'yyyy-MM-dd' },
    }));
    await writeFile(join(dir, 'Outputs/hot.json'), JSON.stringify({
      Name: 'hot', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' },
      KafkaProperties: { BootstrapServers: broker!.bootstrap.plaintext, Topic: hot, SecurityProtocol: 'None', HeaderColumns: 'deviceId' },
    }));
    await writeFile(join(dir, 'q.asaql'), [
      'SELECT deviceId, temp INTO history FROM readings',
      'SELECT deviceId, temp INTO latest FROM readings',
      'SELECT deviceId, TRY_CAST(temp AS float) AS t INTO archive FROM readings',
      'SELECT deviceId, TRY_CAST(temp AS float) AS t INTO hot FROM readings',
    ].join('\n'));
    const writeProject = (config: Record<string, string>) => Promise.all([
      writeFile(join(dir, 'JobConfig.json'), JSON.stringify(config)),
      writeFile(join(dir, 'asaproj.json'), JSON.stringify({ name: 'live-pg', startFile: 'q.asaql', configurations: [
        { filePath: 'JobConfig.json', subType: 'JobConfig' }, { filePath: 'Inputs/readings.json', subType: 'Input' },
        ...['history', 'latest', 'archive', 'hot'].map((o) => ({ filePath: `Outputs/${o}.json`, subType: 'Output' })),
      ] })),
    ]);
    const history = async () => (await admin.query<{ device_id: string; temp: number }>('SELECT device_id, temp FROM history ORDER BY seq')).rows.map((r) => `${r.device_id}=${r.temp}`);
    const latest = async () => (await admin.query<{ device_id: string; temp: number }>('SELECT device_id, temp FROM latest ORDER BY device_id')).rows.map((r) => `${r.device_id}=${r.temp}`);

    try {
      // Run 1, Drop: d1 on partition 0, d2 and the bad row on partition 1.
      await writeProject({ OutputStartMode: 'JobStartTime', OutputErrorPolicy: 'Drop' });
      const first = await start(dir, env);
      await send([[0, '{"deviceId":"d1","temp":20}'], [1, '{"deviceId":"d2","temp":21.5}'], [1, '{"deviceId":"bad","temp":"hot"}'], [0, '{"deviceId":"d1","temp":25}']]);
      await waitFor('run 1 rows in PostgreSQL', async () => (await history()).length === 3 && (await latest()).length === 2);
      await waitFor('the drop log lines', () => (first.output().match(/dropped row/g) ?? []).length >= 2);
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0, first.output());
      const out1 = first.output();
      assert.deepEqual((await history()).sort(), ['d1=20', 'd1=25', 'd2=21.5']);
      assert.deepEqual(await latest(), ['d1=25', 'd2=21.5'], 'the upsert keeps the latest value per device');
      assert.match(out1, /output 'history': dropped row \d+: column "temp": .*/);
      assert.match(out1, /output 'latest': dropped row \d+: column "temp": .*/);
      assert.ok(!out1.includes(server.password), 'the PostgreSQL password was printed');

      // Whole floats: TRY_CAST(20 AS float) is 20.0 in the Kafka JSON, a double in the Avro files.
      const reader = await RdkafkaRecordReader.connect(plain, { groupId: uniqueName('verify') });
      const values: string[] = [];
      try {
        reader.assign([{ topic: hot, partition: 0, offset: 'beginning' }]);
        const deadline = Date.now() + 15_000;
        while (values.length < 4 && Date.now() < deadline) values.push(...(await reader.read(10, 200)).map((r) => `${r.headers.map((h) => `${h.key}=${h.value.toString()}`).join(',')}|${r.value!.toString()}`));
      } finally {
        await reader.close();
      }
      assert.deepEqual(values.sort(), [
        'deviceId=bad|{"deviceId":"bad","t":null}', 'deviceId=d1|{"deviceId":"d1","t":20.0}', 'deviceId=d1|{"deviceId":"d1","t":25.0}', 'deviceId=d2|{"deviceId":"d2","t":21.5}',
      ]);
      const avro = await readAvroFiles(join(dir, 'Outputs'));
      const today = new Date().toISOString().slice(0, 10);
      for (const f of avro) {
        assert.deepEqual(f.tType, ['null', 'double'], `t in ${f.folder}`);
        assert.match(f.folder, new RegExp(`^archive/[01]/${today}$`));
      }
      const byPartition = (p: string) => avro.filter((f) => f.folder.startsWith(`archive/${p}/`)).flatMap((f) => f.rows.map((r) => `${r.deviceId}:${r.t[0]}:${String(r.t[1])}`)).sort();
      assert.deepEqual(byPartition('0'), ['d1:float:20', 'd1:float:25']);
      assert.deepEqual(byPartition('1'), ['bad:NoneType:null', 'd2:float:21.5']);

      // Run 2, Stop: resume where run 1 stopped; PostgreSQL goes down while events arrive.
      await writeProject({ OutputStartMode: 'LastOutputEventTime', OutputErrorPolicy: 'Stop' });
      const second = await start(dir, env);
      await stopPostgres(server);
      const downAt = Date.now();
      await send([[0, '{"deviceId":"d1","temp":30}'], [1, '{"deviceId":"d3","temp":22}']]);
      await waitFor('retries while PostgreSQL is down', () => /output 'history': write failed \(attempt 2\)/.test(second.output()));
      // Down for 5 s in all: the job holds the rows back meanwhile (backoff 100 ms doubling).
      await new Promise((r) => setTimeout(r, Math.max(0, 5000 - (Date.now() - downAt))));
      assert.equal(second.child.exitCode, null, 'the job keeps running while its output is down');
      await startPostgres(server);
      const heldMs = Date.now() - downAt;
      await waitFor('run 2 rows in PostgreSQL', async () => (await history()).length === 5 && (await latest()).length === 3);
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, 0, second.output());
      assert.deepEqual((await history()).sort(), ['d1=20', 'd1=25', 'd1=30', 'd2=21.5', 'd3=22'], 'each row once, nothing lost');
      assert.deepEqual(await latest(), ['d1=30', 'd2=21.5', 'd3=22']);
      assert.ok(!second.output().includes('dropped row'), 'Stop drops nothing');
      assert.ok(heldMs >= 5000, `the outage lasted ${heldMs} ms`);
      assert.match(second.output(), /output 'latest': write failed \(attempt [4-9]\)/, 'both PostgreSQL outputs retried through the outage');
    } finally {
      await writer.close();
    }
  });
});
