// Collect([e]) (Collect page): an array of every event (or value of e) in the window, in no
// guaranteed order (sluice keeps arrival order within a pane). CollectTop(n[, e]) OVER (ORDER BY …)
// (CollectTop page): the n first-ranked as records { rank, value }, ranks from 1; NULL ranks lowest.
import type { AsaRecord, AsaValue } from '../../types/index.ts';
import type { AggregateAccumulator, AggregateDef, AggregateParams } from './aggregate-def.ts';
import { compareOrder } from './order-compare.ts';

class CollectAccumulator implements AggregateAccumulator {
  readonly items: AsaValue[] = [];
  add(value: AsaValue): void {
    this.items.push(value);
  }
  merge(other: AggregateAccumulator): void {
    for (const v of (other as CollectAccumulator).items) this.items.push(v);
  }
  result(): AsaValue {
    return this.items.slice();
  }
}

class CollectTopAccumulator implements AggregateAccumulator {
  readonly items: { value: AsaValue; order: readonly AsaValue[] }[] = [];
  private readonly n: number;
  private readonly descending: readonly boolean[];
  constructor(params: AggregateParams) {
    const n = params.constants[0];
    this.n = typeof n === 'number' ? n : typeof n === 'bigint' ? Number(n) : 1;
    this.descending = params.descending;
  }
  add(value: AsaValue, order: readonly AsaValue[] | undefined): void {
    this.items.push({ value, order: order ?? [] });
  }
  merge(other: AggregateAccumulator): void {
    for (const i of (other as CollectTopAccumulator).items) this.items.push(i);
  }
  result(): AsaValue {
    const sorted = this.items.slice().sort((a, b) => compareOrder(a.order, b.order, this.descending));
    const out: AsaRecord[] = [];
    let rank = 0;
    for (let i = 0; i < sorted.length && out.length < this.n; i++) {
      const cur = sorted[i] as { value: AsaValue; order: readonly AsaValue[] };
      const prev = sorted[i - 1];
      if (prev === undefined || compareOrder(prev.order, cur.order, this.descending) !== 0) rank = i + 1;
      out.push({ rank, value: cur.value });
    }
    return out;
  }
}

export const COLLECT: AggregateDef = {
  name: 'Collect', minArgs: 0, maxArgs: 1, constantArgs: 0, orderBy: 'none', wholeEvent: true,
  returnType: () => 'array',
  create: () => new CollectAccumulator(),
};

export const COLLECT_TOP: AggregateDef = {
  name: 'CollectTop', minArgs: 1, maxArgs: 2, constantArgs: 1, orderBy: 'required', wholeEvent: true,
  returnType: () => 'array',
  create: (p) => new CollectTopAccumulator(p),
};
