// OVER (…) of analytic functions and rolling aggregates, and `(unit, amount)` time spans.
// Takes the expression parser as an argument so that expression.ts can use it without an import cycle.
import { orderItem, over, timeSpan, type Expression, type OrderItem, type Over, type TimeSpan } from '../ast/index.ts';
import type { Parser } from './parser.ts';

export type ExpressionParser = (p: Parser) => Expression;

/**
 * over_clause ::= OVER '(' { PARTITION BY expr [, …] | ORDER BY order_item [, …]
 *                           | LIMIT DURATION time_span | WHEN expr } ')'
 * (learn.microsoft.com/stream-analytics-query/over-clause-azure-stream-analytics; each part at most once)
 */
export function parseOver(p: Parser, expr: ExpressionParser): Over {
  const start = p.expectWord('OVER', 'before the analytic clause');
  const open = p.expectPunct('(', 'after OVER');
  let partitionBy: Expression[] | undefined;
  let orderBy: OrderItem[] | undefined;
  let limitDuration: TimeSpan | undefined;
  let when: Expression | undefined;
  const once = (seen: boolean, what: string): void => {
    if (seen) throw p.error(p.peek().span, `${what} appears twice in the same OVER clause`);
  };
  while (!p.isPunct(')')) {
    if (p.isWord('PARTITION')) {
      once(partitionBy !== undefined, 'PARTITION BY');
      p.next();
      p.expectWord('BY', 'after PARTITION');
      partitionBy = p.list(() => expr(p));
    } else if (p.isWord('ORDER')) {
      once(orderBy !== undefined, 'ORDER BY');
      p.next();
      p.expectWord('BY', 'after ORDER');
      orderBy = p.list(() => parseOrderItem(p, expr));
    } else if (p.isWord('LIMIT')) {
      once(limitDuration !== undefined, 'LIMIT DURATION');
      p.next();
      p.expectWord('DURATION', 'after LIMIT', 'write LIMIT DURATION(unit, length), e.g. LIMIT DURATION(minute, 5)');
      limitDuration = parseTimeSpan(p, expr, 'LIMIT DURATION');
    } else if (p.isWord('WHEN')) {
      once(when !== undefined, 'WHEN');
      p.next();
      when = expr(p);
    } else {
      throw p.unexpected(`expected PARTITION BY, ORDER BY, LIMIT DURATION, WHEN or ')' in the OVER clause opened at ${open.span.start.line}:${open.span.start.column}`,
        undefined, ['PARTITION', 'ORDER', 'LIMIT', 'WHEN']);
    }
  }
  p.next();
  return over({ partitionBy: partitionBy ?? [], orderBy: orderBy ?? [], limitDuration, when, span: p.spanFrom(start) });
}

/** order_item ::= expr [ASC | DESC] */
export function parseOrderItem(p: Parser, expr: ExpressionParser): OrderItem {
  const start = p.peek();
  const e = expr(p);
  const dir = p.isWord('ASC') || p.isWord('DESC') ? (p.next().upper as 'ASC' | 'DESC') : undefined;
  return orderItem({ expr: e, direction: dir, span: p.spanFrom(start) });
}

/** time_span ::= '(' time_unit ',' amount ')'   e.g. DURATION(minute, 5), Hop(second, 10) */
export function parseTimeSpan(p: Parser, expr: ExpressionParser, what: string): TimeSpan {
  const open = p.expectPunct('(', `after ${what}`, `write ${what}(unit, length), e.g. ${what}(minute, 5)`);
  const unit = p.name(`a time unit (second, minute, hour, …) in ${what}(…)`);
  p.expectPunct(',', `after the time unit in ${what}(…)`, `write ${what}(unit, length), e.g. ${what}(minute, 5)`);
  const amount = expr(p);
  p.expectPunct(')', `to close ${what}( opened at ${open.span.start.line}:${open.span.start.column}`);
  return timeSpan({ unit, amount, span: p.spanFrom(open) });
}
