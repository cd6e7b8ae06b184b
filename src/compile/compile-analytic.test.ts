// LAG, LAST, ISFIRST and rolling aggregates end to end (plan → compile → run), each after its ASA page,
// plus the plan errors those pages imply and a checkpoint/restore round trip.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain, planScript, type Catalog } from '../plan/index.ts';
import { decodeCheckpoint, encodeCheckpoint, type GraphSnapshot } from '../runtime/index.ts';
import { MemorySink, inputBatch } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import type { AsaRecord } from '../types/index.ts';
import { compilePlan } from './index.ts';
import { json, runQuery } from './run-query.test.ts';

const T = (s: string): string => `2024-01-01T00:${s}Z`;

async function rows(query: string, input: AsaRecord[]): Promise<unknown> {
  return json((await runQuery(query, { inputs: { input } })).output);
}

function planError(query: string): { code: string; message: string } {
  try {
    planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: [], functions: [] }, { compatLevel: '1.2', sourceText: query });
  } catch (err) {
    const e = err as { code: string; message: string };
    return { code: e.code, message: e.message };
  }
  assert.fail(`expected a plan error for ${query}`);
}

describe('LAG (LAG page)', () => {
  it('per partition, offset 2 and a default: the 2nd previous event of the same key, else the default', async () => {
    const input = ['00:01', '00:02', '00:03', '00:04', '00:05'].map((t, i) => ({ t: T(t), k: i % 2 === 0 ? 'a' : 'b', v: i }));
    const out = await rows("SELECT k, v, LAG(v, 2, -1) OVER (PARTITION BY k LIMIT DURATION(minute, 1)) AS p FROM input TIMESTAMP BY t", input);
    assert.deepEqual(out, [
      { k: 'a', v: 0, p: -1 }, { k: 'b', v: 1, p: -1 }, { k: 'a', v: 2, p: -1 }, { k: 'b', v: 3, p: -1 }, { k: 'a', v: 4, p: 0 },
    ]);
  });

  it('a NULL value at the offset is NULL, not the default; an event older than LIMIT DURATION gives the default', async () => {
    const input = [{ t: T('00:01'), v: 1 }, { t: T('00:02'), v: null }, { t: T('00:03'), v: 3 }, { t: T('00:20'), v: 4 }];
    const out = await rows("SELECT v, LAG(v, 1, 'none') OVER (LIMIT DURATION(second, 10)) AS p FROM input TIMESTAMP BY t", input);
    assert.deepEqual(out, [{ v: 1, p: 'none' }, { v: null, p: 1 }, { v: 3, p: null }, { v: 4, p: 'none' }]);
  });

  it('WHEN picks which events enter the history; the current event need not satisfy it; WHERE does not change it', async () => {
    const input = [5, 50, 7, 60, 8].map((v, i) => ({ t: T(`00:0${i + 1}`), v }));
    const out = await rows('SELECT v, LAG(v) OVER (LIMIT DURATION(hour, 1) WHEN v > 10) AS big FROM input TIMESTAMP BY t WHERE v < 10', input);
    assert.deepEqual(out, [{ v: 5, big: null }, { v: 7, big: 50 }, { v: 8, big: 60 }]);
  });

  it('LAG(*) returns the whole previous event as a record', async () => {
    const input = [{ t: T('00:01'), v: 1 }, { t: T('00:02'), v: 2 }];
    const out = await rows('SELECT v, LAG(*) OVER (LIMIT DURATION(minute, 1)) AS prev FROM input TIMESTAMP BY t', input);
    assert.deepEqual(out, [{ v: 1, prev: null }, { v: 2, prev: { t: T('00:01'), v: 1 } }]);
  });

  it('is evaluated once per FROM event, before CROSS APPLY: every element row of an event sees the previous event', async () => {
    const input = [{ t: T('00:01'), v: 1, a: [10, 11] }, { t: T('00:02'), v: 2, a: [] }, { t: T('00:03'), v: 3, a: [30] }];
    const out = await rows('SELECT e.ArrayValue AS x, LAG(v) OVER (LIMIT DURATION(minute, 1)) AS p FROM input TIMESTAMP BY t CROSS APPLY GetArrayElements(a) AS e', input);
    assert.deepEqual(out, [{ x: 10, p: null }, { x: 11, p: null }, { x: 30, p: 2 }]);
  });

  it('is evaluated before GROUP BY: SUM(x - LAG(x)) over a tumbling window sees every event', async () => {
    const input = [1, 4, 9, 16].map((v, i) => ({ t: T(`00:0${i + 1}`), v }));
    const out = await rows('SELECT SUM(v - LAG(v) OVER (LIMIT DURATION(minute, 1))) AS growth FROM input TIMESTAMP BY t WHERE v > 1 GROUP BY TumblingWindow(minute, 1)', input);
    assert.deepEqual(out, [{ growth: 15 }]);
  });
});

