// Every project in examples/ passes its own test cases with `sluice test`, as a user runs it: the CLI on
// the project folder, ASA's testConfig.json and testResultSummary.json.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';

const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

function sluice(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const projects = (await readdir(EXAMPLES, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('examples/', () => {
  const dirs: string[] = [];
  after(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

  it('holds the four example projects', () => {
    for (const name of ['clickstream', 'fraud-detection', 'telemetry', 'toll-booth']) assert.ok(projects.includes(name), `examples/${name}`);
  });

  for (const name of projects) {
    it(`${name}: sluice test passes every case`, async () => {
      const out = await mkdtemp(join(tmpdir(), `sluice-example-${name}-`));
      dirs.push(out);
      const { code, stdout, stderr } = await sluice(['test', join(EXAMPLES, name), '--outputPath', out]);
      assert.equal(code, 0, `${stdout}\n${stderr}`);
      const summary = JSON.parse(await readFile(join(out, 'testResultSummary.json'), 'utf8')) as { Total: number; Passed: number; Failed: number };
      assert.ok(summary.Total >= 1);
      assert.equal(summary.Passed, summary.Total);
      assert.equal(summary.Failed, 0);
    });

    it(`${name}: sluice run --local runs on the project's sample data`, async () => {
      const out = await mkdtemp(join(tmpdir(), `sluice-example-${name}-local-`));
      dirs.push(out);
      const { code, stdout, stderr } = await sluice(['run', join(EXAMPLES, name), '--local', '--output-dir', out]);
      assert.equal(code, 0, `${stdout}\n${stderr}`);
      assert.match(stdout, /output '\w+': [1-9]\d* rows/);
    });
  }
});
