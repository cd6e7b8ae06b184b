// The select list: `*`, `input.*`, `record.field.*`, `expr [AS] alias`, `alias = expr`, `AS 'alias'`.
import { selectExpr, selectStar, type Identifier, type SelectItem } from '../ast/index.ts';
import { parseExpression, startsExpression } from './expression.ts';
import type { Parser } from './parser.ts';

/**
 * select_list ::= select_item [, select_item]*
 * (learn.microsoft.com/stream-analytics-query/select-azure-stream-analytics)
 */
export function parseSelectList(p: Parser): SelectItem[] {
  if (p.isWord('TOP') && (p.peek(1).kind === 'number' || p.isPunct('(', 1))) {
    throw p.error(p.peek().span, 'SELECT TOP is not part of the Stream Analytics query language',
      'to keep the highest-ranked events use TopOne() or CollectTop(n) OVER (ORDER BY …) with a window');
  }
  if (p.isWord('DISTINCT')) {
    throw p.error(p.peek().span, 'SELECT DISTINCT is not part of the Stream Analytics query language',
      'group by the columns instead, or count distinct values with COUNT(DISTINCT x)');
  }
  return p.list(() => parseSelectItem(p));
}

/**
 * select_item ::= '*' | name ['.' name]* '.' '*'
 *               | column_alias '=' expr
 *               | expr [ [AS] (column_alias | 'string alias') ]
 */
function parseSelectItem(p: Parser): SelectItem {
  const start = p.peek();
  if (p.isPunct('*')) {
    p.next();
    return selectStar({ qualifier: [], span: start.span });
  }
  // `alias = expr` (T-SQL style) needs two tokens of lookahead: a name followed by '='.
  if (p.isName() && p.isPunct('=', 1)) {
    const alias = p.name('a column alias');
    p.next();
    const expr = parseExpression(p);
    return selectExpr({ expr, alias, span: p.spanFrom(start) });
  }
  if (!startsExpression(p)) throw p.unexpected('expected a column, expression or * in the select list');
  const expr = parseExpression(p);
  if (expr.kind === 'ColumnRef' && p.isPunct('.') && p.isPunct('*', 1)) {
    p.next();
    p.next();
    return selectStar({ qualifier: expr.path, span: p.spanFrom(start) });
  }
  const alias = parseAlias(p, 'a column alias after AS', true);
  return selectExpr({ expr, alias, span: p.spanFrom(start) });
}

/**
 * alias ::= AS name | AS 'string' (select list only) | name — a bare name must not be a keyword that
 * could continue the statement (`LEFT JOIN`, `TIMESTAMP BY`, `PARTITION BY`, `MATCH_RECOGNIZE (`).
 */
export function parseAlias(p: Parser, what: string, allowString: boolean): Identifier | undefined {
  if (p.optionalWord('AS')) {
    const t = p.peek();
    if (allowString && t.kind === 'string') return p.toIdentifier(p.next());
    return p.name(what);
  }
  if (!p.isName() || continuesClause(p)) return undefined;
  const t = p.peek();
  if (t.kind === 'word') p.noteBareAlias(t);
  return p.name(what);
}

function continuesClause(p: Parser): boolean {
  const t = p.peek();
  if (t.kind !== 'word') return false;
  switch (t.upper) {
    case 'TIMESTAMP': case 'PARTITION': return p.isWord('BY', 1);
    case 'LEFT': case 'RIGHT': case 'FULL': return p.isWord('JOIN', 1) || p.isWord('OUTER', 1);
    case 'MATCH_RECOGNIZE': return true;
    default: return false;
  }
}
