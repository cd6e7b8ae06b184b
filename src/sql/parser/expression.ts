// Expressions: ONE Pratt loop over binding powers, plus the prefix forms (literals, names, calls,
// CAST, CASE, parentheses, unary operators). Precedence follows T-SQL, which ASA's operators mirror.
import {
  between, binary, caseExpr, caseWhen, cast, columnRef, functionCall, inList, isNull, like, memberAccess,
  nullLiteral, numberLiteral, star, stringLiteral, unary,
  type BinaryOp, type CaseWhen, type Expression, type FunctionCall, type Identifier,
} from '../ast/index.ts';
import type { Token } from '../token.ts';
import { parseDataType } from './data-type.ts';
import { parseOver } from './over.ts';
import type { Parser } from './parser.ts';

/** Binding powers, loosest first. NOT as a prefix parses its operand above AND and below comparisons. */
export const BP = {
  OR: 10, AND: 20, NOT: 30, COMPARE: 40, ADD: 50, MUL: 60, UNARY: 70, MEMBER: 80,
} as const;

const COMPARISON = new Set(['=', '<>', '!=', '<', '<=', '>', '>=', '!<', '!>']);
const ADDITIVE = new Set(['+', '-', '&', '|', '^']);
const MULTIPLICATIVE = new Set(['*', '/', '%']);

/** expression ::= the full operator grammar; `minBp` stops at operators binding no tighter than it. */
export function parseExpression(p: Parser, minBp = 0): Expression {
  return p.nested(() => {
    const start = p.peek();
    let left = parsePrefix(p);
    for (;;) {
      const t = p.peek();
      const bp = infixPower(p);
      if (bp === undefined || bp <= minBp) return left;
      if (t.kind === 'punct' && t.value === '.') {
        // `System.Window().Id`: a field of a computed record.
        p.next();
        p.deepen();
        const member = p.name("a field name after '.'", true);
        left = memberAccess({ object: left, member, span: p.spanFrom(start) });
        continue;
      }
      p.deepen();
      left = parseInfix(p, left, start, bp);
    }
  });
}

/** The binding power of the operator at the cursor, or undefined when the expression ends here. */
function infixPower(p: Parser): number | undefined {
  const t = p.peek();
  if (t.kind === 'punct') {
    if (COMPARISON.has(t.value)) return BP.COMPARE;
    if (ADDITIVE.has(t.value)) return BP.ADD;
    if (MULTIPLICATIVE.has(t.value)) return BP.MUL;
    if (t.value === '.' && !p.isPunct('*', 1)) return BP.MEMBER;
    return undefined;
  }
  if (t.kind !== 'word') return undefined;
  switch (t.upper) {
    case 'OR': return BP.OR;
    case 'AND': return BP.AND;
    case 'LIKE': case 'IN': case 'BETWEEN': case 'IS': return BP.COMPARE;
    case 'NOT': return p.isWord('LIKE', 1) || p.isWord('IN', 1) || p.isWord('BETWEEN', 1) ? BP.COMPARE : undefined;
    default: return undefined;
  }
}

/**
 * infix ::= expr (OR | AND | comparison_op | + - & | ^ | * / %) expr
 *         | expr [NOT] LIKE expr | expr [NOT] IN '(' expr [, …] ')'
 *         | expr [NOT] BETWEEN expr AND expr | expr IS [NOT] NULL
 */
