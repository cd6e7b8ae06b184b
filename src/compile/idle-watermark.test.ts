// A live input that goes quiet still closes its windows: its watermark moves with arrival time, minus the
// late-arrival tolerance, as ASA's does (learn.microsoft.com/azure/stream-analytics/stream-analytics-time-handling).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planScript } from '../plan/index.ts';
import { inputBatch, MemorySink } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import { compilePlan } from './index.ts';

const QUERY = 'SELECT COUNT(*) AS n, System.Timestamp() AS t INTO output FROM input TIMESTAMP BY at GROUP BY TumblingWindow(second, 10)';
const T0 = Date.UTC(2024, 0, 1, 0, 0, 0);

function job(lateArrivalMs: number) {
  const sink = new MemorySink();
  const plan = planScript(parseScript(QUERY), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['output'], functions: [] }, { compatLevel: '1.2', sourceText: QUERY });
  const graph = compilePlan(plan, { sinks: { output: sink }, timePolicy: { lateArrivalMs, outOfOrderMs: 0, action: 'adjust', earlyArrivalMs: 300_000 } });
  graph.push('input', inputBatch([{ at: new Date(T0 + 1000).toISOString() }, { at: new Date(T0 + 2000).toISOString() }], [T0 + 1000, T0 + 2000]));
  return { sink, graph };
}

describe('idle inputs', () => {
  it('close a window once wall-clock time passes its end plus the late-arrival tolerance', async () => {
    const { sink, graph } = job(5000);
    graph.inputIdle('input', T0 + 14_000);
    await graph.settled();
    assert.equal(sink.rows.length, 0, 'the window (ending at 10 s) must wait for the 5 s tolerance');
    graph.inputIdle('input', T0 + 15_500);
    await graph.settled();
    assert.equal(sink.rows.length, 1);
    assert.equal(sink.rows[0]!['n'], 2);
  });

  it('never close a window when late events may come at any time (tolerance -1, "wait indefinitely")', async () => {
    const { sink, graph } = job(Infinity);
    graph.inputIdle('input', T0 + 3_600_000);
    await graph.settled();
    assert.equal(sink.rows.length, 0);
  });
});
