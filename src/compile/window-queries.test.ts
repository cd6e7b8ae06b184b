// Windowed GROUP BY end to end (plan → compile → run), one test per window type and aggregate, each
// after its ASA page. Inputs carry TIMESTAMP BY times; with no time policy the windows close at the end
// of the input (local runs without arrival times do the same).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planScript } from '../plan/index.ts';
import { MemorySink, inputBatch } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import type { AsaRecord } from '../types/index.ts';
import { compilePlan } from './index.ts';
import { json, runQuery } from './run-query.test.ts';

const T = (s: string): string => `2024-01-01T00:${s}Z`;
const at = (times: string[], extra: (i: number) => AsaRecord = () => ({})): AsaRecord[] => times.map((t, i) => ({ t: T(t), ...extra(i) }));

async function rows(query: string, input: AsaRecord[]): Promise<unknown> {
  return json((await runQuery(query, { inputs: { input } })).output);
}

describe('windows', () => {
  it('Tumbling window page: (start, end] — an event exactly at the end belongs to the window that ends there; empty windows emit nothing', async () => {
    const out = await rows('SELECT COUNT(*) AS c, System.Timestamp() AS e FROM input TIMESTAMP BY t GROUP BY TumblingWindow(second, 10)', at(['00:01', '00:10', '00:10.001', '00:45']));
    assert.deepEqual(out, [{ c: 2, e: T('00:10.0000000') }, { c: 1, e: T('00:20.0000000') }, { c: 1, e: T('00:50.0000000') }]);
  });

  it('Tumbling window page: an offset shifts the alignment (TumblingWindow(second, 10, 2) ends at :02, :12, …)', async () => {
    const out = await rows('SELECT COUNT(*) AS c, System.Timestamp() AS e FROM input TIMESTAMP BY t GROUP BY TumblingWindow(second, 10, 2)', at(['00:01', '00:02', '00:03']));
    assert.deepEqual(out, [{ c: 2, e: T('00:02.0000000') }, { c: 1, e: T('00:12.0000000') }]);
  });

  it('Hopping window page: each event counts in size/hop windows; long and short forms agree', async () => {
    const input = at(['00:01', '00:06', '00:11']);
    const short = await rows('SELECT COUNT(*) AS c, System.Timestamp() AS e FROM input TIMESTAMP BY t GROUP BY HoppingWindow(second, 10, 5)', input);
    const long = await rows('SELECT COUNT(*) AS c, System.Timestamp() AS e FROM input TIMESTAMP BY t GROUP BY HoppingWindow(Duration(second, 10), Hop(second, 5))', input);
    assert.deepEqual(short, [{ c: 1, e: T('00:05.0000000') }, { c: 2, e: T('00:10.0000000') }, { c: 2, e: T('00:15.0000000') }, { c: 1, e: T('00:20.0000000') }]);
    assert.deepEqual(long, short);
  });

  it('Sliding window page: a result when an event enters and when one leaves; (end − size, end]', async () => {
    const out = await rows('SELECT COUNT(*) AS c, System.Timestamp() AS e FROM input TIMESTAMP BY t GROUP BY SlidingWindow(second, 10)', at(['00:01', '00:05']));
    // enters at :01 and :05; :01 leaves at :11 (window (:01, :11] holds :05 only); :05 leaves at :15 (empty).
    assert.deepEqual(out, [{ c: 1, e: T('00:01.0000000') }, { c: 2, e: T('00:05.0000000') }, { c: 1, e: T('00:11.0000000') }]);
  });

  it('Session window page: a gap beyond the timeout closes the session at last event + timeout; PARTITION BY keeps keys apart', async () => {
    const input = at(['00:00', '00:20', '00:55', '02:00', '00:30'], (i) => ({ u: i === 4 ? 2 : 1 }));
    const out = await rows('SELECT u, COUNT(*) AS c, MIN(t) AS s, System.Timestamp() AS e FROM input TIMESTAMP BY t GROUP BY u, SessionWindow(minute, 1, 60) OVER (PARTITION BY u)', input);
    assert.deepEqual(out, [
      { u: 2, c: 1, s: T('00:30'), e: T('01:30.0000000') },
      { u: 1, c: 3, s: T('00:00'), e: T('01:55.0000000') },
      { u: 1, c: 1, s: T('02:00'), e: T('03:00.0000000') },
    ]);
  });

  it('Session window page: the maximum duration closes a session at a multiple of maxDuration', async () => {
    const input = at(['00:05', '00:12', '00:19', '00:26']);
    const out = await rows('SELECT COUNT(*) AS c, System.Timestamp() AS e FROM input TIMESTAMP BY t GROUP BY SessionWindow(second, 10, 20)', input);
    // checks at :20, :40 …: the session open since :05 has lasted 20 s at :40, not at :20.
    assert.deepEqual(out, [{ c: 4, e: T('00:36.0000000') }]);
    const long = await rows('SELECT COUNT(*) AS c, System.Timestamp() AS e FROM input TIMESTAMP BY t GROUP BY SessionWindow(second, 10, 10)', input);
    // maxDuration 10: :20 is the first check at which the session (since :05) has lasted 10 s; a new
    // session opens at :20 and :26 joins it (within the timeout of :19); its check is :30.
    assert.deepEqual(long, [{ c: 3, e: T('00:20.0000000') }, { c: 1, e: T('00:30.0000000') }]);
  });

  it('Snapshot window page: GROUP BY System.Timestamp() groups events with the same time', async () => {
    const out = await rows('SELECT COUNT(*) AS c, System.Timestamp() AS e FROM input TIMESTAMP BY t GROUP BY System.Timestamp()', at(['00:01', '00:01', '00:02']));
    assert.deepEqual(out, [{ c: 2, e: T('00:01.0000000') }, { c: 1, e: T('00:02.0000000') }]);
  });

  it('Windows page: several windows at once, System.Window().Id names each result', async () => {
    const out = await rows("SELECT System.Window().Id AS id, COUNT(*) AS c FROM input TIMESTAMP BY t GROUP BY Windows(Window('ten', TumblingWindow(second, 10)), Window('five', TumblingWindow(second, 5)))", at(['00:01', '00:06']));
    assert.deepEqual((out as { id: string; c: number }[]).map((r) => `${r.id}:${r.c}`).sort(), ['five:1', 'five:1', 'ten:2']);
  });

  it('GROUP BY page: keys split the window; HAVING filters groups, also by a SELECT alias', async () => {
    const input = at(['00:01', '00:02', '00:03'], (i) => ({ k: i === 0 ? 'a' : 'b' }));
    const out = await rows('SELECT k, COUNT(*) AS [Count] FROM input TIMESTAMP BY t GROUP BY k, TumblingWindow(second, 10) HAVING [Count] >= 2', input);
    assert.deepEqual(out, [{ k: 'b', Count: 2 }]);
  });
});