function parseInfix(p: Parser, left: Expression, start: Token, bp: number): Expression {
  const op = p.next();
  if (op.kind === 'punct') {
    const right = parseOperand(p, bp, `'${op.value}'`);
    return binary({ op: op.value as BinaryOp, left, right, span: p.spanFrom(start) });
  }
  if (op.upper === 'OR' || op.upper === 'AND') {
    const right = parseOperand(p, bp, op.upper);
    return binary({ op: op.upper, left, right, span: p.spanFrom(start) });
  }
  if (op.upper === 'IS') {
    const negated = p.optionalWord('NOT') !== undefined;
    p.expectWord('NULL', `after IS${negated ? ' NOT' : ''}`, 'only IS NULL and IS NOT NULL exist');
    return isNull({ expr: left, negated, span: p.spanFrom(start) });
  }
  const negated = op.upper === 'NOT';
  const word = negated ? p.next().upper : op.upper;
  if (word === 'LIKE') {
    const pattern = parseOperand(p, bp, 'LIKE');
    return like({ expr: left, pattern, negated, span: p.spanFrom(start) });
  }
  if (word === 'IN') {
    const open = p.expectPunct('(', 'after IN', "write IN ('a', 'b')");
    const list = p.list(() => parseExpression(p));
    p.expectPunct(')', `to close the IN list opened at ${open.span.start.line}:${open.span.start.column}`);
    return inList({ expr: left, list, negated, span: p.spanFrom(start) });
  }
  // BETWEEN: the bounds bind tighter than AND, so `x BETWEEN 1 AND 2 AND y` groups as expected.
  const low = parseOperand(p, bp, 'BETWEEN');
  p.expectWord('AND', 'between the bounds of BETWEEN', 'write x BETWEEN low AND high');
  const high = parseOperand(p, bp, 'BETWEEN … AND');
  return between({ expr: left, low, high, negated, span: p.spanFrom(start) });
}

/** The right operand of an operator, with a message that names the operator when it is missing. */
function parseOperand(p: Parser, bp: number, after: string): Expression {
  if (!startsExpression(p)) throw p.unexpected(`expected an expression after ${after}`);
  return parseExpression(p, bp);
}

/** Whether the token at the cursor can begin an expression. */
export function startsExpression(p: Parser): boolean {
  const t = p.peek();
  switch (t.kind) {
    case 'number': case 'string': case 'bracketName': case 'quotedName': return true;
    case 'punct': return t.value === '(' || t.value === '-' || t.value === '+' || t.value === '~';
    case 'word': return p.isName() || t.upper === 'NULL' || t.upper === 'NOT' || t.upper === 'CASE';
    default: return false;
  }
}

/**
 * prefix ::= number | string | NULL | '(' expr ')' | (- | + | ~) expr | NOT expr
 *          | CASE … END | (CAST | TRY_CAST) '(' expr AS data_type ')'
 *          | name ['.' name]* [ '(' call_args ')' [over_clause] ]
 */
function parsePrefix(p: Parser): Expression {
  const t = p.peek();
  switch (t.kind) {
    case 'number':
      p.next();
      return numberLiteral({ text: t.value, numberType: /[.eE]/.test(t.value) ? 'float' : 'bigint', span: t.span });
    case 'string':
      p.next();
      return stringLiteral({ value: t.value, span: t.span });
    case 'punct':
      if (t.value === '(') {
        p.next();
        const inner = parseExpression(p);
        p.expectPunct(')', `to close the '(' opened at ${t.span.start.line}:${t.span.start.column}`);
        return inner;
      }
      if (t.value === '-' || t.value === '+' || t.value === '~') {
        p.next();
        const operand = parseOperand(p, BP.UNARY, `unary '${t.value}'`);
        return unary({ op: t.value, operand, span: p.spanFrom(t) });
      }
      break;
    case 'word':
      if (t.upper === 'NULL') {
        p.next();
        return nullLiteral({ span: t.span });
      }
      if (t.upper === 'NOT') {
        p.next();
        const operand = parseOperand(p, BP.NOT, 'NOT');
        return unary({ op: 'NOT', operand, span: p.spanFrom(t) });
      }
      if (t.upper === 'CASE') return parseCase(p);
      if ((t.upper === 'CAST' || t.upper === 'TRY_CAST') && p.isPunct('(', 1)) return parseCast(p);
      break;
    default:
      break;
  }
  if (p.isName()) return parseNameOrCall(p);
  throw p.unexpected('expected an expression');
}

/** name_or_call ::= name ['.' name]* [ '(' call_args ')' [over_clause] ] */
function parseNameOrCall(p: Parser): Expression {
  const start = p.peek();
  const path: Identifier[] = [p.name('a name')];
  // After a dot anything is a name (`System.Timestamp`, `e.[from]`), except `.*`, which the select list owns.
  while (p.isPunct('.') && !p.isPunct('*', 1) && p.peek(1).kind !== 'punct') {
    p.next();
    path.push(p.name("a field name after '.'", true));
  }
  if (!p.isPunct('(')) return columnRef({ path, span: p.spanFrom(start) });
  return parseCallRest(p, path, start);
}

