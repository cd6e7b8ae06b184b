// The AnalyticOperator on its own: results ride beside the batch, history is swept as the watermark
// moves (memory follows the keys active within LIMIT DURATION, not the stream), and the per-event cost.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AsaRecord, AsaValue } from '../../types/index.ts';
import { EvalContext } from '../eval-context.ts';
import type { EventBatch } from '../event-batch.ts';
import { BaseOperator } from '../operator.ts';
import { readAnalytics } from './analytic-batch.ts';
import type { AnalyticCallProgram } from './analytic-kernel.ts';
import { AnalyticOperator } from './analytic-operator.ts';

class Capture extends BaseOperator {
  readonly values: AsaValue[][] = [];
  private readonly ctx = new EvalContext();
  override onEvents(batch: EventBatch): void {
    readAnalytics(batch, this.ctx);
    for (let i = 0; i < batch.length; i++) {
      const row: AsaValue[] = [];
      for (let j = 0; j < this.ctx.analyticsStride; j++) row.push(this.ctx.analytics[i * this.ctx.analyticsStride + j] ?? null);
      this.values.push(row);
    }
  }
}

const field = (name: string) => (ctx: EvalContext): AsaValue => (ctx.slots[0] as AsaRecord)[name] ?? null;
const call = (over: Partial<AnalyticCallProgram> & Pick<AnalyticCallProgram, 'fn'>): AnalyticCallProgram => ({
  value: field('v'), offset: 1, dflt: undefined, durationMs: 10_000, key: (ctx) => String((ctx.slots[0] as AsaRecord)['k']), when: undefined, ...over,
});

function batch(rows: AsaRecord[], times: number[]): EventBatch {
  return { length: rows.length, rows, times: Float64Array.from(times), origin: undefined, originIndex: undefined };
}

describe('AnalyticOperator', () => {
  it('passes each event on with one result per call', () => {
    const op = new AnalyticOperator('a', [call({ fn: 'LAG' }), call({ fn: 'MAX' })], () => 0);
    const out = new Capture('c');
    op.connect(out);
    op.onEvents(batch([{ k: 'a', v: 1 }, { k: 'a', v: 3 }, { k: 'b', v: 2 }, { k: 'a', v: 2 }], [1000, 2000, 3000, 4000]));
    assert.deepEqual(out.values, [[null, 1], [1, 3], [null, 2], [3, 3]]);
  });

  it('sweeps partitions the watermark has put out of reach, and keeps the live ones', () => {
    const calls = (['LAG', 'LAST', 'ISFIRST', 'SUM', 'MIN'] as const).map((fn) => call({ fn }));
    const op = new AnalyticOperator('a', calls, () => 0);
    op.connect(new Capture('c'));
    const rows = Array.from({ length: 1000 }, (_, i) => ({ k: `k${i}`, v: i }));
    op.onEvents(batch(rows, rows.map((_, i) => i)));
    op.onEvents(batch([{ k: 'late', v: 1 }], [50_000]));
    assert.equal(op.partitions, 5 * 1001);
    const before = op.stateBytes();
    op.onWatermark(45_000, 0);
    // Only 'late' (at 50 s) is still within 10 s of the watermark; ISFIRST keeps its interval (ends at 60 s).
    assert.equal(op.partitions, 5);
    assert.ok(op.stateBytes() * 100 < before, `state ${op.stateBytes()} B after the sweep, ${before} B before`);
    const restored = new AnalyticOperator('a', calls, () => 0);
    restored.onRestore(structuredClone(op.onCheckpoint()));
    assert.equal(restored.partitions, 5);
  });

  it('costs O(1) per event (prints events/s; asserts no time)', () => {
    const op = new AnalyticOperator('a', [call({ fn: 'LAG', offset: 2 }), call({ fn: 'SUM' }), call({ fn: 'MAX' })], () => 0);
    op.connect(new Capture('sink-less'));
    (op as unknown as { emit: () => void }).emit = () => {};
    const n = 1_000_000;
    const size = 10_000;
    const rows = Array.from({ length: size }, (_, i) => ({ k: `k${i % 1000}`, v: i }));
    const start = performance.now();
    for (let b = 0; b < n / size; b++) {
      op.onEvents(batch(rows, rows.map((_, i) => b * size + i)));
      op.onWatermark(b * size, 0);
    }
    const ms = performance.now() - start;
    console.log(`analytic: ${Math.round((n / ms) * 1000).toLocaleString('en')} events/s (LAG offset 2 + rolling SUM + MAX, 1000 keys), ${op.partitions} partitions held`);
    assert.ok(op.partitions <= 3 * 1000);
  });
});
