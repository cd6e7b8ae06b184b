// ProcessRecordReader keeps the consumer in a child process (src/connectors/kafka/process-record-reader.ts).
// Beyond the group behaviour it shares with the in-process reader (kafka-consumer-group.test.ts runs both),
// these cases hold the process boundary to its promises: errors keep their code and hide secrets, a reader
// process that dies is reported instead of hanging, Ctrl-C does not stop it before the engine commits,
// closing ends it, and it does not outlive an engine that is killed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ProcessRecordReader, RdkafkaRecordWriter, type KafkaRecord } from '../../src/connectors/kafka/index.ts';
import { connectionFor, createTopics, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';
import { processAlive as alive } from '../helpers/process-alive.ts';

const broker = requireBroker();

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return condition();
}

async function topicWith(values: string[]): Promise<string> {
  const plain = connectionFor(broker!, 'None');
  const topic = uniqueName('reader-process');
  await createTopics(plain, { [topic]: { partitions: 1 } });
  const writer = await RdkafkaRecordWriter.connect(plain);
  try {
    await writer.write(topic, values.map((v) => ({ value: Buffer.from(v), partition: 0 })));
  } finally {
    await writer.close();
  }
  return topic;
}

async function readAll(reader: ProcessRecordReader, count: number): Promise<KafkaRecord[]> {
  const out: KafkaRecord[] = [];
  const deadline = Date.now() + 20_000;
  while (out.length < count && Date.now() < deadline) out.push(...await reader.read(100, 200));
  return out;
}

describe('Kafka consumer in a child process', { skip: skipWithoutBroker(broker) }, () => {
  it('a wrong SASL password fails with the authentication code, and the password is in no message', async () => {
    const good = connectionFor(broker!, 'SASL_PLAINTEXT', 'SCRAM-SHA-256');
    const wrongPassword = 'not-the-password-' + uniqueName('x');
    await assert.rejects(
      ProcessRecordReader.connect({ ...good, sasl: { ...good.sasl!, password: wrongPassword } }, { groupId: uniqueName('g'), connectTimeoutMs: 10_000 }),
      (err: Error & { code?: string; hint?: string }) => {
        assert.equal(err.code, 'SLUICE_KAFKA_AUTHENTICATION');
        assert.match(err.hint ?? '', /password/);
        assert.ok(!err.message.includes(wrongPassword), 'the password leaked into the error');
        return true;
      },
    );
  });

  it('reads over SASL_SSL with headers and keys intact; closing ends the process', async () => {
    const conn = connectionFor(broker!, 'SASL_SSL', 'PLAIN');
    const topic = uniqueName('reader-process-tls');
    await createTopics(conn, { [topic]: { partitions: 1 } });
    const writer = await RdkafkaRecordWriter.connect(conn);
    try {
      await writer.write(topic, [{ key: 'k1', value: Buffer.from('{"a":1}'), partition: 0, headers: [{ key: 'h', value: Buffer.from('v') }] }]);
    } finally {
      await writer.close();
    }
    const reader = await ProcessRecordReader.connect(conn, { groupId: uniqueName('g') });
    const pid = reader.pid!;
    try {
      reader.assign([{ topic, partition: 0, offset: 'beginning' }]);
      const [r] = await readAll(reader, 1);
      assert.equal(r?.key?.toString(), 'k1');
      assert.equal(r?.value?.toString(), '{"a":1}');
      assert.deepEqual(r?.headers.map((h) => [h.key, h.value.toString()]), [['h', 'v']]);
    } finally {
      await reader.close();
    }
    assert.ok(await until(() => !alive(pid), 5000), 'the reader process is still running after close');
  });

  it('hands large batches over through its batch slots, whose files are gone as soon as it is connected', async () => {
    // 3000 records of 1 KB: full batches of 1000 (~1 MB each, several times the IPC socket's buffer).
    const payload = 'x'.repeat(1000);
    const topic = await topicWith(Array.from({ length: 3000 }, (_, i) => `${String(i).padStart(5, '0')}${payload}`));
    const reader = await ProcessRecordReader.connect(connectionFor(broker!, 'None'), { groupId: uniqueName('g') });
    try {
      assert.deepEqual(reader.slotFiles.filter((f) => existsSync(f)), [], 'slot files left behind');
      reader.assign([{ topic, partition: 0, offset: 'beginning' }]);
      const out: KafkaRecord[] = [];
      const deadline = Date.now() + 20_000;
      while (out.length < 3000 && Date.now() < deadline) out.push(...await reader.read(1000, 500));
      assert.deepEqual(out.map((r) => r.offset), Array.from({ length: 3000 }, (_, i) => i));
      assert.ok(out.every((r, i) => r.value!.toString() === `${String(i).padStart(5, '0')}${payload}`));
    } finally {
      await reader.close();
    }
  });

  it('ignores SIGINT (the engine still needs it to commit), and a reader process that dies fails the next read with why', async () => {
    const topic = await topicWith(['a', 'b', 'c']);
    const reader = await ProcessRecordReader.connect(connectionFor(broker!, 'None'), { groupId: uniqueName('g') });
    try {
      reader.assign([{ topic, partition: 0, offset: 'beginning' }]);
      assert.equal((await readAll(reader, 1)).length >= 1, true);
      process.kill(reader.pid!, 'SIGINT');
      await new Promise((r) => setTimeout(r, 300));
      await reader.commit([{ topic, partition: 0, offset: 1 }]);
      process.kill(reader.pid!, 'SIGKILL');
      await assert.rejects(readAll(reader, 10), (err: Error & { code?: string }) => {
        assert.equal(err.code, 'SLUICE_KAFKA_CLIENT');
        assert.match(err.message, /Kafka reader process .* ended \(SIGKILL\)/);
        return true;
      });
      assert.deepEqual(await reader.lag(), []);
    } finally {
      await reader.close();
    }
  });

  it('does not outlive an engine process that is killed', async () => {
    const topic = await topicWith(['x']);
    const script = join(tmpdir(), `${uniqueName('engine')}.ts`);
    const module = new URL('../../src/connectors/kafka/index.ts', import.meta.url).href;
    await writeFile(script, `
      import { ProcessRecordReader } from ${JSON.stringify(module)};
      const reader = await ProcessRecordReader.connect(${JSON.stringify(connectionFor(broker!, 'None'))}, { groupId: 'orphan' });
      reader.assign([{ topic: ${JSON.stringify(topic)}, partition: 0, offset: 'beginning' }]);
      await reader.read(10, 5000);
      console.log(reader.pid);
      setInterval(() => {}, 1000);
    `);
    const engine = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = await once(engine.stdout, 'data') as [Buffer];
    const pid = Number(line.toString().trim());
    assert.ok(alive(pid));
    engine.kill('SIGKILL');
    assert.ok(await until(() => !alive(pid), 10_000), 'the reader process kept running without its engine');
  });
});