describe('LAST (LAST page)', () => {
  it('the latest event satisfying WHEN, the current one included; the default when none is within LIMIT DURATION', async () => {
    const input = [{ t: T('00:01'), ok: 1, v: 'a' }, { t: T('00:02'), ok: 0, v: 'b' }, { t: T('00:03'), ok: 1, v: 'c' }, { t: T('00:30'), ok: 0, v: 'd' }];
    const out = await rows("SELECT v, LAST(v, 'gone') OVER (LIMIT DURATION(second, 20) WHEN ok = 1) AS good FROM input TIMESTAMP BY t", input);
    assert.deepEqual(out, [{ v: 'a', good: 'a' }, { v: 'b', good: 'a' }, { v: 'c', good: 'c' }, { v: 'd', good: 'gone' }]);
  });
});

describe('ISFIRST (ISFIRST page)', () => {
  it('intervals are aligned like tumbling windows, which include their end: an event exactly at 00:10 closes the first interval', async () => {
    const input = ['00:00:01', '00:10:00', '00:10:01', '00:19:59'].map((t) => ({ t: `2024-01-01T${t}Z` }));
    const out = await rows('SELECT t, ISFIRST(minute, 10) AS f FROM input TIMESTAMP BY t', input);
    assert.deepEqual((out as { f: number }[]).map((r) => r.f), [1, 0, 1, 0]);
  });

  it('an event failing WHEN gets 0 and does not take the first place', async () => {
    const input = [{ t: T('00:01'), v: 1 }, { t: T('00:02'), v: 20 }, { t: T('00:03'), v: 30 }];
    const out = await rows('SELECT v, ISFIRST(mi, 10) OVER (WHEN v > 10) AS f FROM input TIMESTAMP BY t', input);
    assert.deepEqual(out, [{ v: 1, f: 0 }, { v: 20, f: 1 }, { v: 30, f: 0 }]);
  });
});

describe('aggregates OVER (OVER page)', () => {
  it('SUM, AVG, MIN, MAX over the partition\'s last LIMIT DURATION, current event included, NULLs skipped', async () => {
    const input = [
      { t: T('00:01'), k: 'a', v: 10 }, { t: T('00:02'), k: 'b', v: 1 }, { t: T('00:03'), k: 'a', v: null },
      { t: T('00:05'), k: 'a', v: 4 }, { t: T('00:12'), k: 'a', v: 6 },
    ];
    const q = 'SELECT k, SUM(v) OVER (PARTITION BY k LIMIT DURATION(second, 10)) AS s, AVG(v) OVER (PARTITION BY k LIMIT DURATION(second, 10)) AS a, '
      + 'MIN(v) OVER (PARTITION BY k LIMIT DURATION(second, 10)) AS lo, MAX(v) OVER (PARTITION BY k LIMIT DURATION(second, 10)) AS hi FROM input TIMESTAMP BY t';
    assert.deepEqual(await rows(q, input), [
      { k: 'a', s: 10, a: 10, lo: 10, hi: 10 },
      { k: 'b', s: 1, a: 1, lo: 1, hi: 1 },
      { k: 'a', s: 10, a: 10, lo: 10, hi: 10 },
      { k: 'a', s: 14, a: 7, lo: 4, hi: 10 },
      // 00:01 is out of (00:02, 00:12].
      { k: 'a', s: 10, a: 5, lo: 4, hi: 6 },
    ]);
  });

  it('WHEN filters what is aggregated; nothing matching gives NULL', async () => {
    const input = [{ t: T('00:01'), v: 3 }, { t: T('00:02'), v: -5 }, { t: T('00:03'), v: 4 }];
    const out = await rows('SELECT v, SUM(v) OVER (LIMIT DURATION(minute, 1) WHEN v > 3) AS s FROM input TIMESTAMP BY t', input);
    assert.deepEqual(out, [{ v: 3, s: null }, { v: -5, s: null }, { v: 4, s: 4 }]);
  });
});

