import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addExact, roundedSum } from './exact-float-sum.ts';
import { seededRandom } from './seeded-random.ts';

/** The correctly rounded sum of doubles, through exact rational arithmetic on BigInts (the reference). */
function referenceSum(xs: readonly number[]): number {
  // Every finite double is m · 2^e with e ≥ -1074: scale all to 2^-1074 units.
  const SHIFT = 1074n;
  let total = 0n;
  for (const x of xs) {
    if (x === 0) continue;
    const buf = new DataView(new ArrayBuffer(8));
    buf.setFloat64(0, x);
    const bits = buf.getBigUint64(0);
    const exp = Number((bits >> 52n) & 0x7ffn);
    let mant = bits & 0xfffffffffffffn;
    if (exp !== 0) mant |= 1n << 52n;
    const e = BigInt(Math.max(exp, 1) - 1075) + SHIFT; // value = mant · 2^(exp-1075)
    const v = mant << e;
    total += x < 0 ? -v : v;
  }
  // Round total · 2^-1074 to a double: Number() of a decimal string is correctly rounded.
  if (total === 0n) return 0;
  const neg = total < 0n;
  const abs = neg ? -total : total;
  // abs / 2^1074 exactly as a decimal: abs · 5^1074 / 10^1074.
  const digits = (abs * 5n ** SHIFT).toString();
  const text = digits.length > 1074 ? `${digits.slice(0, -1074)}.${digits.slice(-1074)}` : `0.${digits.padStart(1074, '0')}`;
  return Number(`${neg ? '-' : ''}${text}`);
}

describe('exact float sum (Shewchuk partials)', () => {
  it('equals the correctly rounded sum where a plain sum does not: 0.1 + 0.2 + 0.3, 1e16 + 1 - 1e16', () => {
    const p: number[] = [];
    for (const x of [0.1, 0.2, 0.3]) addExact(p, x);
    assert.equal(roundedSum(p), 0.6);
    assert.notEqual(0.1 + 0.2 + 0.3, 0.6);
    const q: number[] = [];
    for (const x of [1e16, 1, -1e16]) addExact(q, x);
    assert.equal(roundedSum(q), 1);
  });

  it('adding then taking values back out leaves exactly the sum of what remains (random windows)', () => {
    const next = seededRandom(11);
    for (let round = 0; round < 200; round++) {
      const xs = Array.from({ length: 40 }, () => (next() - 0.5) * 10 ** Math.floor(next() * 30 - 10));
      const p: number[] = [];
      for (const x of xs) assert.ok(addExact(p, x));
      // Take out a random prefix, as a hopping window drops its oldest panes.
      const drop = Math.floor(next() * xs.length);
      for (let i = 0; i < drop; i++) assert.ok(addExact(p, -(xs[i] as number)));
      assert.equal(roundedSum(p), referenceSum(xs.slice(drop)), `round ${round}`);
    }
  });

  it('reports a non-finite value or an overflow as no longer exact', () => {
    assert.equal(addExact([], Infinity), false);
    assert.equal(addExact([], Number.NaN), false);
    const p: number[] = [];
    assert.ok(addExact(p, Number.MAX_VALUE));
    assert.equal(addExact(p, Number.MAX_VALUE), false);
  });
});
