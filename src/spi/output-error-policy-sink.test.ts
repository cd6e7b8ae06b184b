// ASA's output error policy wrapper on scripted sinks: Drop drops exactly the rejected rows (indexes
// reported against the caller's rows), Retry/Stop holds the write back until it succeeds, transient errors
// are retried under both, and close() ends a retry that would otherwise never finish.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SluiceError } from '../common/index.ts';
import { MemorySink, type OutputSink } from './output-sink.ts';
import type { AsaRecord } from '../types/index.ts';
import { OutputErrorPolicySink } from './output-error-policy-sink.ts';
import { rowRejected, rowRejectionOf, type RowRejection } from './row-rejection.ts';

/** Rejects any row whose `bad` field is true, naming its index in the rows it was given. */
class PickySink extends MemorySink {
  calls = 0;
  override write(rows: readonly AsaRecord[]): Promise<void> {
    this.calls++;
    const i = rows.findIndex((r) => r['bad'] === true);
    if (i >= 0) return Promise.reject(rowRejected({ rowIndex: i, column: 'bad', reason: 'bad is true' }, 'picky'));
    return super.write(rows);
  }
}

/** Fails with a transient error while `down` is true. */
class FlakySink extends MemorySink {
  down = true;
  attempts = 0;
  override write(rows: readonly AsaRecord[]): Promise<void> {
    this.attempts++;
    if (this.down) return Promise.reject(new SluiceError('SLUICE_TEST_DOWN', 'connection refused', { domain: 'external' }));
    return super.write(rows);
  }
}

describe('OutputErrorPolicySink', () => {
  it('Drop: drops only rejected rows, reporting their index in the original write, and counts them', async () => {
    const inner = new PickySink();
    const dropped: Array<[AsaRecord, RowRejection]> = [];
    const sink = new OutputErrorPolicySink(inner, { policy: 'Drop', onDropped: (row, r) => dropped.push([row, r]) });
    await sink.write([{ n: 0 }, { n: 1, bad: true }, { n: 2 }, { n: 3, bad: true }, { n: 4, bad: true }, { n: 5 }]);
    assert.deepEqual(inner.rows.map((r) => r['n']), [0, 2, 5]);
    assert.deepEqual(dropped.map(([row, r]) => [row['n'], r.rowIndex, r.column, r.reason]), [[1, 1, 'bad', 'bad is true'], [3, 3, 'bad', 'bad is true'], [4, 4, 'bad', 'bad is true']]);
    assert.equal(sink.droppedRows, 3);
    await sink.write([{ n: 6, bad: true }]);
    assert.equal(sink.droppedRows, 4, 'a write of only bad rows writes nothing and resolves');
  });

  for (const policy of ['Stop', 'Drop'] as const) {
    it(`${policy}: retries transient errors with backoff until the output is back; the write resolves only then`, async () => {
      const inner = new FlakySink();
      const delays: number[] = [];
      const sink = new OutputErrorPolicySink(inner, { policy, initialDelayMs: 5, maxDelayMs: 40, onRetry: (_e, _a, ms) => delays.push(ms) });
      let done = false;
      const writing = sink.write([{ n: 1 }]).then(() => { done = true; });
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(done, false);
      assert.deepEqual(inner.rows, []);
      inner.down = false;
      await writing;
      assert.deepEqual(inner.rows, [{ n: 1 }]);
      assert.deepEqual(delays.slice(0, 5), [5, 10, 20, 40, 40], 'doubling, capped');
      assert.equal(sink.droppedRows, 0);
    });
  }

  it('Stop (portal: Retry): a row rejection is retried, not dropped, until close() gives up', async () => {
    const inner = new PickySink();
    const sink = new OutputErrorPolicySink(inner, { policy: 'Stop', initialDelayMs: 5, maxDelayMs: 10 });
    const writing = sink.write([{ n: 0 }, { n: 1, bad: true }]);
    await new Promise((r) => setTimeout(r, 60));
    assert.ok(inner.calls >= 3, `retried ${inner.calls} times`);
    await sink.close();
    await assert.rejects(writing, (err: SluiceError) => {
      assert.equal(err.code, 'SLUICE_OUTPUT_CLOSED');
      assert.ok(rowRejectionOf(err.cause), 'the cause is the rejection');
      return true;
    });
    assert.deepEqual(inner.rows, [], 'nothing was dropped');
    assert.equal(sink.droppedRows, 0);
    assert.equal(inner.closed, true);
    await assert.rejects(async () => sink.write([{ n: 2 }]));
  });

  it('passes describe() through and retries flush()', async () => {
    let failures = 2;
    const inner = new MemorySink();
    const flaky: OutputSink = {
      describe: (c) => inner.describe(c),
      write: (rows) => inner.write(rows),
      flush: () => (failures-- > 0 ? Promise.reject(new Error('ECONNRESET')) : inner.flush()),
      close: () => inner.close(),
    };
    const sink = new OutputErrorPolicySink(flaky, { policy: 'Stop', initialDelayMs: 1 });
    sink.describe([{ name: 'a', type: 'bigint' }]);
    assert.deepEqual(inner.columns, [{ name: 'a', type: 'bigint' }]);
    await sink.flush();
    assert.equal(inner.flushed, 1);
    assert.equal(sink.retries, 2);
    await sink.close();
  });
});
