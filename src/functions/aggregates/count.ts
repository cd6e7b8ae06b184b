// COUNT(*), COUNT([ALL] e): bigint; `*` counts every event, `e` its non-NULL values (COUNT page).
// COUNT(DISTINCT e) is the distinct wrapper (distinct.ts) around COUNT.
import type { AsaValue } from '../../types/index.ts';
import type { AggregateAccumulator, AggregateDef, PaneKernel } from './aggregate-def.ts';

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

/** A COUNT pane is its count. */
const COUNT_PANE: PaneKernel = {
  width: 1,
  fits: () => true,
  add(state, at, value) {
    if (value !== null) state[at] = state[at]! + 1;
  },
  merge(running, state, at) {
    (running as CountAccumulator).n += state[at]!;
  },
  unmerge(running, state, at) {
    (running as CountAccumulator).n -= state[at]!;
    return true;
  },
  toAccumulator(state, at) {
    const acc = new CountAccumulator();
    acc.n = state[at]!;
    return acc;
  },
  fromAccumulator(acc, state, at) {
    state[at] = (acc as CountAccumulator).n;
    return true;
  },
};

export const COUNT: AggregateDef = {
  name: 'COUNT', minArgs: 0, maxArgs: 1, constantArgs: 0, orderBy: 'none', wholeEvent: true,
  returnType: () => 'bigint',
  create: () => new CountAccumulator(),
  paneKernel: COUNT_PANE,
};