describe('analytic plan errors', () => {
  const cases: [string, string, string][] = [
    ['SELECT LAG(v, 0) OVER (LIMIT DURATION(hour, 1)) FROM input', 'SLUICE_PLAN_LAG_OFFSET', 'offset of LAG'],
    ['SELECT LAG(v) FROM input', 'SLUICE_PLAN_LIMIT_DURATION', 'LAG needs OVER'],
    ['SELECT LAG(v) OVER (PARTITION BY k) FROM input', 'SLUICE_PLAN_LIMIT_DURATION', 'LIMIT DURATION'],
    ['SELECT LAST(v) OVER (PARTITION BY k) FROM input', 'SLUICE_PLAN_LIMIT_DURATION', 'LIMIT DURATION'],
    ['SELECT ISFIRST(minute, 10) OVER (LIMIT DURATION(hour, 1)) FROM input', 'SLUICE_PLAN_LIMIT_DURATION', 'ISFIRST takes no LIMIT DURATION'],
    ['SELECT ISFIRST(fortnight, 1) FROM input', 'SLUICE_PLAN_TIME_UNIT', 'time unit'],
    ['SELECT COUNT(*) OVER (LIMIT DURATION(hour, 1)) FROM input', 'SLUICE_PLAN_OVER_FUNCTION', 'COUNT'],
    ['SELECT ABS(v) OVER (ORDER BY v) FROM input', 'SLUICE_PLAN_OVER_FUNCTION', 'ABS'],
    ['SELECT SUM(DISTINCT v) OVER (LIMIT DURATION(hour, 1)) FROM input', 'SLUICE_PLAN_OVER_FUNCTION', 'DISTINCT'],
    ['SELECT LAG(LAG(v) OVER (LIMIT DURATION(hour, 1))) OVER (LIMIT DURATION(hour, 1)) FROM input', 'SLUICE_PLAN_ANALYTIC_PLACEMENT', 'LAG cannot be used here'],
    ['SELECT LAG(v) OVER (LIMIT DURATION(hour, 1)) FROM input GROUP BY TumblingWindow(minute, 1)', 'SLUICE_PLAN_ANALYTIC_PLACEMENT', 'before GROUP BY'],
    ['SELECT LAG(v) OVER (ORDER BY v LIMIT DURATION(hour, 1)) FROM input', 'SLUICE_PLAN_OVER_FUNCTION', 'ORDER BY'],
    ['SELECT LAG(v) OVER (LIMIT DURATION(hour, 0)) FROM input', 'SLUICE_PLAN_LIMIT_DURATION', 'positive'],
  ];
  for (const [query, code, text] of cases) {
    it(`${query} → ${code}`, () => {
      const e = planError(query);
      assert.equal(e.code, code, e.message);
      assert.match(e.message, new RegExp(text.replace(/[()]/g, '\\$&')));
    });
  }

  it('a UDF inside an analytic call is an error (LAG page: no external functions)', () => {
    const q = 'SELECT LAG(udf.f(v)) OVER (LIMIT DURATION(hour, 1)) AS p FROM input';
    const catalog: Catalog = { inputs: [{ alias: 'input', kind: 'stream' }], outputs: [], functions: [{ name: 'f', kind: 'udf', source: 'function main(x) { return x; }' }] };
    assert.throws(() => planScript(parseScript(q), catalog, { compatLevel: '1.2', sourceText: q }), (e: { code: string; message: string }) => e.code === 'SLUICE_PLAN_ANALYTIC_PLACEMENT' && e.message.includes('udf.f'));
  });

  it('with a JOIN in FROM it is reported as not supported yet (it must run before the JOIN)', () => {
    const q = 'SELECT a.v, LAG(a.v) OVER (LIMIT DURATION(hour, 1)) AS p FROM input a JOIN other b ON a.k = b.k AND DATEDIFF(second, a, b) BETWEEN 0 AND 5';
    const catalog: Catalog = { inputs: [{ alias: 'input', kind: 'stream' }, { alias: 'other', kind: 'stream' }], outputs: [], functions: [] };
    assert.throws(() => planScript(parseScript(q), catalog, { compatLevel: '1.2', sourceText: q }), (e: { code: string; message: string }) => e.code === 'SLUICE_PLAN_UNSUPPORTED' && e.message.includes('JOIN'));
  });

  it('explain shows the analytic calls below WHERE, right above the scan', () => {
    const q = 'SELECT v FROM input WHERE LAG(v) OVER (LIMIT DURATION(hour, 1)) <> v';
    const plan = planScript(parseScript(q), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: [], functions: [] }, { compatLevel: '1.2', sourceText: q });
    assert.match(explain(plan), /Filter WHERE .*\n\s+Analytic \[LAG\(v\) OVER \(LIMIT DURATION\(hour, 1\)\)\]\n\s+Scan input/);
  });
});

