// Runs a fixture-generating Python script (pyarrow, fastavro, protobuf: independent producers) into a
// fresh temp dir at test time, so no binary fixtures are committed. One script per format keeps the
// number of Python start-ups (~0.5 s each) small.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PYTHON = process.env.SLUICE_TEST_PYTHON ?? '/root/.cache/sluice/venv/bin/python';

export interface FixtureDir {
  dir: string;
  read(name: string): Uint8Array;
  cleanup(): void;
}

export function runPythonFixtures(script: string, prefix: string, env: Record<string, string> = {}): FixtureDir {
  const dir = mkdtempSync(join(tmpdir(), `sluice-${prefix}-`));
  execFileSync(PYTHON, ['-c', script, dir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  return {
    dir,
    read: (name) => new Uint8Array(readFileSync(join(dir, name))),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
