// The Kafka output against a topic stored in the v1 (Kafka 0.10) message format: such a topic refuses the
// idempotent producer with UNSUPPORTED_FOR_MESSAGE_FORMAT (43). The writer must fall back to a plain
// producer (acks=all) with a warning, write every record — none lost — and keep order; the records are then
// read back by kcat (librdkafka's CLI) and confirmed on disk with magic 1 by Kafka's DumpLogSegments. A
// topic in the v2 format on the same broker keeps the idempotent producer. Last, `sluice run` (a child
// process) reads a v1 topic and writes another: the warning reaches the job's log once, and every result
// arrives.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { KafkaOutputSink, RdkafkaAdmin, RdkafkaRecordWriter, type KafkaConnection } from '../../src/connectors/kafka/index.ts';
import { createSerializer } from '../../src/formats/index.ts';
import { runKafkaTool, stopLegacyKafkaBroker, type LegacyKafkaBroker } from '../kafka-broker/index.ts';
import { startLegacyBrokerWithTopics } from './legacy-broker-with-topics.ts';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));

async function kcatValues(bootstrap: string, topic: string): Promise<string[]> {
  const { stdout } = await run('kcat', ['-C', '-b', bootstrap, '-t', topic, '-e', '-q', '-f', '%k=%s\\n'], { timeout: 20_000 });
  return stdout.split('\n').filter((l) => l !== '');
}

