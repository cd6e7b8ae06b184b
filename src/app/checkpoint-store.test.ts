import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { SluiceError } from '../common/index.ts';
import { AsaDateTime } from '../types/index.ts';
import { CheckpointStore, type Checkpoint } from './checkpoint-store.ts';

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'sluice-ckpt-'));
  dirs.push(d);
  return d;
}

function checkpointNo(n: number): Checkpoint {
  return {
    createdAtMs: 1_700_000_000_000 + n,
    graph: { fingerprint: 'abc', operators: [{ id: '0:source in', state: { n, at: new AsaDateTime(n, 1) }, watermarks: { watermark: n, inputs: [n] } }] },
    inputs: [{ alias: 'in', topic: 't', offsets: new Map([[0, n * 10], [1, n * 10 + 1]]) }],
  };
}

describe('CheckpointStore', () => {
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('writes atomically, keeps the newest N and loads the newest', async () => {
    const dir = await freshDir();
    const store = new CheckpointStore(join(dir, 'nested', 'ckpt'), 3);
    assert.equal(await store.loadNewest(() => assert.fail('nothing to skip')), undefined);
    for (let n = 1; n <= 5; n++) await store.write(checkpointNo(n));
    const names = await readdir(store.dir);
    assert.deepEqual(names.sort(), ['checkpoint-000000000003.ckpt', 'checkpoint-000000000004.ckpt', 'checkpoint-000000000005.ckpt']);
    const loaded = await store.loadNewest(() => assert.fail('nothing to skip'));
    assert.deepEqual(loaded?.checkpoint, checkpointNo(5));
    // A new store on the same directory continues the sequence.
    const again = new CheckpointStore(store.dir, 3);
    await again.write(checkpointNo(6));
    assert.equal((await again.list())[0], join(store.dir, 'checkpoint-000000000006.ckpt'));
  });

  it('reports a corrupt or truncated checkpoint with a specific code and falls back to the previous one', async () => {
    const dir = await freshDir();
    const store = new CheckpointStore(dir, 5);
    for (let n = 1; n <= 4; n++) await store.write(checkpointNo(n));
    const [f4, f3, f2] = await store.list();
    // Flip one payload byte in the newest, cut the next, replace the third with garbage.
    const b4 = await readFile(f4!);
    b4[b4.length - 3] = (b4[b4.length - 3] as number) ^ 0xff;
    await writeFile(f4!, b4);
    await truncate(f3!, (await readFile(f3!)).length - 7);
    await writeFile(f2!, 'not a checkpoint');
    // A temp file left by a writer killed before its rename is not a checkpoint.
    await writeFile(join(dir, '.checkpoint-000000000009.ckpt.1.tmp'), 'partial');
    const skipped: SluiceError[] = [];
    const loaded = await store.loadNewest((e) => skipped.push(e));
    assert.deepEqual(loaded?.checkpoint, checkpointNo(1));
    assert.deepEqual(skipped.map((e) => e.code), ['SLUICE_CHECKPOINT_CORRUPT', 'SLUICE_CHECKPOINT_CORRUPT', 'SLUICE_CHECKPOINT_CORRUPT']);
    assert.match(skipped[0]!.message, /checksum does not match/);
    assert.match(skipped[1]!.message, /truncated/);
    assert.match(skipped[2]!.message, /no sluice checkpoint header/);
    // The stray temp file is pruned by the next write.
    await store.write(checkpointNo(5));
    assert.ok(!(await readdir(dir)).some((n) => n.endsWith('.tmp')));
  });

  it('lets the caller refuse a checkpoint (e.g. another query) and try the next', async () => {
    const store = new CheckpointStore(await freshDir(), 3);
    await store.write(checkpointNo(1));
    await store.write(checkpointNo(2));
    const refused: string[] = [];
    const loaded = await store.loadNewest((e) => refused.push(e.code), (c) => {
      if (c.createdAtMs % 2 === 0) throw Object.assign(new (class extends Error {})('x'), {});
    });
    assert.equal(loaded?.checkpoint.createdAtMs, checkpointNo(1).createdAtMs);
    assert.deepEqual(refused, ['SLUICE_CHECKPOINT_CORRUPT']);
  });
});
