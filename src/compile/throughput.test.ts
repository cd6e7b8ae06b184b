// A quick throughput probe for the hot path filter + projection. It PRINTS events/s and asserts only
// the result count, never a time: machines differ.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { planScript } from '../plan/index.ts';
import { MemorySink, inputBatch, type OutputSink } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import type { AsaRecord } from '../types/index.ts';
import { compilePlan } from './index.ts';

it('throughput: filter + projection (prints events/s)', async () => {
  const query = "SELECT deviceId, temperature * 1.8 + 32 AS f, UPPER(site) AS site FROM input WHERE temperature > 20 AND site LIKE 'a%'";
  const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: [] }, { compatLevel: '1.2', sourceText: query });
  let count = 0;
  const sink: OutputSink = { write: (rows) => { count += rows.length; return Promise.resolve(); }, flush: () => Promise.resolve(), close: () => Promise.resolve() };
  const graph = compilePlan(plan, { sinks: { out: sink } });
  const size = 1024;
  const rows: AsaRecord[] = Array.from({ length: size }, (_, i) => ({ deviceId: `d${i % 50}`, temperature: i % 40, site: i % 2 ? 'alpha' : 'beta' }));
  const batch = inputBatch(rows, Array.from({ length: size }, (_, i) => i));
  const rounds = 300;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    graph.push('input', batch);
    if (r % 50 === 49) await graph.settled();
  }
  await graph.end();
  const seconds = (performance.now() - start) / 1000;
  console.log(`filter+projection: ${Math.round((rounds * size) / seconds).toLocaleString('en-US')} events/s`);
  assert.equal(count, rounds * rows.filter((r) => (r.temperature as number) > 20 && (r.site as string).startsWith('a')).length);
  assert.ok(new MemorySink());
});

it('throughput: a JavaScript UDF in the projection (prints events/s)', async () => {
  const { UdfHost } = await import('../functions/udf/index.ts');
  const query = 'SELECT deviceId, udf.toF(temperature) AS f FROM input';
  const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: [{ name: 'toF', kind: 'udf' }] }, { compatLevel: '1.2', sourceText: query });
  const host = new UdfHost();
  host.define('toF', 'function main(c) { return c * 1.8 + 32; }');
  let count = 0;
  const sink: OutputSink = { write: (rows) => { count += rows.length; return Promise.resolve(); }, flush: () => Promise.resolve(), close: () => Promise.resolve() };
  const graph = compilePlan(plan, { sinks: { out: sink }, udfHost: host });
  const rows: AsaRecord[] = Array.from({ length: 1024 }, (_, i) => ({ deviceId: `d${i % 50}`, temperature: i % 40 }));
  const batch = inputBatch(rows, Array.from({ length: 1024 }, (_, i) => i));
  const start = performance.now();
  for (let r = 0; r < 100; r++) graph.push('input', batch);
  await graph.end();
  const seconds = (performance.now() - start) / 1000;
  console.log(`projection with a UDF: ${Math.round((100 * 1024) / seconds).toLocaleString('en-US')} events/s`);
  assert.equal(count, 100 * 1024);
});
