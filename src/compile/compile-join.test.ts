// JOINs end to end (plan → compile → run): System.Timestamp() of inner and LEFT OUTER results
// (System.Timestamp page), self-joins and three-way joins, joined rows flowing into WHERE, APPLY,
// GROUP BY windows, WITH steps and UNION, `alias.*`, reference data, explain, the planner's errors, and
// a whole-graph checkpoint taken mid-stream that resumes to the same output.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain, planScript, type Catalog } from '../plan/index.ts';
import { ASA_DEFAULT_ARRIVAL_POLICY, decodeCheckpoint, encodeCheckpoint, type GraphSnapshot } from '../runtime/index.ts';
import { MemorySink, inputBatch } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import type { AsaRecord } from '../types/index.ts';
import { compilePlan } from './index.ts';
import { json, runQuery } from './run-query.test.ts';

const T = (s: string): string => `2024-01-01T00:${s}Z`;

async function rows(query: string, inputs: Record<string, AsaRecord[]>): Promise<unknown> {
  return json((await runQuery(query, { inputs })).output);
}

function plan(query: string, reference: string[] = []) {
  const catalog: Catalog = {
    inputs: [{ alias: 'a', kind: 'stream' }, { alias: 'b', kind: 'stream' }, ...reference.map((alias) => ({ alias, kind: 'reference' as const }))],
    outputs: [],
    functions: [],
  };
  return planScript(parseScript(query), catalog, { compatLevel: '1.2', sourceText: query });
}

function planError(query: string, reference: string[] = []): { code: string; message: string } {
  try {
    plan(query, reference);
  } catch (err) {
    return { code: (err as { code: string }).code, message: (err as Error).message };
  }
  assert.fail('expected a plan error');
}

const entries = [{ id: 1, plate: 'A', t: T('00:00') }, { id: 2, plate: 'B', t: T('01:00') }];
const exits = [{ plate: 'A', t: T('00:30') }, { plate: 'B', t: T('20:00') }];

