import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planScript } from '../plan/index.ts';
import { parseScript } from '../sql/index.ts';
import { commitDelayMs } from './state-horizon.ts';

const policy = { lateArrivalMs: 5_000, outOfOrderMs: 0, action: 'adjust' as const, earlyArrivalMs: 300_000 };

function delay(query: string, p = policy): number {
  const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['output'], functions: [] }, { compatLevel: '1.2', sourceText: query });
  return commitDelayMs(plan, p);
}

describe('commitDelayMs', () => {
  it('is 0 for a stateless query: offsets are committed after every batch', () => {
    assert.equal(delay('SELECT a INTO output FROM input WHERE a > 1'), 0);
  });
  it('is the window span plus the late-arrival tolerance when event time is arrival time', () => {
    assert.equal(delay('SELECT COUNT(*) AS n INTO output FROM input GROUP BY TumblingWindow(second, 10)'), 15_000);
    assert.equal(delay('SELECT COUNT(*) AS n INTO output FROM input GROUP BY HoppingWindow(second, 60, 5)'), 65_000);
    assert.equal(delay('SELECT COUNT(*) AS n INTO output FROM input GROUP BY SessionWindow(second, 5, 30)'), 35_000);
  });
  it('adds how far TIMESTAMP BY may place an event after its arrival (the 5-minute early limit)', () => {
    assert.equal(delay('SELECT COUNT(*) AS n INTO output FROM input TIMESTAMP BY t GROUP BY TumblingWindow(second, 10)'), 315_000);
  });
  it('adds the spans of windows over windows', () => {
    assert.equal(delay(`WITH s AS (SELECT k, COUNT(*) AS n FROM input GROUP BY k, TumblingWindow(second, 10))
      SELECT SUM(n) AS total INTO output FROM s GROUP BY TumblingWindow(minute, 1)`), 75_000);
  });
  it('keeps the LIMIT DURATION of analytic functions: a replayed event needs that much history before it', () => {
    assert.equal(delay('SELECT a, LAG(a) OVER (LIMIT DURATION(second, 30)) AS p INTO output FROM input'), 35_000);
    assert.equal(delay('SELECT a INTO output FROM input WHERE ISFIRST(minute, 1) = 1'), 65_000);
  });
  it('is infinite when late events are awaited indefinitely: windows never close on arrival time', () => {
    assert.equal(delay('SELECT COUNT(*) AS n INTO output FROM input GROUP BY TumblingWindow(second, 10)', { ...policy, lateArrivalMs: Infinity }), Infinity);
  });
});
