// COUNT(*), COUNT([ALL] e): bigint; `*` counts every event, `e` its non-NULL values (COUNT page).
// COUNT(DISTINCT e) is the distinct wrapper (distinct.ts) around COUNT.
import type { AsaValue } from '../../types/index.ts';
import type { AggregateAccumulator, AggregateDef } from './aggregate-def.ts';

class CountAccumulator implements AggregateAccumulator {
  n = 0;
  add(value: AsaValue): void {
    if (value !== null) this.n++;
  }
  merge(other: AggregateAccumulator): void {
    this.n += (other as CountAccumulator).n;
  }
  // Counts subtract exactly, so hopping and sliding windows keep one running count per group.
  unmerge(other: AggregateAccumulator): boolean {
    this.n -= (other as CountAccumulator).n;
    return true;
  }
  reset(): void {
    this.n = 0;
  }
  remove(value: AsaValue): boolean {
    if (value !== null) this.n--;
    return true;
  }
  result(): AsaValue {
    return this.n;
  }
}

export const COUNT: AggregateDef = {
  name: 'COUNT', minArgs: 0, maxArgs: 1, constantArgs: 0, orderBy: 'none', wholeEvent: true,
  returnType: () => 'bigint',
  create: () => new CountAccumulator(),
};
