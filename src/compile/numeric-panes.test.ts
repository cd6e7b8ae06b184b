// A hopping window of COUNT/SUM/AVG keeps its panes as numbers (running-hopping-operator.ts, PaneKernel):
// every result must be the one the accumulator panes give — compared here with a twin operator made to keep
// accumulators, on the same events, bit for bit — including after a value the numbers cannot hold turned
// the panes back into accumulators mid-stream, and across a checkpoint taken in either representation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planScript } from '../plan/index.ts';
import { RunningHoppingOperator, type Operator } from '../runtime/index.ts';
import { MemorySink, inputBatch, type InputBatch } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import { AsaDateTime, type AsaRecord, type AsaValue } from '../types/index.ts';
import { compilePlan } from './index.ts';

const BASE = Date.UTC(2024, 0, 1);
const AGGREGATES = 'COUNT(*) AS c, COUNT(x) AS n, SUM(x) AS s, AVG(x) AS a, SUM(f) AS sf, AVG(f) AS af';

interface Step {
  batch: InputBatch;
  watermark: number;
}

/** Seeded events over five keys: whole numbers, floats, NULLs and text in x; floats in f; `big` from event `bigFrom` on. */
function events(seed: number, bigFrom = Infinity): Step[] {
  let s = seed;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const x = (i: number): AsaValue => {
    if (i >= bigFrom) return 2 ** 52;
    const r = rnd();
    return r < 0.1 ? null : r < 0.15 ? 'n/a' : r < 0.6 ? Math.floor(rnd() * 100) : Math.round(rnd() * 1e6) / 1e3;
  };
  const out: Step[] = [];
  let t = BASE;
  let i = 0;
  for (let b = 0; b < 20; b++) {
    const rows: AsaRecord[] = [];
    const times: number[] = [];
    for (let j = 0; j < 40; j++, i++) {
      // Mostly in order, with gaps that leave panes and whole windows empty.
      t += rnd() < 0.05 ? 7000 : Math.floor(rnd() * 4) * 250;
      rows.push({ k: `k${Math.floor(rnd() * 5)}`, x: x(i), f: (rnd() - 0.5) * 10 ** Math.floor(rnd() * 6 - 2) });
      times.push(t);
    }
    out.push({ batch: inputBatch(rows, times), watermark: t - 1500 });
  }
  return out;
}

interface Run {
  sink: MemorySink;
  hopping: RunningHoppingOperator;
  operators: readonly Operator[];
  push(step: Step): Promise<void>;
  end(): Promise<void>;
}

function run(window: string): Run {
  const query = `SELECT k, ${AGGREGATES}, System.Timestamp() AS e INTO out FROM input GROUP BY k, ${window}`;
  const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: [] }, { compatLevel: '1.2', sourceText: query });
  const sink = new MemorySink();
  const graph = compilePlan(plan, { sinks: { out: sink } });
  const operators = (graph as unknown as { operators: readonly Operator[] }).operators;
  const hopping = operators.find((o): o is RunningHoppingOperator => o instanceof RunningHoppingOperator);
  assert.ok(hopping, 'the query runs on RunningHoppingOperator');
  return {
    sink, hopping, operators,
    async push(step) {
      graph.push('input', step.batch);
      graph.pushWatermark('input', step.watermark);
      await graph.settled();
    },
    end: () => graph.end(),
  };
}

/** Rows as text that tells every double apart (and -0 from 0). */
const exact = (rows: readonly AsaRecord[]): string[] => rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (v instanceof AsaDateTime ? v.epochMs : typeof v === 'number' && Object.is(v, -0) ? '-0' : typeof v === 'bigint' ? `${v}n` : v)));

async function both(window: string, data: readonly Step[]): Promise<{ numeric: Run; accumulators: Run }> {
  const numeric = run(window);
  const accumulators = run(window);
  accumulators.hopping.keepPanesAsAccumulators();
  for (const d of data) {
    await numeric.push(d);
    await accumulators.push(d);
  }
  await numeric.end();
  await accumulators.end();
  return { numeric, accumulators };
}

describe('hopping windows with panes as numbers give the results of accumulator panes', () => {
  for (const window of ['HoppingWindow(second, 10, 2)', 'HoppingWindow(second, 10, 4)', 'HoppingWindow(second, 60, 1)', 'HoppingWindow(second, 5, 1, 500)']) {
    it(`${window}: COUNT, SUM, AVG over whole numbers, floats, NULLs and text`, async () => {
      for (const seed of [3, 17]) {
        const { numeric, accumulators } = await both(window, events(seed));
        assert.equal(numeric.hopping.panesAsNumbers, true, 'kept as numbers throughout');
        assert.ok(numeric.sink.rows.length > 100);
        assert.deepEqual(exact(numeric.sink.rows), exact(accumulators.sink.rows));
      }
    });
  }

  it('a whole SUM past 2^53 turns the panes into accumulators mid-stream, and nothing changes in the results', async () => {
    const data = events(5, 500);
    const { numeric, accumulators } = await both('HoppingWindow(second, 10, 2)', data);
    assert.equal(numeric.hopping.panesAsNumbers, false, 'went back to accumulators');
    assert.ok(numeric.sink.rows.some((r) => typeof r['s'] === 'bigint'), 'the sums moved to bigints');
    assert.deepEqual(exact(numeric.sink.rows), exact(accumulators.sink.rows));
  });

  it('a checkpoint of accumulator panes restores into numbers (and one of numbers into numbers)', async () => {
    const data = events(9);
    const whole = run('HoppingWindow(second, 10, 2)');
    for (const d of data) await whole.push(d);
    await whole.end();
    for (const savedAsNumbers of [false, true]) {
      const first = run('HoppingWindow(second, 10, 2)');
      if (!savedAsNumbers) first.hopping.keepPanesAsAccumulators();
      for (const d of data.slice(0, 10)) await first.push(d);
      const states = first.operators.map((op) => structuredClone(op.onCheckpoint()));
      const second = run('HoppingWindow(second, 10, 2)');
      second.operators.forEach((op, i) => op.onRestore(states[i] as Record<string, unknown>));
      assert.equal(second.hopping.panesAsNumbers, true);
      for (const d of data.slice(10)) await second.push(d);
      await second.end();
      assert.deepEqual(exact([...first.sink.rows, ...second.sink.rows]), exact(whole.sink.rows));
    }
  });
});
