// Fault tests on the engine process itself, against the real broker and real `sluice run` processes:
// - kill -9 mid-stream, then a restart: the newest checkpoint is restored and its offsets resumed, so every
//   input event is counted — per key and window, COUNT and SUM equal an uninterrupted run's; a window
//   written both before the crash and after the replay says the same both times (at-least-once).
// - SIGTERM during a burst with 1% malformed messages: the engine drains, checkpoints, commits and exits 0;
//   the restart resumes exactly there — no window is missing and none is written twice; every malformed
//   message is skipped and counted exactly once.
import assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RdkafkaRecordWriter } from '../../src/connectors/kafka/index.ts';
import { connectionFor, createTopics, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';
import { assertWindows, collect, delay, expectedWindows, kafkaRows, killEngines, produce, readTopic, startEngine, waitForLog, writeProject } from './fault-harness.ts';

const broker = requireBroker();
const dirs: string[] = [];

describe('engine faults', { skip: skipWithoutBroker(broker) }, () => {
  after(async () => {
    killEngines();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('kill -9 mid-stream, restart: every event is accounted for', async () => {
    const plain = connectionFor(broker!, 'None');
    const input = uniqueName('fault-kill-in');
    const output = uniqueName('fault-kill-out');
    await createTopics(plain, { [input]: { partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime' } }, [output]: { partitions: 1 } });
    const dir = await writeProject({ name: uniqueName('kill'), bootstrap: broker!.bootstrap.plaintext, topic: input, output: { kind: 'kafka', bootstrap: broker!.bootstrap.plaintext, topic: output } });
    dirs.push(dir);
    const writer = await RdkafkaRecordWriter.connect(plain);
    let producing: Promise<number> | undefined;
    try {
      const first = await startEngine(dir);
      // ~6 s of events; the crash comes in the middle, after a few checkpoints.
      producing = produce(writer, input, 0, 3000, { chunk: 50, pauseMs: 100 });
      await waitForLog(first, /checkpoint: periodic: wrote(.|\n)*checkpoint: periodic: wrote/);
      await delay(500);
      first.child.kill('SIGKILL');
      await first.exited;
      const second = await startEngine(dir);
      await producing;
      assert.match(second.log(), /checkpoint: restored .*checkpoint-\d+\.ckpt/);
      const expected = expectedWindows(await readTopic(plain, input));
      // The killed consumer keeps its group membership until the session timeout (45 s): only then does the
      // restarted engine get the partition, read the backlog and close the last windows.
      const got = await assertWindows(expected, async () => collect(kafkaRows(await readTopic(plain, output))).windows, 100_000);
      const total = [...got.values()].reduce((n, w) => n + w.c, 0);
      assert.equal(total, 3000);
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, 0, second.log());
    } finally {
      killEngines();
      await producing?.catch(() => 0);
      await writer.close();
    }
  });

  it('SIGTERM during a burst with 1% malformed messages: drains, checkpoints, commits, exits 0; the restart leaves no gap', async () => {
    const plain = connectionFor(broker!, 'None');
    const input = uniqueName('fault-term-in');
    const output = uniqueName('fault-term-out');
    await createTopics(plain, { [input]: { partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime' } }, [output]: { partitions: 1 } });
    const dir = await writeProject({ name: uniqueName('term'), bootstrap: broker!.bootstrap.plaintext, topic: input, output: { kind: 'kafka', bootstrap: broker!.bootstrap.plaintext, topic: output } });
    dirs.push(dir);
    const writer = await RdkafkaRecordWriter.connect(plain);
    try {
      const first = await startEngine(dir, ['--checkpoint-interval', '0']);
      // A burst: 6000 events as fast as the producer goes; SIGTERM lands while they are being read.
      const burst = produce(writer, input, 0, 6000, { chunk: 500, malformedEvery: 100 });
      await delay(400);
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0, first.log());
      assert.match(first.log(), /SIGTERM: draining/);
      assert.match(first.log(), /checkpoint: stopping: wrote/);
      const malformed = await burst;
      const second = await startEngine(dir, ['--checkpoint-interval', '0']);
      assert.match(second.log(), /checkpoint: restored/);
      await produce(writer, input, 6000, 7000, { chunk: 100, pauseMs: 50, malformedEvery: 100 });
      const expected = expectedWindows(await readTopic(plain, input));
      let rows = kafkaRows(await readTopic(plain, output));
      await assertWindows(expected, async () => {
        rows = kafkaRows(await readTopic(plain, output));
        return collect(rows).windows;
      });
      // A graceful stop replays nothing: no window is written twice.
      assert.equal(collect(rows).duplicates, 0);
      second.child.kill('SIGTERM');
      assert.equal(await second.exited, 0, second.log());
      const skipped = [first.log(), second.log()].map((l) => Number(/input {2}'readings': \d+ events, (\d+) messages skipped/.exec(l)?.[1] ?? NaN));
      assert.equal(skipped[0]! + skipped[1]!, malformed + 10, 'every malformed message skipped and counted once');
      assert.ok((await readdir(join(dir, '.sluice', 'checkpoints'))).filter((n) => n.endsWith('.ckpt')).length <= 3);
    } finally {
      killEngines();
      await writer.close();
    }
  });
});
