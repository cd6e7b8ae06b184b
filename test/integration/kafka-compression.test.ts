// ASA's Kafka input reads all five compression types: None, Gzip, Snappy, LZ4 and Zstd
// (learn.microsoft.com/azure/stream-analytics/stream-analytics-define-kafka-input). The batches here are
// written by producers we did not write — kcat (librdkafka's CLI) and Apache Kafka's Java client — and
// Kafka's DumpLogSegments confirms each topic really holds batches in that codec before we read them.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { RdkafkaAdmin, RdkafkaRecordReader, type KafkaConnection, type KafkaRecord } from '../../src/connectors/kafka/index.ts';
import { runJavaProducer, runKafkaTool } from '../kafka-broker/index.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();
const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
type Codec = (typeof CODECS)[number];
const COUNT = 300;

async function createTopics(connection: KafkaConnection, prefix: string): Promise<Record<Codec, string>> {
  const admin = new RdkafkaAdmin(connection);
  const topics = {} as Record<Codec, string>;
  try {
    for (const codec of CODECS) {
      topics[codec] = uniqueName(`${prefix}-${codec}`);
      // compression.type=producer (Kafka's default) keeps each batch in the codec its producer chose.
      await admin.createTopic(topics[codec], { partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime', 'compression.type': 'producer' } });
    }
  } finally {
    await admin.close();
  }
  return topics;
}

function kcatProduce(bootstrap: string, topic: string, codec: Codec): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-P', '-b', bootstrap, '-t', topic, '-p', '0', '-K', '\t', '-z', codec, '-X', 'linger.ms=50'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kcat exited ${code}: ${stderr}`))));
    child.stdin.end(Array.from({ length: COUNT }, (_, n) => `k${n}\t{"n":${n},"codec":"${codec}"}\n`).join(''));
  });
}

/** The codecs Kafka's own DumpLogSegments reports for each topic's first segment. */
async function storedCodecs(topics: Record<Codec, string>): Promise<Record<string, Set<string>>> {
  const files = CODECS.map((c) => {
    const dir = join(broker!.runDir, 'data', `${topics[c]}-0`);
    return join(dir, readdirSync(dir).find((f) => f.endsWith('.log'))!);
  });
  const { stdout } = await runKafkaTool(broker!, 'kafka.tools.DumpLogSegments', ['--files', files.join(',')]);
  const result: Record<string, Set<string>> = {};
  let current = '';
  for (const line of stdout.split('\n')) {
    const file = /^Dumping (.*)$/.exec(line)?.[1];
    if (file) current = CODECS.find((c) => file.includes(`${topics[c]}-0`)) ?? '';
    const codec = /compresscodec: (\w+)/.exec(line)?.[1];
    if (codec && current) (result[current] ??= new Set()).add(codec.toLowerCase());
  }
  return result;
}

async function readAll(connection: KafkaConnection, topic: string): Promise<KafkaRecord[]> {
  const reader = await RdkafkaRecordReader.connect(connection, { groupId: uniqueName('compression') });
  const records: KafkaRecord[] = [];
  try {
    reader.assign([{ topic, partition: 0, offset: 'beginning' }]);
    const deadline = Date.now() + 20_000;
    while (records.length < COUNT && Date.now() < deadline) records.push(...await reader.read(500, 200));
  } finally {
    await reader.close();
  }
  return records;
}

function checkRecords(records: KafkaRecord[], codec: Codec): void {
  assert.equal(records.length, COUNT);
  records.forEach((r, n) => {
    assert.deepEqual(JSON.parse(r.value!.toString()), { n, codec });
    assert.equal(r.key?.toString(), `k${n}`);
  });
}

describe('reading compressed batches from producers we did not write', { skip: skipWithoutBroker(broker) }, () => {
  for (const producer of ['kcat', 'java'] as const) {
    describe(`written by ${producer === 'kcat' ? 'kcat (librdkafka)' : 'the Apache Kafka Java producer'}`, () => {
      let topics: Record<Codec, string>;
      let codecs: Record<string, Set<string>>;
      const connection = () => connectionFor(broker!, 'None');
      before(async () => {
        topics = await createTopics(connection(), producer);
        if (producer === 'kcat') await Promise.all(CODECS.map((c) => kcatProduce(broker!.bootstrap.plaintext, topics[c], c)));
        else await runJavaProducer(broker!, COUNT, CODECS.map((c) => ({ topic: topics[c], compression: c })));
        codecs = await storedCodecs(topics);
      });
      for (const codec of CODECS) {
        it(`${codec}: stored as ${codec} and read back intact`, async () => {
          assert.deepEqual([...(codecs[codec] ?? [])], [codec], `DumpLogSegments saw ${[...(codecs[codec] ?? [])].join(',') || 'no batches'}`);
          checkRecords(await readAll(connection(), topics[codec]), codec);
        });
      }
    });
  }
});
