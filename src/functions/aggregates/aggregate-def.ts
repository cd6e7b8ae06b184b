// What an aggregate is to the planner and the compiler: its arity, whether it takes OVER (ORDER BY …)
// (TopOne, CollectTop, PERCENTILE_*), its static result type and a factory of mergeable accumulators.
// The accumulator shape matches runtime's Accumulator (functions/ does not import runtime).
// https://learn.microsoft.com/stream-analytics-query/aggregate-functions-azure-stream-analytics
import type { AsaValue, StaticType } from '../../types/index.ts';

export interface AggregateAccumulator {
  /** One value; NULLs are skipped here ("aggregate functions ignore null values"). */
  add(value: AsaValue, order: readonly AsaValue[] | undefined): void;
  merge(other: AggregateAccumulator): void;
  result(): AsaValue;
}

/** The constant arguments known at compile time (CollectTop's n, PERCENTILE's p) and ORDER BY directions. */
export interface AggregateParams {
  readonly constants: readonly AsaValue[];
  /** One entry per ORDER BY item: true for DESC. */
  readonly descending: readonly boolean[];
}

export interface AggregateDef {
  /** Canonical spelling, as ASA documents it. */
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** How many leading arguments are constants (CollectTop's n, PERCENTILE's p). */
  readonly constantArgs: number;
  /** OVER (ORDER BY …): required, allowed or not allowed. */
  readonly orderBy: 'required' | 'none';
  /** Whether `*` / no value argument means the whole event (COUNT(*), TopOne(), Collect()). */
  readonly wholeEvent: boolean;
  /** Static result type from the value argument's type and the first ORDER BY item's type. */
  returnType(argType: StaticType, orderType: StaticType): StaticType;
  create(params: AggregateParams): AggregateAccumulator;
}
