// Throughput of windowed aggregation, Q2-like: COUNT(*), AVG(x) GROUP BY k over TumblingWindow(second,
// 10) and HoppingWindow(second, 60, 1). PRINTS events/s and the hopping/tumbling cost ratio (target:
// hopping within 1.5× of tumbling, which panes make possible: an event is accumulated once whatever
// the number of overlapping windows); asserts only result counts, never a time.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { planScript } from '../plan/index.ts';
import { inputBatch, type InputBatch, type OutputSink } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import type { AsaRecord } from '../types/index.ts';
import { compilePlan } from './index.ts';

// A full GC before each timed run, so one run's garbage is not collected on the next one's clock.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const KEYS = 100;
const EVENTS_PER_SECOND = 1000;
const BATCH = 1000;
const ROUNDS = 300;

interface Measured {
  perSecond: number;
  results: number;
}

const q2 = (window: string): string => `SELECT k, COUNT(*) AS c, AVG(x) AS a INTO out FROM input GROUP BY k, ${window}`;

async function measure(window: string, batches: readonly InputBatch[], queryOf: (window: string) => string = q2): Promise<Measured> {
  const query = queryOf(window);
  const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: [] }, { compatLevel: '1.2', sourceText: query });
  let results = 0;
  const sink: OutputSink = { write: (rows) => { results += rows.length; return Promise.resolve(); }, flush: () => Promise.resolve(), close: () => Promise.resolve() };
  const graph = compilePlan(plan, { sinks: { out: sink } });
  gc();
  // CPU time of this process, not wall time: the machine is shared, and other processes' load
  // stretches wall time but not the work this run does.
  const start = process.cpuUsage();
  for (let r = 0; r < batches.length; r++) {
    graph.push('input', batches[r] as InputBatch);
    if (r % 50 === 49) await graph.settled();
  }
  await graph.end();
  const used = process.cpuUsage(start);
  const seconds = (used.user + used.system) / 1e6;
  return { perSecond: (batches.length * BATCH) / seconds, results };
}

it('throughput: COUNT(*), AVG(x) GROUP BY k over tumbling vs hopping windows (prints events/s and the ratio)', async () => {
  // Arrival time is the event time (no TIMESTAMP BY): 1,000 events per second over 100 keys.
  const batches: InputBatch[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const rows: AsaRecord[] = [];
    const times: number[] = [];
    for (let i = 0; i < BATCH; i++) {
      const n = r * BATCH + i;
      rows.push({ k: `k${n % KEYS}`, x: n % 97 });
      times.push(1_700_000_000_001 + (n * 1000) / EVENTS_PER_SECOND);
    }
    batches.push(inputBatch(rows, times));
  }
  // Warm up both paths on the whole data so the JIT has compiled both (a cold hopping path would
  // measure the compiler, not the operator), then alternate three runs each and take the medians:
  // the machine is shared, and alternating spreads load spikes over both.
  await measure('TumblingWindow(second, 10)', batches);
  await measure('HoppingWindow(second, 60, 1)', batches);
  const runs: { tumbling: Measured; hopping: Measured }[] = [];
  for (let i = 0; i < 5; i++) runs.push({ tumbling: await measure('TumblingWindow(second, 10)', batches), hopping: await measure('HoppingWindow(second, 60, 1)', batches) });
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[2] as number;
  const tumbling = { perSecond: median(runs.map((r) => r.tumbling.perSecond)), results: (runs[0] as { tumbling: Measured }).tumbling.results };
  const hopping = { perSecond: median(runs.map((r) => r.hopping.perSecond)), results: (runs[0] as { hopping: Measured }).hopping.results };
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  console.log(`windowed aggregation: tumbling(10 s) ${fmt(tumbling.perSecond)} events/s, hopping(60 s, 1 s) ${fmt(hopping.perSecond)} events/s, hopping costs ${(tumbling.perSecond / hopping.perSecond).toFixed(2)}× tumbling (medians of 5)`);
  const seconds = (ROUNDS * BATCH) / EVENTS_PER_SECOND;
  assert.equal(tumbling.results, (seconds / 10 + 1) * KEYS - (seconds % 10 === 0 ? KEYS : 0));
  assert.ok(hopping.results >= seconds * KEYS);
});

it('throughput: SlidingWindow cost does not grow with the events in the window (prints the 50 s / 5 s cost ratio)', async () => {
  // 10 keys, 100 events/s: a 5 s window holds ~50 events per key, a 50 s window ~500. Each event
  // enters and leaves a running aggregate (MAX via a monotonic deque), so both cost about the same.
  const batches: InputBatch[] = [];
  for (let r = 0; r < 40; r++) {
    const rows: AsaRecord[] = [];
    const times: number[] = [];
    for (let i = 0; i < BATCH; i++) {
      const n = r * BATCH + i;
      rows.push({ k: `k${n % 10}`, x: n % 97 });
      times.push(1_700_000_000_001 + n * 10);
    }
    batches.push(inputBatch(rows, times));
  }
  const query = (w: string): string => `SELECT k, COUNT(*) AS c, SUM(x) AS s, MAX(x) AS m INTO out FROM input GROUP BY k, ${w}`;
  await measure('SlidingWindow(second, 5)', batches, query);
  await measure('SlidingWindow(second, 50)', batches, query);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < 3; i++) {
    small.push((await measure('SlidingWindow(second, 5)', batches, query)).perSecond);
    large.push((await measure('SlidingWindow(second, 50)', batches, query)).perSecond);
  }
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[1] as number;
  console.log(`sliding window: 5 s ${Math.round(median(small)).toLocaleString('en-US')} events/s, 50 s ${Math.round(median(large)).toLocaleString('en-US')} events/s, 50 s costs ${(median(small) / median(large)).toFixed(2)}× 5 s (medians of 3)`);
  const last = await measure('SlidingWindow(second, 50)', batches, query);
  // A result when each event enters, and one when each key's last events leave.
  assert.ok(last.results >= batches.length * BATCH);
});
