// Values crossing into and out of JavaScript UDFs, mapped as ASA documents it
// (https://learn.microsoft.com/azure/stream-analytics/stream-analytics-javascript-user-defined-functions):
//   ASA → JS: bigint → Number (exact to 2^53), float → Number, nvarchar(max) → String,
//             datetime → Date (millisecond precision), record → Object, array → Array, NULL → null
//   JS → ASA: a whole Number in long range → bigint, any other Number → float, Date → datetime,
//             String → nvarchar(max), Object → record, Array → array, null/undefined → NULL;
//             anything else (a function, a symbol, NaN) is a runtime error, fatal to the job.
// Booleans are not in the documented table; they map to and from bit.
// Records and arrays are copied only when something inside them needs converting.
import { SluiceError } from '../common/index.ts';
import { AsaDateTime, bigintValue, type AsaRecord, type AsaValue } from '../types/index.ts';

/** The JS value a UDF receives for an ASA value. */
export function toUdfArgument(value: AsaValue): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? Number(value) : value;
  if (value instanceof AsaDateTime) return value.toDate();
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i] ?? null;
      const c = toUdfArgument(v);
      if (c !== v && out === undefined) out = value.slice(0, i);
      if (out !== undefined) out.push(c);
    }
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  for (const key in value) {
    const v = value[key] ?? null;
    const c = toUdfArgument(v);
    if (c !== v && out === undefined) out = { ...value };
    if (out !== undefined) out[key] = c;
  }
  return out ?? value;
}

function udfResultError(fn: string, what: string): SluiceError {
  return new SluiceError('SLUICE_FUNC_UDF_RESULT', `UDF ${fn} returned ${what}, which has no ASA type`, {
    domain: 'user',
    hint: 'return a number, string, boolean, Date, plain object, array, null or undefined',
  });
}

/** The ASA value for what a UDF returned; throws SLUICE_FUNC_UDF_RESULT for unmappable values. */
export function fromUdfResult(fn: string, value: unknown): AsaValue {
  switch (typeof value) {
    case 'undefined':
      return null;
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw udfResultError(fn, String(value));
      // A whole number beyond 2^53 but inside 64 bits is still "a whole Number in long range".
      if (Number.isInteger(value) && !Number.isSafeInteger(value) && Math.abs(value) < 2 ** 63) return bigintValue(BigInt(value)) ?? value;
      return value;
    case 'bigint': {
      const v = bigintValue(value);
      if (v === undefined) throw udfResultError(fn, `${value}n (outside 64 bits)`);
      return v;
    }
    case 'object': {
      if (value === null) return null;
      if (value instanceof Date) {
        const ms = value.getTime();
        if (Number.isNaN(ms)) throw udfResultError(fn, 'an invalid Date');
        return AsaDateTime.fromEpochMs(ms);
      }
      if (Array.isArray(value)) return value.map((v: unknown) => fromUdfResult(fn, v));
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw udfResultError(fn, `an instance of ${(value as object).constructor.name}`);
      const out: AsaRecord = {};
      for (const [k, v] of Object.entries(value)) out[k] = fromUdfResult(fn, v);
      return out;
    }
    default:
      throw udfResultError(fn, `a ${typeof value}`);
  }
}
