// Makes a batch's files appear whole or not at all: each is written under a hidden temporary name in its
// final folder, fsynced, and only then renamed (rename within one folder is atomic on POSIX), after which
// the folder itself is fsynced so the new name survives a crash. All temporary files of a batch are
// written before any is renamed, so a failure while writing (disk full, permissions) leaves nothing
// visible and the whole batch can be retried.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface PlannedFile {
  path: string;
  bytes: Uint8Array;
}

/** Temporary names start with "." and end in ".tmp": readers listing output files skip them. */
export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

export async function writeFilesAtomically(files: readonly PlannedFile[]): Promise<void> {
  const staged: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      const dir = dirname(f.path);
      await mkdir(dir, { recursive: true });
      const tmp = join(dir, `.${basename(f.path)}.${randomBytes(6).toString('hex')}.tmp`);
      staged.push({ tmp, path: f.path });
      const fh = await open(tmp, 'wx', 0o644);
      try {
        await fh.writeFile(f.bytes);
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
  } catch (err) {
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    throw err;
  }
  for (const s of staged) await rename(s.tmp, s.path);
  for (const dir of new Set(staged.map((s) => dirname(s.path)))) await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
