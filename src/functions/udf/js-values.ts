// Values across the JavaScript UDF boundary, following the conversion tables of "JavaScript
// user-defined functions in Azure Stream Analytics"
// (https://learn.microsoft.com/azure/stream-analytics/stream-analytics-javascript-user-defined-functions):
//   ASA → JS: bigint → Number (exact to 2^53), float → Number, datetime → Date (milliseconds only),
//             nvarchar(max) → String, record → Object, array → Array, NULL → null; bit → Boolean
//             (bit postdates the page; a boolean is its natural counterpart).
//   JS → ASA: Number → bigint "if the number is round and between long.MinValue and long.MaxValue;
//             otherwise, it's double", Date → datetime, String → nvarchar(max), Object → record,
//             Array → array, null and undefined → NULL, "any other type (for example, a function or
//             error) … results in runtime error". Boolean → bit.
// Not documented, decided here: NaN and ±Infinity become NULL (sluice's float has no such values), an
// invalid Date becomes NULL, a JS BigInt within 64 bits is a bigint, and getters or Proxies in a
// returned value are errors (reading them could run UDF code outside its time limit).
// Arguments are built with the UDF context's own constructors, so a UDF never holds an object of the
// engine's realm (whose `constructor.constructor` would be the engine's Function).
import { types } from 'node:util';
import { SluiceError } from '../../common/index.ts';
import { AsaDateTime, bigintValue, type AsaRecord, type AsaValue } from '../../types/index.ts';

/** Factories that live in the UDF's context (created there before any user code ran). */
export interface RealmFactories {
  readonly object: () => object;
  readonly array: () => unknown[];
  readonly date: (ms: number) => object;
}

const MAX_DEPTH = 64;
// ±2^63 as doubles: long.MinValue is exactly -2^63; a double can't be 2^63 - 1, so test < 2^63.
const LONG_MIN = -(2 ** 63);
const LONG_LIMIT = 2 ** 63;

function define(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** An ASA value as the UDF sees it, built in the UDF's realm. */
export function toJs(value: AsaValue, realm: RealmFactories, depth = 0): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'number':
    case 'string':
    case 'boolean':
      return value;
    case 'bigint':
      return Number(value);
    default:
      break;
  }
  if (depth > MAX_DEPTH) throw conversionError('an argument nests records or arrays too deeply');
  if (value instanceof AsaDateTime) return realm.date(value.epochMs);
  if (Array.isArray(value)) {
    const out = realm.array();
    for (let i = 0; i < value.length; i++) define(out, i, toJs(value[i] ?? null, realm, depth + 1));
    return out;
  }
  const out = realm.object();
  const rec = value as AsaRecord;
  for (const key of Object.keys(rec)) define(out, key, toJs(rec[key] ?? null, realm, depth + 1));
  return out;
}

/** The UDF's return value as an ASA value; throws SLUICE_UDF_RESULT for what ASA calls unsupported. */
export function fromJs(value: unknown, depth = 0): AsaValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return numberFromJs(value);
    case 'bigint': {
      const v = bigintValue(value);
      if (v === undefined) throw conversionError('returned a BigInt outside the 64-bit bigint range');
      return v;
    }
    case 'function':
      throw conversionError('returned a function, which has no Stream Analytics type');
    case 'symbol':
      throw conversionError('returned a symbol, which has no Stream Analytics type');
    default:
      break;
  }
  if (depth > MAX_DEPTH) throw conversionError('returned a value nested too deeply (or containing a cycle)');
  const obj = value as object;
  if (types.isProxy(obj)) throw conversionError('returned a Proxy, which sluice does not read');
  if (types.isDate(obj)) {
    const ms = Date.prototype.getTime.call(obj);
    return Number.isFinite(ms) ? AsaDateTime.fromEpochMs(ms) : null;
  }
  if (types.isNativeError(obj)) throw conversionError('returned an Error object, which has no Stream Analytics type');
  if (Array.isArray(obj)) {
    const length = (Object.getOwnPropertyDescriptor(obj, 'length')?.value as number | undefined) ?? 0;
    const out: AsaValue[] = new Array<AsaValue>(length);
    for (let i = 0; i < length; i++) out[i] = fromJs(dataProperty(obj, String(i)), depth + 1);
    return out;
  }
  const out: AsaRecord = {};
  for (const key of Object.keys(obj)) {
    const v = fromJs(dataProperty(obj, key), depth + 1);
    if (key === '__proto__') define(out, key, v);
    else out[key] = v;
  }
  return out;
}

function numberFromJs(n: number): AsaValue {
  if (!Number.isFinite(n)) return null;
  if (Number.isInteger(n) && n >= LONG_MIN && n < LONG_LIMIT) {
    if (Number.isSafeInteger(n)) return n === 0 ? 0 : n;
    return bigintValue(BigInt(n)) ?? n;
  }
  return n;
}

/** An own data property, never running a getter. */
function dataProperty(obj: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (d === undefined) return undefined;
  if (d.get !== undefined || d.set !== undefined) throw conversionError(`returned an object whose property '${key}' is a getter`);
  return d.value;
}

function conversionError(what: string): SluiceError {
  return new SluiceError('SLUICE_UDF_RESULT', `the JavaScript UDF ${what}`, {
    domain: 'user',
    hint: 'return a number, string, boolean, Date, plain object, array, null or undefined',
  });
}

/**
 * Run first in every UDF/UDA context: keeps that realm's own Object/Array/Date constructors (so values handed
 * to user code belong to its realm) and returns them as RealmFactories.
 */
export const REALM_PRELUDE = `(function () {
  'use strict';
  const O = Object, A = Array, D = Date;
  // V8 puts an inspector-only console in every context; it is not a JavaScript built-in.
  delete globalThis.console;
  return {
    object: function () { return new O(); },
    array: function () { return new A(); },
    date: function (ms) { return new D(ms); },
  };
})()`;
