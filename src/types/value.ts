// The runtime representation of ASA values, chosen so the hot path allocates nothing for scalars:
//   NULL → null · bit → boolean · bigint → number (a safe integer) or, only beyond ±2^53, a JS bigint
//   float → number · nvarchar(max) → string · datetime → AsaDateTime · record → plain object
//   array → JS array
// A JS number is a bigint exactly when Number.isSafeInteger holds; a whole float (AVG of 2 and 4 = 3.0)
// is therefore indistinguishable at run time, and the planner's static type settles it (see
// typeOfStatic and src/types/README.md).
import type { AsaTypeName, StaticType } from './asa-type.ts';
import { AsaDateTime } from './datetime.ts';

export interface AsaRecord {
  [field: string]: AsaValue;
}
export type AsaArray = AsaValue[];

export type AsaValue = null | boolean | number | bigint | string | AsaDateTime | AsaRecord | AsaArray;

/** bigint's 64-bit bounds (Data Types page: -2^63 … 2^63-1). */
export const BIGINT_MIN = -(2n ** 63n);
export const BIGINT_MAX = 2n ** 63n - 1n;

/**
 * The ASA type of a value as seen at run time, or null for NULL. A number that is a safe integer
 * reports bigint; pass the planner's static type to typeOfStatic when it may be a whole float.
 */
export function typeOf(value: AsaValue): AsaTypeName | null {
  switch (typeof value) {
    case 'number':
      return Number.isSafeInteger(value) ? 'bigint' : 'float';
    case 'string':
      return 'nvarchar(max)';
    case 'boolean':
      return 'bit';
    case 'bigint':
      return 'bigint';
    case 'object':
      if (value === null) return null;
      if (value instanceof AsaDateTime) return 'datetime';
      return Array.isArray(value) ? 'array' : 'record';
    default:
      return null;
  }
}

/** typeOf, corrected by what the planner knows: a number in a float-typed expression is a float. */
export function typeOfStatic(value: AsaValue, staticType: StaticType): AsaTypeName | null {
  if (staticType === 'float' && typeof value === 'number') return 'float';
  return typeOf(value);
}

export function isRecord(value: AsaValue): value is AsaRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof AsaDateTime);
}

export function isArray(value: AsaValue): value is AsaArray {
  return Array.isArray(value);
}

export function isNumeric(value: AsaValue): value is number | bigint {
  return typeof value === 'number' || typeof value === 'bigint';
}

/**
 * Normalises a 64-bit integer result: a safe integer becomes a number, anything beyond ±2^53 stays a
 * JS bigint, and anything beyond ±2^63 is undefined (overflow) so callers can choose error or NULL.
 */
export function bigintValue(n: bigint): number | bigint | undefined {
  if (n < BIGINT_MIN || n > BIGINT_MAX) return undefined;
  if (n >= -9007199254740991n && n <= 9007199254740991n) return Number(n);
  return n;
}

/** Converts a numeric value to a JS bigint (only call with integers). */
export function toJsBigint(value: number | bigint): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

/** Converts a numeric value to a double (a JS bigint beyond 2^53 loses precision, as it does in ASA). */
export function toDouble(value: number | bigint): number {
  return typeof value === 'bigint' ? Number(value) : value;
}

/**
 * Checks that an object came from a trusted producer's shape: every value an AsaValue. Connectors and
 * formats call this in tests, not per event.
 */
export function isAsaValue(value: unknown): value is AsaValue {
  if (value === null) return true;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'bigint':
      return value < -9007199254740991n || value > 9007199254740991n ? value >= BIGINT_MIN && value <= BIGINT_MAX : false;
    case 'object':
      if (value instanceof AsaDateTime) return true;
      if (Array.isArray(value)) return value.every(isAsaValue);
      return Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null
        ? Object.values(value as Record<string, unknown>).every(isAsaValue)
        : false;
    default:
      return false;
  }
}
