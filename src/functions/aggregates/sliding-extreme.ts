// MIN and MAX for sliding windows, which take events back out in the order they came: a monotonic
// deque (for MAX, values in non-increasing order; a new value drops every smaller one before it, as
// none of those can be the maximum again while the new one is in the window). The front is the
// result; taking back the oldest value pops the front if it is that value. Each value enters and
// leaves once, so a window change costs O(1) amortized instead of a pass over the window.
// Values that do not compare (a number against a string) make remove() say no: the window then
// rebuilds the aggregate from its events, which keeps ExtremeAccumulator's rule for them.
import { compareValues, type AsaValue } from '../../types/index.ts';
import type { AggregateAccumulator } from './aggregate-def.ts';

export class SlidingExtremeAccumulator implements AggregateAccumulator {
  private deque: AsaValue[] = [];
  private head = 0;
  private incomparable = false;
  private readonly sign: number;

  constructor(sign: number) {
    this.sign = sign;
  }

  /** > 0 when `a` ranks before `b` (larger for MAX, smaller for MIN); null when they do not compare. */
  private rank(a: AsaValue, b: AsaValue): number | null {
    if (typeof a === 'number' && typeof b === 'number') return (a - b) * this.sign;
    const c = compareValues(a, b);
    return c === null ? null : c * this.sign;
  }

  add(value: AsaValue): void {
    if (value === null) return;
    const d = this.deque;
    while (d.length > this.head) {
      const r = this.rank(value, d[d.length - 1] as AsaValue);
      if (r === null) {
        this.incomparable = true;
        break;
      }
      if (r <= 0) break;
      d.pop();
    }
    d.push(value);
  }

  remove(value: AsaValue): boolean {
    if (this.incomparable) return false;
    if (value === null || this.head === this.deque.length) return true;
    if (this.rank(value, this.deque[this.head] as AsaValue) === 0) {
      this.head++;
      if (this.head > 32 && this.head * 2 > this.deque.length) {
        this.deque = this.deque.slice(this.head);
        this.head = 0;
      }
    }
    return true;
  }

  merge(other: AggregateAccumulator): void {
    const o = other as SlidingExtremeAccumulator;
    for (let i = o.head; i < o.deque.length; i++) this.add(o.deque[i] as AsaValue);
  }

  result(): AsaValue {
    return this.head < this.deque.length ? (this.deque[this.head] as AsaValue) : null;
  }
}
