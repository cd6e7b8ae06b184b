// Stateless queries end to end (plan → compile → run), each after a worked example of ASA's docs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AsaRecord } from '../types/index.ts';
import { json, runQuery } from './run-query.test.ts';

describe('projection and filter', () => {
  it('SELECT page: SELECT * passes events through, with the input metadata columns', async () => {
    const out = await runQuery('SELECT * FROM input', { inputs: { input: [{ a: 1 }] } });
    assert.deepEqual(json(out.output), [{ a: 1, EventProcessedUtcTime: '2024-01-01T00:00:00.0000000Z', PartitionId: 0, EventEnqueuedUtcTime: '1970-01-01T00:00:01.0000000Z' }]);
  });

  it('SELECT page: aliases (AS, alias = expr, AS \'str\') and case-insensitive references', async () => {
    const out = await runQuery("SELECT Make, tollFee = Toll * 2, [Make] AS 'maker' FROM input WHERE toll > 4", {
      inputs: { input: [{ make: 'Honda', toll: 5 }, { make: 'Toyota', toll: 4 }] },
    });
    assert.deepEqual(json(out.output), [{ Make: 'Honda', tollFee: 10, maker: 'Honda' }]);
  });

  it('SELECT page: columns from * conflicting with earlier columns are ignored (left wins)', async () => {
    const out = await runQuery('SELECT a AS b, i.* FROM input i', { inputs: { input: [{ a: 1, b: 2, c: 3 }] } });
    const row = (json(out.output) as Record<string, unknown>[])[0] as Record<string, unknown>;
    assert.equal(row.b, 1);
    assert.equal(row.c, 3);
    assert.equal(row.PartitionId, 0);
  });

  it('SELECT page: with one * among columns, columns left of * win over its fields and * fields win over columns to its right', async () => {
    const q = 'WITH s AS (SELECT a, b FROM input) SELECT b AS a, *, 9 AS B, 7 AS z FROM s';
    const rows = await runQuery(q, { inputs: { input: [{ a: 1, b: 2 }] } });
    assert.deepEqual(json(rows.output), [{ a: 2, b: 2, z: 7 }]);
  });

  it('SELECT page: record.* returns the nested fields as columns; a.b.c and rec.[0] walk records', async () => {
    const out = await runQuery('SELECT Location.*, Location.Geo.Lat AS lat, Location.[0] AS zero FROM input', {
      inputs: { input: [{ Location: { Geo: { Lat: 47.6 }, City: 'Seattle', 0: 'z' } }] },
    });
    assert.deepEqual(json(out.output), [{ 0: 'z', Geo: { Lat: 47.6 }, City: 'Seattle', lat: 47.6, zero: 'z' }]);
  });

  it('WHERE page: a comparison with NULL is false in both directions; IS NULL finds it', async () => {
    const rows: AsaRecord[] = [{ x: 1 }, { x: null }, {}];
    const eq = await runQuery('SELECT x FROM input WHERE x = 1 OR x != 1', { inputs: { input: rows } });
    assert.equal(eq.output?.length, 1);
    const isNull = await runQuery('SELECT x FROM input WHERE x IS NULL', { inputs: { input: rows } });
    assert.equal(isNull.output?.length, 2);
  });

  it('WHERE page: LIKE, IN, BETWEEN (both ends included) and NOT', async () => {
    const rows = [{ s: 'A19', n: 1 }, { s: 'B9', n: 5 }, { s: 'A29', n: 6 }];
    const out = await runQuery("SELECT s FROM input WHERE s LIKE 'A%9' AND n BETWEEN 1 AND 5 AND s NOT IN ('x', 'y')", { inputs: { input: rows } });
    assert.deepEqual(json(out.output), [{ s: 'A19' }]);
  });

  it('CASE page: simple and searched CASE; COALESCE page: first non-NULL; NULLIF page', async () => {
    const q = "SELECT CASE kind WHEN 1 THEN 'one' ELSE 'other' END AS k, CASE WHEN v > 10 THEN 'big' ELSE 'small' END AS size, COALESCE(a, b, 'none') AS c, NULLIF(v, 4) AS nv FROM input";
    const out = await runQuery(q, { inputs: { input: [{ kind: 1, v: 4, b: 'bee' }, { kind: 2, v: 11 }] } });
    assert.deepEqual(json(out.output), [{ k: 'one', size: 'small', c: 'bee', nv: null }, { k: 'other', size: 'big', c: 'none', nv: 11 }]);
  });

  it('COALESCE page: arguments after the first non-NULL one are not evaluated', async () => {
    const out = await runQuery("SELECT COALESCE(a, CAST('x' AS bigint)) AS c FROM input", { inputs: { input: [{ a: 5 }] } });
    assert.deepEqual(json(out.output), [{ c: 5 }]);
  });

  it('Data Types page: bigint arithmetic stays bigint, a float operand gives float, + joins strings (SPACE page)', async () => {
    const out = await runQuery("SELECT a / b AS q, 6.0 / 4 AS f, a % b AS m, s + ' ' + t AS st, a + NULL AS n FROM input", {
      inputs: { input: [{ a: 7, b: 2, s: 'x', t: 'y' }] },
    });
    assert.deepEqual(json(out.output), [{ q: 3, f: 1.5, m: 1, st: 'x y', n: null }]);
  });

  it('Bitwise AND page: 170 & 75 = 10; ~170 = -171', async () => {
    const out = await runQuery('SELECT a & b AS x, ~a AS y FROM input', { inputs: { input: [{ a: 170, b: 75 }] } });
    assert.deepEqual(json(out.output), [{ x: 10, y: -171 }]);
  });

  it('CAST page: a failed CAST stops the job with the expression and position; TRY_CAST gives NULL', async () => {
    const ok = await runQuery("SELECT TRY_CAST(v AS bigint) AS a, CAST('12' AS bigint) AS b FROM input", { inputs: { input: [{ v: 'abc' }] } });
    assert.deepEqual(json(ok.output), [{ a: null, b: 12 }]);
    await assert.rejects(runQuery('SELECT CAST(v AS bigint) AS a FROM input', { inputs: { input: [{ v: 'abc' }] } }), (err: Error & { code?: string; format?: () => string }) => {
      assert.equal(err.code, 'SLUICE_TYPES_CAST');
      assert.match(err.format?.() ?? '', /1:8/);
      return true;
    });
  });

  it('divide by zero is an error with the position of the division', async () => {
    await assert.rejects(runQuery('SELECT a / b AS q FROM input', { inputs: { input: [{ a: 1, b: 0 }] } }), /divide by zero/);
  });

  it('scalar functions of the registry: UPPER, LEN, DATEADD with a date part, GetArrayElement', async () => {
    const out = await runQuery("SELECT UPPER(s) AS u, LEN(s) AS l, DATEADD(minute, 5, '2024-01-01T00:00:00Z') AS d, GetArrayElement(arr, 1) AS e FROM input", {
      inputs: { input: [{ s: 'abc', arr: [10, 20] }] },
    });
    assert.deepEqual(json(out.output), [{ u: 'ABC', l: 3, d: '2024-01-01T00:05:00.0000000Z', e: 20 }]);
  });

  it('Compatibility level page: 1.0 lower-cases output column names, 1.2 keeps the case', async () => {
    const old = await runQuery('SELECT DeviceId AS DeviceID FROM input', { inputs: { input: [{ deviceid: 1 }] }, compatLevel: '1.0' });
    assert.deepEqual(json(old.output), [{ deviceid: 1 }]);
    const cur = await runQuery('SELECT DeviceId AS DeviceID FROM input', { inputs: { input: [{ deviceid: 1 }] } });
    assert.deepEqual(json(cur.output), [{ DeviceID: 1 }]);
  });
});

