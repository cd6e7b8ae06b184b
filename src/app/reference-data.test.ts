// Reference data sources on real files: a File input's file is read whole (a JSON array), read again
// once its modification time changes, and a failed re-read keeps the previous table; a reference input
// is recognised from its definition or its mock.
import assert from 'node:assert/strict';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { InputSpec } from '../job/index.ts';
import type { Project } from '../project/index.ts';
import type { AsaRecord } from '../types/index.ts';
import { fileReferenceSource, isReferenceInput, startReferenceData } from './reference-data.ts';

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const waitFor = async (ok: () => boolean): Promise<void> => {
  const deadline = Date.now() + 5000;
  while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
};

describe('reference data', () => {
  it('reads a File reference input, re-reads it when it changes, keeps the last table when a re-read fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-ref-'));
    dirs.push(dir);
    const file = join(dir, 'sites.json');
    await writeFile(file, JSON.stringify([{ id: 1, name: 'a' }]));
    const spec = { alias: 'sites', kind: 'reference', source: { kind: 'file', properties: { path: 'sites.json' } }, serialization: { type: 'Json' } } as unknown as InputSpec;
    const project = { rootDir: dir, job: { inputs: [spec] } } as unknown as Project;
    assert.equal(isReferenceInput(project, 'SITES'), true);
    const source = fileReferenceSource(spec, project, 30);
    assert.ok(source);
    const loads: AsaRecord[][] = [];
    const logs: string[] = [];
    const running = await startReferenceData([source], (_a, rows) => loads.push(rows), (line) => logs.push(line));
    try {
      assert.deepEqual(loads, [[{ id: 1, name: 'a' }]]);
      await writeFile(file, JSON.stringify([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]));
      await utimes(file, new Date(), new Date(Date.now() + 5000));
      await waitFor(() => loads.length === 2);
      assert.deepEqual(loads[1]?.map((r) => r['id']), [1, 2]);
      await writeFile(file, '[{"id": ');
      await utimes(file, new Date(), new Date(Date.now() + 10_000));
      await waitFor(() => logs.some((l) => l.includes('refresh failed')));
      assert.equal(loads.length, 2, 'a broken file does not replace the table');
    } finally {
      running.stop();
    }
  });

  it('a stream input is not reference data', () => {
    const project = { job: { inputs: [{ alias: 'events', kind: 'stream' }] } } as unknown as Project;
    assert.equal(isReferenceInput(project, 'events'), false);
  });
});
