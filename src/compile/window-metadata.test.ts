// GROUP BY keys that read input metadata (PartitionId, EventEnqueuedUtcTime, GetMetadataPropertyValue):
// the SELECT list reads the key's value, as in ASA's parallelization examples (`GROUP BY
// TumblingWindow(minute, 3), TollBoothId, PartitionId` selecting PartitionId,
// https://learn.microsoft.com/azure/stream-analytics/stream-analytics-parallelization), in every
// window type — not NULL because the event's batch is gone when the window closes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AsaRecord } from '../types/index.ts';
import { json, runQuery } from './run-query.test.ts';

const input: AsaRecord[] = [1, 2, 3, 4, 5, 6].map((s) => ({ t: `2024-01-01T00:00:0${s}Z`, x: s }));
const metadata = (i: number, p: string): AsaRecord[string] => (p === 'EventId' ? `e${i % 2}` : null);

describe('GROUP BY keys reading input metadata', () => {
  const windows = ['TumblingWindow(second, 10)', 'HoppingWindow(second, 4, 2)', 'HoppingWindow(second, 4, 2) HAVING MAX(x) > 0', 'SlidingWindow(second, 3)', 'SessionWindow(second, 5, 20)', 'System.Timestamp()'];
  for (const w of windows) {
    it(`${w}: PartitionId and GetMetadataPropertyValue keys come out with their values`, async () => {
      const [window, having] = w.split(' HAVING ');
      const query = `SELECT PartitionId AS p, GetMetadataPropertyValue(input, 'EventId') AS m, COUNT(*) AS c FROM input TIMESTAMP BY t GROUP BY PartitionId, GetMetadataPropertyValue(input, 'EventId'), ${window}${having === undefined ? '' : ` HAVING ${having}`}`;
      const out = json((await runQuery(query, { inputs: { input }, metadata })).output) as { p: unknown; m: unknown; c: number }[];
      assert.ok(out.length > 0);
      for (const r of out) {
        assert.equal(r.p, 0);
        assert.ok(r.m === 'e0' || r.m === 'e1', JSON.stringify(r));
      }
      // Both EventId groups appear.
      assert.deepEqual([...new Set(out.map((r) => r.m))].sort(), ['e0', 'e1']);
    });
  }

  it('EventEnqueuedUtcTime as a key is the first event\'s arrival time', async () => {
    const out = json((await runQuery('SELECT EventEnqueuedUtcTime AS e, COUNT(*) AS c FROM input TIMESTAMP BY t GROUP BY EventEnqueuedUtcTime, TumblingWindow(minute, 1)', { inputs: { input }, arrival: { input: [5000, 5000, 7000, 7000, 7000, 9000] } })).output);
    assert.deepEqual(out, [{ e: '1970-01-01T00:00:05.0000000Z', c: 2 }, { e: '1970-01-01T00:00:07.0000000Z', c: 3 }, { e: '1970-01-01T00:00:09.0000000Z', c: 1 }]);
  });
});
