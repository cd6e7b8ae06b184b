// POWER(x, y) keeps the type of x ("if a bigint was submitted … the result returned is bigint").
// https://learn.microsoft.com/stream-analytics-query/power-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { numberArg } from './arg-check.ts';
import { defineScalar, refPage, type BindContext } from './function-def.ts';
import { bigintResult, floatResult, isFloatValue, numericMode, sameNumericType } from './numeric-result.ts';

/**
 * bigint base: a whole, non-negative exponent is computed exactly in 64 bits (overflow is an error);
 * any other exponent goes through a double and is truncated toward zero, as T-SQL's POWER does for
 * an integer base (POWER(2, -1) = 0).
 */
function powerBigint(x: number | bigint, y: number | bigint): number | bigint {
  if (typeof y === 'bigint' || (Number.isInteger(y) && y >= 0)) {
    const e = typeof y === 'bigint' ? y : BigInt(y);
    const b = typeof x === 'bigint' ? x : BigInt(x);
    if (e < 0n) return Math.trunc(Number(b) ** Number(e));
    // Bases −1, 0 and 1 never overflow; anything else does long before an exponent of 64.
    if (b >= -1n && b <= 1n) return b === -1n ? (e % 2n === 0n ? 1 : -1) : b === 0n ? (e === 0n ? 1 : 0) : 1;
    if (e > 64n) return bigintResult('POWER', Infinity);
    return bigintResult('POWER', b ** e);
  }
  return bigintResult('POWER', Math.trunc(Number(x) ** y));
}

export const POWER = defineScalar({
  name: 'POWER',
  category: 'math',
  minArgs: 2,
  doc: refPage('power-azure-stream-analytics'),
  returnType: (ctx: BindContext) => sameNumericType(ctx.argTypes[0]),
  specialise(ctx: BindContext) {
    const mode = numericMode(ctx.argTypes[0]);
    return (args: readonly AsaValue[]): AsaValue => {
      const x = numberArg('POWER', 0, args[0] ?? null);
      const y = numberArg('POWER', 1, args[1] ?? null);
      if (x === null || y === null) return null;
      if (isFloatValue(mode, x)) return floatResult('POWER', Number(x) ** Number(y));
      return powerBigint(x, y);
    };
  },
});
