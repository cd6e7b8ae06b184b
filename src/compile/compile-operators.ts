// CASE and the binary operators over already-compiled operands: three-valued AND/OR with
// short-circuit, SQL comparison (NULL gives UNKNOWN), bitwise and arithmetic with ASA's typing.
import type { BoundExpr } from '../plan/index.ts';
import type { Evaluator } from '../runtime/index.ts';
import {
  and3,
  arithmetic,
  bitwise,
  compareValues,
  not3,
  or3,
  sqlEquals,
  type ArithmeticOperator,
  type BitwiseOperator,
} from '../types/index.ts';
import { withSpan, type CompileContext } from './compile-context.ts';
import { toBool3 } from './to-bool3.ts';

/** CASE over compiled parts: simple when `operand` is given, searched otherwise (CASE page). */
export function compileCase(
  operand: Evaluator | undefined,
  whens: readonly { readonly when: Evaluator; readonly then: Evaluator }[],
  elseExpr: Evaluator | undefined,
): Evaluator {
  if (operand !== undefined) {
    // Simple CASE: the first WHEN equal to the operand (NULL matches nothing).
    return (ctx) => {
      const v = operand(ctx);
      for (let i = 0; i < whens.length; i++) {
        const w = whens[i] as { when: Evaluator; then: Evaluator };
        if (sqlEquals(v, w.when(ctx)) === true) return w.then(ctx);
      }
      return elseExpr === undefined ? null : elseExpr(ctx);
    };
  }
  return (ctx) => {
    for (let i = 0; i < whens.length; i++) {
      const w = whens[i] as { when: Evaluator; then: Evaluator };
      if (toBool3(w.when(ctx)) === true) return w.then(ctx);
    }
    return elseExpr === undefined ? null : elseExpr(ctx);
  };
}

/** A binary operator over its compiled operands; errors get the operator's span. */
export function compileBinary(expr: Extract<BoundExpr, { kind: 'Binary' }>, left: Evaluator, right: Evaluator, cx: CompileContext): Evaluator {
  const { span } = expr;
  const fail = (err: unknown): never => withSpan(err, span, cx.sourceText);
  switch (expr.op) {
    case 'AND':
      return (ctx) => {
        const l = toBool3(left(ctx));
        return l === false ? false : and3(l, toBool3(right(ctx)));
      };
    case 'OR':
      return (ctx) => {
        const l = toBool3(left(ctx));
        return l === true ? true : or3(l, toBool3(right(ctx)));
      };
    case '=':
      return (ctx) => sqlEquals(left(ctx), right(ctx));
    case '<>':
    case '!=':
      return (ctx) => not3(sqlEquals(left(ctx), right(ctx)));
    case '<':
    case '!>':
    case '<=':
    case '>':
    case '!<':
    case '>=': {
      const test = comparison(expr.op);
      return (ctx) => {
        try {
          const c = compareValues(left(ctx), right(ctx));
          return c === null ? null : test(c);
        } catch (err) {
          return fail(err);
        }
      };
    }
    case '&':
    case '|':
    case '^': {
      const op: BitwiseOperator = expr.op;
      return (ctx) => {
        try {
          return bitwise(op, left(ctx), right(ctx));
        } catch (err) {
          return fail(err);
        }
      };
    }
    default: {
      const op: ArithmeticOperator = expr.op;
      // A whole float (6.0) is a safe integer at run time: the static type keeps 6.0 / 4 = 1.5.
      const floats = expr.left.type === 'float' || expr.right.type === 'float';
      return (ctx) => {
        try {
          return arithmetic(op, left(ctx), right(ctx), floats);
        } catch (err) {
          return fail(err);
        }
      };
    }
  }
}

function comparison(op: '<' | '!>' | '<=' | '>' | '!<' | '>='): (c: number) => boolean {
  switch (op) {
    case '<':
      return (c) => c < 0;
    case '<=':
    case '!>':
      return (c) => c <= 0;
    case '>':
      return (c) => c > 0;
    case '>=':
    case '!<':
      return (c) => c >= 0;
  }
}
