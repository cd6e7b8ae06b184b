// StreamJoinOperator and ReferenceJoinOperator on hand-built programs: matching out of order within the
// bound, event-time ordered output held for the watermark, eviction by watermark − bound, LEFT OUTER
// rows emitted only when no match can come (stamped with the latest time one could have), and a
// checkpoint round trip (through the real checkpoint codec) that continues exactly like an
// uninterrupted run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AsaRecord } from '../../types/index.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../checkpoint/checkpoint-codec.ts';
import type { EvalContext } from '../eval-context.ts';
import type { EventBatch } from '../event-batch.ts';
import { BaseOperator } from '../operator.ts';
import { valueKey } from '../windows/aggregation.ts';
import { ReferenceJoinOperator } from './reference-join-operator.ts';
import { StreamJoinOperator, type StreamJoinProgram } from './stream-join-operator.ts';

/** Keeps what reaches it: rows as "left/right@time" and the watermarks. */
class Collector extends BaseOperator {
  readonly out: string[] = [];
  readonly watermarks: number[] = [];
  override onEvents(batch: EventBatch): void {
    for (let i = 0; i < batch.length; i++) {
      const j = batch.joined?.[i];
      const names = j ? j.rows.map((r) => (r === null ? 'NULL' : String(r['id']))) : [String(batch.rows[i]?.['id'])];
      this.out.push(`${names.join('/')}@${batch.times[i]}`);
    }
  }
  protected override onWatermarkAdvanced(ms: number): void {
    this.watermarks.push(ms);
  }
}

const key = (slot: number) => (ctx: EvalContext): string | null => {
  const v = ctx.slots[slot]?.['k'] ?? null;
  return v === null ? null : valueKey(v);
};

/** ON l.k = r.k AND DATEDIFF(second, l, r) BETWEEN 0 AND 10 (whole seconds, as the planner's window allows). */
function program(outer: boolean): StreamJoinProgram {
  return {
    outer,
    leftWidth: 1,
    leftKey: key(0),
    rightKey: key(1),
    on: (ctx) => {
      const d = Math.floor((ctx.slotTimes[1] as number) / 1000) - Math.floor((ctx.slotTimes[0] as number) / 1000);
      return ctx.slots[0]?.['k'] === ctx.slots[1]?.['k'] && d >= 0 && d <= 10;
    },
    lowMs: -1000,
    highMs: 11_000,
    unmatchedTime: (times) => (times[0] as number) + 10_000,
    holdBackMs: 1000,
  };
}

function batch(rows: AsaRecord[], times: number[]): EventBatch {
  return { length: rows.length, rows, times: Float64Array.from(times), origin: undefined, originIndex: undefined };
}

function setup(outer: boolean): { join: StreamJoinOperator; sink: Collector } {
  const join = new StreamJoinOperator('join', program(outer));
  const sink = new Collector('sink');
  join.addInput();
  join.addInput();
  join.connect(sink);
  return { join, sink };
}

type Step = ['L' | 'R', AsaRecord, number] | ['W', number];

function play(join: StreamJoinOperator, steps: readonly Step[]): void {
  for (const s of steps) {
    if (s[0] === 'W') {
      join.onWatermark(s[1], 0);
      join.onWatermark(s[1], 1);
    } else {
      join.onEvents(batch([s[1]], [s[2]]), s[0] === 'L' ? 0 : 1);
    }
  }
}

const STEPS: Step[] = [
  ['R', { id: 'r1', k: 1 }, 5000], // arrives before its partner (out of order within the bound)
  ['L', { id: 'l1', k: 1 }, 2000],
  ['L', { id: 'l2', k: 2 }, 3000], // never matched
  ['R', { id: 'r2', k: 1 }, 9000],
  ['W', 8000],
  ['L', { id: 'l3', k: 3 }, 20_000],
  ['R', { id: 'r3', k: 3 }, 31_000], // 11 s later: outside the bound
  ['W', 40_000],
  ['L', { id: 'l4', k: 1 }, 41_000],
  ['R', { id: 'r4', k: 1 }, 42_000],
  ['W', Infinity],
];