describe('APPLY', () => {
  const rows = [{ id: 'a', r: [{ v: 1 }, { v: 2 }] }, { id: 'b', r: [] }];
  it('APPLY page: CROSS APPLY GetArrayElements gives ArrayIndex/ArrayValue rows and drops empty arrays', async () => {
    const out = await runQuery('SELECT e.id, x.ArrayIndex, x.ArrayValue.v AS v FROM input e CROSS APPLY GetArrayElements(e.r) AS x', { inputs: { input: rows } });
    assert.deepEqual(json(out.output), [{ id: 'a', ArrayIndex: 0, v: 1 }, { id: 'a', ArrayIndex: 1, v: 2 }]);
  });

  it('APPLY page: OUTER APPLY keeps the event with NULL columns', async () => {
    const out = await runQuery('SELECT e.id, x.ArrayIndex FROM input e OUTER APPLY GetArrayElements(e.r) AS x', { inputs: { input: rows } });
    assert.deepEqual(json(out.output), [{ id: 'a', ArrayIndex: 0 }, { id: 'a', ArrayIndex: 1 }, { id: 'b', ArrayIndex: null }]);
  });

  it('GetRecordProperties page: one row per property, PropertyName/PropertyValue', async () => {
    const out = await runQuery('SELECT p.PropertyName, p.PropertyValue FROM input CROSS APPLY GetRecordProperties(input.rec) AS p', {
      inputs: { input: [{ rec: { a: 1, b: 'x' } }] },
    });
    assert.deepEqual(json(out.output), [{ PropertyName: 'a', PropertyValue: 1 }, { PropertyName: 'b', PropertyValue: 'x' }]);
  });
});

