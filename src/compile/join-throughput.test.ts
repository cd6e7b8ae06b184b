// Throughput of a stream JOIN on keys plus a DATEDIFF bound (the toll-booth entry/exit pattern): 1,000
// entries and 1,000 exits per second over 1,000 plates, every exit 2 s after its entry, bound 0–15 s,
// with a late-arrival policy so the watermark moves and state is evicted as the run goes. PRINTS events/s
// and the largest number of buffered events; asserts only the result count and that state stayed
// bounded by the time bound (not the stream), never a time.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { planScript } from '../plan/index.ts';
import { ASA_DEFAULT_ARRIVAL_POLICY, StreamJoinOperator } from '../runtime/index.ts';
import { inputBatch, type OutputSink } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import type { AsaRecord } from '../types/index.ts';
import { compilePlan } from './index.ts';

const PER_SECOND = 1000;
const SECONDS = 200;
const BATCH = 500;

it('throughput: entry JOIN exit ON plate AND DATEDIFF(second, …) BETWEEN 0 AND 15 (prints events/s and buffered state)', async () => {
  const query = 'SELECT a.plate, DATEDIFF(millisecond, a.t, b.t) AS ms INTO out FROM a TIMESTAMP BY t JOIN b TIMESTAMP BY t ON a.plate = b.plate AND DATEDIFF(second, a, b) BETWEEN 0 AND 15';
  const plan = planScript(parseScript(query), { inputs: [{ alias: 'a', kind: 'stream' }, { alias: 'b', kind: 'stream' }], outputs: ['out'], functions: [] }, { compatLevel: '1.2', sourceText: query });
  let results = 0;
  const sink: OutputSink = { write: (rows) => { results += rows.length; return Promise.resolve(); }, flush: () => Promise.resolve(), close: () => Promise.resolve() };
  const graph = compilePlan(plan, { sinks: { out: sink }, arrivalPolicy: { ...ASA_DEFAULT_ARRIVAL_POLICY, lateArrivalMs: 1000, outOfOrderMs: 0 } });
  const join = (graph as unknown as { operators: unknown[] }).operators.find((o) => o instanceof StreamJoinOperator) as StreamJoinOperator;
  const t0 = 1_700_000_000_000;
  const total = PER_SECOND * SECONDS;
  let maxBuffered = 0;
  const start = performance.now();
  for (let first = 0; first < total; first += BATCH) {
    const entries: AsaRecord[] = [];
    const exits: AsaRecord[] = [];
    const entryTimes: number[] = [];
    const exitTimes: number[] = [];
    for (let n = first; n < first + BATCH; n++) {
      const t = t0 + (n * 1000) / PER_SECOND;
      entries.push({ plate: `p${n % 1000}-${Math.floor(n / 1000)}`, t: new Date(t).toISOString() });
      entryTimes.push(t);
      // The exit of the car that entered 2 s earlier.
      const m = n - 2 * PER_SECOND;
      if (m >= 0) {
        exits.push({ plate: `p${m % 1000}-${Math.floor(m / 1000)}`, t: new Date(t).toISOString() });
        exitTimes.push(t);
      }
    }
    graph.push('a', inputBatch(entries, entryTimes));
    if (exits.length > 0) graph.push('b', inputBatch(exits, exitTimes));
    maxBuffered = Math.max(maxBuffered, join.bufferedEvents);
    if (first % (BATCH * 20) === 0) await graph.settled();
  }
  await graph.end();
  const seconds = (performance.now() - start) / 1000;
  const events = total + (total - 2 * PER_SECOND);
  console.log(`stream join: ${Math.round(events / seconds).toLocaleString('en')} events/s (${events} events, ${results} matches); at most ${maxBuffered} events buffered`);
  assert.equal(results, total - 2 * PER_SECOND);
  // Bound 15 s + one unit + the 1 s late-arrival lag, at 2,000 events/s on both sides: about 34,000.
  assert.ok(maxBuffered < 40_000, `state follows the bound, not the stream: ${maxBuffered}`);
});
