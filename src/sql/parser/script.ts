// A whole job query: statements separated by ';' or simply following each other.
import { queryStatement, script, withStep, type Script, type Statement, type WithStep } from '../ast/index.ts';
import { parseCreateTable } from './create-table.ts';
import type { Parser } from './parser.ts';
import { parseQuery } from './query.ts';

const STATEMENT_KEYWORDS = ['SELECT', 'WITH', 'CREATE', 'WHERE', 'GROUP', 'HAVING', 'UNION', 'JOIN', 'INTO', 'FROM', 'AND', 'OR', 'ON'];

/** script ::= [statement] [ [';'] statement ]* [';'] */
export function parseScriptBody(p: Parser): Script {
  const start = p.peek();
  const statements: Statement[] = [];
  while (p.optionalPunct(';'));
  while (!p.atEnd()) {
    statements.push(parseStatement(p));
    const ended = p.optionalPunct(';') !== undefined;
    while (p.optionalPunct(';'));
    if (!ended && !p.atEnd() && !p.isWord('SELECT') && !p.isWord('WITH') && !p.isWord('CREATE')) {
      if (p.isPunct(')')) throw p.error(p.peek().span, "unexpected ')' with no matching '('");
      throw p.unexpected('expected WHERE, GROUP BY, HAVING, UNION, a JOIN or the end of the statement',
        'a statement continues with WHERE, GROUP BY, HAVING or UNION; the next one starts with SELECT, WITH or CREATE',
        STATEMENT_KEYWORDS);
    }
  }
  if (statements.length === 0) {
    throw p.error(start.span, 'the query is empty', 'write at least one SELECT … INTO output FROM input');
  }
  return script({ statements, span: p.spanFrom(start) });
}

/** statement ::= create_table | [WITH step [, step]*] query */
function parseStatement(p: Parser): Statement {
  if (p.isWord('CREATE')) return parseCreateTable(p);
  const start = p.peek();
  const steps: WithStep[] = p.optionalWord('WITH') ? p.list(() => parseStep(p)) : [];
  if (!p.isWord('SELECT')) {
    throw p.unexpected(steps.length > 0 ? "expected ',' and another step, or the SELECT that uses the WITH steps" : 'expected SELECT, WITH or CREATE TABLE to start a statement',
      undefined, ['SELECT', 'WITH', 'CREATE']);
  }
  const query = parseQuery(p);
  return queryStatement({ with: steps, query, span: p.spanFrom(start) });
}

/** step ::= name AS '(' query ')'   (learn.microsoft.com/stream-analytics-query/with-azure-stream-analytics) */
function parseStep(p: Parser): WithStep {
  const start = p.peek();
  const name = p.name('a step name after WITH');
  p.expectWord('AS', `after the step name ${name.name}`, `write ${name.name} AS (SELECT …)`, ['AS']);
  const open = p.expectPunct('(', `after ${name.name} AS`);
  const query = p.nested(() => parseQuery(p));
  p.expectPunct(')', `to close the step ${name.name} opened at ${open.span.start.line}:${open.span.start.column}`);
  return withStep({ name, query, span: p.spanFrom(start) });
}