describe('JOIN', () => {
  it('System.Timestamp page: an inner match is stamped with the later event; an unmatched LEFT OUTER row with the latest time a match could have had', async () => {
    const inner = await rows('SELECT a.id, System.Timestamp() AS ts FROM a TIMESTAMP BY t JOIN b TIMESTAMP BY t ON a.plate = b.plate AND DATEDIFF(minute, a, b) BETWEEN 0 AND 10', { a: entries, b: exits });
    assert.deepEqual(inner, [{ id: 1, ts: T('00:30.0000000') }]);
    const outer = await rows('SELECT a.id, b.t AS exit, System.Timestamp() AS ts FROM a TIMESTAMP BY t LEFT OUTER JOIN b TIMESTAMP BY t ON a.plate = b.plate AND DATEDIFF(minute, a, b) BETWEEN 0 AND 10', { a: entries, b: exits });
    assert.deepEqual(outer, [{ id: 1, exit: T('00:30'), ts: T('00:30.0000000') }, { id: 2, exit: null, ts: T('11:00.0000000') }]);
  });

  it('reversed DATEDIFF arguments and <, <=, = forms bound the join the same way', async () => {
    const a = [{ id: 1, t: T('00:00') }];
    const b = [{ id: 2, t: T('00:03') }, { id: 3, t: T('00:09') }];
    const q = (on: string) => rows(`SELECT a.id AS x, b.id AS y FROM a TIMESTAMP BY t JOIN b TIMESTAMP BY t ON ${on}`, { a, b });
    assert.deepEqual(await q('DATEDIFF(second, b, a) BETWEEN -5 AND 0'), [{ x: 1, y: 2 }]);
    assert.deepEqual(await q('DATEDIFF(second, a, b) >= 0 AND DATEDIFF(second, a, b) < 9'), [{ x: 1, y: 2 }]);
    assert.deepEqual(await q('DATEDIFF(second, a, b) = 9'), [{ x: 1, y: 3 }]);
    assert.deepEqual(await q('10 >= DATEDIFF(second, a, b) AND DATEDIFF(second, a, b) > 3'), [{ x: 1, y: 3 }]);
  });

  it('self-join (Common query patterns): an input joined with itself through two aliases', async () => {
    const a = [{ user: 'u', kind: 'start', t: T('00:00') }, { user: 'u', kind: 'end', t: T('00:20') }, { user: 'v', kind: 'start', t: T('00:05') }];
    const out = await rows(`SELECT s.user, DATEDIFF(second, s.t, e.t) AS dur FROM a s TIMESTAMP BY t JOIN a e TIMESTAMP BY t
      ON s.user = e.user AND DATEDIFF(minute, s, e) BETWEEN 0 AND 1 WHERE s.kind = 'start' AND e.kind = 'end'`, { a });
    assert.deepEqual(out, [{ user: 'u', dur: 20 }]);
  });

  it('joined rows flow into APPLY, GROUP BY windows, WITH steps, UNION and alias.*', async () => {
    const a = [{ k: 1, tags: [1, 2], t: T('00:01') }, { k: 2, tags: [3], t: T('00:02') }, { k: 1, tags: [], t: T('00:12') }];
    const b = [{ k: 1, v: 10, t: T('00:03') }, { k: 2, v: 20, t: T('00:04') }, { k: 1, v: 30, t: T('00:13') }];
    const on = 'ON a.k = b.k AND DATEDIFF(second, a, b) BETWEEN 0 AND 5';
    const windowed = await rows(`SELECT a.k, SUM(b.v) AS s, System.Timestamp() AS e FROM a TIMESTAMP BY t JOIN b TIMESTAMP BY t ${on} GROUP BY a.k, TumblingWindow(second, 10)`, { a, b });
    assert.deepEqual(windowed, [{ k: 1, s: 10, e: T('00:10.0000000') }, { k: 2, s: 20, e: T('00:10.0000000') }, { k: 1, s: 30, e: T('00:20.0000000') }]);
    const applied = await rows(`SELECT a.k, x.ArrayValue AS tag, b.v FROM a TIMESTAMP BY t JOIN b TIMESTAMP BY t ${on} CROSS APPLY GetArrayElements(a.tags) AS x`, { a, b });
    assert.deepEqual(applied, [{ k: 1, tag: 1, v: 10 }, { k: 1, tag: 2, v: 10 }, { k: 2, tag: 3, v: 20 }]);
    const stepped = await rows(`WITH j AS (SELECT a.k, b.v FROM a TIMESTAMP BY t JOIN b TIMESTAMP BY t ${on})
      SELECT k, v FROM j WHERE v > 10 UNION SELECT k, v FROM j WHERE v = 10`, { a, b });
    assert.deepEqual((stepped as { v: number }[]).map((r) => r.v).sort((x, y) => x - y), [10, 20, 30]);
    const star = await rows(`SELECT b.*, a.k AS ak FROM a TIMESTAMP BY t JOIN b TIMESTAMP BY t ${on} WHERE b.v = 20`, { a, b });
    // The payload of b and the other column; b's input metadata columns come along as with `*` (null here:
    // a joined row no longer knows its input partition).
    const [row] = star as Record<string, unknown>[];
    assert.deepEqual({ k: row?.['k'], v: row?.['v'], t: row?.['t'], ak: row?.['ak'] }, { k: 2, v: 20, t: T('00:04'), ak: 2 });
  });

  it('three-way join: each JOIN bounds its right side against the left ones', async () => {
    const a = [{ id: 1, t: T('00:00') }];
    const b = [{ id: 1, t: T('00:04') }];
    const out = await runQuery(`SELECT x.id, z.n FROM a x TIMESTAMP BY t JOIN b y TIMESTAMP BY t ON x.id = y.id AND DATEDIFF(second, x, y) BETWEEN 0 AND 5
      JOIN a z TIMESTAMP BY t ON DATEDIFF(second, x, z) BETWEEN 0 AND 5 AND DATEDIFF(second, y, z) < 0`, { inputs: { a: [...a, { id: 9, n: 'mid', t: T('00:02') }], b } });
    // z may be x itself (same input, same time: DATEDIFF 0, and 4 s before y) or the event in between.
    assert.deepEqual(json(out.output), [{ id: 1, n: null }, { id: 1, n: 'mid' }]);
  });

  it('explain prints the join with its keys and bound', () => {
    const text = explain(plan('SELECT a.x, b.y INTO o FROM a TIMESTAMP BY t LEFT JOIN b TIMESTAMP BY t ON a.k = b.k AND DATEDIFF(minute, a, b) BETWEEN 0 AND 15'));
    assert.match(text, /LeftOuterJoin ON .*; hash keys 1; bound b − a in \[0, 15\] minute/);
    assert.match(text, /Scan input a TIMESTAMP BY t\n\s+Scan input b TIMESTAMP BY t/);
  });

  it('the planner rejects unbounded, over-long and one-sided stream joins, and reference data outside a JOIN', () => {
    assert.equal(planError('SELECT a.x INTO o FROM a JOIN b ON a.k = b.k').code, 'SLUICE_PLAN_JOIN_TIME_BOUND');
    assert.equal(planError('SELECT a.x INTO o FROM a JOIN b ON DATEDIFF(second, a, b) < 10').code, 'SLUICE_PLAN_JOIN_TIME_BOUND');
    assert.equal(planError('SELECT a.x INTO o FROM a JOIN b ON DATEDIFF(hour, a, b) BETWEEN 0 AND 169').code, 'SLUICE_PLAN_JOIN_BOUND_TOO_LARGE');
    assert.equal(planError('SELECT a.x INTO o FROM a JOIN b ON DATEDIFF(month, a, b) BETWEEN 0 AND 1').code, 'SLUICE_PLAN_JOIN_BOUND_UNIT');
    assert.equal(planError('SELECT r.x INTO o FROM r', ['r']).code, 'SLUICE_PLAN_REFERENCE_NOT_JOINED');
    assert.equal(planError('SELECT * INTO o FROM a JOIN r ON a.k = r.k', ['r']).code, 'SLUICE_PLAN_STAR_WITH_JOIN');
    assert.doesNotThrow(() => plan('SELECT a.x INTO o FROM a JOIN b ON DATEDIFF(day, a, b) BETWEEN -7 AND 7'));
  });

  it('reference data JOIN: hash lookup plus the rest of ON, INNER and LEFT OUTER, reloaded tables, event time kept', async () => {
    const run = async (query: string, table: AsaRecord[], reload?: AsaRecord[]) => {
      const p = plan(query, ['r']);
      const sink = new MemorySink();
      const graph = compilePlan(p, { sinks: { o: sink }, now: () => 0 });
      assert.deepEqual(graph.referenceInputs, ['r']);
      graph.loadReference('R', table);
      graph.push('a', inputBatch([{ k: 1, v: 5, t: T('00:01') }, { k: 2, v: 5, t: T('00:02') }], [1, 2]));
      if (reload) {
        graph.loadReference('r', reload);
        graph.push('a', inputBatch([{ k: 2, v: 5, t: T('00:03') }], [3]));
      }
      await graph.end();
      return json(sink.rows);
    };
    const table = [{ k: 1, max: 3, name: 'one' }, { k: 1, max: 9, name: 'uno' }];
    assert.deepEqual(await run('SELECT a.k, r.name, System.Timestamp() AS ts INTO o FROM a TIMESTAMP BY t JOIN r ON a.k = r.k AND a.v > r.max', table), [{ k: 1, name: 'one', ts: T('00:01.0000000') }]);
    assert.deepEqual(await run('SELECT a.k, r.name INTO o FROM a TIMESTAMP BY t LEFT OUTER JOIN r ON a.k = r.k', table, [{ k: 2, name: 'two' }]),
      [{ k: 1, name: 'one' }, { k: 1, name: 'uno' }, { k: 2, name: null }, { k: 2, name: 'two' }]);
  });

  it('a checkpoint taken mid-stream (graph and codec) resumes to the same output as an uninterrupted run', async () => {
    const query = 'SELECT a.id, b.id AS bid, System.Timestamp() AS ts INTO o FROM a TIMESTAMP BY t LEFT JOIN b TIMESTAMP BY t ON a.k = b.k AND DATEDIFF(second, a, b) BETWEEN 0 AND 5';
    const events: ['a' | 'b', AsaRecord][] = [];
    for (let i = 0; i < 40; i++) events.push([i % 2 === 0 ? 'a' : 'b', { id: i, k: i % 3, t: T(`00:${String(i).padStart(2, '0')}`) }]);
    const graphOf = (sink: MemorySink) => compilePlan(plan(query), { sinks: { o: sink }, now: () => 0, arrivalPolicy: { ...ASA_DEFAULT_ARRIVAL_POLICY, lateArrivalMs: 5000, outOfOrderMs: 0, action: 'adjust' } });
    const feed = (g: ReturnType<typeof graphOf>, from: number, to: number) => {
      for (let i = from; i < to; i++) g.push(events[i]![0], inputBatch([events[i]![1]], [Date.parse(String(events[i]![1]['t']))]));
    };
    const wholeSink = new MemorySink();
    const whole = graphOf(wholeSink);
    feed(whole, 0, events.length);
    await whole.end();
    const firstSink = new MemorySink();
    const first = graphOf(firstSink);
    feed(first, 0, 23);
    await first.settled();
    const snapshot = decodeCheckpoint(encodeCheckpoint(first.checkpoint())) as GraphSnapshot;
    const secondSink = new MemorySink();
    const second = graphOf(secondSink);
    second.restore(snapshot);
    feed(second, 23, events.length);
    await second.end();
    assert.ok(wholeSink.rows.length > 10);
    assert.deepEqual(json([...firstSink.rows, ...secondSink.rows]), json(wholeSink.rows));
  });
});
