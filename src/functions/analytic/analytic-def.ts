// What each analytic function is to the planner: its arity, which parts of OVER it takes and what it
// returns. The run-time state lives in runtime/analytic (functions/ does not import runtime).
// LAG:     https://learn.microsoft.com/stream-analytics-query/lag-azure-stream-analytics
// LAST:    https://learn.microsoft.com/stream-analytics-query/last-azure-stream-analytics
// ISFIRST: https://learn.microsoft.com/stream-analytics-query/isfirst-azure-stream-analytics
// OVER:    https://learn.microsoft.com/stream-analytics-query/over-azure-stream-analytics
import type { StaticType } from '../../types/index.ts';

export type AnalyticFunctionName = 'LAG' | 'LAST' | 'ISFIRST' | 'SUM' | 'AVG' | 'MIN' | 'MAX';

export interface AnalyticDef {
  readonly name: AnalyticFunctionName;
  /** Arguments as written (ISFIRST's unit counts as one). */
  readonly minArgs: number;
  readonly maxArgs: number;
  /** LIMIT DURATION: LAG, LAST and the rolling aggregates require it; ISFIRST's syntax has none. */
  readonly limitDuration: 'required' | 'forbidden';
  /** Whether OVER may be left out (only ISFIRST: "[ OVER (…) ]"). */
  readonly overOptional: boolean;
  /** Static result type from the value argument's type. */
  returnType(argType: StaticType): StaticType;
}

const same = (t: StaticType): StaticType => t;
const numeric = (t: StaticType): StaticType => (t === 'bigint' || t === 'float' ? t : t === 'bit' ? 'bigint' : 'any');

const DEFS: Readonly<Record<string, AnalyticDef>> = {
  // LAG(<scalar_expression>, [<offset>], [<default>]) OVER ([PARTITION BY …] LIMIT DURATION(…) [WHEN …]).
  lag: { name: 'LAG', minArgs: 1, maxArgs: 3, limitDuration: 'required', overOptional: false, returnType: same },
  // LAST(<scalar_expression>, [<default>]) OVER ([PARTITION BY …] LIMIT DURATION(…) [WHEN …]).
  last: { name: 'LAST', minArgs: 1, maxArgs: 2, limitDuration: 'required', overOptional: false, returnType: same },
  // ISFIRST(timeunit, duration) [OVER ([PARTITION BY …] [WHEN …])]; "bigint ('1' or '0')".
  isfirst: { name: 'ISFIRST', minArgs: 2, maxArgs: 2, limitDuration: 'forbidden', overOptional: true, returnType: () => 'bigint' },
  // OVER page: "Currently, the following aggregate functions are supported with the OVER clause:
  // SUM, AVG, MIN, MAX", and its syntax makes LIMIT DURATION mandatory.
  sum: { name: 'SUM', minArgs: 1, maxArgs: 1, limitDuration: 'required', overOptional: false, returnType: numeric },
  avg: { name: 'AVG', minArgs: 1, maxArgs: 1, limitDuration: 'required', overOptional: false, returnType: () => 'float' },
  min: { name: 'MIN', minArgs: 1, maxArgs: 1, limitDuration: 'required', overOptional: false, returnType: same },
  max: { name: 'MAX', minArgs: 1, maxArgs: 1, limitDuration: 'required', overOptional: false, returnType: same },
};

/** The analytic function (or rolling aggregate) of that name, case-insensitive. */
export function lookupAnalytic(name: string): AnalyticDef | undefined {
  return DEFS[name.toLowerCase()];
}

/** The aggregates OVER (LIMIT DURATION …) accepts, for "did you mean" and error hints. */
export const ROLLING_AGGREGATES: readonly string[] = ['SUM', 'AVG', 'MIN', 'MAX'];
