// The contract every OutputSink passes (docs/architecture.md, point 8), as a node:test suite that each
// sink's tests call with a factory. The factory makes a fresh sink and a way to read back what is durable
// in the sink's target (files on disk, a table), so the suite checks effects, not method calls.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutputColumn, OutputSink } from '../../spi/index.ts';
import type { AsaRecord } from '../../types/index.ts';

export interface SinkUnderTest {
  sink: OutputSink;
  /**
   * Every row durable in the target so far, rows of one write in write order. Values must come back as
   * ASA values: bigint `id` as a number, `name` as a string, `temp` as a number.
   */
  readBack(): Promise<AsaRecord[]>;
  /** Removes whatever the factory created (files, tables); called after each case. */
  dispose?(): Promise<void>;
}

export type SinkFactory = () => Promise<SinkUnderTest>;

/** The columns of the rows the suite writes; every sink can store them. */
export const CONTRACT_COLUMNS: readonly OutputColumn[] = [
  { name: 'id', type: 'bigint' },
  { name: 'name', type: 'nvarchar(max)' },
  { name: 'temp', type: 'float' },
];

export function contractRows(ids: readonly number[]): AsaRecord[] {
  return ids.map((id) => ({ id, name: `device-${id}`, temp: id + 0.5 }));
}

async function withSink(factory: SinkFactory, body: (s: SinkUnderTest) => Promise<void>): Promise<void> {
  const s = await factory();
  try {
    await body(s);
  } finally {
    await s.sink.close().catch(() => {});
    await s.dispose?.();
  }
}

function ids(rows: readonly AsaRecord[]): unknown[] {
  return rows.map((r) => r['id']);
}

export function runSinkContract(name: string, factory: SinkFactory): void {
  describe(`sink contract: ${name}`, () => {
    it('makes written rows durable and readable once flush() resolves', async () => {
      await withSink(factory, async ({ sink, readBack }) => {
        sink.describe?.(CONTRACT_COLUMNS);
        await sink.write(contractRows([1, 2, 3]));
        await sink.flush();
        assert.deepEqual(await readBack(), contractRows([1, 2, 3]));
      });
    });

    it('writes without describe() as well', async () => {
      await withSink(factory, async ({ sink, readBack }) => {
        await sink.write(contractRows([7]));
        await sink.flush();
        assert.deepEqual(ids(await readBack()), [7]);
      });
    });

    it('keeps the order of rows within one write', async () => {
      await withSink(factory, async ({ sink, readBack }) => {
        const order = [5, 3, 9, 1, 8, 2, 7, 4, 6, 10, 42, 17, 11, 30, 25];
        sink.describe?.(CONTRACT_COLUMNS);
        await sink.write(contractRows(order));
        await sink.flush();
        assert.deepEqual(ids(await readBack()), order);
      });
    });

    it('accepts empty writes and flushes with nothing pending', async () => {
      await withSink(factory, async ({ sink, readBack }) => {
        sink.describe?.(CONTRACT_COLUMNS);
        await sink.write([]);
        await sink.flush();
        assert.deepEqual(await readBack(), []);
        await sink.write(contractRows([1]));
        await sink.write([]);
        await sink.flush();
        assert.deepEqual(ids(await readBack()), [1]);
      });
    });

    it('writes what is pending on close(), and close() is idempotent', async () => {
      await withSink(factory, async ({ sink, readBack }) => {
        sink.describe?.(CONTRACT_COLUMNS);
        await sink.write(contractRows([1, 2]));
        await sink.close();
        await sink.close();
        await Promise.all([sink.close(), sink.close()]);
        assert.deepEqual(ids(await readBack()), [1, 2]);
      });
    });

    it('rejects a write after close()', async () => {
      await withSink(factory, async ({ sink, readBack }) => {
        await sink.close();
        await assert.rejects(async () => sink.write(contractRows([1])));
        assert.deepEqual(await readBack(), []);
      });
    });
  });
}
