// Helpers for numeric functions whose result type follows the argument ("Returns the same type as
// expression", ABS/SIGN/CEILING/FLOOR/POWER/ROUND pages): decide float vs bigint once per call site
// from the planner's static type, falling back to the run-time value when the planner does not know.
import { SluiceError } from '../common/index.ts';
import { bigintValue, type StaticType } from '../types/index.ts';

/**
 * How a call site tells a float argument from a bigint one: 'float' and 'bigint' when the planner
 * knows, 'runtime' when it must look at the value (a whole number is then taken as a bigint).
 */
export type NumericMode = 'float' | 'bigint' | 'runtime';

export function numericMode(argType: StaticType | undefined): NumericMode {
  return argType === 'float' ? 'float' : argType === 'bigint' ? 'bigint' : 'runtime';
}

/** Whether a numeric value is to be treated as a float at this call site. */
export function isFloatValue(mode: NumericMode, value: number | bigint): boolean {
  if (mode === 'float') return true;
  if (mode === 'bigint' || typeof value === 'bigint') return false;
  return !Number.isSafeInteger(value);
}

/** Return type for "same type as the argument" functions. */
export function sameNumericType(argType: StaticType | undefined): StaticType {
  return argType === 'float' || argType === 'bigint' || argType === 'null' ? argType : 'any';
}

export function overflowError(fn: string): SluiceError {
  return new SluiceError('SLUICE_FUNC_OVERFLOW', `${fn}: arithmetic overflow converting the result to bigint (64-bit)`, {
    domain: 'user',
    hint: 'CAST the argument to float to compute in floating point',
  });
}

/** An integer result as a bigint value, or an overflow error past 64 bits. */
export function bigintResult(fn: string, n: number | bigint): number | bigint {
  if (typeof n === 'number') {
    if (Number.isSafeInteger(n)) return n;
    if (!Number.isFinite(n)) throw overflowError(fn);
    n = BigInt(n);
  }
  const v = bigintValue(n);
  if (v === undefined) throw overflowError(fn);
  return v;
}

/** A float result; NaN and ±Infinity are outside ASA's float range, so they are errors. */
export function floatResult(fn: string, n: number): number {
  if (Number.isFinite(n)) return n;
  throw new SluiceError('SLUICE_FUNC_FLOAT_RANGE', `${fn}: the result is not a finite float (${n})`, {
    domain: 'user',
    hint: 'float values range over ±1.79E+308 (Data Types page); check the arguments',
  });
}
