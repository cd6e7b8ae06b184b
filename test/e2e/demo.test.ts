// `npm run demo`, shortened: the development broker (librdkafka's mock cluster) starts in-process, the demo
// feeds it telemetry, examples/telemetry runs through runLive, and closed windows and alerts come back from
// the output topics. Needs no shared broker.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const DEMO = fileURLToPath(new URL('../../scripts/demo.ts', import.meta.url));

function demo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [DEMO, ...args], { timeout: 90_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run demo', () => {
  it('runs the telemetry example on the development broker, shows closed windows, and exits 0', async () => {
    const started = Date.now();
    const { code, stdout, stderr } = await demo(['--duration', '20s', '--devices', '20']);
    assert.equal(code, 0, `exit ${code}\n${stdout}\n${stderr}`);
    assert.match(stdout, /development broker: librdkafka's in-process mock cluster at 127\.0\.0\.1:\d+/);
    assert.match(stdout, /sluice: running: 'telemetry' ← telemetry-\d+/);
    // At least one full 5-second window: every one of the 20 devices, about two readings a second each (on a
    // busy machine the generator's ticks may slip, and readings late beyond the job's tolerance move on).
    const windows = [...stdout.matchAll(/\u25a3 window ending \d\d:\d\d:\d\d: (\d+) devices, (\d+) readings, mean (\d+\.\d)\s\u00b0C/g)];
    assert.ok(windows.some((w) => w[1] === '20' && Number(w[2]) >= 120 && Number(w[2]) <= 260), `no full window in:\n${stdout}`);
    for (const w of windows) assert.ok(Number(w[3]) > 15 && Number(w[3]) < 35, `a plausible mean temperature: ${w[0]}`);
    const done = /done: produced (\d+) readings; sluice read (\d+) and wrote (\d+) device averages in (\d+) windows/.exec(stdout);
    assert.ok(done, stdout);
    // The readings stop first and sluice a moment later, so it has read them all.
    assert.equal(done[2], done[1], 'sluice read every reading the demo produced');
    assert.ok(Number(done[3]) >= 20, 'the device averages of at least one window came back from the output topic');
    assert.ok(Date.now() - started < 60_000, 'the demo ends by itself');
  });

  it('refuses an unknown option with exit code 2 and the usage', async () => {
    const { code, stderr } = await demo(['--nope']);
    assert.equal(code, 2);
    assert.match(stderr, /usage: npm run demo/);
  });
});
