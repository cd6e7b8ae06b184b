// Comparison and equality with SQL NULL semantics, and three-valued logic for WHERE/HAVING/ON.
// "A comparison with NULL is false in both directions" (WHERE page): a comparison involving NULL is
// UNKNOWN (null), which a filter treats as false, and NOT UNKNOWN is still UNKNOWN.
// bigint and float compare numerically ("You may join on (or compare) a bigint and a float",
// Data Types page); a string meeting a datetime is converted to datetime, as ASA does wherever a
// string is used as a date. Strings compare ordinally (by UTF-16 code unit, case-sensitive) — see
// README.md for why this is an open question.
import { SluiceError } from '../common/index.ts';
import { castError } from './cast.ts';
import { AsaDateTime } from './datetime.ts';
import { parseDateTime } from './datetime-parse.ts';
import { typeOf, type AsaValue } from './value.ts';

/** SQL's three truth values: true, false and UNKNOWN (null). */
export type Bool3 = boolean | null;

export function and3(a: Bool3, b: Bool3): Bool3 {
  if (a === false || b === false) return false;
  return a === null || b === null ? null : true;
}

export function or3(a: Bool3, b: Bool3): Bool3 {
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}

export function not3(a: Bool3): Bool3 {
  return a === null ? null : !a;
}

/** Whether a filter keeps the row: only TRUE passes; FALSE and UNKNOWN drop it. */
export function isTrue(a: Bool3): boolean {
  return a === true;
}

/**
 * Orders two non-NULL values: negative, zero or positive; undefined when the types cannot be ordered
 * against each other (a record, an array, a string against a number). Never throws.
 */
export function compareNonNull(a: Exclude<AsaValue, null>, b: Exclude<AsaValue, null>): number | undefined {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'number' && tb === 'number') return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  if (ta === 'string' && tb === 'string') return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  if ((ta === 'number' || ta === 'bigint' || ta === 'boolean') && (tb === 'number' || tb === 'bigint' || tb === 'boolean')) {
    return compareMixedNumbers(numericOf(a as number | bigint | boolean), numericOf(b as number | bigint | boolean));
  }
  if (a instanceof AsaDateTime) {
    if (b instanceof AsaDateTime) return a.compareTo(b);
    if (tb === 'string') {
      const d = parseDateTime(b as string);
      return d === undefined ? undefined : a.compareTo(d);
    }
    return undefined;
  }
  if (b instanceof AsaDateTime && ta === 'string') {
    const d = parseDateTime(a as string);
    return d === undefined ? undefined : d.compareTo(b);
  }
  return undefined;
}

function numericOf(v: number | bigint | boolean): number | bigint {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** Exact ordering of number/JS-bigint mixes (a JS bigint is always beyond ±2^53). */
function compareMixedNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  // JS compares bigint and number exactly with < and >.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `a < b` style comparison: UNKNOWN (null) if either side is NULL, otherwise the ordering sign.
 * Throws SLUICE_TYPES_COMPARE for types that cannot be ordered, and a cast error when a string meant
 * as a datetime does not parse.
 */
export function compareValues(a: AsaValue, b: AsaValue): number | null {
  if (a === null || b === null) return null;
  const c = compareNonNull(a, b);
  if (c !== undefined) return c;
  if (a instanceof AsaDateTime && typeof b === 'string') throw castError(b, 'datetime', undefined, false);
  if (b instanceof AsaDateTime && typeof a === 'string') throw castError(a, 'datetime', undefined, false);
  throw new SluiceError('SLUICE_TYPES_COMPARE', `cannot compare a value of type '${typeOf(a)}' with a value of type '${typeOf(b)}'`, {
    domain: 'user',
    hint: 'CAST both sides to the same type, or check GetType() first',
  });
}

/**
 * SQL `a = b`: UNKNOWN when either side is NULL. Values whose types cannot meet are simply unequal
 * (a field that is sometimes a string must not stop the job); records and arrays compare deeply.
 */
export function sqlEquals(a: AsaValue, b: AsaValue): Bool3 {
  if (a === null || b === null) return null;
  return valuesEqual(a, b);
}

/** Equality of two non-NULL values, NULLs inside records/arrays counting as equal to each other. */
export function valuesEqual(a: AsaValue, b: AsaValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a === 'object' && typeof b === 'object') {
    if (a instanceof AsaDateTime || b instanceof AsaDateTime) {
      return a instanceof AsaDateTime && b instanceof AsaDateTime && a.equals(b);
    }
    if (Array.isArray(a) || Array.isArray(b)) {
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i] ?? null, b[i] ?? null)) return false;
      return true;
    }
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k) || !valuesEqual(a[k] ?? null, b[k] ?? null)) return false;
    }
    return true;
  }
  const c = compareNonNull(a, b);
  return c === 0;
}

/** A total order for sorting (ORDER BY in TopOne/CollectTop, deterministic output): NULL first. */
export function sortCompare(a: AsaValue, b: AsaValue): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  const c = compareNonNull(a, b);
  if (c !== undefined) return c;
  // Different, unorderable types: order by type name so the result is at least deterministic.
  const ta = typeOf(a) ?? '';
  const tb = typeOf(b) ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}
