// The OVER clause of analytic functions and rolling aggregates, and the (unit, amount) pair that
// LIMIT DURATION and window sizes share.
import type { SourceSpan } from '../../common/index.ts';
import type { Expression } from './expression.ts';
import type { Identifier } from './identifier.ts';

/**
 * `(minute, 5)`: the unit is kept as a name (`minute`, `mi`, `hours`…) because an unknown unit is the
 * binder's error, not a syntax error. The amount is an expression; the binder checks it is constant.
 */
export interface TimeSpan {
  readonly kind: 'TimeSpan';
  readonly unit: Identifier;
  readonly amount: Expression;
  readonly span: SourceSpan;
}

export interface OrderItem {
  readonly kind: 'OrderItem';
  readonly expr: Expression;
  /** Undefined when not written (ascending). */
  readonly direction: 'ASC' | 'DESC' | undefined;
  readonly span: SourceSpan;
}

/**
 * `OVER ([PARTITION BY k, …] [ORDER BY x [ASC|DESC], …] [LIMIT DURATION(unit, n)] [WHEN cond])`.
 * The parser accepts the parts in any order, each once; which parts a function allows is the binder's.
 */
export interface Over {
  readonly kind: 'Over';
  readonly partitionBy: readonly Expression[];
  readonly orderBy: readonly OrderItem[];
  readonly limitDuration: TimeSpan | undefined;
  readonly when: Expression | undefined;
  readonly span: SourceSpan;
}

type Fields<T> = Omit<T, 'kind'>;
export const timeSpan = (f: Fields<TimeSpan>): TimeSpan => ({ kind: 'TimeSpan', ...f });
export const orderItem = (f: Fields<OrderItem>): OrderItem => ({ kind: 'OrderItem', ...f });
export const over = (f: Fields<Over>): Over => ({ kind: 'Over', ...f });
