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
  /** Takes back a merged accumulator exactly, or returns false (the window rebuilds its state). */
  unmerge?(other: AggregateAccumulator): boolean;
  /** Back to the empty state, so a hopping window can reuse the object for a later pane. */
  reset?(): void;
  /** Takes back one earlier add (oldest first) exactly, or returns false. */
  remove?(value: AsaValue, order: readonly AsaValue[] | undefined): boolean;
  /** Checkpoint state when the fields are not plain data (UDAs). */
  saveState?(): unknown;
  loadState?(state: unknown): void;
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
  /** `removable`: the window takes adds back out oldest first (sliding windows; see remove). */
  create(params: AggregateParams, options?: { readonly removable?: boolean }): AggregateAccumulator;
}
