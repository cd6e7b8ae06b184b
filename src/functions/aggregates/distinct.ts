// DISTINCT inside an aggregate (COUNT(DISTINCT e), COUNT page): the distinct non-NULL values are kept
// (by value, so panes merge exactly) and fed to the aggregate when the window closes. State grows
// with the distinct values of the window, which DISTINCT needs by nature.
import type { AsaValue } from '../../types/index.ts';
import { AsaDateTime } from '../../types/index.ts';
import type { AggregateAccumulator, AggregateDef } from './aggregate-def.ts';

function distinctKey(v: AsaValue): string {
  if (typeof v === 'number' || typeof v === 'bigint') return `n${v}`;
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'boolean') return v ? 'b1' : 'b0';
  if (v instanceof AsaDateTime) return `d${v.epochMs}.${v.subMsTicks}`;
  return `j${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof AsaDateTime ? `${x.epochMs}.${x.subMsTicks}` : x))}`;
}

class DistinctAccumulator implements AggregateAccumulator {
  readonly values = new Map<string, AsaValue>();
  private readonly inner: () => AggregateAccumulator;
  constructor(inner: () => AggregateAccumulator) {
    this.inner = inner;
  }
  add(value: AsaValue): void {
    if (value === null) return;
    const k = distinctKey(value);
    if (!this.values.has(k)) this.values.set(k, value);
  }
  merge(other: AggregateAccumulator): void {
    for (const [k, v] of (other as DistinctAccumulator).values) if (!this.values.has(k)) this.values.set(k, v);
  }
  result(): AsaValue {
    const acc = this.inner();
    for (const v of this.values.values()) acc.add(v, undefined);
    return acc.result();
  }
}

/** The same aggregate over the distinct values of its argument. */
export function distinctOf(def: AggregateDef): AggregateDef {
  // Not its pane kernel: a distinct pane is a set of values, not numbers.
  const { paneKernel: _kernel, ...plain } = def;
  return { ...plain, create: (p) => new DistinctAccumulator(() => def.create(p)) };
}
