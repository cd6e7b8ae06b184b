// MATCH_RECOGNIZE and substreams (TIMESTAMP BY … OVER) run live on Kafka give the rows --local gives on
// the same events (the local run is given each record's LogAppendTime as EventEnqueuedUtcTime and the same
// JobConfig, so the same time policies apply). Live mode does not flush what is still open at a stop, so a
// final event per device moves each device's own timeline past everything compared.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { RdkafkaRecordReader, RdkafkaRecordWriter, type KafkaRecord } from '../../src/connectors/kafka/index.ts';
import { connectionFor, createTopics, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();
const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));
const JOB_CONFIG = JSON.stringify({ EventsLateArrivalMaxDelayInSeconds: 3600, EventsOutOfOrderMaxDelayInSeconds: 0, EventsOutOfOrderPolicy: 'Adjust' });

async function readAll(topic: string, min: number, waitMs: number): Promise<KafkaRecord[]> {
  const reader = await RdkafkaRecordReader.connect(connectionFor(broker!, 'None'), { groupId: uniqueName('verify') });
  const records: KafkaRecord[] = [];
  try {
    reader.assign([{ topic, partition: 0, offset: 'beginning' as const }]);
    const deadline = Date.now() + waitMs;
    while ((records.length < min || min === 0) && Date.now() < deadline) records.push(...await reader.read(500, 200));
  } finally {
    await reader.close();
  }
  return records;
}

async function project(dir: string, query: string, files: Record<string, string>, configurations: { filePath: string; subType: string }[]): Promise<void> {
  await mkdir(join(dir, 'Inputs'), { recursive: true });
  await mkdir(join(dir, 'Outputs'), { recursive: true });
  await writeFile(join(dir, 'JobConfig.json'), JOB_CONFIG);
  await writeFile(join(dir, 'q.asaql'), query);
  for (const [f, text] of Object.entries(files)) await writeFile(join(dir, f), text);
  await writeFile(join(dir, 'asaproj.json'), JSON.stringify({ name: 'mr', startFile: 'q.asaql', configurations: [{ filePath: 'JobConfig.json', subType: 'JobConfig' }, ...configurations] }));
}