describe('StreamJoinOperator', () => {
  it('matches out of order within the bound, stamps the later time and emits in time order once the watermark passes', () => {
    const { join, sink } = setup(false);
    play(join, STEPS.slice(0, 4));
    assert.deepEqual(sink.out, [], 'nothing leaves before the watermark');
    play(join, STEPS.slice(4, 5));
    assert.deepEqual(sink.out, ['l1/r1@5000']);
    play(join, STEPS.slice(5));
    assert.deepEqual(sink.out, ['l1/r1@5000', 'l1/r2@9000', 'l4/r4@42000']);
    assert.deepEqual(sink.watermarks, [8000, 40_000, Infinity]);
  });

  it('gives the same results when partitions are read far apart in event time (a backlog catch-up), and drains its state', () => {
    // Four "partitions" of 2000 events each, 1 s apart per key; read in order, then partition by partition.
    const events: { side: 0 | 1; row: AsaRecord; t: number; p: number }[] = [];
    for (let i = 0; i < 8000; i++) events.push({ side: (i % 2) as 0 | 1, row: { id: `e${i}`, k: Math.floor(i / 2) % 25 }, t: i * 20, p: Math.floor(i / 7) % 4 });
    const run = (order: typeof events): string[] => {
      const { join, sink } = setup(true);
      for (const e of order) join.onEvents(batch([e.row], [e.t]), e.side);
      join.onWatermark(Infinity, 0);
      join.onWatermark(Infinity, 1);
      assert.equal(join.bufferedEvents, 0);
      assert.equal(join.stateBytes(), 0);
      return sink.out;
    };
    const inOrder = run(events);
    const skewed = run([0, 1, 2, 3].flatMap((p) => events.filter((e) => e.p === p)));
    assert.ok(inOrder.length > 4000, `${inOrder.length} results`);
    // Same rows; equal timestamps may leave in a different order (the order they were found in).
    const times = (out: string[]): number[] => out.map((r) => Number(r.split('@')[1]));
    assert.ok(times(skewed).every((t, i, a) => i === 0 || (a[i - 1] as number) <= t), 'skewed output in time order');
    // Compared as strings: assert's diff of two large arrays is quadratic in memory when they differ.
    assert.equal([...skewed].sort().join('\n'), [...inOrder].sort().join('\n'));
  });

  it('evicts by watermark − bound: state follows the bound, not the stream', () => {
    const { join } = setup(false);
    for (let i = 0; i < 1000; i++) {
      join.onEvents(batch([{ id: `l${i}`, k: i % 7 }], [i * 1000]), 0);
      join.onEvents(batch([{ id: `r${i}`, k: i % 7 }], [i * 1000 + 500]), 1);
      join.onWatermark(i * 1000, 0);
      join.onWatermark(i * 1000, 1);
      assert.ok(join.bufferedEvents <= 2 * 13, `buffered ${join.bufferedEvents} at ${i}`);
    }
    join.onWatermark(Infinity, 0);
    join.onWatermark(Infinity, 1);
    assert.equal(join.bufferedEvents, 0);
  });

  it('LEFT OUTER: an unmatched left row leaves only when no match can come, stamped left time + upper bound', () => {
    const { join, sink } = setup(true);
    play(join, [['L', { id: 'l2', k: 2 }, 3000], ['W', 13_000]]);
    assert.deepEqual(sink.out, [], 'a partner at 13.999 s would still match');
    play(join, [['W', 14_001]]);
    assert.deepEqual(sink.out, ['l2/NULL@13000']);
    assert.ok(sink.watermarks.every((w) => w <= 13_001), 'watermark held back below pending unmatched rows');
  });

  it('LEFT OUTER: matched rows are not emitted again as unmatched', () => {
    const { join, sink } = setup(true);
    play(join, STEPS);
    assert.deepEqual(sink.out, ['l1/r1@5000', 'l1/r2@9000', 'l2/NULL@13000', 'l3/NULL@30000', 'l4/r4@42000']);
  });

  it('restores a checkpoint (through the codec) and continues exactly like an uninterrupted run', () => {
    for (const outer of [false, true]) {
      const whole = setup(outer);
      play(whole.join, STEPS);
      for (let cut = 1; cut < STEPS.length; cut++) {
        const first = setup(outer);
        play(first.join, STEPS.slice(0, cut));
        const saved = decodeCheckpoint(encodeCheckpoint(first.join.onCheckpoint())) as Record<string, unknown>;
        const second = setup(outer);
        second.join.onRestore(saved);
        const w = STEPS.slice(0, cut).filter((s) => s[0] === 'W').map((s) => s[1] as number).pop();
        if (w !== undefined) second.join.restoreWatermarkState(first.join.watermarkState());
        play(second.join, STEPS.slice(cut));
        assert.deepEqual([...first.sink.out, ...second.sink.out], whole.sink.out, `outer=${outer} cut=${cut}`);
      }
    }
  });
});

describe('ReferenceJoinOperator', () => {
  const refProgram = (outer: boolean) => ({
    input: 'ref', outer, leftWidth: 1, leftKey: key(0), rightKey: key(1),
    on: (ctx: EvalContext) => ctx.slots[0]?.['k'] === ctx.slots[1]?.['k'] && ctx.slots[1]?.['on'] !== false,
  });

  it('looks rows up by key, keeps the stream time, and sees a reloaded table from then on', () => {
    const join = new ReferenceJoinOperator('ref join', refProgram(false));
    const sink = new Collector('sink');
    join.addInput();
    join.connect(sink);
    join.load([{ id: 'a', k: 1 }, { id: 'b', k: 1 }, { id: 'c', k: 2, on: false }, { id: 'n', k: null }]);
    join.onEvents(batch([{ id: 'x', k: 1 }, { id: 'y', k: 2 }, { id: 'z', k: null }], [100, 200, 300]));
    assert.deepEqual(sink.out, ['x/a@100', 'x/b@100']);
    join.load([{ id: 'd', k: 2 }]);
    join.onEvents(batch([{ id: 'y', k: 2 }], [400]));
    assert.deepEqual(sink.out.slice(2), ['y/d@400']);
  });

  it('LEFT OUTER keeps events without a match, reference side NULL', () => {
    const join = new ReferenceJoinOperator('ref join', refProgram(true));
    const sink = new Collector('sink');
    join.addInput();
    join.connect(sink);
    join.load([{ id: 'a', k: 1 }]);
    join.onEvents(batch([{ id: 'x', k: 1 }, { id: 'y', k: 5 }], [100, 200]));
    assert.deepEqual(sink.out, ['x/a@100', 'y/NULL@200']);
  });
});
