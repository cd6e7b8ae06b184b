import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KafkaRecord } from '../connectors/kafka/index.ts';
import { advancePositions } from './checkpoint-positions.ts';

const rec = (partition: number, offset: number): KafkaRecord => ({ topic: 't', partition, offset, key: null, value: null, timestamp: 0, headers: [] });

describe('advancePositions', () => {
  it('moves each partition past what was read and returns the same array when nothing is stale', () => {
    const position = new Map<number, number>();
    const batch = [rec(0, 0), rec(1, 5), rec(0, 1)];
    assert.equal(advancePositions(batch, position), batch);
    assert.deepEqual([...position], [[0, 2], [1, 6]]);
  });

  it('drops records below the position: a batch re-delivered after a rebalance, even within the same read', () => {
    const position = new Map([[0, 10]]);
    const got = advancePositions([rec(0, 8), rec(0, 9), rec(0, 10), rec(1, 0), rec(0, 11), rec(0, 10), rec(0, 11), rec(0, 12)], position);
    assert.deepEqual(got.map((r) => `${r.partition}@${r.offset}`), ['0@10', '1@0', '0@11', '0@12']);
    assert.deepEqual([...position], [[0, 13], [1, 1]]);
  });
});
