// TIMESTAMP BY … OVER (substreams) end to end, after learn.microsoft.com/stream-analytics-query/
// timestamp-by-azure-stream-analytics ("OVER clause interacts with event ordering") and the query-patterns
// article ("Process events with independent time"): with a job time policy, a device whose clock lags
// is out of order only against its own events, its windows follow its own clock, and the other
// devices' results are not held back by it; late arrival stays global; a checkpoint resumes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planScript, type Catalog } from '../plan/index.ts';
import { decodeCheckpoint, encodeCheckpoint, type ArrivalPolicy, type GraphSnapshot } from '../runtime/index.ts';
import { MemorySink, inputBatch } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import type { AsaRecord } from '../types/index.ts';
import { compilePlan } from './index.ts';
import { json } from './run-query.test.ts';

const BASE = Date.UTC(2024, 0, 1);
const catalog: Catalog = { inputs: [{ alias: 'input', kind: 'stream' }], outputs: [], functions: [] };
const policy = (action: 'adjust' | 'drop' = 'adjust', lateS = 3600): ArrivalPolicy => ({ lateArrivalMs: lateS * 1000, action, earlyArrivalMs: 300_000, outOfOrderMs: 0 });
const COUNT = (over: string): string => `SELECT dev, COUNT(*) AS c, System.Timestamp() AS e INTO output FROM input TIMESTAMP BY t ${over} GROUP BY dev, TumblingWindow(second, 10)`;

/** Device a's clock is right; device b's lags 30 s. Both send one event a second, in arrival order. */
function skewed(n: number): { rows: AsaRecord[]; arrival: number[] } {
  const rows: AsaRecord[] = [];
  const arrival: number[] = [];
  for (let i = 0; i < n; i++) {
    const at = BASE + 60_000 + i * 1000;
    rows.push({ dev: 'a', t: new Date(at).toISOString() }, { dev: 'b', t: new Date(at - 30_000).toISOString() });
    arrival.push(at + 100, at + 200);
  }
  return { rows, arrival };
}

function graph(query: string, p: ArrivalPolicy): { run: ReturnType<typeof compilePlan>; sink: MemorySink } {
  const plan = planScript(parseScript(query), catalog, { compatLevel: '1.2', sourceText: query });
  const sink = new MemorySink();
  return { run: compilePlan(plan, { sinks: { output: sink }, now: () => 0, timePolicy: p }), sink };
}

const summary = (rows: readonly AsaRecord[]): string[] => (json(rows) as AsaRecord[]).map((r) => `${r['dev']} ${String(r['e']).slice(14, 19)} ${r['c']}`);

