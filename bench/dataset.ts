// The benchmark's dataset: JSON telemetry events of about 200 bytes from 1000 devices, generated from a
// seed so every run loads the same bytes, with event times 1 ms apart (so 10-second windows hold ~10
// events per device). Loaded into a 4-partition LogAppendTime topic; the Avro copy (Q5) carries the same
// events, one object container file per message as ASA's Avro input expects.
import { RdkafkaAdmin, RdkafkaRecordWriter, type KafkaConnection } from '../src/connectors/kafka/index.ts';
import { createSerializer } from '../src/formats/index.ts';
import type { AsaRecord } from '../src/types/index.ts';

export const DEVICES = 1000;
export const PARTITIONS = 4;
/** The dataset's first event time; fixed, so windows and results are the same in every run. */
export const BASE_TIME_MS = Date.UTC(2026, 0, 1);

const STATUSES = ['ok', 'ok', 'ok', 'ok', 'degraded', 'charging'];

/** Deterministic pseudo-random stream (xorshift32). */
export function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

export interface TelemetryEvent {
  deviceId: string;
  ts: string;
  sentAt: number;
  temperature: number;
  humidity: number;
  pressure: number;
  battery: number;
  status: string;
  firmware: string;
  site: string;
}

export function makeEvent(i: number, next: () => number, timeMs: number, sentAt: number): TelemetryEvent {
  const device = Math.floor(next() * DEVICES);
  return {
    deviceId: `device-${String(device).padStart(4, '0')}`,
    ts: new Date(timeMs).toISOString(),
    sentAt,
    temperature: Math.round((15 + next() * 25) * 100) / 100,
    humidity: Math.round((30 + next() * 50) * 10) / 10,
    pressure: Math.round((990 + next() * 40) * 10) / 10,
    battery: Math.floor(next() * 100),
    status: STATUSES[i % STATUSES.length]!,
    firmware: `2.${device % 7}.${device % 13}`,
    site: `plant-${device % 12}-line-${device % 5}`,
  };
}

export async function createTopic(connection: KafkaConnection, topic: string, partitions = PARTITIONS): Promise<void> {
  const admin = new RdkafkaAdmin(connection);
  try {
    await admin.createTopic(topic, { partitions, config: { 'message.timestamp.type': 'LogAppendTime' } });
  } finally {
    await admin.close();
  }
}

export interface LoadResult {
  events: number;
  bytes: number;
  seconds: number;
}

/** Writes `events` events to the JSON topic and (when given) the Avro topic, in batches of 20 000. */
export async function loadDataset(connection: KafkaConnection, events: number, jsonTopic: string, avroTopic: string | undefined, seed = 7): Promise<LoadResult> {
  const writer = await RdkafkaRecordWriter.connect(connection, { compression: 'lz4', tuning: { 'linger.ms': 20, 'batch.num.messages': 10000 } });
  const avro = createSerializer({ type: 'Avro' });
  const next = random(seed);
  const started = Date.now();
  let bytes = 0;
  try {
    for (let i = 0; i < events;) {
      const n = Math.min(20_000, events - i);
      const json = new Array<{ value: Buffer; partition: number }>(n);
      const avroRecords = avroTopic ? new Array<{ value: Buffer; partition: number }>(n) : undefined;
      for (let j = 0; j < n; j++, i++) {
        const e = makeEvent(i, next, BASE_TIME_MS + i, 0);
        const value = Buffer.from(JSON.stringify(e));
        bytes += value.length;
        // Round-robin over partitions keeps them equally long, so the backlog drains evenly.
        json[j] = { value, partition: i % PARTITIONS };
        if (avroRecords) avroRecords[j] = { value: Buffer.from(avro.encodeRow(e as unknown as AsaRecord)), partition: i % PARTITIONS };
      }
      await writer.write(jsonTopic, json);
      if (avroTopic && avroRecords) await writer.write(avroTopic, avroRecords);
    }
  } finally {
    await writer.close();
  }
  return { events, bytes, seconds: (Date.now() - started) / 1000 };
}
