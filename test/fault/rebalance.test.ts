// Partition reassignment: a consumer-group rebalance while the job runs. A second member joins the job's
// consumer group, takes one of the input's two partitions for a few seconds (reading, never committing)
// and leaves; the partition comes back to the engine. Chosen over adding partitions to the topic because
// librdkafka notices new partitions only at its next metadata refresh (5 minutes by default), while a
// member joining or leaving — a second instance started or stopped, a deploy — revokes and reassigns at
// once, through the same assignment path. The engine must resume the returning partition where its own
// state is (not at the group's older committed offset): every event counted, none twice.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, describe, it } from 'node:test';
import { RdkafkaRecordReader, RdkafkaRecordWriter } from '../../src/connectors/kafka/index.ts';
import { connectionFor, createTopics, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';
import { collect, delay, kafkaRows, killEngines, produce, readTopic, startEngine, waitForLog, writeProject, WINDOW_MS, LATE_S } from './fault-harness.ts';

const broker = requireBroker();
const dirs: string[] = [];

describe('partition reassignment', { skip: skipWithoutBroker(broker) }, () => {
  after(async () => {
    killEngines();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('a member joins and leaves the job\'s consumer group: every event is counted exactly once', async () => {
    const plain = connectionFor(broker!, 'None');
    const input = uniqueName('fault-rebalance-in');
    const output = uniqueName('fault-rebalance-out');
    const group = uniqueName('fault-rebalance-group');
    await createTopics(plain, { [input]: { partitions: 2, config: { 'message.timestamp.type': 'LogAppendTime' } }, [output]: { partitions: 1 } });
    const dir = await writeProject({ name: uniqueName('rebalance'), bootstrap: broker!.bootstrap.plaintext, topic: input, consumerGroup: group, output: { kind: 'kafka', bootstrap: broker!.bootstrap.plaintext, topic: output } });
    dirs.push(dir);
    const writer = await RdkafkaRecordWriter.connect(plain);
    let producing: Promise<number> | undefined;
    try {
      const engine = await startEngine(dir);
      producing = produce(writer, input, 0, 4000, { partitions: 2, chunk: 40, pauseMs: 100 });
      await waitForLog(engine, /checkpoint: periodic: wrote/);
      // The intruder: same group, same topic; it holds its share of the partitions until it leaves.
      const intruder = await RdkafkaRecordReader.connect(plain, { groupId: group });
      let taken = 0;
      try {
        let assigned = 0;
        intruder.subscribe([input], { assigned: (ps) => { assigned += ps.length; } });
        const until = Date.now() + 8000;
        while (Date.now() < until) taken += (await intruder.read(500, 200)).length;
        assert.ok(assigned > 0, 'the second member was never assigned a partition');
      } finally {
        await intruder.close();
      }
      assert.ok(taken > 0, 'the second member read nothing: no partition moved');
      await producing;
      // Everything in: totals over all windows must equal the input's (no window is written twice).
      let rows = kafkaRows(await readTopic(plain, output));
      const deadline = Date.now() + 60_000;
      const total = () => [...collect(rows).windows.values()].reduce((n, w) => n + w.c, 0);
      while (total() < 4000 && Date.now() < deadline) {
        await delay(1000);
        rows = kafkaRows(await readTopic(plain, output));
      }
      await delay(WINDOW_MS + LATE_S * 1000);
      rows = kafkaRows(await readTopic(plain, output));
      const { windows, duplicates } = collect(rows);
      assert.equal(duplicates, 0, 'a window was written twice');
      assert.equal([...windows.values()].reduce((n, w) => n + w.c, 0), 4000, 'events counted');
      assert.equal([...windows.values()].reduce((n, w) => n + w.s, 0), (3999 * 4000) / 2, 'sum of values');
      engine.child.kill('SIGTERM');
      assert.equal(await engine.exited, 0, engine.log());
    } finally {
      killEngines();
      await producing?.catch(() => 0);
      await writer.close();
    }
  });
});
