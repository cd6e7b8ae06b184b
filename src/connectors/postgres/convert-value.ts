// ASA value → PostgreSQL parameter for one column, with the checks that pin a bad value to its row and
// column (OutputErrorPolicy=Drop drops exactly that row). Mapping: bigint → int8/int4/int2/numeric (range
// checked), float → float8/float4/numeric, nvarchar(max) → text/varchar(n) (length checked in characters),
// datetime → timestamptz/timestamp/date with microsecond precision (PostgreSQL's; the 7th fractional digit
// of ASA's 100-ns ticks is truncated, never rounded into the next second), bit → boolean, record/array →
// jsonb/json. Values go as text parameters, never into the SQL text.
import { formatJsonValue } from '../../formats/index.ts';
import { AsaDateTime, formatBigint, formatDateTime, formatFloat, type AsaValue } from '../../types/index.ts';
import type { TableColumn } from './table-columns.ts';

export type Converted = { value: string | null } | { reason: string };

const INT_RANGES: Record<string, [bigint, bigint]> = {
  int2: [-32768n, 32767n],
  int4: [-2147483648n, 2147483647n],
  int8: [-(2n ** 63n), 2n ** 63n - 1n],
};

function describe(v: AsaValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'boolean') return `the bit ${v}`;
  if (typeof v === 'number' || typeof v === 'bigint') return `the number ${typeof v === 'bigint' ? formatBigint(v) : String(v)}`;
  if (v instanceof AsaDateTime) return `the datetime ${formatDateTime(v)}`;
  return Array.isArray(v) ? 'an array' : 'a record';
}

function mismatch(v: AsaValue, column: TableColumn): { reason: string } {
  return { reason: `${describe(v)} cannot be written to a ${column.declared} column` };
}

/** Scalars as ASA prints them in text outputs; records and arrays as JSON. */
function asText(v: Exclude<AsaValue, null>): string {
  switch (typeof v) {
    case 'string': return v;
    case 'number': return Number.isSafeInteger(v) ? String(v) : formatFloat(v);
    case 'bigint': return formatBigint(v);
    case 'boolean': return v ? 'true' : 'false';
    default: return v instanceof AsaDateTime ? formatDateTime(v) : formatJsonValue(v);
  }
}

/** `2024-01-02T03:04:05.123456Z`: PostgreSQL keeps microseconds; ASA's 7th digit is dropped. */
export function timestampText(dt: AsaDateTime, withZone: boolean): string {
  const s = formatDateTime(dt).slice(0, 26);
  return withZone ? `${s}Z` : s;
}

export function convertValue(v: AsaValue, column: TableColumn): Converted {
  if (v === null) {
    return column.notNull ? { reason: `NULL cannot be written to the NOT NULL column` } : { value: null };
  }
  const t = column.type;
  const range = INT_RANGES[t];
  if (range !== undefined) {
    let n: bigint;
    if (typeof v === 'bigint') n = v;
    else if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
    else if (typeof v === 'number') return { reason: `${describe(v)} is not a whole number, as a ${column.declared} column needs` };
    else return mismatch(v, column);
    if (n < range[0] || n > range[1]) return { reason: `${describe(v)} is out of range for a ${column.declared} column` };
    return { value: n.toString() };
  }
  switch (t) {
    case 'float8':
    case 'float4':
    case 'numeric':
      if (typeof v === 'number') return { value: Number.isSafeInteger(v) ? String(v) : formatFloat(v) };
      if (typeof v === 'bigint') return { value: formatBigint(v) };
      return mismatch(v, column);
    case 'bool':
      if (typeof v === 'boolean') return { value: v ? 'true' : 'false' };
      // bit is 0 or 1 in ASA's type system.
      if (v === 0 || v === 1) return { value: v === 1 ? 'true' : 'false' };
      return mismatch(v, column);
    case 'timestamptz':
    case 'timestamp':
      if (v instanceof AsaDateTime) return { value: timestampText(v, t === 'timestamptz') };
      // Text is left to the server to parse: a bad one is found by the row-by-row retry.
      if (typeof v === 'string') return { value: v };
      return mismatch(v, column);
    case 'date':
      if (v instanceof AsaDateTime) return { value: formatDateTime(v).slice(0, 10) };
      if (typeof v === 'string') return { value: v };
      return mismatch(v, column);
    case 'jsonb':
    case 'json':
      return { value: formatJsonValue(v) };
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'name':
    case 'citext': {
      const s = asText(v);
      if (column.maxLength !== undefined) {
        let chars = 0;
        for (const _ of s) chars++;
        if (chars > column.maxLength) return { reason: `a value of ${chars} characters is too long for a ${column.declared} column` };
      }
      return { value: s };
    }
    default:
      // uuid, inet, interval, bytea, arrays …: text in, the server parses (and a bad value is found row by row).
      if (v instanceof AsaDateTime || typeof v !== 'object') return { value: asText(v) };
      if (t.startsWith('_') && Array.isArray(v)) return { value: arrayLiteral(v) };
      return mismatch(v, column);
  }
}

/** A PostgreSQL array literal of scalars, elements quoted: '{"1","a b",NULL}'. */
function arrayLiteral(items: readonly AsaValue[]): string {
  const parts = items.map((x) => {
    if (x === null) return 'NULL';
    if (Array.isArray(x)) return arrayLiteral(x);
    const s = x instanceof AsaDateTime ? timestampText(x, true) : asText(x);
    return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${parts.join(',')}}`;
}
