// Live mode end to end on the real broker: `sluice run <project>` reads a Kafka input (SASL_PLAINTEXT with
// SCRAM, its password from the secret store), runs the query and writes a Kafka, a File and a Console output;
// events older than the
// job's start are not read (JobStartTime, ASA's "Now"); a malformed message is skipped and reported; SIGTERM
// drains and exits 0; a restart with LastOutputEventTime ("When last stopped") reads exactly what arrived
// while the job was stopped — nothing lost, nothing twice.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { RdkafkaRecordReader, RdkafkaRecordWriter, type KafkaRecord } from '../../src/connectors/kafka/index.ts';
import { envVariableName } from '../../src/secrets/index.ts';
import { connectionFor, createTopics, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();
const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));

interface Running {
  child: ChildProcess;
  stdout: () => string;
  exited: Promise<number | null>;
}

function start(dir: string, options: readonly string[] = []): Promise<Running> {
  const child = spawn(process.execPath, [CLI, 'run', dir, ...options], {
    env: { ...process.env, SLUICE_SECRETS_PROVIDER: 'env', [envVariableName('kv', 'kafka-password')]: broker!.user.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`sluice run did not start:\n${out}`)), 30_000);
    const check = setInterval(() => {
      if (out.includes('running:')) {
        clearInterval(check);
        clearTimeout(deadline);
        resolve({ child, stdout: () => out, exited });
      } else if (child.exitCode !== null) {
        clearInterval(check);
        clearTimeout(deadline);
        reject(new Error(`sluice run exited ${child.exitCode}:\n${out}`));
      }
    }, 50);
  });
}

async function readOutput(topic: string, count: number): Promise<KafkaRecord[]> {
  const reader = await RdkafkaRecordReader.connect(connectionFor(broker!, 'None'), { groupId: uniqueName('verify') });
  const records: KafkaRecord[] = [];
  try {
    reader.assign([{ topic, partition: 0, offset: 'beginning' }]);
    const deadline = Date.now() + 20_000;
    while (records.length < count && Date.now() < deadline) records.push(...await reader.read(100, 200));
    await new Promise((r) => setTimeout(r, 500));
    records.push(...await reader.read(100, 200));
  } finally {
    await reader.close();
  }
  return records;
}

/** deviceIds in every file the File output wrote (under Outputs/archive/<date>/). */
async function archivedDevices(root: string): Promise<string[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const out: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json') || !entry.parentPath.includes('archive')) continue;
    for (const line of (await readFile(join(entry.parentPath, entry.name), 'utf8')).split('\n')) if (line.trim()) out.push((JSON.parse(line) as { deviceId: string }).deviceId);
  }
  return out;
}

