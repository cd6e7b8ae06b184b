// Throughput of windowed aggregation, Q2-like: COUNT(*), AVG(x) GROUP BY k over TumblingWindow(second,
// 10) and HoppingWindow(second, 60, 1). PRINTS events/s and the hopping/tumbling cost ratio (target:
// hopping within 1.5× of tumbling, which panes make possible: an event is accumulated once whatever
// the number of overlapping windows); asserts only result counts, never a time.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { planScript } from '../plan/index.ts';
import { inputBatch, type InputBatch, type OutputSink } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import type { AsaRecord } from '../types/index.ts';
import { compilePlan } from './index.ts';

const KEYS = 100;
const EVENTS_PER_SECOND = 1000;
const BATCH = 1000;
const ROUNDS = 300;

async function measure(window: string, batches: readonly InputBatch[]): Promise<{ perSecond: number; results: number }> {
  const query = `SELECT k, COUNT(*) AS c, AVG(x) AS a INTO out FROM input GROUP BY k, ${window}`;
  const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: [] }, { compatLevel: '1.2', sourceText: query });
  let results = 0;
  const sink: OutputSink = { write: (rows) => { results += rows.length; return Promise.resolve(); }, flush: () => Promise.resolve(), close: () => Promise.resolve() };
  const graph = compilePlan(plan, { sinks: { out: sink } });
  const start = performance.now();
  for (let r = 0; r < batches.length; r++) {
    graph.push('input', batches[r] as InputBatch);
    if (r % 50 === 49) await graph.settled();
  }
  await graph.end();
  const seconds = (performance.now() - start) / 1000;
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
  // Warm up both paths once so the JIT state is comparable.
  await measure('TumblingWindow(second, 10)', batches.slice(0, 20));
  await measure('HoppingWindow(second, 60, 1)', batches.slice(0, 20));
  const tumbling = await measure('TumblingWindow(second, 10)', batches);
  const hopping = await measure('HoppingWindow(second, 60, 1)', batches);
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  console.log(`windowed aggregation: tumbling(10 s) ${fmt(tumbling.perSecond)} events/s, hopping(60 s, 1 s) ${fmt(hopping.perSecond)} events/s, hopping costs ${(tumbling.perSecond / hopping.perSecond).toFixed(2)}× tumbling`);
  const seconds = (ROUNDS * BATCH) / EVENTS_PER_SECOND;
  assert.equal(tumbling.results, (seconds / 10 + 1) * KEYS - (seconds % 10 === 0 ? KEYS : 0));
  assert.ok(hopping.results >= seconds * KEYS);
});
