// The reference limits of the same run, each in its own process (so its peak RSS is its own):
//   consume  a bare consume loop of the same Kafka client sluice uses (librdkafka through
//            @confluentinc/kafka-javascript, the same reader and batch size), doing nothing with the bytes;
//   parse    JSON.parse alone over the same payloads (read from the same topic; only the parsing is timed).
// Usage: node bench/reference-limits.ts consume|parse <bootstrap> <topic> <events>; prints one JSON line.
import { performance } from 'node:perf_hooks';
import { RdkafkaRecordReader } from '../src/connectors/kafka/index.ts';
import { peakRssMiB } from './engine-probe.ts';

const [mode, bootstrap, topic, eventsArg] = process.argv.slice(2);
const events = Number(eventsArg);
if ((mode !== 'consume' && mode !== 'parse') || !bootstrap || !topic || !(events > 0)) {
  console.error('usage: node bench/reference-limits.ts consume|parse <bootstrap> <topic> <events>');
  process.exit(2);
}

const reader = await RdkafkaRecordReader.connect({ bootstrapServers: bootstrap.split(','), securityProtocol: 'None' }, { groupId: `bench-${mode}-${Date.now()}` });
reader.subscribe([topic]);
let n = 0;
let firstAt = 0;
let parseMs = 0;
let checksum = 0;
try {
  while (n < events) {
    // The same batch size and poll as sluice's live loop (maxBatch 2000).
    const records = await reader.read(2000, 200);
    if (records.length === 0) continue;
    if (firstAt === 0) firstAt = performance.now();
    if (mode === 'parse') {
      const t = performance.now();
      for (const r of records) checksum += (JSON.parse(r.value!.toString('utf8')) as { battery: number }).battery;
      parseMs += performance.now() - t;
    }
    n += records.length;
  }
} finally {
  await reader.close();
}
const seconds = mode === 'parse' ? parseMs / 1000 : (performance.now() - firstAt) / 1000;
console.log(JSON.stringify({ mode, events: n, seconds, eventsPerSecond: n / seconds, peakRssMiB: await peakRssMiB(process.pid), checksum }));