describe('sluice run (live mode)', { skip: skipWithoutBroker(broker) }, () => {
  let dir = '';
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  // The first run keeps its Kafka clients in child processes (the default), the restart in the engine's own
  // process (--no-kafka-processes): both paths end to end, and one resumes exactly where the other stopped.
  it('streams Kafka to Kafka, skips bad messages, drains on SIGTERM and resumes where it stopped (clients in child processes, then in the engine\'s)', async () => {
    const plain = connectionFor(broker!, 'None');
    const input = uniqueName('live-in');
    const output = uniqueName('live-out');
    await createTopics(plain, { [input]: { partitions: 2, config: { 'message.timestamp.type': 'LogAppendTime' } }, [output]: { partitions: 1 } });
    const writer = await RdkafkaRecordWriter.connect(plain);
    const send = (values: string[]) => writer.write(input, values.map((v, i) => ({ value: Buffer.from(v), partition: i % 2 })));

    dir = await mkdtemp(join(tmpdir(), 'sluice-live-'));
    await mkdir(join(dir, 'Inputs'));
    await mkdir(join(dir, 'Outputs'));
    await writeFile(join(dir, 'Inputs/readings.json'), JSON.stringify({
      Name: 'readings', Type: 'Data Stream', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' },
      KafkaProperties: {
        BootstrapServers: broker!.bootstrap.saslPlaintext, Topic: input, SecurityProtocol: 'SASL_PLAINTEXT', SaslMechanism: 'SCRAM-SHA-256',
        Username: broker!.user.username, Password: { SecretName: 'kafka-password' }, KeyVaultName: 'kv',
        DeadLetterPath: '../dead-letters/readings.jsonl',
      },
    }));
    await writeFile(join(dir, 'Outputs/hot.json'), JSON.stringify({
      Name: 'hot', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8', Format: 'LineSeparated' },
      KafkaProperties: { BootstrapServers: broker!.bootstrap.plaintext, Topic: output, SecurityProtocol: 'None', PartitionKey: 'deviceId', CompressionType: 'Zstd' },
    }));
    await writeFile(join(dir, 'Outputs/archive.json'), JSON.stringify({
      Name: 'archive', DataSourceType: 'File', Serialization: { Type: 'Json', Encoding: 'UTF8', Format: 'LineSeparated' },
      FileProperties: { Path: 'archive/{date}' },
    }));
    await writeFile(join(dir, 'Outputs/screen.json'), JSON.stringify({ Name: 'screen', DataSourceType: 'Console' }));
    await writeFile(join(dir, 'q.asaql'), [
      'SELECT deviceId, temp INTO hot FROM readings WHERE temp > 20',
      'SELECT deviceId INTO archive FROM readings',
      'SELECT deviceId, temp INTO screen FROM readings WHERE temp > 20',
    ].join('\n'));
    const writeProject = (startMode: string) => Promise.all([
      writeFile(join(dir, 'JobConfig.json'), JSON.stringify({ OutputStartMode: startMode })),
      writeFile(join(dir, 'asaproj.json'), JSON.stringify({ name: 'live-job', startFile: 'q.asaql', configurations: [
        { filePath: 'JobConfig.json', subType: 'JobConfig' }, { filePath: 'Inputs/readings.json', subType: 'Input' }, { filePath: 'Outputs/hot.json', subType: 'Output' },
        { filePath: 'Outputs/archive.json', subType: 'Output' }, { filePath: 'Outputs/screen.json', subType: 'Output' },
      ] })),
    ]);

    try {
      await send(['{"deviceId":"old","temp":99}']);
      await writeProject('JobStartTime');
      const first = await start(dir);
      await send(['{"deviceId":"d1","temp":25}', '{"deviceId":"d2","temp":', '{"deviceId":"d3","temp":5}', '{"deviceId":"d4","temp":30.5}']);
      const afterFirst = await readOutput(output, 2);
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0, first.stdout());
      assert.deepEqual(afterFirst.map((r) => [r.key?.toString(), JSON.parse(r.value!.toString())]).sort(), [
        ['d1', { deviceId: 'd1', temp: 25 }], ['d4', { deviceId: 'd4', temp: 30.5 }],
      ]);
      assert.match(first.stdout(), new RegExp(`skipped the message at ${input}/1/\\d+: .*\\[SLUICE_FORMAT_JSON_SYNTAX\\]`));
      assert.match(first.stdout(), /SIGTERM: draining/);
      const { readFile } = await import('node:fs/promises');
      const deadLetters = (await readFile(join(dir, 'dead-letters/readings.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { topic: string; partition: number; code: string; value: string });
      assert.deepEqual(deadLetters.map((d) => [d.topic, d.partition, d.code, Buffer.from(d.value, 'base64').toString()]), [[input, 1, 'SLUICE_FORMAT_JSON_SYNTAX', '{"deviceId":"d2","temp":']]);
      assert.match(first.stdout(), /input {2}'readings': 3 events, 1 messages skipped/);
      assert.ok(!first.stdout().includes(broker!.user.password), 'the password was printed');
      assert.match(first.stdout(), /screen: \{"deviceId":"d1","temp":25\}/);
      const archived = await archivedDevices(join(dir, 'Outputs'));
      assert.deepEqual(archived.sort(), ['d1', 'd3', 'd4']);

      // Stopped: one more event arrives; "when last stopped" must pick up exactly that one.
      await send(['{"deviceId":"d5","temp":21}']);
      await writeProject('LastOutputEventTime');
      const second = await start(dir, ['--no-kafka-processes']);
      const afterSecond = await readOutput(output, 3);
      second.child.kill('SIGINT');
      assert.equal(await second.exited, 0, second.stdout());
      assert.deepEqual(afterSecond.map((r) => r.key?.toString()).sort(), ['d1', 'd4', 'd5']);
    } finally {
      await writer.close();
    }
  });
});
