// MATCH_RECOGNIZE end to end (plan → compile → run), after learn.microsoft.com/stream-analytics-query/
// match-recognize-stream-analytics: PARTITION BY, MEASURES with Last/Max/First/Min and Classifier(),
// DEFINE over the current event and earlier variables, LIMIT DURATION, the plan errors the page implies
// (with their positions), explain, and a checkpoint taken mid-stream that resumes to the same rows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain, planScript, PlanError, type Catalog } from '../plan/index.ts';
import { decodeCheckpoint, encodeCheckpoint, type GraphSnapshot } from '../runtime/index.ts';
import { MemorySink, inputBatch } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import type { AsaRecord } from '../types/index.ts';
import { compilePlan } from './index.ts';
import { json, runQuery } from './run-query.test.ts';

const T = (s: number): string => new Date(Date.UTC(2024, 0, 1, 0, 0, s)).toISOString();
const catalog: Catalog = { inputs: [{ alias: 'input', kind: 'stream' }], outputs: [], functions: [] };

const TOLL = `SELECT * INTO output FROM input TIMESTAMP BY time
  MATCH_RECOGNIZE (
    LIMIT DURATION (minute, 1)
    PARTITION BY tollBoothId
    MEASURES
      Last(Toyota.LicensePlate) AS toyotaLicensePlate,
      Last(Lexus.LicensePlate) AS lexusLicensePlate
    AFTER MATCH SKIP TO NEXT ROW
    PATTERN (Toyota+ Ford* Lexus+)
    DEFINE
      Toyota AS Toyota.make = 'Toyota',
      Ford AS Ford.make = 'Ford',
      Lexus AS Lexus.make = 'Lexus'
  ) AS T`;

const cars = (list: [number, number, string, string][]): AsaRecord[] => list.map(([s, booth, make, plate]) => ({ time: T(s), tollBoothId: booth, make, LicensePlate: plate }));

function planErrors(query: string): { code: string; message: string; line: number; column: number }[] {
  try {
    planScript(parseScript(query), catalog, { compatLevel: '1.2', sourceText: query });
    return [];
  } catch (err) {
    assert.ok(err instanceof PlanError, String(err));
    return err.diagnostics.map((d) => ({ code: d.code, message: d.message, line: d.span.start.line, column: d.span.start.column }));
  }
}

