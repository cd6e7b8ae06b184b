// What a windowed GROUP BY needs from compile/: how to key a row, the accumulators of its aggregates,
// how to feed them one row, and how to turn a finished group into an output row (HAVING and the
// SELECT list). Accumulators are mergeable so hopping windows can combine per-pane partial results
// ("panes"), and they keep O(1) state for the arithmetic aggregates, so window state grows with
// groups × open windows, not with events.
import type { AsaRecord, AsaValue } from '../../types/index.ts';
import { AsaDateTime } from '../../types/index.ts';
import type { EvalContext, Predicate } from '../eval-context.ts';
import type { ApplyStep } from '../apply-steps.ts';

/** One aggregate's running state (functions/aggregates implements it). */
export interface Accumulator {
  /** One input value (NULLs are skipped by the accumulator itself); `order` carries ORDER BY values. */
  add(value: AsaValue, order: readonly AsaValue[] | undefined): void;
  /** Folds another accumulator of the same aggregate into this one. */
  merge(other: Accumulator): void;
  result(): AsaValue;
  /**
   * Takes back a merged accumulator (subtract-on-evict for hopping windows). False when this state
   * cannot be taken back exactly (floats, MIN/MAX, lists): the caller rebuilds the state instead.
   */
  unmerge?(other: Accumulator): boolean;
  /** Back to the empty state, so a hopping window can reuse the object for a later pane. */
  reset?(): void;
  /** Takes back one earlier add, oldest first (sliding windows); false as for unmerge. */
  remove?(value: AsaValue, order: readonly AsaValue[] | undefined): boolean;
  /** State for a checkpoint when the fields are not plain data (UDAs); see accumulatorState. */
  saveState?(): unknown;
  loadState?(state: unknown): void;
}

/** One aggregate's pane as numbers (functions/aggregates' PaneKernel, which documents the contract). */
export interface PaneKernel {
  readonly width: number;
  fits(state: Float64Array, at: number, value: AsaValue): boolean;
  add(state: Float64Array, at: number, value: AsaValue): void;
  merge(running: Accumulator, state: Float64Array, at: number): void;
  unmerge(running: Accumulator, state: Float64Array, at: number): boolean;
  toAccumulator(state: Float64Array, at: number): Accumulator;
  fromAccumulator(acc: Accumulator, state: Float64Array, at: number): boolean;
}

/**
 * A statement's panes as numbers, when every aggregate has a PaneKernel: aggregate i's state is at
 * `offsets[i]` of a pane `width` slots long.
 */
export interface PanePrograms {
  readonly kernels: readonly PaneKernel[];
  readonly offsets: readonly number[];
  readonly width: number;
  /** Feeds the current row to the pane at `at`; false, adding nothing, when some value does not fit. */
  readonly accumulate: (ctx: EvalContext, state: Float64Array, at: number) => boolean;
}

export interface AggregationProgram {
  /** FROM-side APPLYs and WHERE, run before grouping. */
  readonly applies: readonly ApplyStep[];
  readonly filter: Predicate | undefined;
  /** The GROUP BY keys as one string ('' without keys). */
  readonly key: (ctx: EvalContext) => string;
  /**
   * Fresh accumulators, one per aggregate of the statement. `keepInputs`: for hopping-window panes,
   * which must be replayable into another accumulator (UDAs keep their inputs then; built-ins ignore it).
   * `removable`: for sliding windows, which take events back out oldest first (MIN/MAX then keep a
   * monotonic deque so they can).
   */
  readonly create: (keepInputs?: boolean, removable?: boolean) => Accumulator[];
  /** Feeds the current row to every accumulator. */
  readonly accumulate: (ctx: EvalContext, accs: Accumulator[]) => void;
  /** Panes as numbers (hopping windows), when every aggregate can keep its pane that way. */
  readonly panes?: PanePrograms | undefined;
  /** Takes the current row back out (oldest first); false when some accumulator cannot do it exactly. */
  readonly deaccumulate: (ctx: EvalContext, accs: Accumulator[]) => boolean;
  /**
   * Set when a GROUP BY key reads input metadata: the GetMetadataPropertyValue properties it reads
   * (origin-snapshots.ts keeps them per group); undefined otherwise.
   */
  readonly metadata?: readonly string[] | undefined;
  /** Set when an aggregate runs user JavaScript (UDAs): the window runs its work under this time guard. */
  readonly guard?: { run(body: () => void): void } | undefined;
  /** HAVING + SELECT list over a finished group (ctx.aggregates set); undefined when HAVING rejects it. */
  readonly output: (ctx: EvalContext) => AsaRecord | undefined;
}

/** A group of one window (or pane): a copy of its first row's slots (for the keys) and its accumulators. */
export interface GroupState {
  readonly slots: readonly (AsaRecord | null)[];
  readonly accs: Accumulator[];
}

/**
 * A value as a map key: equal values (by ASA's equality for keys: same type and value) give the same
 * string; the type prefix keeps 1 and '1' apart.
 */
export function valueKey(v: AsaValue | undefined): string {
  if (v === null || v === undefined) return '\u0000';
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return `n${v}`;
    case 'string':
      return `s${v}`;
    case 'boolean':
      return v ? 'b1' : 'b0';
    default:
      if (v instanceof AsaDateTime) return `d${v.epochMs}.${v.subMsTicks}`;
      return `j${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof AsaDateTime ? `${x.epochMs}.${x.subMsTicks}` : x))}`;
  }
}