describe('analytic state: checkpoint and restore', () => {
  const query = 'SELECT k, v, LAG(v, 2) OVER (PARTITION BY k LIMIT DURATION(minute, 5)) AS l, LAST(v) OVER (LIMIT DURATION(minute, 5) WHEN v > 50) AS big, '
    + 'ISFIRST(minute, 1) OVER (PARTITION BY k) AS f, SUM(v) OVER (PARTITION BY k LIMIT DURATION(second, 30)) AS s, '
    + 'MAX(v) OVER (LIMIT DURATION(second, 30)) AS m FROM input TIMESTAMP BY t';
  const catalog: Catalog = { inputs: [{ alias: 'input', kind: 'stream' }], outputs: [], functions: [] };
  const events: AsaRecord[] = Array.from({ length: 40 }, (_, i) => ({ t: new Date(Date.UTC(2024, 0, 1, 0, 0, i * 7)).toISOString(), k: `k${i % 3}`, v: (i * 37) % 101 }));
  const graph = (): { run: ReturnType<typeof compilePlan>; sink: MemorySink } => {
    const plan = planScript(parseScript(query), catalog, { compatLevel: '1.2', sourceText: query });
    const sink = new MemorySink();
    return { run: compilePlan(plan, { sinks: { output: sink }, now: () => 0 }), sink };
  };
  const push = (g: ReturnType<typeof compilePlan>, from: number, to: number): void => {
    g.push('input', inputBatch(events.slice(from, to), events.slice(from, to).map((_, i) => 1000 * (from + i))));
  };

  it('half the events, a checkpoint through the codec into a fresh graph, the rest: same rows as one run', async () => {
    const whole = graph();
    push(whole.run, 0, events.length);
    await whole.run.end();

    const first = graph();
    push(first.run, 0, 17);
    await first.run.settled();
    const snapshot = decodeCheckpoint(encodeCheckpoint(first.run.checkpoint())) as GraphSnapshot;
    const second = graph();
    second.run.restore(snapshot);
    push(second.run, 17, events.length);
    await second.run.end();
    assert.equal(whole.sink.rows.length, events.length);
    assert.deepEqual(json([...first.sink.rows, ...second.sink.rows]), json(whole.sink.rows));
  });
});

describe('analytic throughput (prints events/s; asserts only counts)', () => {
  it('the same filter + projection with and without LAG/rolling MAX per device', async () => {
    const run = async (query: string): Promise<number> => {
      const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: [] }, { compatLevel: '1.2', sourceText: query });
      let count = 0;
      const sink = { write: (rows: readonly AsaRecord[]) => { count += rows.length; return Promise.resolve(); }, flush: () => Promise.resolve(), close: () => Promise.resolve() };
      const g = compilePlan(plan, { sinks: { out: sink } });
      const size = 1024;
      const rows: AsaRecord[] = Array.from({ length: size }, (_, i) => ({ deviceId: `d${i % 100}`, temperature: i % 40 }));
      const rounds = 300;
      const start = performance.now();
      for (let r = 0; r < rounds; r++) {
        g.push('input', inputBatch(rows, Array.from({ length: size }, (_, i) => (r * size + i) * 10)));
        if (r % 50 === 49) await g.settled();
      }
      await g.end();
      assert.equal(count, rounds * size / 2);
      return Math.round((rounds * size) / ((performance.now() - start) / 1000));
    };
    const plain = await run('SELECT deviceId, temperature AS d FROM input WHERE temperature % 2 = 0');
    const analytic = await run('SELECT deviceId, temperature - LAG(temperature) OVER (PARTITION BY deviceId LIMIT DURATION(minute, 1)) AS d, '
      + 'MAX(temperature) OVER (PARTITION BY deviceId LIMIT DURATION(second, 30)) AS m FROM input WHERE temperature % 2 = 0');
    console.log(`filter+projection: ${plain.toLocaleString('en-US')} events/s; with LAG + rolling MAX per device (100 keys): ${analytic.toLocaleString('en-US')} events/s`);
  });
});
