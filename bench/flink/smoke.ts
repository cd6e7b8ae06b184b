// Checks the Flink peer end to end on the shared dev broker (not part of `npm test`: it needs Maven Central
// and a JVM, and takes a minute): loads the benchmark's dataset into a fresh topic, runs Q2 and Q3 with Flink
// SQL, and compares the result row counts with the rows ASA's semantics give for the same events, computed
// here from the same generator, and (unless --no-sluice) with the rows sluice's own local run of the bench
// project emits over the same events. Exits 1 on a mismatch.
//
//   node bench/flink/smoke.ts [--events 100000] [--parallelism 2] [--broker-state .sluice-test/kafka.json] [--no-sluice]
import { parseArgs } from 'node:util';
import type { KafkaConnection } from '../../src/connectors/kafka/index.ts';
import { readBrokerState } from '../../test/kafka-broker/index.ts';
import { BASE_TIME_MS, createTopic, loadDataset, makeEvent, random } from '../dataset.ts';
import { QUERIES } from '../queries.ts';
import { runFlinkQuery, type FlinkQuery } from './run-flink.ts';
import { sluiceRows } from './sluice-rows.ts';

/**
 * Rows ASA emits for COUNT(*) GROUP BY deviceId over the window: one per device and window holding at least
 * one of its events. ASA's windows hold (end - size, end] with ends on multiples of the hop
 * (https://learn.microsoft.com/stream-analytics-query/hopping-window-azure-stream-analytics), so an event at
 * t falls in the windows ending at ceil(t / hop) * hop and the next size / hop - 1 ends.
 */
export function expectedRows(events: number, hopMs: number, sizeMs: number, seed = 7): number {
  const next = random(seed);
  const lastEnd = new Map<string, number>();
  const perEvent = sizeMs / hopMs;
  let rows = 0;
  for (let i = 0; i < events; i++) {
    const t = BASE_TIME_MS + i;
    const device = makeEvent(i, next, t, 0).deviceId;
    const first = Math.ceil(t / hopMs);
    const last = first + perEvent - 1;
    // Event times only grow, so each device's window ends form one growing union of intervals.
    const seen = lastEnd.get(device) ?? -Infinity;
    rows += last - Math.max(first - 1, seen);
    lastEnd.set(device, last);
  }
  return rows;
}

const { values } = parseArgs({ options: {
  events: { type: 'string', default: '100000' },
  parallelism: { type: 'string', default: '2' },
  'broker-state': { type: 'string', default: '.sluice-test/kafka.json' },
  sluice: { type: 'boolean', default: true },
}, allowNegative: true });
const events = Number(values.events);
const broker = readBrokerState(values['broker-state']);
if (!broker) throw new Error(`no broker state in ${values['broker-state']}`);
const bootstrap = broker.bootstrap.plaintext;
const connection: KafkaConnection = { bootstrapServers: [bootstrap], securityProtocol: 'None' };
const topic = `flink-smoke-${Date.now().toString(36)}`;
await createTopic(connection, topic);
const loaded = await loadDataset(connection, events, topic, undefined);
console.log(`loaded ${loaded.events} events into ${topic} in ${loaded.seconds.toFixed(1)} s`);

const cases: Array<{ query: FlinkQuery; rows: number; counted: number }> = [
  { query: 'q2', rows: expectedRows(events, 10_000, 10_000), counted: events },
  { query: 'q3', rows: expectedRows(events, 1_000, 60_000), counted: events * 60 },
];
let failed = false;
for (const c of cases) {
  if (!values.sluice) continue;
  const rows = await sluiceRows(QUERIES.find((q) => q.id.toLowerCase() === c.query)!, events);
  failed ||= rows !== c.rows;
  console.log(`${rows === c.rows ? 'ok  ' : 'FAIL'} sluice ${c.query}: ${rows} rows (expected ${c.rows})`);
}
for (const c of cases) {
  const r = await runFlinkQuery({ bootstrap, topic, query: c.query, events, parallelism: Number(values.parallelism) });
  const ok = r.resultRows === c.rows && r.countedEvents === c.counted;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.query}: ${r.resultRows} rows (expected ${c.rows}), COUNT(*) sum ${r.countedEvents} (expected ${c.counted}); `
    + `${r.eventsPerSecond} events/s over ${r.seconds} s (results from ${r.firstResultSeconds} s to ${r.lastResultSeconds} s); execute ${r.executeSeconds} s, plan ${r.planSeconds} s, JVM start ${r.jvmStartSeconds} s, process ${r.processSeconds.toFixed(1)} s`);
}
process.exit(failed ? 1 : 0);
