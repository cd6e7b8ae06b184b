// SUM and AVG (SUM page, AVG page): NULLs are skipped; the result is NULL when there was no value.
// SUM keeps the input type (bigint stays exact: it moves to a JS bigint past 2^53); AVG returns float
// (the docs print 70 for an average of bigints — open question 6; sluice types it float so whole
// results print as 70.0, and the conformance runner compares numbers by value).
import { arithmetic, type AsaValue, type StaticType } from '../../types/index.ts';
import type { AggregateAccumulator, AggregateDef, PaneKernel } from './aggregate-def.ts';
import { addExact, roundedSum } from './exact-float-sum.ts';
import { numberOf } from './numeric-value.ts';

// Subtracting (hopping and sliding windows take evicted events back out) is exact only while every
// term is a whole number and the total stays a safe integer; otherwise unmerge/remove say no and the
// window rebuilds the sum from what is still in it, so results stay those of a plain sum.
class SumAccumulator implements AggregateAccumulator {
  sum: AsaValue = null;
  float = false;
  /** Values added (the result is NULL again when they have all been taken back). */
  n = 0;
  /**
   * The exact sum of the float sums merged in (a hopping window's running total, see AvgAccumulator): a pane
   * leaving is taken back out exactly. Null until the first merge; unused while every value is whole (the
   * plain sum is exact then, and moves to a JS bigint past 2^53).
   */
  partials: number[] | null = null;
  /** A bigint, a non-finite value or an overflow made the exact float sum impossible. */
  inexact = false;
  add(value: AsaValue): void {
    if (value === null) return;
    this.n++;
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) this.float = true;
      const s = this.sum;
      if (s === null) this.sum = value;
      else if (typeof s === 'number') {
        const r = s + value;
        this.sum = this.float || Number.isSafeInteger(r) ? r : arithmetic('+', s, value);
      } else this.sum = arithmetic('+', s, value, this.float);
      return;
    }
    const n = typeof value === 'bigint' ? value : numberOf(value);
    if (n === undefined) {
      this.n--;
      return;
    }
    this.sum = this.sum === null ? n : arithmetic('+', this.sum, n, this.float);
  }
  /** Adds v to the exact partials (starting them from the sum so far). */
  private track(v: AsaValue): void {
    if (this.inexact) return;
    if (this.partials === null) {
      const s = this.sum;
      if (s !== null && typeof s !== 'number') {
        this.inexact = true;
        return;
      }
      this.partials = s === null ? [] : [s];
    }
    if (typeof v !== 'number' || !addExact(this.partials, v)) {
      this.inexact = true;
      this.partials = null;
    }
  }
  merge(other: AggregateAccumulator): void {
    const o = other as SumAccumulator;
    this.mergeParts(o.sum, o.n, o.float, o.inexact ? Number.NaN : o.total());
  }
  /** merge of an accumulator holding these (`total`: its exact sum, NaN when it has none). */
  mergeParts(sum: AsaValue, n: number, float: boolean, total: number): void {
    if (float) this.float = true;
    if (sum !== null) {
      this.track(total);
      this.add(sum);
      this.n += n - 1;
    }
  }
  unmerge(other: AggregateAccumulator): boolean {
    const o = other as SumAccumulator;
    return this.unmergeParts(o.sum, o.n, o.float, o.inexact, o.total());
  }
  unmergeParts(sum: AsaValue, n: number, float: boolean, inexact: boolean, total: number): boolean {
    if (sum === null || n === 0) return true;
    const p = this.partials;
    if ((this.float || float) && p !== null && !this.inexact && !inexact) {
      if (!addExact(p, -total)) {
        this.inexact = true;
        this.partials = null;
        return false;
      }
      this.n -= n;
      this.sum = this.n === 0 ? null : roundedSum(p);
      return true;
    }
    if (!this.subtract(sum, n, float)) return false;
    // Whole values: the plain sum is exact; the partials follow it for a float that may come later.
    if (p !== null && !this.inexact) this.track(typeof sum === 'number' ? -sum : Number.NaN);
    return true;
  }
  reset(): void {
    this.sum = null;
    this.float = false;
    this.n = 0;
    this.partials = null;
    this.inexact = false;
  }
  remove(value: AsaValue): boolean {
    if (value === null) return true;
    if (this.partials !== null) return false;
    const v = typeof value === 'bigint' ? value : numberOf(value);
    if (v === undefined) return true;
    return this.subtract(v, 1, typeof v === 'number' && !Number.isInteger(v));
  }
  private subtract(v: number | bigint | AsaValue, n: number, float: boolean): boolean {
    const s = this.sum;
    if (float || this.float || typeof s !== 'number' || typeof v !== 'number' || !Number.isSafeInteger(s) || !Number.isSafeInteger(v)) return false;
    this.n -= n;
    this.sum = this.n === 0 ? null : s - v;
    return true;
  }
  /** The sum as a number for the partials: exact and rounded once when merged with floats, else plain. */
  total(): number {
    if (this.float && this.partials !== null && !this.inexact) return roundedSum(this.partials);
    return typeof this.sum === 'number' ? this.sum : Number.NaN;
  }
  result(): AsaValue {
    if (this.n === 0) return this.sum;
    return this.float && this.partials !== null && !this.inexact ? roundedSum(this.partials) : this.sum;
  }
}

