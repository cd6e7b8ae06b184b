// JavaScript UDAs (uda.name(value)) in every window type, end to end (plan → compile → run), after
// "Azure Stream Analytics JavaScript user-defined aggregates": an AccumulateDeaccumulate UDA (with
// deaccumulateState), one with deaccumulate only, and an AccumulateOnly UDA must all give SUM's
// results on the same data, with windows closing mid-stream (watermarks between batches). Also: a throw
// in the UDA is SLUICE_UDA_ERROR and counts as a UDF error; the UDA sees no engine globals; a window
// holding UDA state restores from a checkpoint.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSluiceError } from '../common/index.ts';
import { UdfHost } from '../functions/udf/index.ts';
import { planScript, type Catalog } from '../plan/index.ts';
import type { Operator } from '../runtime/index.ts';
import { MemorySink, inputBatch, type InputBatch } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import { AsaDateTime, type AsaRecord } from '../types/index.ts';
import { compilePlan } from './index.ts';

const SUM_DEACCUMULATE = `function main() {
  this.init = function () { this.state = 0; };
  this.accumulate = function (value, timestamp) { this.state += value; };
  this.deaccumulate = function (value, timestamp) { this.state -= value; };
  this.deaccumulateState = function (otherState) { this.state -= otherState.state; };
  this.computeResult = function () { return this.state; };
}`;
const SUM_DEACCUMULATE_VALUES = `function main() {
  this.init = function () { this.total = 0; };
  this.accumulate = function (value, timestamp) { this.total += value; };
  this.deaccumulate = function (value, timestamp) { this.total -= value; };
  this.computeResult = function () { return this.total; };
}`;
const SUM_ACCUMULATE_ONLY = `function main() {
  this.init = function () { this.state = 0; };
  this.accumulate = function (value, timestamp) { this.state += value; };
  this.computeResult = function () { return this.state; };
}`;
/** Checks that timestamp is the event time, as a Date: returns the latest one. */
const LATEST = `function main() {
  this.init = function () { this.latest = 0; };
  this.accumulate = function (value, timestamp) { if (timestamp.getTime() > this.latest) this.latest = timestamp.getTime(); };
  this.computeResult = function () { return new Date(this.latest); };
}`;

const BASE = Date.UTC(2024, 0, 1);

function data(): { batch: InputBatch; watermark: number }[] {
  let s = 11;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: { batch: InputBatch; watermark: number }[] = [];
  let t = BASE;
  for (let b = 0; b < 10; b++) {
    const rows: AsaRecord[] = [];
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      t += Math.floor(rnd() * 3) * 500;
      rows.push({ k: `k${Math.floor(rnd() * 2)}`, x: Math.floor(rnd() * 50), et: new Date(t).toISOString() });
      times.push(t);
    }
    out.push({ batch: inputBatch(rows, times), watermark: t - 1500 });
  }
  return out;
}

interface Job {
  push(b: InputBatch, w: number): Promise<void>;
  end(): Promise<void>;
  readonly operators: readonly Operator[];
  readonly host: UdfHost;
  readonly sink: MemorySink;
}

function job(query: string, udas: Record<string, string>, sink = new MemorySink()): Job {
  const catalog: Catalog = { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: Object.entries(udas).map(([name, source]) => ({ name, kind: 'uda' as const, source })) };
  const plan = planScript(parseScript(query), catalog, { compatLevel: '1.2', sourceText: query });
  const host = new UdfHost({ timeLimitMs: 1000 });
  for (const [name, source] of Object.entries(udas)) host.defineAggregate(name, source);
  const graph = compilePlan(plan, { sinks: { out: sink }, udfHost: host });
  return {
    push: async (b, w) => {
      graph.push('input', b);
      graph.pushWatermark('input', w);
      await graph.settled();
    },
    end: () => graph.end(),
    operators: (graph as unknown as { operators: readonly Operator[] }).operators,
    host,
    sink,
  };
}

const UDAS = { sumd: SUM_DEACCUMULATE, sumv: SUM_DEACCUMULATE_VALUES, suma: SUM_ACCUMULATE_ONLY, latest: LATEST };
const WINDOWS = ['TumblingWindow(second, 5)', 'HoppingWindow(second, 10, 2)', 'SlidingWindow(second, 4)', 'SessionWindow(second, 2, 10)', 'System.Timestamp()'];

