// Analytic functions (LAG, ISFIRST, a rolling SUM) run live on Kafka give the same rows as --local on the
// same events: live mode reads the records' LogAppendTime as arrival time (EventEnqueuedUtcTime), the local
// run is given each record's timestamp as its EventEnqueuedUtcTime. Each event's results come out with it
// (no window to wait for); the history they read is kept across batches (LAG page, ISFIRST page, OVER page).
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
const QUERY = `SELECT deviceId, v, LAG(v) OVER (PARTITION BY deviceId LIMIT DURATION(minute, 1)) AS prev,
  ISFIRST(second, 2) OVER (PARTITION BY deviceId) AS first, SUM(v) OVER (PARTITION BY deviceId LIMIT DURATION(second, 3)) AS total
INTO out FROM readings WHERE v % 2 = 0`;

async function readAll(topic: string, partitions: number, count: number): Promise<KafkaRecord[]> {
  const reader = await RdkafkaRecordReader.connect(connectionFor(broker!, 'None'), { groupId: uniqueName('verify') });
  const records: KafkaRecord[] = [];
  try {
    reader.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition, offset: 'beginning' as const })));
    const deadline = Date.now() + 20_000;
    while (records.length < count && Date.now() < deadline) records.push(...await reader.read(500, 200));
  } finally {
    await reader.close();
  }
  return records;
}

const canonical = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('live analytic results equal --local on the same events', { skip: skipWithoutBroker(broker) }, () => {
  let dir = '';
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('LAG, ISFIRST and SUM OVER per device, before WHERE', async () => {
    const plain = connectionFor(broker!, 'None');
    const input = uniqueName('analytic-in');
    const output = uniqueName('analytic-out');
    await createTopics(plain, { [input]: { partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime' } }, [output]: { partitions: 1 } });
    dir = await mkdtemp(join(tmpdir(), 'sluice-analytic-live-'));
    await mkdir(join(dir, 'live/Inputs'), { recursive: true });
    await mkdir(join(dir, 'live/Outputs'), { recursive: true });
    const jobConfig = JSON.stringify({ EventsLateArrivalMaxDelayInSeconds: 2, EventsOutOfOrderMaxDelayInSeconds: 0 });
    await writeFile(join(dir, 'live/JobConfig.json'), jobConfig);
    await writeFile(join(dir, 'live/q.asaql'), QUERY);
    await writeFile(join(dir, 'live/Inputs/readings.json'), JSON.stringify({
      Name: 'readings', Type: 'Data Stream', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' },
      KafkaProperties: { BootstrapServers: broker!.bootstrap.plaintext, Topic: input, SecurityProtocol: 'None' },
    }));
    await writeFile(join(dir, 'live/Outputs/out.json'), JSON.stringify({
      Name: 'out', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' },
      KafkaProperties: { BootstrapServers: broker!.bootstrap.plaintext, Topic: output, SecurityProtocol: 'None' },
    }));
    await writeFile(join(dir, 'live/asaproj.json'), JSON.stringify({ name: 'analytics', startFile: 'q.asaql', configurations: [
      { filePath: 'JobConfig.json', subType: 'JobConfig' }, { filePath: 'Inputs/readings.json', subType: 'Input' }, { filePath: 'Outputs/out.json', subType: 'Output' },
    ] }));

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
    let produced = 0;
    try {
      for (let burst = 0; burst < 4; burst++) {
        const batch = Array.from({ length: 16 }, (_, i) => ({ deviceId: `d${(i + burst) % 3}`, v: i + burst * 10 }));
        await writer.write(input, batch.map((e) => ({ value: Buffer.from(JSON.stringify(e)), partition: 0 })));
        produced += batch.length;
        await new Promise((r) => setTimeout(r, 900));
      }
    } finally {
      await writer.close();
    }
    await new Promise((r) => setTimeout(r, 3000));
    child.kill('SIGTERM');
    assert.equal(await exited, 0, log);

    const live = (await readAll(output, 1, produced / 2)).map((r) => JSON.parse(r.value!.toString()) as unknown);
    await new Promise((r) => setTimeout(r, 300));
    const records = await readAll(input, 1, produced);
    assert.equal(records.length, produced);
    // WHERE keeps the even values only; LAG, ISFIRST and SUM still saw the odd ones (they run before WHERE).
    assert.equal(live.length, produced / 2, log);

    // The same events, for a local run: the record timestamp becomes EventEnqueuedUtcTime.
    await mkdir(join(dir, 'local/Inputs'), { recursive: true });
    await writeFile(join(dir, 'local/JobConfig.json'), jobConfig);
    await writeFile(join(dir, 'local/q.asaql'), QUERY);
    await writeFile(join(dir, 'local/readings.json'), records.map((r) => JSON.stringify({
      ...(JSON.parse(r.value!.toString()) as object), EventEnqueuedUtcTime: new Date(r.timestamp).toISOString(),
    })).join('\n'));
    await writeFile(join(dir, 'local/Inputs/Local_readings.json'), JSON.stringify({ InputAlias: 'readings', Type: 'Data Stream', Format: 'Json', FilePath: '../readings.json', ScriptType: 'InputMock' }));
    await writeFile(join(dir, 'local/asaproj.json'), JSON.stringify({ name: 'analytics', startFile: 'q.asaql', configurations: [
      { filePath: 'JobConfig.json', subType: 'JobConfig' }, { filePath: 'Inputs/Local_readings.json', subType: 'InputMock' },
    ] }));
    await new Promise<void>((resolve, reject) => execFile(process.execPath, [CLI, 'run', join(dir, 'local'), '--local'], (err, _o, stderr) => (err ? reject(new Error(stderr)) : resolve())));
    const local = (await readFile(join(dir, 'local/LocalRunOutputs/out.json'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as unknown);

    assert.deepEqual(canonical(live), canonical(local));
    assert.ok((live as Array<{ prev: number | null }>).some((r) => r.prev !== null && r.prev % 2 === 1), 'LAG sees events WHERE drops');
  });
});
