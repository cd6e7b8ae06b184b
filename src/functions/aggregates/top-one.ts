// TopOne([e]) OVER (ORDER BY c [ASC|DESC], …) (TopOne page): the first-ranked event of the window as
// a record (or the value e). Among equal ranks the first event seen wins.
import type { AsaValue } from '../../types/index.ts';
import type { AggregateAccumulator, AggregateDef, AggregateParams } from './aggregate-def.ts';
import { compareOrder } from './order-compare.ts';

class TopOneAccumulator implements AggregateAccumulator {
  value: AsaValue = null;
  order: readonly AsaValue[] | undefined = undefined;
  private readonly descending: readonly boolean[];
  constructor(params: AggregateParams) {
    this.descending = params.descending;
  }
  add(value: AsaValue, order: readonly AsaValue[] | undefined): void {
    const o = order ?? [];
    if (this.order === undefined || compareOrder(o, this.order, this.descending) < 0) {
      this.value = value;
      this.order = o;
    }
  }
  merge(other: AggregateAccumulator): void {
    const o = other as TopOneAccumulator;
    if (o.order !== undefined) this.add(o.value, o.order);
  }
  result(): AsaValue {
    return this.value;
  }
}

export const TOP_ONE: AggregateDef = {
  name: 'TopOne', minArgs: 0, maxArgs: 1, constantArgs: 0, orderBy: 'required', wholeEvent: true,
  returnType: (t) => t,
  create: (p) => new TopOneAccumulator(p),
};
