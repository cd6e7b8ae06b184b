// ROUND(x, length): halves round away from zero; a negative length rounds left of the decimal point
// and gives 0 once it passes every digit; bigint stays bigint and float stays float. Rounding works on
// the decimal digits the value prints as, not on its binary fraction, so the page's
// ROUND(123.9995, 3) = 124.0 holds although 123.9995 is stored as 123.99949999….
// https://learn.microsoft.com/stream-analytics-query/round-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { integerArg, numberArg } from './arg-check.ts';
import { defineScalar, refPage, type BindContext } from './function-def.ts';
import { bigintResult, isFloatValue, numericMode, sameNumericType } from './numeric-result.ts';

const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** x · 10^e, computed on the decimal text so that no binary rounding creeps in. */
function shiftDecimal(x: number, e: number): number {
  const text = String(x);
  const at = text.indexOf('e');
  return at < 0 ? Number(`${text}e${e}`) : Number(`${text.slice(0, at)}e${Number(text.slice(at + 1)) + e}`);
}

export function roundFloat(x: number, length: number): number {
  if (x === 0) return 0; // -0 too: a rounded zero prints as 0
  if (!Number.isFinite(x)) return x;
  if (length > 20) return x; // beyond a double's 17 significant digits nothing changes
  if (length >= -22) {
    // Fast path: scale in binary, valid unless the scaled value sits so near a half that binary
    // error (≈ |scaled|·ε) could flip the decision; powers of ten up to 1e22 are exact doubles, and
    // integer ÷ 10^k rounds correctly, giving the same double as parsing the decimal text.
    const p = POW10[Math.abs(length)] as number;
    const scaled = length >= 0 ? x * p : x / p;
    const abs = Math.abs(scaled);
    if (abs < 2 ** 52 && Math.abs(abs - Math.floor(abs) - 0.5) > abs * 4 * Number.EPSILON + 1e-300) {
      const r = Math.sign(scaled) * Math.round(abs);
      if (r === 0) return 0;
      return length >= 0 ? r / p : r * p;
    }
  }
  const shifted = shiftDecimal(x, length);
  if (!Number.isFinite(shifted)) return x;
  const rounded = Math.sign(shifted) * Math.round(Math.abs(shifted));
  return rounded === 0 ? 0 : shiftDecimal(rounded, -length);
}

export function roundBigint(x: number | bigint, length: number): number | bigint {
  if (length >= 0) return x;
  if (length < -19) return 0; // past every digit of a 64-bit integer
  const f = 10n ** BigInt(-length);
  const n = typeof x === 'bigint' ? x : BigInt(x);
  let q = n / f;
  const rem = n % f;
  const twice = (rem < 0n ? -rem : rem) * 2n;
  if (twice >= f) q += n < 0n ? -1n : 1n;
  return q * f;
}

export const ROUND = defineScalar({
  name: 'ROUND',
  category: 'math',
  minArgs: 2,
  doc: refPage('round-azure-stream-analytics'),
  returnType: (ctx: BindContext) => sameNumericType(ctx.argTypes[0]),
  specialise(ctx: BindContext) {
    const mode = numericMode(ctx.argTypes[0]);
    return (args: readonly AsaValue[]): AsaValue => {
      const x = numberArg('ROUND', 0, args[0] ?? null);
      const length = integerArg('ROUND', 1, args[1] ?? null);
      if (x === null || length === null) return null;
      return isFloatValue(mode, x) ? roundFloat(Number(x), length) : bigintResult('ROUND', roundBigint(x, length));
    };
  },
});
