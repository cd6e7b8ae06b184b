// SUM and AVG (SUM page, AVG page): NULLs are skipped; the result is NULL when there was no value.
// SUM keeps the input type (bigint stays exact: it moves to a JS bigint past 2^53); AVG returns float
// (the docs print 70 for an average of bigints — open question 6; sluice types it float so whole
// results print as 70.0, and the conformance runner compares numbers by value).
import { arithmetic, type AsaValue, type StaticType } from '../../types/index.ts';
import type { AggregateAccumulator, AggregateDef } from './aggregate-def.ts';
import { numberOf } from './numeric-value.ts';

class SumAccumulator implements AggregateAccumulator {
  sum: AsaValue = null;
  float = false;
  add(value: AsaValue): void {
    if (value === null) return;
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
    if (n === undefined) return;
    this.sum = this.sum === null ? n : arithmetic('+', this.sum, n, this.float);
  }
  merge(other: AggregateAccumulator): void {
    const o = other as SumAccumulator;
    if (o.float) this.float = true;
    if (o.sum !== null) this.add(o.sum);
  }
  result(): AsaValue {
    return this.sum;
  }
}

class AvgAccumulator implements AggregateAccumulator {
  sum = 0;
  n = 0;
  add(value: AsaValue): void {
    const v = typeof value === 'number' ? value : value === null ? undefined : numberOf(value);
    if (v === undefined) return;
    this.sum += v;
    this.n++;
  }
  merge(other: AggregateAccumulator): void {
    const o = other as AvgAccumulator;
    this.sum += o.sum;
    this.n += o.n;
  }
  result(): AsaValue {
    return this.n === 0 ? null : this.sum / this.n;
  }
}

const numericType = (t: StaticType): StaticType => (t === 'bigint' || t === 'float' ? t : t === 'bit' ? 'bigint' : 'any');

export const SUM: AggregateDef = {
  name: 'SUM', minArgs: 1, maxArgs: 1, constantArgs: 0, orderBy: 'none', wholeEvent: false,
  returnType: numericType,
  create: () => new SumAccumulator(),
};

export const AVG: AggregateDef = {
  name: 'AVG', minArgs: 1, maxArgs: 1, constantArgs: 0, orderBy: 'none', wholeEvent: false,
  returnType: () => 'float',
  create: () => new AvgAccumulator(),
};
