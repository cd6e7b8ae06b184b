// `sluice init`: the scaffold loads, passes its own test case with `sluice test`, runs locally, and explains;
// bad names, a non-empty folder and a missing argument are refused with the documented exit codes.
// (`sluice check` and a live run of the scaffold against the real broker: test/integration/cli-init.test.ts.)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

const CLI = fileURLToPath(new URL('../sluice.ts', import.meta.url));

function sluice(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('sluice init', () => {
  let root = '';
  before(async () => { root = await mkdtemp(join(tmpdir(), 'sluice-init-')); });
  after(async () => { await rm(root, { recursive: true, force: true }); });

  it('scaffolds a project whose test case passes with sluice test', async () => {
    const dir = join(root, 'sensor-job');
    const made = await sluice(['init', dir, '--bootstrap', 'kafka.example.com:9092', '--topic', 'sensor-readings']);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /created ASA project 'sensor-job'/);
    const input = await readFile(join(dir, 'Inputs/input.json'), 'utf8');
    assert.match(input, /LogAppendTime/);
    assert.match(input, /"BootstrapServers": "kafka\.example\.com:9092"/);
    assert.match(input, /"Topic": "sensor-readings"/);
    const tested = await sluice(['test', dir, '--outputPath', join(root, 'results')]);
    assert.equal(tested.code, 0, `${tested.stdout}\n${tested.stderr}`);
    const summary = JSON.parse(await readFile(join(root, 'results/testResultSummary.json'), 'utf8')) as { Total: number; Passed: number };
    assert.deepEqual([summary.Total, summary.Passed], [1, 1]);
  });

  it('scaffolds a project that runs locally and explains without warnings', async () => {
    const dir = join(root, 'local-job');
    assert.equal((await sluice(['init', dir])).code, 0);
    const local = await sluice(['run', dir, '--local', '--output-dir', join(root, 'local-out')]);
    assert.equal(local.code, 0, local.stderr);
    assert.doesNotMatch(local.stdout, /warning/);
    assert.match(local.stdout, /output 'output': 4 rows/);
    const explained = await sluice(['explain', dir]);
    assert.equal(explained.code, 0, explained.stderr);
    assert.match(explained.stdout, /tumbling/i);
    assert.match(explained.stdout, /partitioning:\n {2}input \S+: Kafka topic/);
  });

  it('a failing expectation makes the scaffold\'s test fail: the test case checks real output', async () => {
    const dir = join(root, 'edited-job');
    assert.equal((await sluice(['init', dir])).code, 0);
    const expected = join(dir, 'test/case1/output.json');
    await writeFile(expected, (await readFile(expected, 'utf8')).replace('"avgTemperature":22', '"avgTemperature":22.5'));
    const tested = await sluice(['test', dir, '--outputPath', join(root, 'edited-results')]);
    assert.equal(tested.code, 1);
  });

  it('refuses a non-empty folder (exit 1), a bad name and a missing folder argument (exit 2)', async () => {
    const dir = join(root, 'taken');
    assert.equal((await sluice(['init', dir])).code, 0);
    const again = await sluice(['init', dir]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /SLUICE_INIT_NOT_EMPTY/);
    const badName = await sluice(['init', join(root, 'x'), '--name', 'has space']);
    assert.equal(badName.code, 2);
    assert.match(badName.stderr, /job name "has space"/);
    const badBootstrap = await sluice(['init', join(root, 'y'), '--bootstrap', 'nohostport']);
    assert.equal(badBootstrap.code, 2);
    const missing = await sluice(['init']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing required argument 'dir'/);
  });

  it('shows examples in its help', async () => {
    const help = await sluice(['init', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Examples:\n {2}sluice init \.\/my-job/);
  });
});
