// A stream–stream LEFT OUTER JOIN plus a reference data JOIN, run live on two Kafka topics and a File
// reference input, gives the same rows as --local on the same events: live mode reads each record's
// LogAppendTime as its arrival time, the local run gets it as EventEnqueuedUtcTime. Matches leave once
// both sides' watermarks pass them; an entry without an exit within the DATEDIFF bound leaves, exit
// columns NULL, once the watermark proves no exit can come (JOIN page, System.Timestamp page).
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
const QUERY = `SELECT e.plate, e.n, e.fleet, x.exitTime, r.owner, DATEDIFF(millisecond, e.entryTime, x.exitTime) AS ms, System.Timestamp() AS ts
INTO out
FROM entries e TIMESTAMP BY entryTime
LEFT OUTER JOIN exits x TIMESTAMP BY exitTime
  ON e.plate = x.plate AND DATEDIFF(second, e, x) BETWEEN 0 AND 3
JOIN owners r ON e.fleet = r.fleet`;
const OWNERS = [{ fleet: 'F0', owner: 'ann' }, { fleet: 'F1', owner: 'bob' }, { fleet: 'F2', owner: 'cy' }];

async function readAll(topic: string, count: number): Promise<KafkaRecord[]> {
  const reader = await RdkafkaRecordReader.connect(connectionFor(broker!, 'None'), { groupId: uniqueName('verify') });
  const records: KafkaRecord[] = [];
  try {
    reader.assign([{ topic, partition: 0, offset: 'beginning' as const }]);
    const deadline = Date.now() + 20_000;
    while (records.length < count && Date.now() < deadline) records.push(...await reader.read(500, 200));
  } finally {
    await reader.close();
  }
  return records;
}