describe('aggregates', () => {
  const q = (select: string): string => `SELECT ${select} FROM input TIMESTAMP BY t GROUP BY TumblingWindow(minute, 1)`;
  const input = at(['00:01', '00:02', '00:03', '00:04'], (i) => ({ x: [2, 4, null, 6][i] ?? null, s: ['b', 'a', 'b', null][i] ?? null }));

  it('COUNT page: COUNT(*) counts rows, COUNT(x) non-NULL values, COUNT(DISTINCT x) distinct non-NULL values', async () => {
    assert.deepEqual(await rows(q('COUNT(*) AS a, COUNT(x) AS b, COUNT(DISTINCT s) AS c, COUNT(input) AS d'), input), [{ a: 4, b: 3, c: 2, d: 4 }]);
  });

  it('SUM, AVG, MIN, MAX pages: NULLs are ignored; MIN/MAX also order strings', async () => {
    assert.deepEqual(await rows(q('SUM(x) AS s, AVG(x) AS a, MIN(x) AS mn, MAX(x) AS mx, MIN(s) AS ms, MAX(s) AS xs'), input), [{ s: 12, a: 4, mn: 2, mx: 6, ms: 'a', xs: 'b' }]);
  });

  it('SUM page: all NULL gives NULL; STDEV/STDEVP/VAR/VARP pages: sample and population statistics', async () => {
    const out = (await rows(q('SUM(y) AS s, STDEV(x) AS sd, STDEVP(x) AS sdp, VAR(x) AS v, VARP(x) AS vp'), input)) as Record<string, number | null>[];
    assert.equal(out[0]?.s, null);
    assert.equal(out[0]?.v, 4);
    assert.equal(out[0]?.sd, 2);
    assert.ok(Math.abs((out[0]?.vp as number) - 8 / 3) < 1e-12);
    assert.ok(Math.abs((out[0]?.sdp as number) - Math.sqrt(8 / 3)) < 1e-12);
  });

  it('TopOne page: the first-ranked event as a record; CollectTop page: the top n with their ranks', async () => {
    const out = (await rows(q('TopOne() OVER (ORDER BY x DESC) AS top, CollectTop(2) OVER (ORDER BY x ASC) AS two'), input)) as { top: { x: number }; two: { rank: number; value: { x: number } }[] }[];
    assert.equal(out[0]?.top.x, 6);
    assert.deepEqual(out[0]?.two.map((r) => [r.rank, r.value.x]), [[1, null], [2, 2]]);
  });

  it('Collect page: an array of the values (or of the events)', async () => {
    const out = (await rows(q('Collect(x) AS xs, Collect() AS evs'), input)) as { xs: unknown[]; evs: unknown[] }[];
    assert.deepEqual(out[0]?.xs, [2, 4, null, 6]);
    assert.equal(out[0]?.evs.length, 4);
  });

  it('PERCENTILE_CONT / PERCENTILE_DISC pages: interpolated and discrete percentiles', async () => {
    const out = await rows(q('PERCENTILE_CONT(0.5) OVER (ORDER BY x) AS pc, PERCENTILE_DISC(0.5) OVER (ORDER BY x) AS pd'), input);
    assert.deepEqual(out, [{ pc: 4, pd: 4 }]);
  });

  it('static result types: COUNT bigint, AVG float, SUM of bigint bigint (for output formatting)', () => {
    const query = 'SELECT COUNT(*) AS c, AVG(CAST(x AS bigint)) AS a, SUM(CAST(x AS bigint)) AS s, STDEV(x) AS d INTO out FROM input GROUP BY TumblingWindow(second, 1)';
    const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: [] }, { compatLevel: '1.2', sourceText: query });
    const graph = compilePlan(plan, { sinks: { out: new MemorySink() } });
    assert.deepEqual(graph.outputColumns('out').map((c) => c.type), ['bigint', 'float', 'bigint', 'float']);
  });
});