describe('JavaScript UDAs in every window type', () => {
  for (const window of WINDOWS) {
    it(`${window}: AccumulateDeaccumulate, deaccumulate-only and AccumulateOnly UDAs equal SUM; timestamp is the event time`, async () => {
      const j = job(`SELECT k, uda.sumd(x) AS a, uda.sumv(x) AS b, uda.suma(x) AS c, SUM(x) AS s, uda.latest(x) AS l, MAX(CAST(et AS datetime)) AS ml INTO out FROM input TIMESTAMP BY et GROUP BY k, ${window}`, UDAS);
      for (const d of data()) await j.push(d.batch, d.watermark);
      await j.end();
      assert.ok(j.sink.rows.length > 10);
      for (const r of j.sink.rows) {
        assert.equal(r['a'], r['s']);
        assert.equal(r['b'], r['s']);
        assert.equal(r['c'], r['s']);
        assert.ok(r['l'] instanceof AsaDateTime && r['ml'] instanceof AsaDateTime && r['l'].epochMs === r['ml'].epochMs, JSON.stringify(r));
      }
      assert.ok((j.host.calls.get('sumd') ?? 0) > 0);
    });
  }

  it('restores UDA state from a checkpoint (hopping and sliding windows)', async () => {
    for (const window of ['HoppingWindow(second, 10, 2)', 'SlidingWindow(second, 4)']) {
      const query = `SELECT k, uda.sumd(x) AS a, uda.suma(x) AS c, System.Timestamp() AS e INTO out FROM input TIMESTAMP BY et GROUP BY k, ${window}`;
      const all = data();
      const whole = job(query, UDAS);
      for (const d of all) await whole.push(d.batch, d.watermark);
      await whole.end();
      const first = job(query, UDAS);
      for (const d of all.slice(0, 5)) await first.push(d.batch, d.watermark);
      const states = first.operators.map((op) => structuredClone(op.onCheckpoint()));
      const second = job(query, UDAS, first.sink);
      second.operators.forEach((op, i) => op.onRestore(states[i] as Record<string, unknown>));
      for (const d of all.slice(5)) await second.push(d.batch, d.watermark);
      await second.end();
      const canon = (rows: readonly AsaRecord[]): string[] => rows.map((r) => JSON.stringify(r)).sort();
      assert.deepEqual(canon(first.sink.rows), canon(whole.sink.rows), window);
    }
  });

  it('a throw inside the UDA stops the job with SLUICE_UDA_ERROR, counted as a UDF error', async () => {
    const bad = `function main() {
      this.init = function () { this.n = 0; };
      this.accumulate = function (value, timestamp) { if (value > 40) throw new Error('too big: ' + value); this.n++; };
      this.computeResult = function () { return this.n; };
    }`;
    const j = job('SELECT uda.bad(x) AS n INTO out FROM input TIMESTAMP BY et GROUP BY TumblingWindow(second, 5)', { bad });
    const d = data()[0] as { batch: InputBatch; watermark: number };
    await assert.rejects(j.push(d.batch, d.watermark), (err: unknown) => {
      assert.ok(isSluiceError(err));
      assert.equal(err.code, 'SLUICE_UDA_ERROR');
      assert.match(err.message, /uda\.bad.*accumulate.*too big/);
      return true;
    });
    assert.equal(j.host.errors.get('bad'), 1);
  });

  it('runs in its own realm: no require, process or engine objects', async () => {
    const probe = `function main() {
      this.init = function () { this.seen = typeof require + ',' + typeof process + ',' + typeof globalThis.console; };
      this.accumulate = function (value, timestamp) { if (value.constructor !== Object) this.seen = 'engine object'; };
      this.computeResult = function () { return this.seen; };
    }`;
    const j = job('SELECT uda.probe(input) AS seen INTO out FROM input TIMESTAMP BY et GROUP BY TumblingWindow(minute, 10)', { probe });
    const d = data()[0] as { batch: InputBatch; watermark: number };
    await j.push(d.batch, d.watermark);
    await j.end();
    assert.deepEqual(j.sink.rows.map((r) => r['seen']), ['undefined,undefined,undefined']);
  });

  it('binding: uda.name needs GROUP BY, one argument and a UDA of that name', () => {
    const catalog: Catalog = { inputs: [{ alias: 'input', kind: 'stream' }], outputs: [], functions: [{ name: 'sumd', kind: 'uda', source: SUM_DEACCUMULATE }, { name: 'f', kind: 'udf', source: 'function main(x) { return x; }' }] };
    const codeOf = (q: string): string | undefined => {
      try {
        planScript(parseScript(q), catalog, { compatLevel: '1.2', sourceText: q });
        return undefined;
      } catch (err) {
        return isSluiceError(err) ? `${err.code} ${err.message}` : String(err);
      }
    };
    assert.match(codeOf('SELECT uda.sumd(x) FROM input') ?? '', /SLUICE_PLAN.*GROUP BY/);
    assert.match(codeOf('SELECT uda.sumd(x, 1) FROM input GROUP BY TumblingWindow(second, 1)') ?? '', /SLUICE_PLAN.*1 argument/);
    assert.match(codeOf('SELECT uda.nope(x) FROM input GROUP BY TumblingWindow(second, 1)') ?? '', /SLUICE_PLAN_UNKNOWN_FUNCTION.*uda\.nope/);
    assert.match(codeOf('SELECT uda.f(x) FROM input GROUP BY TumblingWindow(second, 1)') ?? '', /udf\.f/);
    assert.equal(codeOf('SELECT uda.SUMD(x) AS s FROM input GROUP BY TumblingWindow(second, 1)'), undefined);
  });
});
