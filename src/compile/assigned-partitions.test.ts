// A backlog is read a partition at a time: librdkafka hands over thousands of one partition's events before
// the next partition's. The watermark is the minimum over the input's partitions, so the partitions assigned
// but not heard from yet must count — as idle partitions, bounded only by the late-arrival tolerance
// (learn.microsoft.com/azure/stream-analytics/stream-analytics-time-handling) — or the first partition read
// moves the watermark past every other partition's events and makes them all late. (The benchmark found
// this: catching up 1 M events, 99 % were counted out of order and adjusted to their arrival time.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planScript } from '../plan/index.ts';
import { inputBatch, MemorySink } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import { compilePlan } from './index.ts';

const QUERY = 'SELECT COUNT(*) AS n, System.Timestamp() AS t INTO output FROM input TIMESTAMP BY at GROUP BY TumblingWindow(second, 10)';
const T0 = Date.UTC(2024, 0, 1, 0, 0, 0);
/** Everything arrives an hour after it happened: a backlog. */
const ARRIVAL = T0 + 3_600_000;

function job(lateArrivalMs: number) {
  const sink = new MemorySink();
  const plan = planScript(parseScript(QUERY), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['output'], functions: [] }, { compatLevel: '1.2', sourceText: QUERY });
  const graph = compilePlan(plan, { sinks: { output: sink }, timePolicy: { lateArrivalMs, outOfOrderMs: 0, action: 'adjust', earlyArrivalMs: 300_000 } });
  return { sink, graph };
}

/** Events at the given seconds after T0, on one partition. */
function events(partition: number, ...seconds: number[]) {
  return inputBatch(seconds.map((s) => ({ at: new Date(T0 + s * 1000).toISOString() })), seconds.map(() => ARRIVAL), partition);
}

const counts = (rows: readonly Record<string, unknown>[]) => rows.map((r) => [String(r['t']), r['n']]);

describe('assigned partitions hold the watermark until they deliver', () => {
  it('partition 0 read far ahead does not make partition 1 late: windows hold every event at its own time', async () => {
    const { sink, graph } = job(Infinity);
    graph.expectPartitions('input', [0, 1]);
    graph.push('input', events(0, 1, 5, 12, 25, 31));
    await graph.settled();
    assert.equal(sink.rows.length, 0, 'nothing closes while partition 1 is unheard of');
    graph.push('input', events(1, 2, 3, 14, 29, 33));
    graph.pushWatermark('input', Infinity);
    await graph.end();
    assert.deepEqual(counts(sink.rows), [
      ['2024-01-01T00:00:10.0000000Z', 4],
      ['2024-01-01T00:00:20.0000000Z', 2],
      ['2024-01-01T00:00:30.0000000Z', 2],
      ['2024-01-01T00:00:40.0000000Z', 2],
    ]);
    assert.equal(graph.timeCounters().adjusted, 0);
    assert.equal(graph.timeCounters().outOfOrder, 0);
  });

  it('without the expectation partition 1 is late and adjusted (what a job not told its partitions does)', async () => {
    const { graph } = job(Infinity);
    graph.push('input', events(0, 1, 5, 12, 25, 31));
    graph.push('input', events(1, 2, 3, 14, 29, 33));
    await graph.end();
    assert.ok(graph.timeCounters().adjusted > 0);
  });

  it('a partition that never delivers is released: then the others alone move the watermark', async () => {
    const { sink, graph } = job(Infinity);
    graph.expectPartitions('input', [0, 1]);
    graph.push('input', events(0, 1, 12));
    await graph.settled();
    assert.equal(sink.rows.length, 0);
    graph.releaseExpected('input');
    await graph.settled();
    assert.deepEqual(counts(sink.rows), [['2024-01-01T00:00:10.0000000Z', 1]]);
  });

  it('with a finite late-arrival tolerance an unheard-of partition is idle: arrival time minus the tolerance bounds it', async () => {
    const { sink, graph } = job(5000);
    graph.expectPartitions('input', [0, 1]);
    // Arrival an hour later: every event is late by more than 5 s and moves to arrival − 5 s either way.
    graph.push('input', events(0, 1, 12));
    await graph.settled();
    graph.inputIdle('input', ARRIVAL + 20_000);
    await graph.settled();
    assert.equal(sink.rows.length, 1);
  });
});
