// SQUARE, SQRT and EXP: always float. A negative SQRT argument or an EXP overflow is an error, since
// NaN and ±Infinity are outside ASA's float range.
// https://learn.microsoft.com/stream-analytics-query/square-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/sqrt-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/exp-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { numberArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';
import { floatResult } from './numeric-result.ts';

function floatFunction(name: string, page: string, fn: (x: number) => number) {
  return defineScalar({
    name,
    category: 'math',
    minArgs: 1,
    doc: refPage(page),
    returnType: 'float',
    invoke(args: readonly AsaValue[]): AsaValue {
      const x = numberArg(name, 0, args[0] ?? null);
      return x === null ? null : floatResult(name, fn(Number(x)));
    },
  });
}

export const SQUARE = floatFunction('SQUARE', 'square-azure-stream-analytics', (x) => x * x);

/** A negative argument has no real root: an error, not NaN (NaN is outside ASA's float range). */
export const SQRT = floatFunction('SQRT', 'sqrt-azure-stream-analytics', Math.sqrt);

export const EXP = floatFunction('EXP', 'exp-azure-stream-analytics', Math.exp);