describe('steps, UNION, outputs', () => {
  it('WITH page: one step read by two statements (fan-out) into two outputs', async () => {
    const q = 'WITH s AS (SELECT v FROM input WHERE v > 0) SELECT v INTO big FROM s WHERE v > 5 SELECT v INTO all FROM s';
    const out = await runQuery(q, { inputs: { input: [{ v: 1 }, { v: 7 }, { v: -1 }] }, outputs: ['big', 'all'] });
    assert.deepEqual(json(out.big), [{ v: 7 }]);
    assert.deepEqual(json(out.all), [{ v: 1 }, { v: 7 }]);
  });

  it('UNION page: UNION keeps duplicates', async () => {
    const out = await runQuery('SELECT v FROM a UNION SELECT v FROM b', { inputs: { a: [{ v: 1 }], b: [{ v: 1 }] } });
    assert.deepEqual(json(out.output), [{ v: 1 }, { v: 1 }]);
  });

  it('INTO page: SELECT without INTO goes to the only output', async () => {
    const out = await runQuery('SELECT v FROM input', { inputs: { input: [{ v: 1 }] }, outputs: ['sink1'] });
    assert.deepEqual(json(out.sink1), [{ v: 1 }]);
  });
});

describe('time and metadata', () => {
  it('System.Timestamp page: without TIMESTAMP BY the event time is the arrival time', async () => {
    const out = await runQuery('SELECT System.Timestamp() AS t, EventEnqueuedUtcTime AS e FROM input', { inputs: { input: [{}] }, arrival: { input: [Date.UTC(2024, 1, 1)] } });
    assert.deepEqual(json(out.output), [{ t: '2024-02-01T00:00:00.0000000Z', e: '2024-02-01T00:00:00.0000000Z' }]);
  });

  it('TIMESTAMP BY page: the event time comes from the payload and steps keep it; NULL times drop the event (InputEventTimestampNotFound)', async () => {
    const q = 'WITH s AS (SELECT id FROM input TIMESTAMP BY et) SELECT id, System.Timestamp() AS t FROM s';
    const out = await runQuery(q, { inputs: { input: [{ id: 1, et: '2023-05-01T10:00:00Z' }, { id: 2, et: null }, { id: 3, et: 'nope' }] } });
    assert.deepEqual(json(out.output), [{ id: 1, t: '2023-05-01T10:00:00.0000000Z' }]);
  });

  it('GetMetadataPropertyValue page: reads broker metadata lazily; PartitionId column', async () => {
    const out = await runQuery("SELECT GetMetadataPropertyValue(input, '[Kafka].[Topic]') AS topic, PartitionId FROM input", {
      inputs: { input: [{}] },
      metadata: (_i, p) => (p === '[Kafka].[Topic]' ? 'telemetry' : null),
    });
    assert.deepEqual(json(out.output), [{ topic: 'telemetry', PartitionId: 0 }]);
  });
});