/**
 * call_args ::= '(' [ [DISTINCT | ALL] ( '*' | expr ) [, expr]* ] ')' [over_clause]
 * `Percentile_Cont(0.5) WITHIN GROUP (…)` is T-SQL; ASA writes OVER (ORDER BY …)
 * (learn.microsoft.com/stream-analytics-query/percentile-cont-azure-stream-analytics).
 */
function parseCallRest(p: Parser, name: readonly Identifier[], start: Token): FunctionCall {
  const open = p.expectPunct('(', 'after the function name');
  const fname = name.map((n) => n.name).join('.');
  let quantifier: 'DISTINCT' | 'ALL' | undefined;
  const args: Expression[] = [];
  if (!p.isPunct(')')) {
    if (p.isWord('DISTINCT') || (p.isWord('ALL') && !p.isPunct(')', 1) && !p.isPunct(',', 1))) {
      quantifier = p.next().upper as 'DISTINCT' | 'ALL';
    }
    for (;;) {
      if (p.isPunct('*')) {
        args.push(star({ span: p.next().span }));
      } else {
        if (!startsExpression(p)) {
          throw p.unexpected(`expected an argument of ${fname}(…)`);
        }
        args.push(parseExpression(p));
      }
      if (!p.optionalPunct(',')) break;
    }
  }
  if (!p.isPunct(')')) {
    throw p.unexpected(`expected ',' or ')' to close ${fname}( opened at ${open.span.start.line}:${open.span.start.column}`,
      'a closing parenthesis or a comma between arguments is missing', []);
  }
  p.next();
  if (p.isWord('WITHIN') && p.isWord('GROUP', 1)) {
    throw p.error(p.peek().span, `WITHIN GROUP is not Stream Analytics syntax`,
      `write ${fname}(p) OVER (ORDER BY expr [ASC|DESC])`);
  }
  // `OVER (` only: in `TIMESTAMP BY f(x) OVER key` the OVER belongs to TIMESTAMP BY.
  const over = p.isWord('OVER') && p.isPunct('(', 1) ? parseOver(p, parseExpression) : undefined;
  return functionCall({ name, quantifier, args, over, span: p.spanFrom(start) });
}

/** cast ::= (CAST | TRY_CAST) '(' expr AS data_type ')' */
function parseCast(p: Parser): Expression {
  const start = p.next();
  const open = p.expectPunct('(', `after ${start.upper}`);
  const expr = parseExpression(p);
  p.expectWord('AS', `in ${start.upper}(expr AS type)`, `write ${start.upper}(expr AS bigint)`, ['AS']);
  const type = parseDataType(p);
  p.expectPunct(')', `to close ${start.upper}( opened at ${open.span.start.line}:${open.span.start.column}`);
  return cast({ tryCast: start.upper === 'TRY_CAST', expr, type, span: p.spanFrom(start) });
}

/**
 * case ::= CASE [expr] WHEN expr THEN expr [WHEN …]* [ELSE expr] END
 * (learn.microsoft.com/stream-analytics-query/case-azure-stream-analytics says ELSE is required; that is
 * left to the binder so the message can say so plainly.)
 */
function parseCase(p: Parser): Expression {
  const start = p.next();
  const operand = p.isWord('WHEN') ? undefined : parseExpression(p);
  const whens: CaseWhen[] = [];
  while (p.isWord('WHEN')) {
    const w = p.next();
    const when = parseExpression(p);
    p.expectWord('THEN', 'after the WHEN condition of CASE', undefined, ['THEN']);
    const then = parseExpression(p);
    whens.push(caseWhen({ when, then, span: p.spanFrom(w) }));
  }
  if (whens.length === 0) throw p.unexpected('expected WHEN in CASE', 'write CASE WHEN cond THEN value ELSE other END', ['WHEN']);
  const elseExpr = p.optionalWord('ELSE') ? parseExpression(p) : undefined;
  p.expectWord('END', `to close the CASE opened at ${start.span.start.line}:${start.span.start.column}`, undefined, ['END', 'ELSE', 'WHEN']);
  return caseExpr({ operand, whens, else: elseExpr, span: p.spanFrom(start) });
}
