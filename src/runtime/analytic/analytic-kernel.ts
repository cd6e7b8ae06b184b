// What one analytic call is at run time: a kernel that, for each event of the query input in order,
// returns the call's value and updates its history; drops history the watermark has made unreachable;
// and saves/restores that history (operator state contract, runtime/operator.ts).
import type { AsaValue } from '../../types/index.ts';
import type { EvalContext, Evaluator, Predicate } from '../eval-context.ts';

export type AnalyticFn = 'LAG' | 'LAST' | 'ISFIRST' | 'SUM' | 'AVG' | 'MIN' | 'MAX';

/** One analytic call, compiled (compile/compile-analytic.ts builds it from the plan's AnalyticCall). */
export interface AnalyticCallProgram {
  readonly fn: AnalyticFn;
  /** The value kept in the history (LAG, LAST, aggregates); undefined for ISFIRST. */
  readonly value: Evaluator | undefined;
  /** LAG's offset (≥ 1). */
  readonly offset: number;
  /** LAG/LAST's default, evaluated on the current event; undefined means NULL. */
  readonly dflt: Evaluator | undefined;
  /** LIMIT DURATION (or ISFIRST's interval) in ms. */
  readonly durationMs: number;
  /**
   * PARTITION BY as one string key; undefined without PARTITION BY. Calls with the same PARTITION BY
   * should share one function object: the operator computes each distinct key once per event.
   */
  readonly key: ((ctx: EvalContext) => string) | undefined;
  /** WHEN: which events enter the history; undefined means every event. */
  readonly when: Predicate | undefined;
}

export interface AnalyticKernel {
  /**
   * The value for the current event (ctx.slots[0], ctx.timeMs set) in partition `key` (the program's
   * key of the event, '' without PARTITION BY), then the event joins the history.
   */
  next(ctx: EvalContext, key: string): AsaValue;
  /** The watermark moved: later events are at or after `ms`, so older history can go. */
  evict(ms: number): void;
  checkpoint(): Readonly<Record<string, unknown>>;
  restore(state: Readonly<Record<string, unknown>>): void;
  /** Partitions held (for tests and state accounting). */
  readonly size: number;
  /** A rough estimate of the history held, in bytes (the job's state-size metric). */
  stateBytes(): number;
}
