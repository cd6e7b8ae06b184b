// The same windowed query, run live on Kafka and with --local on the same events, gives the same results:
// live mode reads the records' LogAppendTime as arrival time (EventEnqueuedUtcTime); the local run is given
// each record's timestamp as its EventEnqueuedUtcTime. Windows close live as arrival time moves on (the
// late-arrival tolerance), locally at the end of the input.
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
const QUERY = 'SELECT deviceId, COUNT(*) AS n, SUM(v) AS total, System.Timestamp() AS windowEnd INTO out FROM readings GROUP BY deviceId, TumblingWindow(second, 2)';

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

describe('live windowed results equal --local on the same events', { skip: skipWithoutBroker(broker) }, () => {
  let dir = '';
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('TumblingWindow(second, 2) COUNT and SUM per device', async () => {
    const plain = connectionFor(broker!, 'None');
    const input = uniqueName('win-in');
    const output = uniqueName('win-out');
    await createTopics(plain, { [input]: { partitions: 2, config: { 'message.timestamp.type': 'LogAppendTime' } }, [output]: { partitions: 1 } });
    dir = await mkdtemp(join(tmpdir(), 'sluice-live-local-'));
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
    await writeFile(join(dir, 'live/asaproj.json'), JSON.stringify({ name: 'windows', startFile: 'q.asaql', configurations: [
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
        const batch = Array.from({ length: 15 }, (_, i) => ({ deviceId: `d${(i + burst) % 3}`, v: i + burst * 10 }));
        await writer.write(input, batch.map((e, i) => ({ value: Buffer.from(JSON.stringify(e)), partition: i % 2 })));
        produced += batch.length;
        await new Promise((r) => setTimeout(r, 900));
      }
    } finally {
      await writer.close();
    }
    // The last window closes about 2 s (its length) + 2 s (late-arrival tolerance) after the last event.
    await new Promise((r) => setTimeout(r, 5500));
    child.kill('SIGTERM');
    assert.equal(await exited, 0, log);
    // Window (2 s) + late-arrival tolerance (2 s): offsets wait that long, so no event of an open window is committed.
    assert.match(log, /windowed query: offsets are committed 4 s of arrival time after their events/);

    const live = (await readAll(output, 1, 1)).map((r) => JSON.parse(r.value!.toString()) as unknown);
    await new Promise((r) => setTimeout(r, 300));
    const records = await readAll(input, 2, produced);
    assert.equal(records.length, produced);
    assert.ok(live.length >= 3, `expected several window results, got ${live.length}\n${log}`);

    // The same events, for a local run: the record timestamp becomes EventEnqueuedUtcTime.
    await mkdir(join(dir, 'local/Inputs'), { recursive: true });
    await writeFile(join(dir, 'local/JobConfig.json'), jobConfig);
    await writeFile(join(dir, 'local/q.asaql'), QUERY);
    await writeFile(join(dir, 'local/readings.json'), records.map((r) => JSON.stringify({
      ...(JSON.parse(r.value!.toString()) as object), EventEnqueuedUtcTime: new Date(r.timestamp).toISOString(),
    })).join('\n'));
    await writeFile(join(dir, 'local/Inputs/Local_readings.json'), JSON.stringify({ InputAlias: 'readings', Type: 'Data Stream', Format: 'Json', FilePath: '../readings.json', ScriptType: 'InputMock' }));
    await writeFile(join(dir, 'local/asaproj.json'), JSON.stringify({ name: 'windows', startFile: 'q.asaql', configurations: [
      { filePath: 'JobConfig.json', subType: 'JobConfig' }, { filePath: 'Inputs/Local_readings.json', subType: 'InputMock' },
    ] }));
    await new Promise<void>((resolve, reject) => execFile(process.execPath, [CLI, 'run', join(dir, 'local'), '--local'], (err, _o, stderr) => (err ? reject(new Error(stderr)) : resolve())));
    const local = (await readFile(join(dir, 'local/LocalRunOutputs/out.json'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as unknown);

    assert.deepEqual(canonical(live), canonical(local));
    assert.equal((live as Array<{ n: number }>).reduce((s, r) => s + r.n, 0), produced, 'every event is counted once');
  });
});
