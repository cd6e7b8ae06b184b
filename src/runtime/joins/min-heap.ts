// A binary min-heap ordered by a numeric key, ties broken by insertion order. The JOIN buffers and its
// output queue need "pop everything below the watermark" while events come in the order their
// partitions are read — not in time order. A sorted array costs O(n) per out-of-order insert, which turned
// a backlog catch-up across 4 partitions quadratic; a heap is O(log n) whatever the order.
export class MinHeap<T> {
  private items: T[] = [];
  private keys: number[] = [];
  private seqs: number[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(item: T, key: number): void {
    const items = this.items;
    const keys = this.keys;
    const seqs = this.seqs;
    let i = items.length;
    const s = this.seq++;
    items.push(item);
    keys.push(key);
    seqs.push(s);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p] as number;
      if (pk < key || (pk === key && (seqs[p] as number) < s)) break;
      items[i] = items[p] as T;
      keys[i] = pk;
      seqs[i] = seqs[p] as number;
      i = p;
    }
    items[i] = item;
    keys[i] = key;
    seqs[i] = s;
  }

  /** The smallest key, or +Infinity when empty. */
  peekKey(): number {
    return this.items.length === 0 ? Infinity : (this.keys[0] as number);
  }

  /** Removes and returns the item with the smallest key (the oldest of equal keys). */
  pop(): T | undefined {
    const items = this.items;
    const n = items.length;
    if (n === 0) return undefined;
    const top = items[0] as T;
    const lastItem = items.pop() as T;
    const lastKey = this.keys.pop() as number;
    const lastSeq = this.seqs.pop() as number;
    if (n > 1) this.siftDown(lastItem, lastKey, lastSeq);
    return top;
  }

  /** Every item with its key, smallest first (for checkpoints; does not change the heap). */
  sorted(): { item: T; key: number }[] {
    const order = this.items.map((_, i) => i);
    order.sort((a, b) => (this.keys[a] as number) - (this.keys[b] as number) || (this.seqs[a] as number) - (this.seqs[b] as number));
    return order.map((i) => ({ item: this.items[i] as T, key: this.keys[i] as number }));
  }

  private siftDown(item: T, key: number, s: number): void {
    const items = this.items;
    const keys = this.keys;
    const seqs = this.seqs;
    const n = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && ((keys[r] as number) < (keys[l] as number) || ((keys[r] as number) === (keys[l] as number) && (seqs[r] as number) < (seqs[l] as number)))) c = r;
      const ck = keys[c] as number;
      if (key < ck || (key === ck && s < (seqs[c] as number))) break;
      items[i] = items[c] as T;
      keys[i] = ck;
      seqs[i] = seqs[c] as number;
      i = c;
    }
    items[i] = item;
    keys[i] = key;
    seqs[i] = s;
  }
}