describe('substreams: TIMESTAMP BY … OVER (TIMESTAMP BY page)', () => {
  it('a lagging clock is out of order only within its own key: its windows follow its own time', async () => {
    const { rows, arrival } = skewed(20);
    const over = graph(COUNT('OVER dev'), policy());
    over.run.push('input', inputBatch(rows, arrival));
    await over.run.end();
    const got = summary(over.sink.rows).sort();
    // a: :60–:79 → windows ending 01:10 (10 events: 01:01–01:10), 01:20 (9); 01:00 holds 01:00 only.
    assert.deepEqual(got, ['a 01:00 1', 'a 01:10 10', 'a 01:20 9', 'b 00:30 1', 'b 00:40 10', 'b 00:50 9']);

    // Without OVER, b's events are out of order against a's and the Adjust policy moves them to a's time.
    const plain = graph(COUNT(''), policy());
    plain.run.push('input', inputBatch(rows, arrival));
    await plain.run.end();
    assert.ok(!summary(plain.sink.rows).some((r) => r.startsWith('b 00:')), 'without OVER b is adjusted onto a\'s timeline');
  });

  it('each key\'s results come out as that key\'s own time advances (a lagging key holds back no other)', async () => {
    const over = graph(COUNT('OVER dev'), policy());
    const { rows, arrival } = skewed(20);
    // Only a's events first: a's windows close on a's clock although b has not been heard of for 30 s.
    over.run.push('input', inputBatch(rows.filter((r) => r['dev'] === 'a'), arrival.filter((_, i) => i % 2 === 0)));
    await over.run.settled();
    assert.deepEqual(summary(over.sink.rows), ['a 01:00 1', 'a 01:10 10']);
    over.run.push('input', inputBatch(rows.filter((r) => r['dev'] === 'b'), arrival.filter((_, i) => i % 2 === 1)));
    await over.run.settled();
    assert.deepEqual(summary(over.sink.rows).slice(2), ['b 00:30 1', 'b 00:40 10']);
    await over.run.end();
  });

  it('the out-of-order policy applies per key: Drop drops an event older than its own key\'s newest', async () => {
    const rows: AsaRecord[] = [
      { dev: 'a', t: new Date(BASE + 20_000).toISOString() },
      { dev: 'b', t: new Date(BASE + 5_000).toISOString() }, // older than a's, but b's first: kept
      { dev: 'b', t: new Date(BASE + 3_000).toISOString() }, // older than b's newest: dropped
    ];
    const over = graph(COUNT('OVER dev'), policy('drop'));
    over.run.push('input', inputBatch(rows, [BASE + 21_000, BASE + 21_000, BASE + 21_000]));
    await over.run.end();
    assert.deepEqual(summary(over.sink.rows).sort(), ['a 00:20 1', 'b 00:10 1']);
    const counters = over.run.timeCounters();
    assert.equal(counters.dropped, 1, 'the per-key drop is counted with the input\'s time counters');
    assert.equal(counters.adjusted, 0);
  });

  it('late arrival stays global: an event older than arrival − tolerance is adjusted whatever its key', async () => {
    const rows: AsaRecord[] = [{ dev: 'a', t: new Date(BASE + 1_000).toISOString() }];
    const over = graph(COUNT('OVER dev'), policy('adjust', 5));
    over.run.push('input', inputBatch(rows, [BASE + 60_000]));
    await over.run.end();
    // arrival 01:00 − 5 s = 00:55 → window ending 01:00.
    assert.deepEqual(summary(over.sink.rows), ['a 01:00 1']);
  });

  it('MATCH_RECOGNIZE over substreams: each key is matched on its own timeline, so its matches are not held back', async () => {
    const q = 'SELECT * INTO output FROM input TIMESTAMP BY t OVER dev MATCH_RECOGNIZE (LIMIT DURATION (second, 5) PARTITION BY dev '
      + 'MEASURES Last(B.v) AS v PATTERN (A B) DEFINE A AS A.v = 1, B AS B.v = 2) AS m';
    const ev = (dev: string, s: number, v: number): AsaRecord => ({ dev, v, t: new Date(BASE + s * 1000).toISOString() });
    const g = graph(q, policy());
    g.run.push('input', inputBatch([ev('a', 60, 1), ev('a', 61, 2), ev('a', 70, 0)], [BASE + 71_000, BASE + 71_000, BASE + 71_000]));
    await g.run.settled();
    assert.deepEqual(json(g.sink.rows), [{ dev: 'a', v: 2 }], 'a\'s match comes out on a\'s clock, long before the late-arrival bound');
    g.run.push('input', inputBatch([ev('b', 31, 1), ev('b', 32, 2)], [BASE + 72_000, BASE + 72_000]));
    await g.run.end();
    assert.deepEqual(json(g.sink.rows), [{ dev: 'a', v: 2 }, { dev: 'b', v: 2 }]);
  });

  it('a GROUP BY over substreams must group by the OVER keys (TIMESTAMP BY page limitations)', () => {
    const q = 'SELECT COUNT(*) AS c INTO output FROM input TIMESTAMP BY t OVER dev GROUP BY TumblingWindow(second, 10)';
    assert.throws(() => planScript(parseScript(q), catalog, { compatLevel: '1.2', sourceText: q }), (err: Error & { code?: string }) => err.code === 'SLUICE_PLAN_SUBSTREAM_GROUP_BY' && /OVER key dev/.test(err.message));
  });

  it('a checkpoint taken mid-stream (per-key windows included) resumes to the same rows as one run', async () => {
    const { rows, arrival } = skewed(40);
    const whole = graph(COUNT('OVER dev'), policy());
    whole.run.push('input', inputBatch(rows, arrival));
    await whole.run.end();
    const first = graph(COUNT('OVER dev'), policy());
    first.run.push('input', inputBatch(rows.slice(0, 37), arrival.slice(0, 37)));
    await first.run.settled();
    const snapshot = decodeCheckpoint(encodeCheckpoint(first.run.checkpoint())) as GraphSnapshot;
    const second = graph(COUNT('OVER dev'), policy());
    second.run.restore(snapshot);
    second.run.push('input', inputBatch(rows.slice(37), arrival.slice(37)));
    await second.run.end();
    assert.ok(first.sink.rows.length > 0);
    assert.deepEqual(summary([...first.sink.rows, ...second.sink.rows]).sort(), summary(whole.sink.rows).sort());
  });
});
