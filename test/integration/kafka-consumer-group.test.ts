// The input reads through a consumer group: partitions are shared between members, handed over cleanly when
// a member leaves, and a restarted member resumes from the offsets the engine committed — committed only
// when the engine says so (never automatically), which is what makes delivery at-least-once. Each case runs
// with the consumer in this process (RdkafkaRecordReader) and in a child process (ProcessRecordReader).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ProcessRecordReader, RdkafkaAdmin, RdkafkaRecordReader, RdkafkaRecordWriter, type KafkaConnection, type KafkaRecord,
  type KafkaRecordReader, type SubscribeOptions, type TopicPartition,
} from '../../src/connectors/kafka/index.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();
const PARTITIONS = 4;
const RECORDS = 400;

async function createTopic(connection: KafkaConnection): Promise<string> {
  const topic = uniqueName('group');
  const admin = new RdkafkaAdmin(connection);
  try {
    await admin.createTopic(topic, { partitions: PARTITIONS, config: { 'message.timestamp.type': 'LogAppendTime' } });
  } finally {
    await admin.close();
  }
  return topic;
}

async function produce(connection: KafkaConnection, topic: string): Promise<void> {
  const writer = await RdkafkaRecordWriter.connect(connection);
  try {
    await writer.write(topic, Array.from({ length: RECORDS }, (_, i) => ({ value: Buffer.from(String(i)), partition: i % PARTITIONS })));
  } finally {
    await writer.close();
  }
}

async function topicWithRecords(connection: KafkaConnection): Promise<string> {
  const topic = await createTopic(connection);
  await produce(connection, topic);
  return topic;
}

interface Member {
  reader: KafkaRecordReader;
  owned: Map<string, TopicPartition>;
  records: KafkaRecord[];
}

const READERS = [
  { name: 'consumer in this process', connect: RdkafkaRecordReader.connect },
  { name: 'consumer in a child process', connect: ProcessRecordReader.connect },
] as const;

type Connect = (typeof READERS)[number]['connect'];

async function join(connect: Connect, connection: KafkaConnection, groupId: string, topic: string, options: SubscribeOptions = {}): Promise<Member> {
  const reader = await connect(connection, { groupId, tuning: { 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 500 } });
  const member: Member = { reader, owned: new Map(), records: [] };
  reader.subscribe([topic], {
    assigned: (ps) => { for (const p of ps) member.owned.set(`${p.topic}/${p.partition}`, p); },
    revoked: (ps) => { for (const p of ps) member.owned.delete(`${p.topic}/${p.partition}`); },
  }, options);
  return member;
}

/** Reads with every member until `done` holds (or 30 s pass). */
async function pump(members: Member[], done: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!done()) {
    assert.ok(Date.now() < deadline, 'timed out waiting for the consumer group');
    for (const m of members) m.records.push(...await m.reader.read(100, 100));
  }
}

const key = (r: KafkaRecord) => `${r.partition}/${r.offset}`;

