// FROM: inputs and steps with TIMESTAMP BY / PARTITION BY, joins, and CROSS/OUTER APPLY.
import {
  apply, inputSource, join, numberLiteral, timestampBy,
  type Expression, type FromItem, type Identifier, type InputSource, type MatchRecognize, type NumberLiteral, type TimestampBy,
} from '../ast/index.ts';
import { parseExpression } from './expression.ts';
import { parseMatchRecognize } from './match-recognize.ts';
import type { Parser } from './parser.ts';
import { parseAlias } from './select-list.ts';

/**
 * from_item ::= input_source { [INNER] JOIN input_source ON expr
 *                            | LEFT [OUTER] JOIN input_source ON expr
 *                            | (CROSS | OUTER) APPLY function_call [AS] alias }*
 * (learn.microsoft.com/stream-analytics-query/join-azure-stream-analytics, apply-azure-stream-analytics)
 */
export function parseFromItem(p: Parser): FromItem {
  const start = p.peek();
  let left: FromItem = parseInputSource(p);
  for (;;) {
    if (p.isWord('JOIN') || (p.isWord('INNER') && p.isWord('JOIN', 1))) {
      if (p.isWord('INNER')) p.next();
      left = parseJoinRest(p, left, 'inner', start);
    } else if (p.isWord('LEFT') && (p.isWord('JOIN', 1) || (p.isWord('OUTER', 1) && p.isWord('JOIN', 2)))) {
      p.next();
      p.optionalWord('OUTER');
      left = parseJoinRest(p, left, 'left', start);
    } else if ((p.isWord('RIGHT') || p.isWord('FULL')) && (p.isWord('JOIN', 1) || p.isWord('OUTER', 1))) {
      throw p.error(p.peek().span, `${p.peek().upper} JOIN is not supported by Stream Analytics`,
        'use JOIN (inner) or LEFT OUTER JOIN, swapping the sides if needed');
    } else if ((p.isWord('CROSS') || p.isWord('OUTER')) && p.isWord('APPLY', 1)) {
      const kind = p.next().upper === 'CROSS' ? 'cross' : 'outer';
      p.next();
      const call = parseExpression(p);
      if (call.kind !== 'FunctionCall') {
        throw p.error(call.span, `expected a function call after ${kind.toUpperCase()} APPLY`,
          'for example CROSS APPLY GetArrayElements(e.readings) AS r');
      }
      const alias = parseAlias(p, `a name for the ${kind.toUpperCase()} APPLY result`, false);
      left = apply({ applyType: kind, left, call, alias, span: p.spanFrom(start) });
    } else if (p.isPunct(',')) {
      throw p.error(p.peek().span, 'Stream Analytics has no comma joins in FROM',
        'write a JOIN … ON with a DATEDIFF time bound, or read the second input in its own statement');
    } else {
      return left;
    }
  }
}

function parseJoinRest(p: Parser, left: FromItem, joinType: 'inner' | 'left', start: { span: FromItem['span'] }): FromItem {
  p.expectWord('JOIN', 'in the join');
  const right = parseInputSource(p);
  p.expectWord('ON', `after the input ${right.name.name} of the JOIN`,
    'join conditions bound time too: ON a.k = b.k AND DATEDIFF(second, a, b) BETWEEN 0 AND 10', ['ON']);
  const on = parseExpression(p);
  return join({ joinType, left, right, on, span: p.spanFrom(start.span) });
}

/**
 * input_source ::= name [[AS] alias] { TIMESTAMP BY expr [OVER expr [, …]]
 *                                    | PARTITION BY expr [, …] [INTO number] }
 *                  [MATCH_RECOGNIZE (…) [AS] alias]
 * (learn.microsoft.com/stream-analytics-query/from-azure-stream-analytics, timestamp-by-azure-stream-analytics,
 * into-azure-stream-analytics for the partition count). The parts after the name may come in any order.
 */
function parseInputSource(p: Parser): InputSource {
  const start = p.peek();
  if (p.isPunct('(')) {
    throw p.error(start.span, 'Stream Analytics has no subqueries in FROM', 'define the subquery as a WITH step and read the step');
  }
  const name = p.name('an input or step name');
  let alias: Identifier | undefined;
  let ts: TimestampBy | undefined;
  let partitionBy: Expression[] | undefined;
  let partitionCount: NumberLiteral | undefined;
  let mr: MatchRecognize | undefined;
  for (;;) {
    if (p.isWord('TIMESTAMP') && p.isWord('BY', 1)) {
      if (ts !== undefined) throw p.error(p.peek().span, `TIMESTAMP BY appears twice for ${name.name}`);
      const t = p.next();
      p.next();
      const expr = parseExpression(p);
      const over = p.optionalWord('OVER') ? p.list(() => parseExpression(p)) : [];
      ts = timestampBy({ expr, over, span: p.spanFrom(t) });
    } else if (p.isWord('PARTITION') && p.isWord('BY', 1)) {
      if (partitionBy !== undefined) throw p.error(p.peek().span, `PARTITION BY appears twice for ${name.name}`);
      p.next();
      p.next();
      partitionBy = p.list(() => parseExpression(p));
      if (p.isWord('INTO') && p.peek(1).kind === 'number') {
        p.next();
        const n = p.next();
        partitionCount = numberLiteral({ text: n.value, numberType: /[.eE]/.test(n.value) ? 'float' : 'bigint', span: n.span });
      }
    } else if (p.isWord('MATCH_RECOGNIZE')) {
      mr = parseMatchRecognize(p);
      break;
    } else if (alias === undefined) {
      alias = parseAlias(p, `an alias for ${name.name}`, false);
      if (alias === undefined) break;
    } else {
      break;
    }
  }
  return inputSource({
    name, alias, timestampBy: ts, partitionBy: partitionBy ?? [], partitionCount, matchRecognize: mr, span: p.spanFrom(start),
  });
}