describe('Kafka output to a v1-format topic', () => {
  let broker: LegacyKafkaBroker;
  let connection: KafkaConnection;

  before(async () => {
    ({ broker, connection } = await startLegacyBrokerWithTopics([
      { name: 'out-v1', config: { 'message.format.version': '0.10.2' } },
      { name: 'out-v2', config: { 'message.format.version': '2.8' } },
    ]));
  });
  after(async () => {
    if (broker) await stopLegacyKafkaBroker(broker);
  });

  it('falls back to a non-idempotent producer with a warning, loses nothing and keeps the order', async () => {
    const warnings: string[] = [];
    const writer = await RdkafkaRecordWriter.connect(connection, { onWarning: (w) => warnings.push(w) });
    const sink = new KafkaOutputSink(writer, { topic: 'out-v1', serializer: createSerializer({ type: 'Json' }), partitionKey: 'deviceId' });
    try {
      assert.equal(writer.idempotent, true);
      await sink.write(Array.from({ length: 50 }, (_, i) => ({ deviceId: `d${i}`, temp: i })));
      await sink.write([{ deviceId: 'last', temp: 99.5 }]);
    } finally {
      await sink.close();
    }
    assert.equal(writer.idempotent, false);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, /topic "out-v1" is stored in the v0\/v1 message format.*without idempotence: at-least-once/);
    const values = await kcatValues(broker.bootstrap, 'out-v1');
    assert.deepEqual(values, [...Array.from({ length: 50 }, (_, i) => `d${i}={"deviceId":"d${i}","temp":${i}}`), 'last={"deviceId":"last","temp":99.5}']);
    const { stdout } = await runKafkaTool(broker, 'kafka.tools.DumpLogSegments', ['--files', join(broker.dataDir, 'out-v1-0', '00000000000000000000.log')]);
    const stored = stdout.split('\n').filter((l) => l.includes('magic:'));
    assert.ok(stored.length > 0, stdout);
    for (const l of stored) assert.match(l, /magic: 1\b/);
  });

  it('keeps the idempotent producer for a v2-format topic on the same broker', async () => {
    const warnings: string[] = [];
    const writer = await RdkafkaRecordWriter.connect(connection, { onWarning: (w) => warnings.push(w) });
    try {
      await writer.write('out-v2', [{ value: Buffer.from('a'), key: 'k' }, { value: Buffer.from('b'), key: 'k' }]);
      assert.equal(writer.idempotent, true);
    } finally {
      await writer.close();
    }
    assert.deepEqual(warnings, []);
    assert.deepEqual(await kcatValues(broker.bootstrap, 'out-v2'), ['k=a', 'k=b']);
    const { stdout } = await runKafkaTool(broker, 'kafka.tools.DumpLogSegments', ['--files', join(broker.dataDir, 'out-v2-0', '00000000000000000000.log')]);
    assert.match(stdout, /magic: 2\b/);
    assert.match(stdout, /producerId: \d+/);
  });

  it('sluice run writes a v1-format topic, saying once that it writes without idempotence', async () => {
    const admin = new RdkafkaAdmin(connection);
    try {
      await admin.createTopic('live-in-v1', { partitions: 1, config: { 'message.format.version': '0.10.2', 'message.timestamp.type': 'LogAppendTime' } });
      await admin.createTopic('live-out-v1', { partitions: 1, config: { 'message.format.version': '0.10.2' } });
    } finally {
      await admin.close();
    }
    const dir = await mkdtemp(join(tmpdir(), 'sluice-live-v1-'));
    try {
      await mkdir(join(dir, 'Inputs'));
      await mkdir(join(dir, 'Outputs'));
      const kafka = { BootstrapServers: broker.bootstrap, SecurityProtocol: 'None' };
      await writeFile(join(dir, 'Inputs/readings.json'), JSON.stringify({ Name: 'readings', Type: 'Data Stream', DataSourceType: 'Kafka', Serialization: { Type: 'Json' }, KafkaProperties: { ...kafka, Topic: 'live-in-v1' } }));
      await writeFile(join(dir, 'Outputs/out.json'), JSON.stringify({ Name: 'out', DataSourceType: 'Kafka', Serialization: { Type: 'Json' }, KafkaProperties: { ...kafka, Topic: 'live-out-v1' } }));
      await writeFile(join(dir, 'q.asaql'), 'SELECT deviceId, temp * 2 AS doubled INTO out FROM readings');
      await writeFile(join(dir, 'JobConfig.json'), JSON.stringify({ OutputStartMode: 'JobStartTime' }));
      await writeFile(join(dir, 'asaproj.json'), JSON.stringify({ name: 'v1', startFile: 'q.asaql', configurations: [
        { filePath: 'JobConfig.json', subType: 'JobConfig' }, { filePath: 'Inputs/readings.json', subType: 'Input' }, { filePath: 'Outputs/out.json', subType: 'Output' },
      ] }));
      const child = spawn(process.execPath, [CLI, 'run', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
      child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        await until(() => out.includes('running:') || child.exitCode !== null, () => `sluice run did not start:\n${out}`);
        assert.equal(child.exitCode, null, out);
        await new Promise<void>((resolve, reject) => {
          const kcat = execFile('kcat', ['-P', '-b', broker.bootstrap, '-t', 'live-in-v1', '-p', '0'], (err) => (err ? reject(err) : resolve()));
          kcat.stdin!.end('{"deviceId":"d1","temp":2}\n{"deviceId":"d2","temp":3}\n{"deviceId":"d3","temp":4}\n');
        });
        let values: string[] = [];
        await until(async () => (values = await kcatValues(broker.bootstrap, 'live-out-v1')).length >= 3, () => `no results:\n${out}`);
        assert.deepEqual(values, ['={"deviceId":"d1","doubled":4}', '={"deviceId":"d2","doubled":6}', '={"deviceId":"d3","doubled":8}']);
      } finally {
        child.kill('SIGTERM');
      }
      assert.equal(await exited, 0, out);
      const warnings = out.split('\n').filter((l) => l.includes('without idempotence'));
      assert.equal(warnings.length, 1, out);
      assert.match(warnings[0]!, /warning: output 'out': topic \\?"live-out-v1\\?" is stored in the v0\/v1 message format/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

async function until(check: () => boolean | Promise<boolean>, message: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((r) => setTimeout(r, 200));
  }
}
