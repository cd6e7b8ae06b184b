import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MinHeap } from './min-heap.ts';

describe('MinHeap', () => {
  it('pops in key order, equal keys in insertion order, whatever the order of pushes (seeded random)', () => {
    let s = 12345;
    const next = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const heap = new MinHeap<number>();
    const pushed: { id: number; key: number }[] = [];
    for (let id = 0; id < 5000; id++) {
      const key = Math.floor(next() * 300);
      heap.push(id, key);
      pushed.push({ id, key });
      // Interleave pops, as eviction does between batches.
      if (id % 7 === 6) {
        pushed.sort((a, b) => a.key - b.key || a.id - b.id);
        assert.equal(heap.pop(), pushed.shift()?.id);
      }
    }
    pushed.sort((a, b) => a.key - b.key || a.id - b.id);
    assert.deepEqual(heap.sorted().map((x) => x.item), pushed.map((p) => p.id));
    const popped: number[] = [];
    while (heap.size > 0) popped.push(heap.pop() as number);
    assert.deepEqual(popped, pushed.map((p) => p.id));
    assert.equal(heap.peekKey(), Infinity);
    assert.equal(heap.pop(), undefined);
  });
});