class AvgAccumulator implements AggregateAccumulator {
  sum = 0;
  n = 0;
  /** A non-integer was added (kept for saved state; exactness is the partials' job). */
  float = false;
  /**
   * The exact sum of what was merged in (hopping windows' running totals): pane sums go in and come back out
   * exactly, so a running average equals one rebuilt from the window's panes. Null until the first merge.
   */
  partials: number[] | null = null;
  /** A non-finite value or an overflow made exact sums impossible: `sum` (plain) is the result. */
  inexact = false;
  add(value: AsaValue): void {
    const v = typeof value === 'number' ? value : value === null ? undefined : numberOf(value);
    if (v === undefined) return;
    if (!Number.isInteger(v)) this.float = true;
    this.sum += v;
    this.n++;
    if (this.partials !== null && !addExact(this.partials, v)) this.inexact = true;
  }
  merge(other: AggregateAccumulator): void {
    const o = other as AvgAccumulator;
    this.mergeParts(o.sum, o.n, o.float, o.inexact, o.total());
  }
  /** merge of an accumulator holding these (`total`: its exact sum). */
  mergeParts(sum: number, n: number, float: boolean, inexact: boolean, total: number): void {
    if (float) this.float = true;
    if (!this.inexact) {
      if (this.partials === null) this.partials = this.sum === 0 ? [] : [this.sum];
      if (inexact || !addExact(this.partials, total)) this.inexact = true;
    }
    this.sum += sum;
    this.n += n;
  }
  unmerge(other: AggregateAccumulator): boolean {
    const o = other as AvgAccumulator;
    return this.unmergeParts(o.sum, o.n, o.inexact, o.total());
  }
  unmergeParts(sum: number, n: number, inexact: boolean, total: number): boolean {
    if (this.inexact || inexact) return false;
    if (this.partials === null) this.partials = this.sum === 0 ? [] : [this.sum];
    if (!addExact(this.partials, -total)) {
      this.inexact = true;
      return false;
    }
    this.sum -= sum;
    this.n -= n;
    return true;
  }
  reset(): void {
    this.sum = 0;
    this.n = 0;
    this.float = false;
    this.partials = null;
    this.inexact = false;
  }
  remove(value: AsaValue): boolean {
    const v = typeof value === 'number' ? value : value === null ? undefined : numberOf(value);
    if (v === undefined) return true;
    if (this.partials !== null || this.float || !Number.isInteger(v) || !Number.isSafeInteger(this.sum)) return false;
    this.sum -= v;
    this.n--;
    return true;
  }
  /** The sum: exact and rounded once when merged, else the plain running sum. */
  total(): number {
    return this.partials !== null && !this.inexact ? roundedSum(this.partials) : this.sum;
  }
  result(): AsaValue {
    return this.n === 0 ? null : this.total() / this.n;
  }
}

const numericType = (t: StaticType): StaticType => (t === 'bigint' || t === 'float' ? t : t === 'bit' ? 'bigint' : 'any');

