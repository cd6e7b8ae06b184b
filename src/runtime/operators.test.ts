// Runtime operators without the planner: watermark plumbing (minimum over live inputs), the source's
// event time and data errors, APPLY/filter in the fused select loop, sink delivery and failures.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemorySink, inputBatch, type OutputSink } from '../spi/index.ts';
import type { AsaRecord } from '../types/index.ts';
import {
  BaseOperator,
  JobGraph,
  MergeOperator,
  SelectOperator,
  SinkOperator,
  SourceOperator,
  type DataError,
  type EventBatch,
} from './index.ts';

class Probe extends BaseOperator {
  readonly watermarks: number[] = [];
  readonly rows: AsaRecord[] = [];
  override onEvents(batch: EventBatch): void {
    for (let i = 0; i < batch.length; i++) this.rows.push(batch.rows[i] as AsaRecord);
  }
  protected override onWatermarkAdvanced(ms: number): void {
    this.watermarks.push(ms);
  }
}

const now = (): number => 0;

describe('operators', () => {
  it('an operator\'s watermark is the minimum over its inputs; an ended input (+Infinity) stops holding it back', () => {
    const a = new SourceOperator('a', undefined, () => {}, now);
    const b = new SourceOperator('b', undefined, () => {}, now);
    const merge = new MergeOperator('union');
    const probe = new Probe('probe');
    a.connect(merge);
    b.connect(merge);
    merge.connect(probe);
    a.advance(10);
    assert.deepEqual(probe.watermarks, []);
    b.advance(5);
    a.advance(20);
    b.advance(30);
    b.advance(Infinity);
    a.advance(Infinity);
    assert.deepEqual(probe.watermarks, [5, 20, Infinity]);
  });

  it('TIMESTAMP BY: events whose time is not a datetime are dropped and reported as data errors', () => {
    const errors: DataError[] = [];
    const src = new SourceOperator('in', (ctx) => (ctx.slots[0] as AsaRecord).t ?? null, (e) => errors.push(e), now);
    const probe = new Probe('probe');
    src.connect(probe);
    src.accept(inputBatch([{ t: '2024-01-01T00:00:00Z' }, { t: 5 }, { t: null }], [1, 2, 3], 7));
    assert.equal(probe.rows.length, 1);
    assert.deepEqual(errors.map((e) => [e.code, e.partitionId]), [['InputEventTimestampNotFound', 7], ['InputEventTimestampNotFound', 7]]);
  });

  it('the fused select loop applies, filters and projects, keeping each event\'s time', () => {
    const src = new SourceOperator('in', undefined, () => {}, now);
    const select = new SelectOperator('s', {
      applies: [{ rows: (ctx) => ((ctx.slots[0] as AsaRecord).xs as number[]).map((x) => ({ x })), outer: false }],
      filter: (ctx) => ((ctx.slots[1] as AsaRecord).x as number) > 1,
      project: (ctx) => ({ x: (ctx.slots[1] as AsaRecord).x ?? null, t: ctx.timeMs }),
    }, now);
    const probe = new Probe('probe');
    src.connect(select);
    select.connect(probe);
    src.accept(inputBatch([{ xs: [1, 2, 3] }, { xs: [] }], [100, 200]));
    assert.deepEqual(probe.rows, [{ x: 2, t: 100 }, { x: 3, t: 100 }]);
  });

  it('JobGraph delivers one write per push per output and rethrows a failed write at end()', async () => {
    const good = new MemorySink();
    const failing: OutputSink = { write: () => Promise.reject(new Error('disk full')), flush: () => Promise.resolve(), close: () => Promise.resolve() };
    const src = new SourceOperator('in', undefined, () => {}, now);
    const okSink = new SinkOperator('ok', good);
    const badSink = new SinkOperator('bad', failing);
    src.connect(okSink);
    src.connect(badSink);
    const graph = new JobGraph({ sources: new Map([['in', [src]]]), operators: [src, okSink, badSink], sinks: [okSink, badSink], outputColumns: new Map() });
    graph.push('IN', inputBatch([{ a: 1 }, { a: 2 }], [1, 2]));
    assert.throws(() => graph.push('nope', inputBatch([], [])), /no input named 'nope'/);
    await assert.rejects(graph.end(), /disk full/);
    assert.deepEqual(good.rows, [{ a: 1 }, { a: 2 }]);
  });
});

describe('arrival policy', () => {
  it('event-ordering page: late arrival 15 s adjusts event 1 (00:10:00, arrived 00:10:40) to 00:10:25; early events are dropped', () => {
    const errors: string[] = [];
    const src = new SourceOperator('in', (ctx) => (ctx.slots[0] as AsaRecord).t ?? null, (e) => errors.push(e.code), now, { lateArrivalMs: 15_000, action: 'adjust', earlyArrivalMs: 300_000 });
    const times: number[] = [];
    const probe = new (class extends BaseOperator {
      override onEvents(b: EventBatch): void {
        for (let i = 0; i < b.length; i++) times.push(b.times[i] as number);
      }
    })('probe');
    src.connect(probe);
    const at = (s: string): number => Date.parse(`2019-03-12T${s}Z`);
    const rows = ['00:10:00', '00:10:30', '00:10:42', '00:10:38', '00:20:00'].map((t) => ({ t: `2019-03-12T${t}Z` }));
    src.accept(inputBatch(rows, [at('00:10:40'), at('00:10:41'), at('00:10:42'), at('00:10:43'), at('00:10:44')]));
    assert.deepEqual(times, [at('00:10:25'), at('00:10:30'), at('00:10:42'), at('00:10:38')]);
    assert.deepEqual(errors, ['InputEventEarlyBeyondThreshold']);
  });
});
