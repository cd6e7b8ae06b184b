// LiveCheckpoints: take (outputs flushed first, positions and state written), restore of the newest usable
// checkpoint, and the reasons to skip one (corrupt file, another query), each logged with its code.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { compilePlan } from '../compile/index.ts';
import { planScript } from '../plan/index.ts';
import type { JobGraph } from '../runtime/index.ts';
import { MemorySink, inputBatch, type OutputSink } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import { LiveCheckpoints } from './checkpoint-coordinator.ts';

const QUERY = 'SELECT k, COUNT(*) AS c INTO out FROM input GROUP BY k, TumblingWindow(second, 10)';
const dirs: string[] = [];

function graphWith(sink: OutputSink): JobGraph {
  const plan = planScript(parseScript(QUERY), { inputs: [{ alias: 'input', kind: 'stream' }], outputs: ['out'], functions: [] }, { compatLevel: '1.2', sourceText: QUERY });
  return compilePlan(plan, { sinks: { out: sink }, timePolicy: { lateArrivalMs: 5000, outOfOrderMs: 0, action: 'adjust', earlyArrivalMs: 300_000 } });
}

describe('LiveCheckpoints', () => {
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('flushes the outputs, writes state and positions, and restores them into a fresh graph', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-coord-'));
    dirs.push(dir);
    const logs: string[] = [];
    const sink = new MemorySink();
    const graph = graphWith(sink);
    const base = Date.UTC(2024, 0, 1);
    graph.push('input', inputBatch([{ k: 'a' }, { k: 'a' }, { k: 'b' }], [base + 1000, base + 2000, base + 3000], 0));
    const cp = new LiveCheckpoints({ dir, intervalMs: 1000 }, 'fp-1', (l) => logs.push(l), () => 0);
    assert.equal(cp.due, false);
    assert.equal(await cp.take(graph, [{ alias: 'input', topic: 't', offsets: new Map([[0, 3]]) }], 'stopping'), true);
    assert.equal(sink.flushed, 1, 'outputs flushed before the checkpoint');
    assert.match(logs.at(-1)!, /checkpoint: stopping: wrote .*checkpoint-000000000001\.ckpt/);

    // The restored graph finishes the open window with the events from before the checkpoint.
    const sink2 = new MemorySink();
    const fresh = graphWith(sink2);
    const restored = await new LiveCheckpoints({ dir, intervalMs: 0 }, 'fp-1', (l) => logs.push(l), () => 0).restore(fresh);
    assert.equal(restored.kind, 'restored');
    assert.deepEqual(restored.kind === 'restored' ? [...restored.positions.get('input')!] : [], [[0, 3]]);
    assert.match(logs.at(-1)!, /resuming 'input' 0@3/);
    fresh.push('input', inputBatch([{ k: 'a' }], [base + 4000], 0));
    await fresh.end();
    assert.deepEqual(sink2.rows.map((r) => [r['k'], r['c']]).sort(), [['a', 3], ['b', 1]]);
  });

  it('skips a corrupt newest checkpoint and one of another query, logging each code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-coord-'));
    dirs.push(dir);
    const logs: string[] = [];
    const graph = graphWith(new MemorySink());
    const cp = new LiveCheckpoints({ dir, intervalMs: 0 }, 'fp-1', (l) => logs.push(l), () => 0);
    await cp.take(graph, [{ alias: 'input', topic: 't', offsets: new Map([[0, 1]]) }], 'periodic');
    await cp.take(graph, [{ alias: 'input', topic: 't', offsets: new Map([[0, 2]]) }], 'periodic');
    const [newest] = await cp.store.list();
    const bytes = await readFile(newest!);
    await writeFile(newest!, bytes.subarray(0, bytes.length - 1));
    const outcome = await new LiveCheckpoints({ dir, intervalMs: 0 }, 'fp-1', (l) => logs.push(l), () => 0).restore(graphWith(new MemorySink()));
    assert.deepEqual(outcome.kind === 'restored' ? [...outcome.positions.get('input')!] : outcome.kind, [[0, 1]]);
    assert.ok(logs.some((l) => /skipped .*checkpoint-000000000002\.ckpt: .*truncated.*\[SLUICE_CHECKPOINT_CORRUPT\]/.test(l)), logs.join('\n'));

    const other = await new LiveCheckpoints({ dir, intervalMs: 0 }, 'fp-2', (l) => logs.push(l), () => 0).restore(graphWith(new MemorySink()));
    assert.equal(other.kind, 'none');
    assert.ok(logs.some((l) => /\[SLUICE_CHECKPOINT_MISMATCH\]/.test(l)));
  });

  it('is due once the interval has passed, never with interval 0', () => {
    let t = 0;
    const cp = new LiveCheckpoints({ dir: '/nonexistent', intervalMs: 1000 }, 'fp', () => {}, () => t);
    t = 999;
    assert.equal(cp.due, false);
    t = 1000;
    assert.equal(cp.due, true);
    assert.equal(new LiveCheckpoints({ dir: '/nonexistent', intervalMs: 0 }, 'fp', () => {}, () => t + 1e9).due, false);
  });
});
