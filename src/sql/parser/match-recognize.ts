// MATCH_RECOGNIZE (…) AS alias after an input, following the grammar on
// learn.microsoft.com/stream-analytics-query/match-recognize-stream-analytics.
import {
  matchRecognize, measure, patternAlternation, patternAny, patternDefinition, patternQuantified, patternSequence,
  patternVariable, type Expression, type MatchRecognize, type Measure, type Pattern,
} from '../ast/index.ts';
import { parseExpression } from './expression.ts';
import { parseTimeSpan } from './over.ts';
import type { Parser } from './parser.ts';

/**
 * match_recognize ::= MATCH_RECOGNIZE '('
 *     LIMIT DURATION '(' time_unit ',' time ')'
 *     [PARTITION BY expr [, …]]
 *     [MEASURES expr AS alias [, …]]
 *     [AFTER MATCH SKIP TO NEXT ROW]
 *     PATTERN '(' pattern ')'
 *     DEFINE name AS condition [, …]
 *   ')' [AS] alias
 */
export function parseMatchRecognize(p: Parser): MatchRecognize {
  const start = p.expectWord('MATCH_RECOGNIZE', 'after the input');
  const open = p.expectPunct('(', 'after MATCH_RECOGNIZE');
  p.expectWord('LIMIT', 'first in MATCH_RECOGNIZE', 'MATCH_RECOGNIZE starts with LIMIT DURATION(unit, length)', ['LIMIT']);
  p.expectWord('DURATION', 'after LIMIT');
  const limitDuration = parseTimeSpan(p, parseExpression, 'LIMIT DURATION');
  let partitionBy: Expression[] = [];
  if (p.optionalWord('PARTITION')) {
    p.expectWord('BY', 'after PARTITION');
    partitionBy = p.list(() => parseExpression(p));
  }
  let measures: Measure[] = [];
  if (p.optionalWord('MEASURES')) {
    measures = p.list(() => {
      const m = p.peek();
      const expr = parseExpression(p);
      p.expectWord('AS', 'after a MEASURES expression', 'every measure needs a name: Last(A.x) AS lastX', ['AS']);
      const alias = p.name('a measure name');
      return measure({ expr, alias, span: p.spanFrom(m) });
    });
  }
  let skipToNextRow = false;
  if (p.optionalWord('AFTER')) {
    p.expectWord('MATCH', 'after AFTER');
    p.expectWord('SKIP', 'after AFTER MATCH');
    p.expectWord('TO', 'after AFTER MATCH SKIP', 'Stream Analytics supports only AFTER MATCH SKIP TO NEXT ROW');
    p.expectWord('NEXT', 'after AFTER MATCH SKIP TO', 'Stream Analytics supports only AFTER MATCH SKIP TO NEXT ROW');
    p.expectWord('ROW', 'after AFTER MATCH SKIP TO NEXT');
    skipToNextRow = true;
  }
  p.expectWord('PATTERN', 'in MATCH_RECOGNIZE', 'the clauses go LIMIT DURATION, PARTITION BY, MEASURES, AFTER MATCH, PATTERN, DEFINE',
    ['PATTERN', 'MEASURES', 'PARTITION', 'AFTER']);
  const popen = p.expectPunct('(', 'after PATTERN');
  const pattern = parseAlternation(p);
  p.expectPunct(')', `to close PATTERN( opened at ${popen.span.start.line}:${popen.span.start.column}`);
  p.expectWord('DEFINE', 'after PATTERN (…)', undefined, ['DEFINE']);
  const define = p.list(() => {
    const d = p.peek();
    const name = p.name('a pattern variable name');
    p.expectWord('AS', `after ${name.name} in DEFINE`, undefined, ['AS']);
    const condition = parseExpression(p);
    return patternDefinition({ name, condition, span: p.spanFrom(d) });
  });
  p.expectPunct(')', `to close MATCH_RECOGNIZE( opened at ${open.span.start.line}:${open.span.start.column}`);
  p.optionalWord('AS');
  const alias = p.name('a name for the MATCH_RECOGNIZE result (… ) AS M');
  return matchRecognize({ limitDuration, partitionBy, measures, skipToNextRow, pattern, define, alias, span: p.spanFrom(start) });
}

/** pattern_group ::= pattern_sequence [ '|' pattern_sequence ]* */
function parseAlternation(p: Parser): Pattern {
  return p.nested(() => {
    const start = p.peek();
    const alternatives = [parseSequence(p)];
    while (p.optionalPunct('|')) alternatives.push(parseSequence(p));
    return alternatives.length === 1 ? (alternatives[0] as Pattern) : patternAlternation({ alternatives, span: p.spanFrom(start) });
  });
}

/** pattern_sequence ::= pattern_atom [ pattern_atom ]* */
function parseSequence(p: Parser): Pattern {
  const start = p.peek();
  const items = [parseQuantified(p)];
  while (p.isName() || p.isPunct('.') || p.isPunct('(')) items.push(parseQuantified(p));
  return items.length === 1 ? (items[0] as Pattern) : patternSequence({ items, span: p.spanFrom(start) });
}

/**
 * pattern_atom ::= ( name | '.' | '(' pattern_group ')' ) [ '*' | '+' | '?' | '{' [n] [',' [m]] '}' ]
 * The `{n,}` form appears in the query-patterns article, not in the reference grammar.
 */
function parseQuantified(p: Parser): Pattern {
  const start = p.peek();
  let atom: Pattern;
  if (p.isPunct('.')) {
    atom = patternAny({ span: p.next().span });
  } else if (p.isPunct('(')) {
    const open = p.next();
    atom = parseAlternation(p);
    p.expectPunct(')', `to close the pattern group opened at ${open.span.start.line}:${open.span.start.column}`);
  } else if (p.isName()) {
    atom = patternVariable({ name: p.name('a pattern variable'), span: start.span });
  } else {
    throw p.unexpected("expected a pattern variable, '.' or '(' in PATTERN");
  }
  for (;;) {
    if (p.isPunct('*') || p.isPunct('+') || p.isPunct('?')) {
      const q = p.next().value as '*' | '+' | '?';
      atom = patternQuantified({ pattern: atom, quantifier: q, min: undefined, max: undefined, span: p.spanFrom(start) });
    } else if (p.isPunct('{')) {
      p.next();
      const min = p.peek().kind === 'number' ? Number(p.next().value) : undefined;
      let max = min;
      if (p.optionalPunct(',')) max = p.peek().kind === 'number' ? Number(p.next().value) : undefined;
      p.expectPunct('}', 'to close the {n,m} quantifier');
      if (min === undefined && max === undefined) throw p.error(p.spanFrom(start), 'a {n,m} quantifier needs at least one bound');
      atom = patternQuantified({ pattern: atom, quantifier: 'range', min, max, span: p.spanFrom(start) });
    } else {
      return atom;
    }
  }
}