describe('names and compatibility details', () => {
  it('SELECT page: "double quoted" names a field; when no such field exists it is the string (WHERE State = "WA")', async () => {
    const out = await runQuery('SELECT "my.field" AS f FROM input WHERE State = "WA"', { inputs: { input: [{ 'my.field': 1, State: 'WA' }, { State: 'OR' }] } });
    assert.deepEqual(json(out.output), [{ f: 1 }]);
  });

  it('System.Timestamp page: the legacy System.Timestamp without parentheses', async () => {
    const out = await runQuery('SELECT System.Timestamp AS t FROM input', { inputs: { input: [{}] }, arrival: { input: [0] } });
    assert.deepEqual(json(out.output), [{ t: '1970-01-01T00:00:00.0000000Z' }]);
  });

  it('GetMetadataPropertyValue page: below compat 1.2 the alias comes out lower-case', async () => {
    const q = "SELECT GetMetadataPropertyValue(input, 'EventId') AS EventId, Id FROM input";
    const opts = { inputs: { input: [{ Id: 1 }] }, metadata: () => 'e1' };
    assert.deepEqual(json((await runQuery(q, { ...opts, compatLevel: '1.1' })).output), [{ eventid: 'e1', Id: 1 }]);
    assert.deepEqual(json((await runQuery(q, opts)).output), [{ EventId: 'e1', Id: 1 }]);
  });

  it('UNION page: two steps unioned then written once; HAVING without GROUP BY filters like WHERE', async () => {
    const q = 'WITH a AS (SELECT v FROM i1), b AS (SELECT v FROM i2) SELECT v FROM a UNION SELECT v FROM b HAVING v > 1';
    const out = await runQuery(q, { inputs: { i1: [{ v: 1 }, { v: 2 }], i2: [{ v: 3 }] } });
    assert.deepEqual(json(out.output), [{ v: 1 }, { v: 2 }, { v: 3 }]);
  });
});

it('APPLY page: SELECT * gives the payload plus one record column named by the APPLY alias', async () => {
  const q = 'WITH s AS (SELECT id, r FROM input) SELECT * FROM s CROSS APPLY GetArrayElements(s.r) AS flat';
  const rows = await runQuery(q, { inputs: { input: [{ id: 1, r: ['a'] }] } });
  assert.deepEqual(json(rows.output), [{ id: 1, r: ['a'], flat: { ArrayIndex: 0, ArrayValue: 'a' } }]);
});

it('TIMESTAMP BY page: an expression such as DATEADD(millisecond, epoch, \'1970-01-01T00:00:00Z\') sets the event time', async () => {
  const q = "SELECT id, System.Timestamp() AS t FROM input TIMESTAMP BY DATEADD(millisecond, epoch, '1970-01-01T00:00:00Z')";
  const out = await runQuery(q, { inputs: { input: [{ id: 1, epoch: 1_700_000_000_000 }] } });
  assert.deepEqual(json(out.output), [{ id: 1, t: '2023-11-14T22:13:20.0000000Z' }]);
});

it('GetType page via the registry, and a JSON boolean as bit in WHERE (compat 1.2)', async () => {
  const out = await runQuery('SELECT GetType(a) AS ta, GetType(2.0) AS tf FROM input WHERE ok', { inputs: { input: [{ a: 1, ok: true }, { a: 2, ok: false }] } });
  assert.deepEqual(json(out.output), [{ ta: 'bigint', tf: 'float' }]);
});

it('static output types reach the sink (whole float vs bigint); PARTITION BY is accepted; unread inputs accept pushes', async () => {
  const { planScript } = await import('../plan/index.ts');
  const { parseScript } = await import('../sql/index.ts');
  const { MemorySink, inputBatch } = await import('../spi/index.ts');
  const { compilePlan } = await import('./index.ts');
  const q = 'SELECT CAST(a AS bigint) / 2 AS half, 6.0 / 3 AS f, CAST(a AS float) AS c, a FROM input PARTITION BY PartitionId';
  const plan = planScript(parseScript(q), { inputs: [{ alias: 'input', kind: 'stream' }, { alias: 'other', kind: 'stream' }], outputs: [], functions: [] }, { compatLevel: '1.2', sourceText: q });
  const sink = new MemorySink();
  const graph = compilePlan(plan, { sinks: { output: sink } });
  assert.deepEqual(sink.columns, [{ name: 'half', type: 'bigint' }, { name: 'f', type: 'float' }, { name: 'c', type: 'float' }, { name: 'a', type: 'any' }]);
  graph.push('other', inputBatch([{ a: 1 }], [1]));
  graph.push('input', inputBatch([{ a: 4 }], [1]));
  await graph.end();
  assert.deepEqual(sink.rows, [{ half: 2, f: 2, c: 4, a: 4 }]);
});
