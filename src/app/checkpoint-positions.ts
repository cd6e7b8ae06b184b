// Live mode's read positions: per partition, the next offset whose event is not yet in the state. They are
// what a checkpoint records, where a partition resumes after a rebalance (SubscribeOptions.positionOf), and
// a filter: a record below its partition's position was already processed in this run and is dropped.
// That filter matters because a rebalance can race a read — librdkafka may hand over a batch fetched under
// the old assignment after the partition was re-assigned at the position the engine knew before that batch,
// so the same records arrive twice; counting them twice would corrupt the state.
import type { KafkaRecord } from '../connectors/kafka/index.ts';

/**
 * Drops records already processed and moves `position` past the rest; returns what is new (the same array
 * when all is). Checked record by record: one read can hold a batch from before a rebalance and its
 * re-delivery after it.
 */
export function advancePositions(records: KafkaRecord[], position: Map<number, number>): KafkaRecord[] {
  let fresh: KafkaRecord[] | undefined;
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as KafkaRecord;
    if (r.offset < (position.get(r.partition) ?? -1)) {
      fresh ??= records.slice(0, i);
      continue;
    }
    position.set(r.partition, r.offset + 1);
    fresh?.push(r);
  }
  return fresh ?? records;
}