/** Runs `query` live over what `produce` writes, then --local over the same records; returns both outputs. */
async function liveAndLocal(dir: string, query: string, produce: (write: (events: object[]) => Promise<void>) => Promise<void>): Promise<{ live: Record<string, unknown>[]; local: Record<string, unknown>[] }> {
  const plain = connectionFor(broker!, 'None');
  const input = uniqueName('mr-in');
  const output = uniqueName('mr-out');
  await createTopics(plain, { [input]: { partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime' } }, [output]: { partitions: 1 } });
  await project(join(dir, 'live'), query, {
    'Inputs/readings.json': JSON.stringify({ Name: 'readings', Type: 'Data Stream', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' }, KafkaProperties: { BootstrapServers: broker!.bootstrap.plaintext, Topic: input, SecurityProtocol: 'None' } }),
    'Outputs/out.json': JSON.stringify({ Name: 'out', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' }, KafkaProperties: { BootstrapServers: broker!.bootstrap.plaintext, Topic: output, SecurityProtocol: 'None' } }),
  }, [{ filePath: 'Inputs/readings.json', subType: 'Input' }, { filePath: 'Outputs/out.json', subType: 'Output' }]);
  const child = spawn(process.execPath, [CLI, 'run', join(dir, 'live')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d: Buffer) => { log += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { log += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 30_000;
  while (!log.includes('running:')) {
    assert.ok(Date.now() < deadline && child.exitCode === null, `sluice run did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const writer = await RdkafkaRecordWriter.connect(plain);
  try {
    await produce((events) => writer.write(input, events.map((e) => ({ value: Buffer.from(JSON.stringify(e)), partition: 0 }))));
  } finally {
    await writer.close();
  }
  await new Promise((r) => setTimeout(r, 3000));
  child.kill('SIGTERM');
  assert.equal(await exited, 0, log);
  const live = (await readAll(output, 0, 4000)).map((r) => JSON.parse(r.value!.toString()) as Record<string, unknown>);
  const records = await readAll(input, 1, 10_000);
  await mkdir(join(dir, 'local'), { recursive: true });
  await project(join(dir, 'local'), query, {
    'readings.json': records.map((r) => JSON.stringify({ ...(JSON.parse(r.value!.toString()) as object), EventEnqueuedUtcTime: new Date(r.timestamp).toISOString() })).join('\n'),
    'Inputs/Local_readings.json': JSON.stringify({ InputAlias: 'readings', Type: 'Data Stream', Format: 'Json', FilePath: '../readings.json', ScriptType: 'InputMock' }),
  }, [{ filePath: 'Inputs/Local_readings.json', subType: 'InputMock' }]);
  await new Promise<void>((resolve, reject) => execFile(process.execPath, [CLI, 'run', join(dir, 'local'), '--local'], (err, _o, stderr) => (err ? reject(new Error(stderr)) : resolve())));
  const text = await readFile(join(dir, 'local/LocalRunOutputs/out.json'), 'utf8').catch(() => '');
  const local = text.trim() === '' ? [] : text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { live, local };
}

const canonical = (rows: Record<string, unknown>[]): string[] => rows.map((r) => JSON.stringify(r, Object.keys(r).filter((k) => k !== 'EventProcessedUtcTime' && k !== 'PartitionId' && k !== 'EventEnqueuedUtcTime').sort())).sort();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('live MATCH_RECOGNIZE and substreams equal --local on the same events', { skip: skipWithoutBroker(broker) }, () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('MATCH_RECOGNIZE per device over arrival time (O+ W W)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-mr-live-'));
    dirs.push(dir);
    const query = `SELECT * INTO out FROM readings MATCH_RECOGNIZE (LIMIT DURATION (second, 20) PARTITION BY deviceId
      MEASURES First(W.n) AS firstWarn, Last(W.n) AS lastWarn, Classifier() AS c
      PATTERN (O+ W W) DEFINE O AS O.state = 'ok', W AS W.state = 'warn') AS m`;
    const states = ['ok', 'ok', 'warn', 'warn', 'ok', 'warn', 'ok', 'warn', 'warn', 'warn'];
    const { live, local } = await liveAndLocal(dir, query, async (write) => {
      let n = 0;
      for (let burst = 0; burst < 3; burst++) {
        await write(states.flatMap((state) => ['d0', 'd1'].map((deviceId) => ({ deviceId, state, n: n++ }))));
        await sleep(700);
      }
      // Later events move the watermark past every earlier one (arrival time is the event time).
      await sleep(1200);
      await write([{ deviceId: 'flush', state: 'ok', n: n++ }]);
      await sleep(1200);
      await write([{ deviceId: 'flush', state: 'ok', n: n++ }]);
    });
    assert.ok(local.length >= 6, `local matches: ${local.length}`);
    assert.deepEqual(canonical(live), canonical(local));
  });

  it('substreams: TIMESTAMP BY … OVER with a device 60 s behind, tumbling counts per device', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-substreams-live-'));
    dirs.push(dir);
    const query = `SELECT deviceId, COUNT(*) AS c, System.Timestamp() AS e INTO out FROM readings TIMESTAMP BY t OVER deviceId
      GROUP BY deviceId, TumblingWindow(second, 2)`;
    const last: Record<string, number> = {};
    const { live, local } = await liveAndLocal(dir, query, async (write) => {
      for (let burst = 0; burst < 4; burst++) {
        const now = Date.now();
        await write(Array.from({ length: 6 }, (_, i) => ['d0', 'd1'].map((deviceId) => {
          const t = now + i * 100 - (deviceId === 'd1' ? 60_000 : 0);
          last[deviceId] = t;
          return { deviceId, t: new Date(t).toISOString() };
        })).flat());
        await sleep(800);
      }
      // One event per device 10 s ahead on its own clock closes all its earlier windows.
      await write(['d0', 'd1'].map((deviceId) => ({ deviceId, t: new Date((last[deviceId] as number) + 10_000).toISOString() })));
    });
    const closed = (r: Record<string, unknown>): boolean => Date.parse(String(r['e'])) <= (last[String(r['deviceId'])] as number) + 2000;
    const expected = local.filter(closed);
    assert.ok(expected.some((r) => r['deviceId'] === 'd1') && expected.some((r) => r['deviceId'] === 'd0'), JSON.stringify(local));
    assert.deepEqual(canonical(live.filter(closed)), canonical(expected));
    assert.equal(live.length, expected.length, 'live emits exactly the windows its devices\' clocks closed');
  });
});
