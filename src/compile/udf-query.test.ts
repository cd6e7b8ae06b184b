// UDFs inside queries: called like built-ins (JavaScript UDF page: "use the function anywhere in the
// query"), guarded by the per-slice time limit.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { json, runQuery } from './run-query.test.ts';

it('JavaScript UDF page: udf.hex2Int(offset) in SELECT and WHERE; the input alias passes the whole event', async () => {
  const out = await runQuery('SELECT time, UDF.hex2Int(offset) AS IntOffset, udf.keys(input) AS k FROM input WHERE udf.hex2Int(offset) > 1', {
    inputs: { input: [{ time: 't1', offset: '1' }, { time: 't2', offset: 'ff' }] },
    udfs: { hex2Int: 'function hex2Int(hexValue) { return parseInt(hexValue, 16); }', keys: 'function main(x) { return Object.keys(x).join(","); }' },
  });
  assert.deepEqual(json(out.output), [{ time: 't2', IntOffset: 255, k: 'time,offset' }]);
});

it('a busy UDF inside a query stops the job with SLUICE_UDF_TIMEOUT', async () => {
  await assert.rejects(
    runQuery('SELECT udf.spin(a) AS x FROM input', { inputs: { input: [{ a: 1 }] }, udfs: { spin: 'function main() { while (true) {} }' } }),
    (err: Error & { code?: string }) => err.code === 'SLUICE_UDF_TIMEOUT',
  );
});

it('the time limit is per call: many calls that together exceed it are fine (slices restart the watchdog)', async () => {
  // 6 calls × 120 ms = 720 ms, above the 500 ms limit of runQuery's host; no single call is near it.
  const slow = 'function main(x) { const end = Date.now() + 120; while (Date.now() < end) {} return x; }';
  const out = await runQuery('SELECT udf.slow(a) AS a FROM input', { inputs: { input: [1, 2, 3, 4, 5, 6].map((a) => ({ a })) }, udfs: { slow } });
  assert.deepEqual(json(out.output), [1, 2, 3, 4, 5, 6].map((a) => ({ a })));
});

it('each UDF has its own context: globals one UDF sets are invisible to another', async () => {
  const out = await runQuery('SELECT udf.setter(1) AS s, udf.getter(1) AS g FROM input', {
    inputs: { input: [{}] },
    udfs: { setter: 'function main() { globalThis.shared = 42; return globalThis.shared; }', getter: 'function main() { return typeof globalThis.shared; }' },
  });
  assert.deepEqual(json(out.output), [{ s: 42, g: 'undefined' }]);
});
