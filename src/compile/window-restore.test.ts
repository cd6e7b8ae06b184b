// Window operator restore (operator state contract, runtime/operator.ts): for each window type, run
// half of the events, take every operator's onCheckpoint(), round-trip it through a deep copy that
// keeps only what the checkpoint codec keeps (plain objects, arrays, Maps, Sets, typed arrays,
// AsaDateTime — so no accumulator object can survive by reference), restore it into a fresh graph of
// the same query, run the rest, and compare with an uninterrupted run. Watermarks move between
// batches, so windows close on both sides of the checkpoint.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planScript } from '../plan/index.ts';
import type { Operator } from '../runtime/index.ts';
import { MemorySink, inputBatch, type InputBatch } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import { AsaDateTime, type AsaRecord } from '../types/index.ts';
import { compilePlan } from './index.ts';

const BASE = Date.UTC(2024, 0, 1);

function deepCopy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof AsaDateTime) return new AsaDateTime(v.epochMs, v.subMsTicks);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [deepCopy(k), deepCopy(x)]));
  if (v instanceof Set) return new Set([...v].map(deepCopy));
  if (ArrayBuffer.isView(v)) return structuredClone(v);
  if (Array.isArray(v)) return v.map(deepCopy);
  const proto: unknown = Object.getPrototypeOf(v);
  assert.ok(proto === Object.prototype || proto === null, `a checkpoint holds a class instance: ${(v as object).constructor.name}`);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = deepCopy(x);
  return out;
}

/** Seeded events: two keys, integer and float values, some NULLs, times in order with ties. */
function batches(): { batch: InputBatch; watermark: number }[] {
  let s = 7;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: { batch: InputBatch; watermark: number }[] = [];
  let t = BASE;
  for (let b = 0; b < 12; b++) {
    const rows: AsaRecord[] = [];
    const times: number[] = [];
    for (let i = 0; i < 25; i++) {
      t += Math.floor(rnd() * 3) * 500;
      rows.push({ k: `k${Math.floor(rnd() * 3)}`, x: rnd() < 0.1 ? null : Math.floor(rnd() * 50), f: Math.round(rnd() * 1000) / 10, et: new Date(t).toISOString() });
      times.push(t);
    }
    out.push({ batch: inputBatch(rows, times), watermark: t - 2000 });
  }
  return out;
}

function graphOf(window: string, aggregates: string, sink: MemorySink): { push(b: InputBatch, w: number): Promise<void>; end(): Promise<void>; operators: readonly Operator[] } {
  const query = `SELECT k, ${aggregates}, System.Timestamp() AS e INTO out FROM input TIMESTAMP BY et GROUP BY k, ${window}`;
  const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: [] }, { compatLevel: '1.2', sourceText: query });
  const graph = compilePlan(plan, { sinks: { out: sink } });
  // The operators in build order (a fresh graph of the same query lists them the same way).
  const operators = (graph as unknown as { operators: readonly Operator[] }).operators;
  return {
    push: async (b, w) => {
      graph.push('input', b);
      graph.pushWatermark('input', w);
      await graph.settled();
    },
    end: () => graph.end(),
    operators,
  };
}

const canon = (rows: readonly AsaRecord[]): string[] => rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (v instanceof AsaDateTime ? v.epochMs : v))).sort();

describe('window restore: checkpoint mid-stream, restore into a fresh graph, finish = uninterrupted run', () => {
  const windows = ['TumblingWindow(second, 5)', 'HoppingWindow(second, 10, 2)', 'HoppingWindow(second, 6, 4)', 'SlidingWindow(second, 4)', 'SessionWindow(second, 2, 10)', 'System.Timestamp()'];
  // Every kind of aggregate state; and only invertible ones (hopping: the subtract-on-evict path).
  const every = 'COUNT(*) AS c, SUM(x) AS s, AVG(f) AS a, MIN(x) AS mn, MAX(f) AS mx, STDEV(x) AS sd, COUNT(DISTINCT x) AS d, Collect(x) AS xs, TopOne() OVER (ORDER BY f DESC) AS top';
  const invertible = 'COUNT(*) AS c, COUNT(x) AS n, SUM(x) AS s, AVG(x) AS a, AVG(f) AS af';
  for (const [window, aggregates] of windows.flatMap((w) => [[w, every], [w, invertible]] as const)) {
    it(`${window}: ${aggregates === every ? 'every aggregate' : 'COUNT, SUM, AVG'}`, async () => {
      const data = batches();
      const whole = new MemorySink();
      const g0 = graphOf(window, aggregates, whole);
      for (const d of data) await g0.push(d.batch, d.watermark);
      await g0.end();

      const split = new MemorySink();
      const g1 = graphOf(window, aggregates, split);
      const half = data.length / 2;
      for (const d of data.slice(0, half)) await g1.push(d.batch, d.watermark);
      const states = g1.operators.map((op) => deepCopy(op.onCheckpoint()) as Record<string, unknown>);
      const before = split.rows.length;
      assert.ok(before > 0, 'some windows closed before the checkpoint');
      const g2 = graphOf(window, aggregates, split);
      g2.operators.forEach((op, i) => op.onRestore(states[i] as Record<string, unknown>));
      for (const d of data.slice(half)) await g2.push(d.batch, d.watermark);
      await g2.end();
      assert.ok(split.rows.length > before, 'windows closed after the restore');
      assert.deepEqual(canon(split.rows), canon(whole.rows));
    });
  }
});
