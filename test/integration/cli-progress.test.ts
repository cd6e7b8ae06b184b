// The backlog progress bar of `sluice run` on a real terminal: a job whose consumer group starts at the
// beginning of a topic holding a backlog shows the bar while lag falls, and the plain status line once it
// has caught up. The terminal is a pseudo-TTY from util-linux `script`; the broker is the shared test broker.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { RdkafkaAdmin, RdkafkaRecordWriter } from '../../src/connectors/kafka/index.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();
const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));
// Large enough that catching up takes a few status refreshes (the reader drains ~150 k events/s here).
const BACKLOG = 600_000;

function run(file: string, args: string[], timeoutMs = 120_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('sluice run: backlog progress bar on a terminal', { skip: skipWithoutBroker(broker) }, () => {
  let root = '';
  let topic = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'sluice-progress-'));
    topic = uniqueName('progress');
    const connection = connectionFor(broker!, 'None');
    const admin = new RdkafkaAdmin(connection);
    try {
      await admin.createTopic(topic, { partitions: 4, config: { 'message.timestamp.type': 'LogAppendTime' } });
      await admin.createTopic(`${topic}-out`, { partitions: 1 });
    } finally {
      await admin.close();
    }
    const writer = await RdkafkaRecordWriter.connect(connection);
    try {
      const base = Date.now() - 120_000;
      for (let i = 0; i < BACKLOG; i += 50_000) {
        const batch = [];
        for (let j = i; j < i + 50_000; j++) {
          batch.push({ value: Buffer.from(JSON.stringify({ deviceId: `sensor-${j % 50}`, temperature: 20 + (j % 7), EventTime: new Date(base + j).toISOString() })) });
        }
        await writer.write(topic, batch);
      }
    } finally {
      await writer.close();
    }
  });
  after(async () => { await rm(root, { recursive: true, force: true }); });

  it('draws the bar while the backlog is read, then the plain status line', async () => {
    const dir = join(root, 'job');
    assert.equal((await run(process.execPath, [CLI, 'init', dir, '--bootstrap', broker!.bootstrap.plaintext, '--topic', topic])).code, 0);
    // A new consumer group "where it left off" starts at the beginning: the whole topic is the backlog.
    const jobConfig = join(dir, 'JobConfig.json');
    await writeFile(jobConfig, (await readFile(jobConfig, 'utf8')).replace('"JobStartTime"', '"LastOutputEventTime"'));
    const output = join(dir, 'Outputs/output.json');
    await writeFile(output, (await readFile(output, 'utf8')).replace('"job-output"', JSON.stringify(`${topic}-out`)));
    const typescript = join(root, 'terminal.log');
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} run ${JSON.stringify(dir)} --no-checkpoint`;
    // `timeout -s INT` stops the job the way Ctrl-C does, once it has had time to catch up.
    const r = await run('timeout', ['-s', 'INT', '25', 'script', '-qfec', command, typescript]);
    const screen = (await readFile(typescript, 'utf8')).split('\r');
    const bars = screen.filter((l) => /% of backlog · \S+ behind/.test(l));
    assert.ok(bars.length >= 1, `no progress bar drawn (exit ${r.code}):\n${screen.join('\n').slice(-3000)}`);
    const last = screen.filter((l) => /· lag \d+/.test(l)).at(-1) ?? '';
    // After catching up: the status line without a bar (each redraw starts with ESC [2K after the \r split).
    assert.match(last.replace('\x1b[2K', ''), /^in .* lag 0(\n|$)/, 'after catching up: the status line without a bar');
    const percents = bars.map((l) => Number(/(\d+)% of backlog/.exec(l)![1]));
    assert.ok(percents.at(-1)! >= percents[0]!, `progress does not go backwards: ${percents.join(', ')}`);
  });
});
