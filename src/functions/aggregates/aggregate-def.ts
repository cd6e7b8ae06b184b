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

/**
 * One pane of an aggregate as plain numbers: a hopping window keeps a pane per group and hop (sixty per group
 * for HoppingWindow(second, 60, 1)), and `width` slots of a Float64Array cost a fraction of an accumulator
 * object each, in memory and in time. All zeros is the empty pane. The pane stands for the accumulator that
 * would have taken the same adds: merge and unmerge run the running accumulator's own merge code on the
 * pane's numbers, so results are the same bit for bit. A value the numbers cannot hold (`fits` false: a
 * bigint sum, …) makes the window go back to accumulators (toAccumulator) before it is added.
 */
export interface PaneKernel {
  readonly width: number;
  fits(state: Float64Array, at: number, value: AsaValue): boolean;
  add(state: Float64Array, at: number, value: AsaValue): void;
  /** As running.merge(the pane's accumulator). */
  merge(running: AggregateAccumulator, state: Float64Array, at: number): void;
  /** As running.unmerge(the pane's accumulator). */
  unmerge(running: AggregateAccumulator, state: Float64Array, at: number): boolean;
  toAccumulator(state: Float64Array, at: number): AggregateAccumulator;
  /** The reverse (restoring a checkpoint); false when the accumulator holds more than the numbers can. */
  fromAccumulator(acc: AggregateAccumulator, state: Float64Array, at: number): boolean;
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
  /** Panes as numbers (see PaneKernel), for the aggregates whose pane state is a few numbers. */
  readonly paneKernel?: PaneKernel;
}