describe('time policies (event-ordering page, time-handling page)', () => {
  it('results come out when the watermark passes the window end, not only at the end of the input', async () => {
    const query = 'SELECT COUNT(*) AS c INTO out FROM input TIMESTAMP BY t GROUP BY TumblingWindow(second, 10)';
    const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: [] }, { compatLevel: '1.2', sourceText: query });
    const sink = new MemorySink();
    const graph = compilePlan(plan, { sinks: { out: sink }, timePolicy: { lateArrivalMs: 5000, outOfOrderMs: 0, action: 'adjust', earlyArrivalMs: 300_000 } });
    const ms = (s: string): number => Date.parse(T(s));
    graph.push('input', inputBatch(at(['00:01', '00:05']), [ms('00:01'), ms('00:05')]));
    await graph.settled();
    assert.equal(sink.rows.length, 0);
    graph.push('input', inputBatch(at(['00:11']), [ms('00:11')]));
    await graph.settled();
    assert.deepEqual(json(sink.rows), [{ c: 2 }]);
    await graph.end();
    assert.equal(sink.rows.length, 2);
  });

  it('Drop drops out-of-order events beyond the tolerance and counts them; Adjust moves System.Timestamp() but keeps the payload', async () => {
    const query = 'SELECT n, t, System.Timestamp() AS ts INTO out FROM input TIMESTAMP BY t';
    const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: [] }, { compatLevel: '1.2', sourceText: query });
    const ms = (s: string): number => Date.parse(T(s));
    const input = at(['00:10', '00:02', '00:09'], (i) => ({ n: i }));
    for (const action of ['drop', 'adjust'] as const) {
      const sink = new MemorySink();
      const graph = compilePlan(plan, { sinks: { out: sink }, timePolicy: { lateArrivalMs: 60_000, outOfOrderMs: 3000, action, earlyArrivalMs: 300_000 } });
      graph.push('input', inputBatch(input, [ms('00:10'), ms('00:10'), ms('00:10')]));
      await graph.end();
      const counters = graph.timeCounters();
      assert.equal(counters.outOfOrder, 2);
      if (action === 'drop') {
        assert.deepEqual((json(sink.rows) as { n: number }[]).map((r) => r.n), [0, 2]);
        assert.equal(counters.dropped, 1);
      } else {
        assert.deepEqual(json(sink.rows), [
          { n: 0, t: T('00:10'), ts: T('00:10.0000000') },
          { n: 1, t: T('00:02'), ts: T('00:07.0000000') },
          { n: 2, t: T('00:09'), ts: T('00:09.0000000') },
        ]);
        assert.equal(counters.adjusted, 1);
      }
    }
  });
});
