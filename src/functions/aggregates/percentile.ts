// PERCENTILE_CONT(p) / PERCENTILE_DISC(p) OVER (ORDER BY e [ASC|DESC]) (their pages). CONT
// interpolates between the two values around position p·(n − 1) of the ordered values and returns
// float; DISC returns the first value whose cumulative share (position / n) reaches p, always one of
// the inputs. NULLs are ignored.
import { compareNonNull, type AsaValue } from '../../types/index.ts';
import type { AggregateAccumulator, AggregateDef, AggregateParams } from './aggregate-def.ts';
import { numberOf } from './numeric-value.ts';

class PercentileAccumulator implements AggregateAccumulator {
  readonly values: AsaValue[] = [];
  private readonly p: number;
  private readonly desc: boolean;
  private readonly continuous: boolean;
  constructor(params: AggregateParams, continuous: boolean) {
    this.p = numberOf(params.constants[0] ?? null) ?? 0;
    this.desc = params.descending[0] === true;
    this.continuous = continuous;
  }
  add(_value: AsaValue, order: readonly AsaValue[] | undefined): void {
    const v = order?.[0] ?? null;
    if (v !== null) this.values.push(v);
  }
  merge(other: AggregateAccumulator): void {
    for (const v of (other as PercentileAccumulator).values) this.values.push(v);
  }
  result(): AsaValue {
    const n = this.values.length;
    if (n === 0) return null;
    const sorted = this.values.slice().sort((a, b) => (compareNonNull(a as NonNullable<AsaValue>, b as NonNullable<AsaValue>) ?? 0) * (this.desc ? -1 : 1));
    if (!this.continuous) return sorted[Math.min(n - 1, Math.max(0, Math.ceil(this.p * n) - 1))] ?? null;
    const pos = this.p * (n - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    const a = numberOf(sorted[lo] ?? null);
    const b = numberOf(sorted[hi] ?? null);
    if (a === undefined || b === undefined) return null;
    return a + (b - a) * (pos - lo);
  }
}

export const PERCENTILE_CONT: AggregateDef = {
  name: 'PERCENTILE_CONT', minArgs: 1, maxArgs: 1, constantArgs: 1, orderBy: 'required', wholeEvent: false,
  returnType: () => 'float',
  create: (p) => new PercentileAccumulator(p, true),
};

export const PERCENTILE_DISC: AggregateDef = {
  name: 'PERCENTILE_DISC', minArgs: 1, maxArgs: 1, constantArgs: 1, orderBy: 'required', wholeEvent: false,
  returnType: (_t, order) => order,
  create: (p) => new PercentileAccumulator(p, false),
};
