// ABS and SIGN, and the shared shape of one-argument numeric functions whose result has the
// argument's type ("Returns the same type as expression"): a bigint stays bigint.
// https://learn.microsoft.com/stream-analytics-query/abs-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/sign-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { numberArg } from './arg-check.ts';
import { defineScalar, refPage, type BindContext, type ScalarFunctionDef } from './function-def.ts';
import { bigintResult, isFloatValue, numericMode, sameNumericType } from './numeric-result.ts';

export function unaryNumeric(
  name: string,
  page: string,
  onFloat: (x: number) => number,
  onBigint: (x: number | bigint) => number | bigint,
): ScalarFunctionDef {
  return defineScalar({
    name,
    category: 'math',
    minArgs: 1,
    doc: refPage(page),
    returnType: (ctx: BindContext) => sameNumericType(ctx.argTypes[0]),
    specialise(ctx: BindContext) {
      const mode = numericMode(ctx.argTypes[0]);
      return (args: readonly AsaValue[]): AsaValue => {
        const x = numberArg(name, 0, args[0] ?? null);
        if (x === null) return null;
        return isFloatValue(mode, x) ? onFloat(Number(x)) : bigintResult(name, onBigint(x));
      };
    },
  });
}

export const ABS = unaryNumeric('ABS', 'abs-azure-stream-analytics', Math.abs, (x) => (typeof x === 'bigint' ? (x < 0n ? -x : x) : Math.abs(x)));

export const SIGN = unaryNumeric(
  'SIGN',
  'sign-azure-stream-analytics',
  (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
);
