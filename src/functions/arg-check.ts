// Argument checks shared by the built-ins, with ASA's own wording for a wrongly typed argument:
// "The 1st argument of function round has invalid type 'nvarchar(max)'. Only 'bigint', 'float' is
// allowed." (engine message quoted in https://learn.microsoft.com/azure/stream-analytics/input-validation).
// Each check passes NULL through to the caller, which decides what NULL means for its function.
import { SluiceError } from '../common/index.ts';
import { AsaDateTime, castError, parseDateTime, toText, typeOf, type AsaTypeName, type AsaValue } from '../types/index.ts';

export function ordinal(index: number): string {
  const n = index + 1;
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

export function argTypeError(fn: string, index: number, value: AsaValue, allowed: readonly AsaTypeName[]): SluiceError {
  const actual = typeOf(value) ?? 'null';
  return new SluiceError(
    'SLUICE_FUNC_ARG_TYPE',
    `The ${ordinal(index)} argument of function ${fn.toLowerCase()} has invalid type '${actual}'. Only ${allowed.map((t) => `'${t}'`).join(', ')} is allowed.`,
    { domain: 'user', hint: 'TRY_CAST the argument to the expected type, or filter such events out first', details: { function: fn, argument: index + 1, type: actual } },
  );
}

/** A user error for an argument whose type is right but whose value is not (negative length …). */
export function argValueError(fn: string, index: number, message: string): SluiceError {
  return new SluiceError('SLUICE_FUNC_ARG_VALUE', `${fn}: the ${ordinal(index)} argument ${message}`, {
    domain: 'user',
    details: { function: fn, argument: index + 1 },
  });
}

const NUMERIC: readonly AsaTypeName[] = ['bigint', 'float'];

/** bigint or float; anything else is ASA's "invalid type" error. */
export function numberArg(fn: string, index: number, value: AsaValue): number | bigint | null {
  if (value === null || typeof value === 'number' || typeof value === 'bigint') return value;
  throw argTypeError(fn, index, value, NUMERIC);
}

/**
 * A bigint-typed parameter (lengths, positions, counts). A float is truncated toward zero, as DATEADD
 * documents for its number ("the fraction is truncated and not rounded"); a JS bigint beyond 2^53 is
 * clamped to a double, which only matters for absurd lengths.
 */
export function integerArg(fn: string, index: number, value: AsaValue): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isInteger(value) ? value : Math.trunc(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw argTypeError(fn, index, value, ['bigint']);
}

/**
 * A string parameter. Scalars of other types convert implicitly, as CONCAT's and LEN's T-SQL heritage
 * implies; records and arrays are an error.
 */
export function stringArg(fn: string, index: number, value: AsaValue): string | null {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'object' && !(value instanceof AsaDateTime)) throw argTypeError(fn, index, value, ['nvarchar(max)']);
  return toText(value);
}

/** A datetime parameter; a string converts implicitly ("date can be … a string literal", DATEADD page). */
export function dateTimeArg(fn: string, index: number, value: AsaValue): AsaDateTime | null {
  if (value === null || value instanceof AsaDateTime) return value;
  if (typeof value === 'string') {
    const parsed = parseDateTime(value);
    if (parsed === undefined) throw castError(value, 'datetime', { expression: `${fn} argument ${index + 1}` }, false);
    return parsed;
  }
  throw argTypeError(fn, index, value, ['datetime']);
}

export function arityError(fn: string, count: number, min: number, max: number): SluiceError {
  const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  return new SluiceError('SLUICE_FUNC_ARITY', `function ${fn} takes ${expected} argument${expected === '1' ? '' : 's'}, got ${count}`, {
    domain: 'user',
  });
}
