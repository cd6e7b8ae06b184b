// End-to-end latency at a steady input rate: events are produced at `rate` per second, each stamped with its
// send time (as `ts`, its event time, and `sentAt`); a consumer on the output topic notes when each result
// arrives. A row's latency is its arrival minus the moment it could first exist: its event's send time
// (Q1, Q4: the later event of the pair), or its window's end (Q2, Q3, Q5) — when the window's last event
// could have been sent.
import { RdkafkaRecordReader, RdkafkaRecordWriter, type KafkaConnection } from '../src/connectors/kafka/index.ts';
import { createSerializer } from '../src/formats/index.ts';
import type { AsaRecord } from '../src/types/index.ts';
import { makeEvent, random } from './dataset.ts';
import type { BenchQuery } from './queries.ts';

export interface LatencyResult {
  rate: number;
  seconds: number;
  rows: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export async function measureLatency(
  connection: KafkaConnection, query: BenchQuery, inputTopic: string, outputTopic: string, rate: number, seconds: number,
): Promise<LatencyResult> {
  const writer = await RdkafkaRecordWriter.connect(connection, { tuning: { 'linger.ms': 1 } });
  const reader = await RdkafkaRecordReader.connect(connection, { groupId: `bench-latency-${outputTopic}` });
  reader.subscribe([outputTopic]);
  const avro = query.avro ? createSerializer({ type: 'Avro' }) : undefined;
  const next = random(11);
  const latencies: number[] = [];
  let producing = true;
  const consume = (async () => {
    let quiet = 0;
    while (producing || quiet < 10) {
      const records = await reader.read(5000, 200);
      const now = Date.now();
      quiet = records.length === 0 ? quiet + 1 : 0;
      for (const r of records) {
        for (const line of r.value!.toString('utf8').split('\n')) {
          if (!line) continue;
          const row = JSON.parse(line) as { sentAt?: number; windowEnd?: string };
          const from = query.latencyFrom === 'sentAt' ? Number(row.sentAt) : Date.parse(row.windowEnd ?? '');
          if (Number.isFinite(from)) latencies.push(now - from);
        }
      }
    }
  })();
  // Ten ticks a second, each sending its share, so the rate is steady without a timer per event.
  const perTick = Math.max(1, Math.round(rate / 10));
  const started = Date.now();
  let i = 0;
  for (let tick = 0; Date.now() - started < seconds * 1000; tick++) {
    const batch = [];
    for (let j = 0; j < perTick; j++, i++) {
      const now = Date.now();
      const e = makeEvent(i, next, now, now);
      batch.push({ value: Buffer.from(avro ? avro.encodeRow(e as unknown as AsaRecord) : JSON.stringify(e)) });
    }
    await writer.write(inputTopic, batch);
    const wait = started + (tick + 1) * 100 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  // One more window's worth of quiet time lets the last windows close (the watermark moves with arrival time).
  await new Promise((r) => setTimeout(r, 3000));
  producing = false;
  await consume;
  await writer.close();
  await reader.close();
  latencies.sort((a, b) => a - b);
  return { rate, seconds, rows: latencies.length, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}
