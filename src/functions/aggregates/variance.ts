// STDEV, STDEVP, VAR, VARP (their pages): sample (n − 1) and population (n) standard deviation and
// variance, float. Kept as count, mean and sum of squared deviations (Welford), merged with Chan's
// formula so panes combine exactly. STDEV/VAR of one value: NULL (no sample deviation), as in T-SQL.
import type { AsaValue } from '../../types/index.ts';
import type { AggregateAccumulator, AggregateDef } from './aggregate-def.ts';
import { numberOf } from './numeric-value.ts';

class MomentsAccumulator implements AggregateAccumulator {
  n = 0;
  mean = 0;
  m2 = 0;
  private readonly sample: boolean;
  private readonly root: boolean;
  constructor(sample: boolean, root: boolean) {
    this.sample = sample;
    this.root = root;
  }
  add(value: AsaValue): void {
    const x = value === null ? undefined : numberOf(value);
    if (x === undefined) return;
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }
  merge(other: AggregateAccumulator): void {
    const o = other as MomentsAccumulator;
    if (o.n === 0) return;
    const n = this.n + o.n;
    const d = o.mean - this.mean;
    this.m2 += o.m2 + (d * d * this.n * o.n) / n;
    this.mean += (d * o.n) / n;
    this.n = n;
  }
  result(): AsaValue {
    const div = this.sample ? this.n - 1 : this.n;
    if (div <= 0) return null;
    const v = Math.max(0, this.m2 / div);
    return this.root ? Math.sqrt(v) : v;
  }
}

const moments = (name: string, sample: boolean, root: boolean): AggregateDef => ({
  name, minArgs: 1, maxArgs: 1, constantArgs: 0, orderBy: 'none', wholeEvent: false,
  returnType: () => 'float',
  create: () => new MomentsAccumulator(sample, root),
});

export const STDEV = moments('STDEV', true, true);
export const STDEVP = moments('STDEVP', false, true);
export const VAR = moments('VAR', true, false);
export const VARP = moments('VARP', false, false);
