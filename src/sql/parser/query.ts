// Queries: SELECT … [INTO] FROM … [WHERE] [GROUP BY] [HAVING], chained with UNION [ALL].
import { select, union, type Expression, type GroupByItem, type Identifier, type QueryExpr, type Select } from '../ast/index.ts';
import { parseExpression } from './expression.ts';
import { parseFromItem } from './from.ts';
import { parseGroupByItems } from './group-by.ts';
import type { Parser } from './parser.ts';
import { parseSelectList } from './select-list.ts';

/** query ::= select [ UNION [ALL] select ]*   (learn.microsoft.com/stream-analytics-query/union-azure-stream-analytics) */
export function parseQuery(p: Parser): QueryExpr {
  const start = p.peek();
  let q: QueryExpr = parseSelect(p);
  while (p.isWord('UNION')) {
    p.next();
    const all = p.optionalWord('ALL') !== undefined;
    const right = parseSelect(p);
    q = union({ all, left: q, right, span: p.spanFrom(start) });
  }
  return q;
}

/**
 * select ::= SELECT select_list [INTO output] FROM from_item [WHERE expr]
 *            [GROUP BY group_by_item [, …]] [HAVING expr]
 */
export function parseSelect(p: Parser): Select {
  const start = p.expectWord('SELECT', 'to start the query', undefined, ['SELECT']);
  const items = parseSelectList(p);
  let into: Identifier | undefined;
  if (p.optionalWord('INTO')) into = p.name('an output name after INTO');
  if (!p.isWord('FROM')) {
    throw p.unexpected(into === undefined ? 'expected FROM after the select list' : 'expected FROM after INTO output',
      into === undefined && p.isName() ? 'is a comma missing between two select items?' : undefined,
      into === undefined ? ['FROM', 'INTO'] : ['FROM']);
  }
  p.next();
  const from = parseFromItem(p);
  const where = p.optionalWord('WHERE') ? parseCondition(p, 'WHERE') : undefined;
  let groupBy: GroupByItem[] = [];
  if (p.isWord('GROUP')) {
    p.next();
    p.expectWord('BY', 'after GROUP', undefined, ['BY']);
    groupBy = parseGroupByItems(p);
  }
  const having = p.optionalWord('HAVING') ? parseCondition(p, 'HAVING') : undefined;
  if (p.isWord('ORDER') && p.isWord('BY', 1)) {
    throw p.error(p.peek().span, 'ORDER BY is not part of the Stream Analytics query language outside OVER (…)',
      'events come out in time order; to rank within a window use TopOne() or CollectTop(n) OVER (ORDER BY …)');
  }
  return select({ items, into, from, where, groupBy, having, span: p.spanFrom(start) });
}

function parseCondition(p: Parser, clause: string): Expression {
  if (p.atEnd()) throw p.unexpected(`expected a condition after ${clause}`);
  return parseExpression(p);
}
