// State size (issue 4: "1 M distinct keys in a tumbling window must fit in well under 1 GB"; "report
// the state size"): one tumbling window holding 1,000,000 groups, COUNT(*) and SUM(x) each. The heap
// growth is measured around the pushes (after forced GCs) and must stay under 1 GB; JobGraph's
// stateSize() estimate must be in the same range as that growth, and drop to 0 once the window closed.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { planScript } from '../plan/index.ts';
import { inputBatch, type OutputSink } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import type { AsaRecord } from '../types/index.ts';
import { compilePlan } from './index.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const KEYS = 1_000_000;
const BATCH = 10_000;

it('1 M distinct keys in one tumbling window fit in well under 1 GB; stateSize() estimates them', async () => {
  const query = 'SELECT k, COUNT(*) AS c, SUM(x) AS s INTO out FROM input GROUP BY k, TumblingWindow(hour, 1)';
  const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: [] }, { compatLevel: '1.2', sourceText: query });
  let results = 0;
  const sink: OutputSink = { write: (rows) => { results += rows.length; return Promise.resolve(); }, flush: () => Promise.resolve(), close: () => Promise.resolve() };
  const graph = compilePlan(plan, { sinks: { out: sink } });
  const t0 = Date.UTC(2024, 0, 1, 0, 0, 1);
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let b = 0; b < KEYS / BATCH; b++) {
    const rows: AsaRecord[] = new Array<AsaRecord>(BATCH);
    const times: number[] = new Array<number>(BATCH);
    for (let i = 0; i < BATCH; i++) {
      const n = b * BATCH + i;
      rows[i] = { k: `key-${n}`, x: n % 1000 };
      times[i] = t0 + (n % 1000);
    }
    graph.push('input', inputBatch(rows, times));
  }
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  const estimate = graph.stateSize();
  console.log(`1 M groups: heap +${Math.round(grown / 2 ** 20)} MiB, stateSize() ${Math.round(estimate / 2 ** 20)} MiB`);
  assert.equal(results, 0, 'the window is still open');
  assert.ok(grown < 2 ** 30, `heap grew ${grown} bytes`);
  assert.ok(estimate > grown / 4 && estimate < grown * 4, `estimate ${estimate} vs measured ${grown}`);
  await graph.end();
  assert.equal(results, KEYS);
  assert.equal(graph.stateSize(), 0);
});

it('every window type reports its state while windows are open, and 0 once they all closed', async () => {
  for (const window of ['TumblingWindow(second, 10)', 'HoppingWindow(second, 10, 2)', 'HoppingWindow(second, 10, 2) HAVING MAX(x) > 0', 'SlidingWindow(second, 10)', 'SessionWindow(second, 5, 60)', 'System.Timestamp()']) {
    const [w, having] = window.split(' HAVING ');
    const query = `SELECT k, COUNT(*) AS c INTO out FROM input GROUP BY k, ${w}${having === undefined ? '' : ` HAVING ${having}`}`;
    const plan = planScript(parseScript(query), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: [] }, { compatLevel: '1.2', sourceText: query });
    const sink: OutputSink = { write: () => Promise.resolve(), flush: () => Promise.resolve(), close: () => Promise.resolve() };
    const graph = compilePlan(plan, { sinks: { out: sink } });
    const rows: AsaRecord[] = Array.from({ length: 50 }, (_, i) => ({ k: `k${i % 5}`, x: i }));
    graph.push('input', inputBatch(rows, rows.map((_, i) => Date.UTC(2024, 0, 1) + i * 100)));
    const open = graph.stateSize();
    assert.ok(open > 0, `${window}: ${open}`);
    await graph.end();
    assert.equal(graph.stateSize(), 0, window);
  }
});