const canonical = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live JOIN results equal --local on the same events', { skip: skipWithoutBroker(broker) }, () => {
  let dir = '';
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('entries LEFT OUTER JOIN exits (keys + DATEDIFF) JOIN reference owners', async () => {
    const plain = connectionFor(broker!, 'None');
    const topics = { entries: uniqueName('join-entries'), exits: uniqueName('join-exits'), out: uniqueName('join-out') };
    await createTopics(plain, {
      [topics.entries]: { partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime' } },
      [topics.exits]: { partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime' } },
      [topics.out]: { partitions: 1 },
    });
    dir = await mkdtemp(join(tmpdir(), 'sluice-join-live-'));
    const jobConfig = JSON.stringify({ EventsLateArrivalMaxDelayInSeconds: 5, EventsOutOfOrderMaxDelayInSeconds: 0 });
    await writeFile(join(dir, 'owners.json'), JSON.stringify(OWNERS));
    await mkdir(join(dir, 'live/Inputs'), { recursive: true });
    await mkdir(join(dir, 'live/Outputs'), { recursive: true });
    await writeFile(join(dir, 'live/JobConfig.json'), jobConfig);
    await writeFile(join(dir, 'live/q.asaql'), QUERY);
    for (const alias of ['entries', 'exits'] as const) {
      await writeFile(join(dir, `live/Inputs/${alias}.json`), JSON.stringify({
        Name: alias, Type: 'Data Stream', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' },
        KafkaProperties: { BootstrapServers: broker!.bootstrap.plaintext, Topic: topics[alias], SecurityProtocol: 'None' },
      }));
    }
    await writeFile(join(dir, 'live/Inputs/owners.json'), JSON.stringify({
      Name: 'owners', Type: 'Reference data', DataSourceType: 'File', FileProperties: { Path: '../../owners.json' }, Serialization: { Type: 'Json', Encoding: 'UTF8' },
    }));
    await writeFile(join(dir, 'live/Outputs/out.json'), JSON.stringify({
      Name: 'out', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' },
      KafkaProperties: { BootstrapServers: broker!.bootstrap.plaintext, Topic: topics.out, SecurityProtocol: 'None' },
    }));
    await writeFile(join(dir, 'live/asaproj.json'), JSON.stringify({ name: 'joins', startFile: 'q.asaql', configurations: [
      { filePath: 'JobConfig.json', subType: 'JobConfig' }, { filePath: 'Inputs/entries.json', subType: 'Input' }, { filePath: 'Inputs/exits.json', subType: 'Input' },
      { filePath: 'Inputs/owners.json', subType: 'Input' }, { filePath: 'Outputs/out.json', subType: 'Output' },
    ] }));

    const child = spawn(process.execPath, [CLI, 'run', join(dir, 'live')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => { log += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { log += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 30_000;
    while (!log.includes('running:')) {
      assert.ok(Date.now() < deadline && child.exitCode === null, `sluice run did not start:\n${log}`);
      await sleep(50);
    }
    assert.match(log, /reference input 'owners': 3 rows/);

    // Each car enters; most leave 1–2 s later (a match), every fifth never leaves (NULL exit), and every
    // seventh leaves 5 s later, outside the 3-second bound (NULL exit as well, and no match).
    const writer = await RdkafkaRecordWriter.connect(plain);
    let entries = 0;
    let exits = 0;
    const late: { plate: string; exitTime: string; due: number }[] = [];
    try {
      for (let n = 0; n < 24; n++) {
        const plate = `P${n}`;
        const t = Date.now();
        await writer.write(topics.entries, [{ value: Buffer.from(JSON.stringify({ plate, n, fleet: `F${n % 3}`, entryTime: new Date(t).toISOString() })), partition: 0 }]);
        entries++;
        if (n % 5 !== 4 && n % 7 !== 6) {
          await sleep(150);
          await writer.write(topics.exits, [{ value: Buffer.from(JSON.stringify({ plate, n, exitTime: new Date(Date.now()).toISOString() })), partition: 0 }]);
          exits++;
        } else if (n % 7 === 6) {
          late.push({ plate, exitTime: new Date(t + 5000).toISOString(), due: t + 5000 });
        }
        for (const l of late.filter((x) => x.due <= Date.now())) {
          await writer.write(topics.exits, [{ value: Buffer.from(JSON.stringify({ plate: l.plate, exitTime: l.exitTime })), partition: 0 }]);
          exits++;
          late.splice(late.indexOf(l), 1);
        }
        await sleep(250);
      }
      for (const l of late) {
        await sleep(Math.max(0, l.due - Date.now()));
        await writer.write(topics.exits, [{ value: Buffer.from(JSON.stringify({ plate: l.plate, exitTime: l.exitTime })), partition: 0 }]);
        exits++;
      }
    } finally {
      await writer.close();
    }
    // The last unmatched entry leaves once both watermarks pass entry + 4 s (bound + one unit), with
    // watermarks 5 s (late-arrival tolerance) behind arrival time.
    await sleep(13_000);
    child.kill('SIGTERM');
    assert.equal(await exited, 0, log);

    const live = (await readAll(topics.out, entries)).map((r) => JSON.parse(r.value!.toString()) as Record<string, unknown>);
    const inputs = { entries: await readAll(topics.entries, entries), exits: await readAll(topics.exits, exits) };
    assert.equal(inputs.entries.length, entries);
    assert.equal(inputs.exits.length, exits);

    // The same events for a local run: the record timestamp becomes EventEnqueuedUtcTime.
    await mkdir(join(dir, 'local/Inputs'), { recursive: true });
    await writeFile(join(dir, 'local/JobConfig.json'), jobConfig);
    await writeFile(join(dir, 'local/q.asaql'), QUERY);
    const configurations = [{ filePath: 'JobConfig.json', subType: 'JobConfig' }];
    for (const [alias, records] of Object.entries(inputs)) {
      await writeFile(join(dir, `local/${alias}.json`), records.map((r) => JSON.stringify({
        ...(JSON.parse(r.value!.toString()) as object), EventEnqueuedUtcTime: new Date(r.timestamp).toISOString(),
      })).join('\n'));
      await writeFile(join(dir, `local/Inputs/Local_${alias}.json`), JSON.stringify({ InputAlias: alias, Type: 'Data Stream', Format: 'Json', FilePath: `../${alias}.json`, ScriptType: 'InputMock' }));
      configurations.push({ filePath: `Inputs/Local_${alias}.json`, subType: 'InputMock' });
    }
    await writeFile(join(dir, 'local/Inputs/Local_owners.json'), JSON.stringify({ InputAlias: 'owners', Type: 'Reference data', Format: 'Json', FilePath: '../../owners.json', ScriptType: 'InputMock' }));
    configurations.push({ filePath: 'Inputs/Local_owners.json', subType: 'InputMock' });
    await writeFile(join(dir, 'local/asaproj.json'), JSON.stringify({ name: 'joins', startFile: 'q.asaql', configurations }));
    await new Promise<void>((resolve, reject) => execFile(process.execPath, [CLI, 'run', join(dir, 'local'), '--local'], (err, _o, stderr) => (err ? reject(new Error(stderr)) : resolve())));
    const local = (await readFile(join(dir, 'local/LocalRunOutputs/out.json'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

    assert.deepEqual(canonical(live), canonical(local), log);
    // Every entry is there exactly once (each has one exit at most, inside the bound or not), with its owner.
    assert.deepEqual(live.map((r) => r['n']).sort((a, b) => Number(a) - Number(b)), Array.from({ length: entries }, (_, n) => n));
    const unmatched = live.filter((r) => r['exitTime'] === null).map((r) => r['n']);
    assert.deepEqual(unmatched.sort((a, b) => Number(a) - Number(b)), Array.from({ length: entries }, (_, n) => n).filter((n) => n % 5 === 4 || n % 7 === 6));
    assert.ok(live.every((r) => r['owner'] === OWNERS[Number(r['n']) % 3]!.owner));
  });
});