describe('MATCH_RECOGNIZE (MATCH_RECOGNIZE page)', () => {
  it('the page\'s toll-booth query: one row per match with the partition key and MEASURES, per booth, overlapping starts', async () => {
    const input = cars([
      [0, 1, 'Toyota', 'T1'], [1, 2, 'Toyota', 'T9'], [2, 1, 'Toyota', 'T2'], [3, 1, 'Ford', 'F1'], [4, 2, 'Lexus', 'L9'],
      [5, 1, 'Lexus', 'L1'], [6, 1, 'Honda', 'H1'], [100, 1, 'Toyota', 'T3'], [200, 1, 'Lexus', 'L3'],
    ]);
    const out = json((await runQuery(TOLL, { inputs: { input } })).output) as AsaRecord[];
    const rows = out.map((r) => `${r['tollBoothId']}:${r['toyotaLicensePlate']}->${r['lexusLicensePlate']}`).sort();
    // Booth 1: the attempt from T1 matches T1 T2 F1 L1 (Toyota+ is greedy); the one from T2 ends on the same
    // L1, inside it, and is not reported again. T3 → L3 is 100 s apart, beyond LIMIT DURATION (minute, 1).
    // Booth 2: T9 → L9.
    assert.deepEqual(rows, ['1:T2->L1', '2:T9->L9']);
  });

  it('aggregates in DEFINE read the current event and earlier variables; Classifier(), First, Min and System.Timestamp() of the match', async () => {
    const q = `SELECT pressure, patterns, firstP, minP, System.Timestamp() AS ts INTO output FROM input TIMESTAMP BY time
      MATCH_RECOGNIZE (
        LIMIT DURATION (minute, 3)
        MEASURES MAX(Dangerous.pressure) AS pressure, Classifier() AS patterns, First(Normal.pressure) AS firstP, Min(pressure) AS minP
        PATTERN (Normal+ Dangerous+)
        DEFINE
          Normal AS Normal.isFilling = 1,
          Dangerous AS Max(Dangerous.pressure) > 2 * Max(Normal.pressure)
      ) AS T WHERE pressure > 20`;
    const input = [
      { time: T(0), isFilling: 1, pressure: 10 }, { time: T(10), isFilling: 1, pressure: 12 },
      { time: T(20), isFilling: 0, pressure: 30 }, { time: T(30), isFilling: 0, pressure: 20 }, { time: T(40), isFilling: 0, pressure: 5 },
    ];
    const out = json((await runQuery(q, { inputs: { input } })).output);
    // From the first start: N N D, then D(20) joins (Max(Dangerous) is still 30 > 24), D(5) likewise —
    // every Dangerous event keeps the running max above twice the Normal max, so the match grows to :40.
    // The attempt from the second Normal ends on the same event and is not reported again.
    assert.deepEqual(out, [
      { pressure: 30, patterns: ['Normal', 'Normal', 'Dangerous', 'Dangerous', 'Dangerous'], firstP: 10, minP: 5, ts: '2024-01-01T00:00:40.0000000Z' },
    ]);
  });

  it('a pattern variable without DEFINE matches any event; `.` too; {n} and {n,m} quantifiers', async () => {
    const q = `SELECT * INTO output FROM input TIMESTAMP BY time MATCH_RECOGNIZE (
      LIMIT DURATION (second, 30) MEASURES First(A.v) AS a, Last(X.v) AS x, Classifier() AS c
      PATTERN (A . X{2} B{1,2}) DEFINE A AS A.v = 'a', B AS B.v = 'b') AS m`;
    const input = ['a', 'q', 'r', 's', 'b', 'b', 'a'].map((v, i) => ({ time: T(i), v }));
    const out = json((await runQuery(q, { inputs: { input } })).output);
    assert.deepEqual(out, [{ a: 'a', x: 's', c: ['A', '.', 'X', 'X', 'B', 'B'] }]);
  });

  it('the watermark ends attempts after LIMIT DURATION, so state does not outlive it', async () => {
    const plan = planScript(parseScript(TOLL), catalog, { compatLevel: '1.2', sourceText: TOLL });
    const sink = new MemorySink();
    const graph = compilePlan(plan, { sinks: { output: sink }, now: () => 0 });
    graph.push('input', inputBatch(cars([[0, 1, 'Toyota', 'T1'], [1, 1, 'Lexus', 'L1']]), [0, 1000]));
    graph.pushWatermark('input', Date.UTC(2024, 0, 1, 0, 0, 30));
    assert.equal(sink.rows.length, 0, 'Lexus+ may still grow within the minute');
    graph.pushWatermark('input', Date.UTC(2024, 0, 1, 0, 1, 1));
    await graph.settled();
    assert.equal(sink.rows.length, 1);
    await graph.end();
  });

  it('explain shows the node', () => {
    const plan = planScript(parseScript(TOLL), catalog, { compatLevel: '1.2', sourceText: TOLL });
    assert.match(explain(plan), /MatchRecognize AS T LIMIT DURATION 60000ms PARTITION BY tollBoothId MEASURES .* PATTERN \(Toyota\+ Ford\* Lexus\+\)/);
  });

  it('plan errors, each at its position: unknown DEFINE variable, definition order, aggregate argument, unsupported aggregate, bad quantifier, time unit', () => {
    const q = (define: string, pattern = 'A+ B'): string => `SELECT * INTO o FROM input MATCH_RECOGNIZE (LIMIT DURATION (minute, 1) MEASURES Last(A.x) AS x PATTERN (${pattern}) DEFINE ${define}) AS m`;
    const codes = (query: string): string[] => planErrors(query).map((e) => e.code);
    const unknown = planErrors(q('A AS A.x > 1, C AS C.x > 2'));
    assert.deepEqual(unknown.map((e) => [e.code, e.column]), [['SLUICE_PLAN_MR_UNKNOWN_VARIABLE', 132]]);
    assert.match(unknown[0]?.message ?? '', /'C'/);
    assert.deepEqual(codes(q('A AS Last(B.x) > 1, B AS B.x > 2')), ['SLUICE_PLAN_MR_DEFINE_ORDER']);
    assert.deepEqual(codes(q('A AS A.x > 1, B AS Max(B.x) > 2 * Max(A.x)')), []);
    assert.deepEqual(codes(q('A AS Max(A.x + A.y) > 5, B AS B.x > 1')), ['SLUICE_PLAN_MR_AGGREGATE']);
    assert.deepEqual(codes(q('A AS SUM(A.x) > 5, B AS B.x > 1')), ['SLUICE_PLAN_MR_AGGREGATE']);
    assert.deepEqual(codes(q('A AS Max(Z.x) > 5, B AS B.x > 1')), ['SLUICE_PLAN_MR_UNKNOWN_VARIABLE']);
    assert.deepEqual(codes(q('A AS A.x > 1', 'A{3,1}')), ['SLUICE_PLAN_MR_QUANTIFIER']);
    assert.deepEqual(codes(q('A AS A.x > 1', 'A{2000}')), ['SLUICE_PLAN_MR_QUANTIFIER']);
    assert.deepEqual(codes(q('A AS A.x > 1, A AS A.x > 2')), ['SLUICE_PLAN_MR_DUPLICATE_DEFINE']);
    assert.deepEqual(codes('SELECT * INTO o FROM input MATCH_RECOGNIZE (LIMIT DURATION (fortnight, 1) PATTERN (A) DEFINE A AS A.x > 1) AS m'), ['SLUICE_PLAN_TIME_UNIT']);
  });

  it('a checkpoint taken mid-stream (graph and codec) resumes to the same rows as one run', async () => {
    const events = cars(Array.from({ length: 60 }, (_, i): [number, number, string, string] => [i * 7, i % 3, ['Toyota', 'Ford', 'Lexus', 'Toyota', 'Lexus'][(i * 7) % 5] as string, `P${i}`]));
    const graph = (): { run: ReturnType<typeof compilePlan>; sink: MemorySink } => {
      const plan = planScript(parseScript(TOLL), catalog, { compatLevel: '1.2', sourceText: TOLL });
      const sink = new MemorySink();
      return { run: compilePlan(plan, { sinks: { output: sink }, now: () => 0 }), sink };
    };
    const push = (g: ReturnType<typeof compilePlan>, from: number, to: number): void => {
      g.push('input', inputBatch(events.slice(from, to), events.slice(from, to).map((_, i) => 1000 * (from + i))));
      g.pushWatermark('input', Date.UTC(2024, 0, 1, 0, 0, (to - 3) * 7));
    };
    const whole = graph();
    push(whole.run, 0, 30);
    push(whole.run, 30, 60);
    await whole.run.end();
    const first = graph();
    push(first.run, 0, 30);
    await first.run.settled();
    const snapshot = decodeCheckpoint(encodeCheckpoint(first.run.checkpoint())) as GraphSnapshot;
    const second = graph();
    second.run.restore(snapshot);
    push(second.run, 30, 60);
    await second.run.end();
    assert.ok(whole.sink.rows.length > 10, `matches: ${whole.sink.rows.length}`);
    assert.ok(first.sink.rows.length > 0, 'some matches come out before the checkpoint');
    assert.deepEqual(json([...first.sink.rows, ...second.sink.rows]), json(whole.sink.rows));
  });
});
