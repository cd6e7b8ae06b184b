// MIN and MAX (MIN page, MAX page): the smallest/largest non-NULL value by ASA's comparison
// (numbers by value, datetimes by time, strings in string order); NULL when there was no value.
// Sliding windows get SlidingExtremeAccumulator, which can also take values back out.
import { compareValues, type AsaValue } from '../../types/index.ts';
import type { AggregateAccumulator, AggregateDef } from './aggregate-def.ts';
import { SlidingExtremeAccumulator } from './sliding-extreme.ts';

class ExtremeAccumulator implements AggregateAccumulator {
  best: AsaValue = null;
  private readonly sign: number;
  constructor(sign: number) {
    this.sign = sign;
  }
  add(value: AsaValue): void {
    if (value === null) return;
    if (this.best === null) {
      this.best = value;
      return;
    }
    if (typeof value === 'number' && typeof this.best === 'number') {
      if ((value - this.best) * this.sign > 0) this.best = value;
      return;
    }
    const c = compareValues(value, this.best);
    if (c !== null && c * this.sign > 0) this.best = value;
  }
  merge(other: AggregateAccumulator): void {
    this.add((other as ExtremeAccumulator).best);
  }
  result(): AsaValue {
    return this.best;
  }
}

export const MIN: AggregateDef = {
  name: 'MIN', minArgs: 1, maxArgs: 1, constantArgs: 0, orderBy: 'none', wholeEvent: false,
  returnType: (t) => t,
  create: (_p, o) => (o?.removable === true ? new SlidingExtremeAccumulator(-1) : new ExtremeAccumulator(-1)),
};

export const MAX: AggregateDef = {
  name: 'MAX', minArgs: 1, maxArgs: 1, constantArgs: 0, orderBy: 'none', wholeEvent: false,
  returnType: (t) => t,
  create: (_p, o) => (o?.removable === true ? new SlidingExtremeAccumulator(1) : new ExtremeAccumulator(1)),
};
