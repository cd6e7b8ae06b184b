// An ASA value as ASA's JSON writer prints it: bigint as digits, float always with a fraction or an
// exponent (`3.0`, `1E+15`; formatFloatJson), datetime as `"2023-01-01T00:00:10.0000000Z"`, bit as
// true/false, records and arrays compact. A number that is a safe integer prints as a bigint: the
// value model cannot tell a whole float from a bigint at run time (src/types/value.ts).
// Sources: "Data Types" (JSON out: integer / fraction / ISO 8601), src/types/number-format.ts.
import { AsaDateTime, formatBigint, formatDateTime, formatFloatJson, type AsaValue } from '../../types/index.ts';

/** Field names repeat across events; quoting each once saves a JSON.stringify per field. */
const quotedKeys = new Map<string, string>();
const KEY_CACHE_LIMIT = 10_000;

/** `"key":`, quoted once per distinct key. */
export function quoteKey(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < KEY_CACHE_LIMIT) quotedKeys.set(key, q);
  }
  return q;
}

/**
 * Whether JSON.stringify prints the value exactly as ASA would: everything but JS bigints, non-finite
 * floats and floats that .NET prints in E notation or JS prints without a fraction (|x| ≥ 1e15 or
 * < 1e-4). Datetimes qualify through AsaDateTime.toJSON. Checking first and then letting the native
 * stringify do the work measured ~3× faster than building the text in JS.
 */
function stringifyPrintsAsAsa(v: AsaValue): boolean {
  switch (typeof v) {
    case 'number': {
      if (Number.isSafeInteger(v)) return true;
      const a = Math.abs(v);
      return a >= 1e-4 && a < 1e15 && !Number.isInteger(v);
    }
    case 'bigint':
      return false;
    case 'object':
      if (v === null || v instanceof AsaDateTime) return true;
      if (Array.isArray(v)) {
        for (const item of v) if (!stringifyPrintsAsAsa(item)) return false;
        return true;
      }
      for (const k in v) if (!stringifyPrintsAsAsa(v[k] ?? null)) return false;
      return true;
    default:
      return true;
  }
}

export function formatJsonValue(value: AsaValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof AsaDateTime) return `"${formatDateTime(value)}"`;
  if (typeof value === 'object' && value !== null && stringifyPrintsAsAsa(value)) return JSON.stringify(value);
  return formatSlow(value);
}

function formatSlow(value: AsaValue): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (Number.isSafeInteger(value)) return String(value);
      // .NET's JSON writer quotes the non-finite floats.
      return Number.isFinite(value) ? formatFloatJson(value) : `"${formatFloatJson(value)}"`;
    case 'bigint':
      return formatBigint(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (value === null) return 'null';
  if (value instanceof AsaDateTime) return `"${formatDateTime(value)}"`;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + formatSlow(value[i] ?? null);
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  for (const key in value) {
    const v = value[key];
    if (v === undefined) continue;
    out += (first ? '' : ',') + quoteKey(key) + formatSlow(v);
    first = false;
  }
  return `${out}}`;
}