// Panes as numbers (PaneKernel): [sum, n, float]. A pane only ever takes adds, so it has no partials and is
// never inexact; its exact sum (total()) is its plain sum. A SUM pane's sum is NULL while n is 0.

const SUM_PANE: PaneKernel = {
  width: 3,
  fits(state, at, value) {
    // SumAccumulator.add: a number is added as a double while the sum stays a safe integer or is a float sum
    // (past 2^53 a whole sum moves to a bigint); bigint and bit values take the arithmetic path; other values
    // are skipped.
    if (typeof value === 'number') {
      if (state[at + 1] === 0 || state[at + 2] !== 0 || !Number.isInteger(value)) return true;
      return Number.isSafeInteger(state[at]! + value);
    }
    return value === null || numberOf(value) === undefined;
  },
  add(state, at, value) {
    if (typeof value !== 'number') return;
    const n = state[at + 1]!;
    if (!Number.isInteger(value)) state[at + 2] = 1;
    state[at] = n === 0 ? value : state[at]! + value;
    state[at + 1] = n + 1;
  },
  merge(running, state, at) {
    const n = state[at + 1]!;
    (running as SumAccumulator).mergeParts(n === 0 ? null : state[at]!, n, state[at + 2] !== 0, n === 0 ? Number.NaN : state[at]!);
  },
  unmerge(running, state, at) {
    const n = state[at + 1]!;
    return (running as SumAccumulator).unmergeParts(n === 0 ? null : state[at]!, n, state[at + 2] !== 0, false, n === 0 ? Number.NaN : state[at]!);
  },
  toAccumulator(state, at) {
    const acc = new SumAccumulator();
    acc.n = state[at + 1]!;
    acc.sum = acc.n === 0 ? null : state[at]!;
    acc.float = state[at + 2] !== 0;
    return acc;
  },
  fromAccumulator(acc, state, at) {
    const a = acc as SumAccumulator;
    if (a.partials !== null || a.inexact || (a.sum !== null && typeof a.sum !== 'number') || (a.sum === null) !== (a.n === 0)) return false;
    state[at] = a.sum ?? 0;
    state[at + 1] = a.n;
    state[at + 2] = a.float ? 1 : 0;
    return true;
  },
};

const AVG_PANE: PaneKernel = {
  width: 3,
  // AvgAccumulator.add turns every value into a double or skips it.
  fits: () => true,
  add(state, at, value) {
    const v = typeof value === 'number' ? value : value === null ? undefined : numberOf(value);
    if (v === undefined) return;
    if (!Number.isInteger(v)) state[at + 2] = 1;
    state[at] = state[at]! + v;
    state[at + 1] = state[at + 1]! + 1;
  },
  merge(running, state, at) {
    (running as AvgAccumulator).mergeParts(state[at]!, state[at + 1]!, state[at + 2] !== 0, false, state[at]!);
  },
  unmerge(running, state, at) {
    return (running as AvgAccumulator).unmergeParts(state[at]!, state[at + 1]!, false, state[at]!);
  },
  toAccumulator(state, at) {
    const acc = new AvgAccumulator();
    acc.sum = state[at]!;
    acc.n = state[at + 1]!;
    acc.float = state[at + 2] !== 0;
    return acc;
  },
  fromAccumulator(acc, state, at) {
    const a = acc as AvgAccumulator;
    if (a.partials !== null || a.inexact) return false;
    state[at] = a.sum;
    state[at + 1] = a.n;
    state[at + 2] = a.float ? 1 : 0;
    return true;
  },
};

export const SUM: AggregateDef = {
  name: 'SUM', minArgs: 1, maxArgs: 1, constantArgs: 0, orderBy: 'none', wholeEvent: false,
  returnType: numericType,
  create: () => new SumAccumulator(),
  paneKernel: SUM_PANE,
};

export const AVG: AggregateDef = {
  name: 'AVG', minArgs: 1, maxArgs: 1, constantArgs: 0, orderBy: 'none', wholeEvent: false,
  returnType: () => 'float',
  create: () => new AvgAccumulator(),
  paneKernel: AVG_PANE,
};
