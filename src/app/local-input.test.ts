import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { replayInArrivalOrder } from './arrival-order.ts';
import { readLocalInput, type LocalInputEvents } from './local-input-events.ts';

describe('readLocalInput', () => {
  it('takes arrival time from EventEnqueuedUtcTime, else the run start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-local-input-'));
    try {
      const file = join(dir, 'in.json');
      await writeFile(file, '{"a":1,"EventEnqueuedUtcTime":"2023-01-01T00:00:10.0000000Z"}\n{"a":2}\n');
      const events = await readLocalInput({ alias: 'in', kind: 'stream', format: 'Json', filePath: file }, 42);
      assert.deepEqual([...events.arrivalMs], [Date.UTC(2023, 0, 1, 0, 0, 10), 42]);
      assert.equal(events.rows.length, 2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the input and file when the file is missing or a time is not a datetime', async () => {
    await assert.rejects(readLocalInput({ alias: 'in', kind: 'stream', format: 'Json', filePath: '/nonexistent/x.json' }, 0), /input 'in': cannot read \/nonexistent\/x\.json: ENOENT/);
    const dir = await mkdtemp(join(tmpdir(), 'sluice-local-input-'));
    try {
      const file = join(dir, 'in.json');
      await writeFile(file, '{"EventEnqueuedUtcTime":"yesterday"}\n');
      await assert.rejects(readLocalInput({ alias: 'in', kind: 'stream', format: 'Json', filePath: file }, 0), /event 1: EventEnqueuedUtcTime is not a datetime/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('replayInArrivalOrder', () => {
  const input = (alias: string, times: number[]): LocalInputEvents => ({ alias, rows: times.map((t) => ({ t, alias })), arrivalMs: Float64Array.from(times) });
  it('merges inputs by arrival time, stable, ties to the input declared first, in batches', () => {
    const batches = [...replayInArrivalOrder([input('a', [3, 1, 5]), input('b', [1, 4, 4])], 2)];
    assert.deepEqual(batches.map((b) => [b.alias, [...b.arrivalMs]]), [['a', [1]], ['b', [1]], ['a', [3]], ['b', [4, 4]], ['a', [5]]]);
  });
  it('cuts long runs of one input at the batch size', () => {
    assert.deepEqual([...replayInArrivalOrder([input('a', [1, 2, 3, 4, 5])], 2)].map((b) => b.rows.length), [2, 2, 1]);
  });
});
