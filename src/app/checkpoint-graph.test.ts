// JobGraph.checkpoint()/restore() through the codec: run half the events, checkpoint, encode to bytes,
// decode, restore into a freshly compiled graph of the same query, run the rest, and compare with an
// uninterrupted run. Also: a checkpoint of another query is refused before any operator is touched.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SluiceError } from '../common/index.ts';
import { compilePlan } from '../compile/index.ts';
import { planScript } from '../plan/index.ts';
import { decodeCheckpoint, encodeCheckpoint, type GraphSnapshot, type JobGraph } from '../runtime/index.ts';
import { MemorySink, inputBatch } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import type { AsaRecord } from '../types/index.ts';

const BASE = Date.UTC(2024, 0, 1);
const POLICY = { lateArrivalMs: 5000, outOfOrderMs: 2000, action: 'adjust' as const, earlyArrivalMs: 300_000 };

function build(query: string, outputs: string[]): { graph: JobGraph; sinks: Record<string, MemorySink> } {
  const inputs = [{ alias: 'input', kind: 'stream' as const }, { alias: 'other', kind: 'stream' as const }];
  const plan = planScript(parseScript(query), { inputs, outputs, functions: [] }, { compatLevel: '1.2', sourceText: query });
  const sinks = Object.fromEntries(outputs.map((o) => [o, new MemorySink()]));
  return { graph: compilePlan(plan, { sinks, timePolicy: POLICY }), sinks };
}

/** Deterministic events over 3 partitions, some out of order and some late (adjusted by the policy). */
function events(n: number): Array<{ row: AsaRecord; arrival: number; partition: number }> {
  const out = [];
  for (let i = 0; i < n; i++) {
    const arrival = BASE + i * 400;
    const skew = i % 7 === 0 ? 9000 : i % 3 === 0 ? 1500 : 0;
    out.push({ row: { k: `k${i % 4}`, x: i, et: new Date(arrival - skew).toISOString() }, arrival, partition: i % 3 });
  }
  return out;
}

function push(graph: JobGraph, evs: ReturnType<typeof events>): void {
  for (const e of evs) {
    graph.push('input', inputBatch([e.row], [e.arrival], e.partition));
    // A second stream for the join case (pushes to an input the query does not read are accepted).
    graph.push('other', inputBatch([{ ...e.row, y: (e.row['x'] as number) * 2 }], [e.arrival], e.partition));
  }
}

const plain = (sink: MemorySink) => sink.rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));

async function compare(query: string, outputs: string[], n: number, cut: number): Promise<void> {
  const evs = events(n);
  const whole = build(query, outputs);
  push(whole.graph, evs);
  await whole.graph.end();

  const first = build(query, outputs);
  push(first.graph, evs.slice(0, cut));
  await first.graph.settled();
  const bytes = encodeCheckpoint(first.graph.checkpoint('q1'));
  const second = build(query, outputs);
  second.graph.restore(decodeCheckpoint(bytes) as GraphSnapshot, 'q1');
  push(second.graph, evs.slice(cut));
  await second.graph.end();
  for (const o of outputs) {
    assert.ok(whole.sinks[o]!.rows.length > 0, `output ${o} is empty: the comparison would prove nothing`);
    assert.deepEqual([...plain(first.sinks[o]!), ...plain(second.sinks[o]!)], plain(whole.sinks[o]!), `output ${o}`);
  }
}

describe('JobGraph checkpoint and restore', () => {
  it('restores source watermarks and partitions: late events are adjusted as in an uninterrupted run', async () => {
    const query = 'SELECT k, x, System.Timestamp() AS t INTO out FROM input TIMESTAMP BY et';
    await compare(query, ['out'], 60, 31);
  });

  it('restores an open tumbling window: counts and sums equal an uninterrupted run', async () => {
    const query = `SELECT k, COUNT(*) AS c, SUM(x) AS s, System.Timestamp() AS e INTO out FROM input TIMESTAMP BY et
      GROUP BY k, TumblingWindow(second, 10)`;
    for (const cut of [1, 17, 40, 59]) await compare(query, ['out'], 60, cut);
  });

  // Every kind of stateful operator, its state through the real codec (bytes), not a deep copy.
  const STATEFUL: Record<string, string> = {
    hopping: 'SELECT k, COUNT(*) AS c, AVG(x) AS a INTO out FROM input TIMESTAMP BY et GROUP BY k, HoppingWindow(second, 10, 5)',
    sliding: 'SELECT k, MAX(x) AS m INTO out FROM input TIMESTAMP BY et GROUP BY k, SlidingWindow(second, 5)',
    session: 'SELECT k, COUNT(*) AS c INTO out FROM input TIMESTAMP BY et GROUP BY k, SessionWindow(second, 2, 20)',
    snapshot: 'SELECT k, COUNT(*) AS c INTO out FROM input TIMESTAMP BY et GROUP BY k, System.Timestamp()',
    'COLLECT, TOPONE, PERCENTILE_CONT, STDEV': 'SELECT k, COLLECT(x) AS xs, TOPONE() OVER (ORDER BY x DESC) AS top, PERCENTILE_CONT(0.5) OVER (ORDER BY x) AS p, STDEV(x) AS sd INTO out FROM input TIMESTAMP BY et GROUP BY k, TumblingWindow(second, 5)',
    LAG: 'SELECT k, x, LAG(x) OVER (PARTITION BY k LIMIT DURATION(minute, 1)) AS prev INTO out FROM input TIMESTAMP BY et',
    'stream JOIN': 'SELECT i.k, i.x, o.y INTO out FROM input i TIMESTAMP BY et JOIN other o TIMESTAMP BY et ON i.k = o.k AND DATEDIFF(second, i, o) BETWEEN 0 AND 3',
    MATCH_RECOGNIZE: 'SELECT * INTO out FROM input TIMESTAMP BY et MATCH_RECOGNIZE (LIMIT DURATION(minute, 1) PARTITION BY k MEASURES Last(a.x) AS lx AFTER MATCH SKIP TO NEXT ROW PATTERN (a b) DEFINE a AS a.x % 8 < 4, b AS b.x % 8 >= 4) AS m',
  };
  for (const [name, query] of Object.entries(STATEFUL)) {
    it(`restores ${name} state through the codec`, async () => {
      for (const cut of [13, 41]) await compare(query, ['out'], 80, cut);
    });
  }

  it('refuses the checkpoint of another query before touching any operator', () => {
    const a = build('SELECT k INTO out FROM input', ['out']);
    const b = build('SELECT k, COUNT(*) AS c INTO out FROM input GROUP BY k, TumblingWindow(second, 5)', ['out']);
    const snapshot = a.graph.checkpoint('query-a');
    assert.throws(() => b.graph.restore(snapshot, 'query-b'), (err: unknown) => err instanceof SluiceError && err.code === 'SLUICE_CHECKPOINT_MISMATCH' && /different query/.test(err.message));
    // The caller's fingerprint equal but the graph's shape different: still refused.
    assert.throws(() => b.graph.restore(snapshot, 'query-a'), (err: unknown) => err instanceof SluiceError && err.code === 'SLUICE_CHECKPOINT_MISMATCH');
  });
});