for (const { name, connect } of READERS) describe(`consumer group reading, ${name}`, { skip: skipWithoutBroker(broker) }, () => {
  it('shares partitions between two members, each reading only its own partitions, every record once', async () => {
    const connection = connectionFor(broker!, 'None');
    const topic = await createTopic(connection);
    const groupId = uniqueName('g');
    const a = await join(connect, connection, groupId, topic);
    const b = await join(connect, connection, groupId, topic);
    try {
      // A rebalance while reading uncommitted records legitimately delivers them again (at-least-once),
      // so settle the assignment first, then produce.
      await pump([a, b], () => a.owned.size > 0 && b.owned.size > 0 && a.owned.size + b.owned.size === PARTITIONS);
      await produce(connection, topic);
      await pump([a, b], () => a.records.length + b.records.length >= RECORDS);
      const all = [...a.records, ...b.records].map(key);
      assert.equal(all.length, RECORDS);
      assert.equal(new Set(all).size, RECORDS);
      for (const m of [a, b]) for (const r of m.records) assert.ok(m.owned.has(`${topic}/${r.partition}`), `read partition ${r.partition} it does not own`);
    } finally {
      await Promise.all([a.reader.close(), b.reader.close()]);
    }
  });

  it('resumes from committed offsets only: what was not committed is read again (at-least-once)', async () => {
    const connection = connectionFor(broker!, 'SASL_PLAINTEXT', 'SCRAM-SHA-256');
    const topic = await topicWithRecords(connection);
    const groupId = uniqueName('g');
    const first = await join(connect, connection, groupId, topic);
    let committedCount = 0;
    try {
      await pump([first], () => first.records.length >= RECORDS);
      // Commit only partitions 0 and 1 (as if outputs for 2 and 3 were not yet durable).
      const next = new Map<number, number>();
      for (const r of first.records) if (r.partition < 2) next.set(r.partition, Math.max(next.get(r.partition) ?? 0, r.offset + 1));
      await first.reader.commit([...next].map(([partition, offset]) => ({ topic, partition, offset })));
      committedCount = [...next.values()].reduce((s, o) => s + o, 0);
    } finally {
      await first.reader.close();
    }
    const second = await join(connect, connection, groupId, topic);
    try {
      await pump([second], () => second.records.length >= RECORDS - committedCount);
      await new Promise((r) => setTimeout(r, 300));
      second.records.push(...await second.reader.read(100, 200));
      assert.equal(second.records.length, RECORDS - committedCount, 'exactly the uncommitted records are delivered again');
      assert.ok(second.records.every((r) => r.partition >= 2));
    } finally {
      await second.reader.close();
    }
  });

  it('hands a leaving member\'s partitions to the remaining one', async () => {
    const connection = connectionFor(broker!, 'None');
    const topic = await topicWithRecords(connection);
    const groupId = uniqueName('g');
    const a = await join(connect, connection, groupId, topic);
    const b = await join(connect, connection, groupId, topic);
    try {
      await pump([a, b], () => a.owned.size > 0 && b.owned.size > 0);
      await b.reader.close();
      await pump([a], () => a.owned.size === PARTITIONS);
      assert.equal(a.owned.size, PARTITIONS);
    } finally {
      await a.reader.close();
    }
  });

  it('starts at a time (ASA\'s CustomTime / JobStartTime), and after a restart at the later of that time and the committed offset', async () => {
    const connection = connectionFor(broker!, 'None');
    const topic = await createTopic(connection);
    const writer = await RdkafkaRecordWriter.connect(connection);
    const send = (values: string[]) => writer.write(topic, values.map((v) => ({ value: Buffer.from(v), partition: 0 })));
    const groupId = uniqueName('g');
    try {
      await send(['old-1', 'old-2']);
      await new Promise((r) => setTimeout(r, 50));
      const startAtMs = Date.now();
      await new Promise((r) => setTimeout(r, 50));
      await send(['new-1', 'new-2', 'new-3']);
      const values = (m: Member) => m.records.map((r) => r.value!.toString());

      const first = await join(connect, connection, groupId, topic, { startAtMs });
      try {
        await pump([first], () => first.records.length >= 3);
        assert.deepEqual(values(first), ['new-1', 'new-2', 'new-3']);
        await first.reader.commit([{ topic, partition: 0, offset: first.records[1]!.offset + 1 }]);
      } finally {
        await first.reader.close();
      }
      const again = await join(connect, connection, groupId, topic, { startAtMs });
      try {
        await pump([again], () => again.records.length >= 1);
        assert.deepEqual(values(again), ['new-3'], 'resumes after the committed offset, which is later than the start time');
      } finally {
        await again.reader.close();
      }
      // JobStartTime: start at "now" — nothing older, then what arrives.
      const fresh = await join(connect, connection, uniqueName('g'), topic, { startAtMs: Date.now() });
      try {
        await pump([fresh], () => fresh.owned.size === PARTITIONS);
        const early = await fresh.reader.read(100, 500);
        assert.deepEqual(early, []);
        await send(['after-start']);
        await pump([fresh], () => fresh.records.length >= 1);
        assert.deepEqual(values(fresh), ['after-start']);
      } finally {
        await fresh.reader.close();
      }
    } finally {
      await writer.close();
    }
  });

  it('starts each assigned partition at the engine\'s own position when it has one, over the committed offset and the start time', async () => {
    const connection = connectionFor(broker!, 'None');
    const topic = await topicWithRecords(connection);
    const groupId = uniqueName('g');
    const first = await join(connect, connection, groupId, topic);
    try {
      await pump([first], () => first.owned.size === PARTITIONS);
      await first.reader.commit([0, 1, 2, 3].map((partition) => ({ topic, partition, offset: 10 })));
    } finally {
      await first.reader.close();
    }
    // The engine's state (a checkpoint) is at 50 in partition 1 and 95 in partition 2; it knows nothing of 0 and 3.
    const own = new Map([[1, 50], [2, 95]]);
    const asked: number[] = [];
    const positionOf = (t: string, partition: number) => {
      asked.push(partition);
      return t === topic ? own.get(partition) : undefined;
    };
    const second = await join(connect, connection, groupId, topic, { positionOf, startAtMs: 0 });
    try {
      const perPartition = RECORDS / PARTITIONS;
      await pump([second], () => second.records.length >= 2 * (perPartition - 10) + (perPartition - 50) + (perPartition - 95));
      const firstOffset = new Map<number, number>();
      for (const r of second.records) if (!firstOffset.has(r.partition)) firstOffset.set(r.partition, r.offset);
      assert.deepEqual([...firstOffset].sort((a, b) => a[0] - b[0]), [[0, 10], [1, 50], [2, 95], [3, 10]]);
      assert.deepEqual([...new Set(asked)].sort(), [0, 1, 2, 3]);
    } finally {
      await second.reader.close();
    }
  });
});
